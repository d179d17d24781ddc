import { describe, expect, it, vi, afterEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import WaitingWrites from "./WaitingWrites.svelte";
import type { CrmStatus, Request, WaitingWrites as Waiting } from "../lib/bindings";
import { useLanguage } from "../lib/i18n.svelte";

const acme: Waiting = {
  target_id: 4,
  target: {
    org_id: "00D000000000003AAA",
    user_id: "005000000000001AAA",
    instance_url: "https://acme.my.salesforce.com",
    username: "ana@acme.com",
    sandbox: false,
  },
  calls: 12,
};
const offline: Waiting = { target_id: null, target: null, calls: 1 };
const beta: CrmStatus = {
  state: "Connected",
  account: {
    instance_url: "https://beta.my.salesforce.com",
    org_id: "00D000000000002AAA",
    user_id: "005000000000001AAA",
    username: "ana@beta.com",
    name: "Ana Ruiz",
    sandbox: false,
  },
  external_id: true,
};

describe("WaitingWrites", () => {
  it("says which org the waiting calls are for and how to send them", () => {
    render(WaitingWrites, { waiting: [acme], crm: beta, unsaved: 0, send: vi.fn() });
    expect(screen.getByTestId("waiting-writes").textContent).toContain(
      "12 calls wait for acme.my.salesforce.com (ana@acme.com) — sign in to it to send them.",
    );
    expect(screen.queryByTestId("waiting-send-here")).toBeNull();
  });

  it("discards only after the agent gives a reason and confirms", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(WaitingWrites, { waiting: [acme], crm: beta, unsaved: 0, send });
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(send).not.toHaveBeenCalled();
    const confirm = screen.getByTestId("waiting-discard-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(confirm.textContent).toContain("Discard 12 call records");
    await fireEvent.input(screen.getByTestId("waiting-discard-reason"), { target: { value: "trial org deleted" } });
    await fireEvent.click(confirm);
    expect(send).toHaveBeenCalledWith({ cmd: "discard_waiting", target_id: 4, reason: "trial org deleted" });
  });

  it("offers to log calls made while no CRM was connected to the one connected now", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(WaitingWrites, { waiting: [offline], crm: beta, unsaved: 0, send });
    expect(screen.getByTestId("waiting-writes").textContent).toContain("1 call ended while no CRM was connected");
    await fireEvent.click(screen.getByTestId("waiting-send-here"));
    expect(send).toHaveBeenCalledWith({ cmd: "send_unassigned_here" });
  });

  it("shows an org address that does not parse as it is", () => {
    const odd: Waiting = { ...acme, target: { ...acme.target!, instance_url: "acme (migrated)" } };
    render(WaitingWrites, { waiting: [odd], crm: beta, unsaved: 0, send: vi.fn() });
    expect(screen.getByTestId("waiting-writes").textContent).toContain("12 calls wait for acme (migrated)");
  });

  it("tells the agent when finished calls are not saved yet", () => {
    render(WaitingWrites, { waiting: [], crm: beta, unsaved: 2, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("2 finished calls are not saved yet");
  });
});

// The banners about call records not yet written, in German and Spanish.
afterEach(() => useLanguage(null, "en-US"));

const offlineCalls = (calls: number): Waiting => ({ target_id: null, target: null, calls });
const sandbox: CrmStatus = { ...beta, account: { ...beta.account, sandbox: true } } as CrmStatus;

describe("WaitingWrites in German and Spanish", () => {
  it("speaks German, with its plural forms", async () => {
    useLanguage("de", "de-DE");
    const { unmount } = render(WaitingWrites, { waiting: [offlineCalls(3)], crm: beta, unsaved: 1, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("1 beendeter Anruf ist noch nicht gespeichert.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("In beta.my.salesforce.com protokollieren");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByLabelText("Warum werden diese Anrufe nicht protokolliert? (bleibt im Verlauf)")).toBeTruthy();
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("3 Anrufeinträge verwerfen");
    expect(screen.getByText("Abbrechen")).toBeTruthy();
    unmount();
    render(WaitingWrites, { waiting: [offlineCalls(1)], crm: sandbox, unsaved: 4, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("4 beendete Anrufe sind noch nicht gespeichert.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("Im integrierten Sandbox-CRM protokollieren");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("1 Anrufeintrag verwerfen");
  });

  it("speaks Spanish, with its plural forms", async () => {
    useLanguage("es", "es-ES");
    const { unmount } = render(WaitingWrites, { waiting: [offlineCalls(2)], crm: beta, unsaved: 2, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("2 llamadas finalizadas aún no se han guardado.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("Registrarlas en beta.my.salesforce.com");
    expect(screen.getByTestId("waiting-discard").textContent).toBe("Descartar…");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("Descartar 2 registros de llamada");
    unmount();
    render(WaitingWrites, { waiting: [offlineCalls(1)], crm: beta, unsaved: 1, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("1 llamada finalizada aún no se ha guardado.");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("Descartar 1 registro de llamada");
  });
});
