// The banners about call records not yet written, in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import WaitingWrites from "./WaitingWrites.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { CrmStatus, WaitingWrites as Waiting } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const offline = (calls: number): Waiting => ({ target_id: null, target: null, calls });
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
const sandbox: CrmStatus = { ...beta, account: { ...beta.account, sandbox: true } } as CrmStatus;

describe("WaitingWrites in German and Spanish", () => {
  it("speaks German, with its plural forms", async () => {
    useLanguage("de", "de-DE");
    const { unmount } = render(WaitingWrites, { waiting: [offline(3)], crm: beta, unsaved: 1, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("1 beendeter Anruf ist noch nicht gespeichert.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("In beta.my.salesforce.com protokollieren");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByLabelText("Warum werden diese Anrufe nicht protokolliert? (bleibt im Verlauf)")).toBeTruthy();
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("3 Anrufeinträge verwerfen");
    expect(screen.getByText("Abbrechen")).toBeTruthy();
    unmount();
    render(WaitingWrites, { waiting: [offline(1)], crm: sandbox, unsaved: 4, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("4 beendete Anrufe sind noch nicht gespeichert.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("Im integrierten Sandbox-CRM protokollieren");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("1 Anrufeintrag verwerfen");
  });

  it("speaks Spanish, with its plural forms", async () => {
    useLanguage("es", "es-ES");
    const { unmount } = render(WaitingWrites, { waiting: [offline(2)], crm: beta, unsaved: 2, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("2 llamadas finalizadas aún no se han guardado.");
    expect(screen.getByTestId("waiting-send-here").textContent).toBe("Registrarlas en beta.my.salesforce.com");
    expect(screen.getByTestId("waiting-discard").textContent).toBe("Descartar…");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("Descartar 2 registros de llamada");
    unmount();
    render(WaitingWrites, { waiting: [offline(1)], crm: beta, unsaved: 1, send: vi.fn() });
    expect(screen.getByTestId("unsaved-calls").textContent).toContain("1 llamada finalizada aún no se ha guardado.");
    await fireEvent.click(screen.getByTestId("waiting-discard"));
    expect(screen.getByTestId("waiting-discard-confirm").textContent?.trim()).toBe("Descartar 1 registro de llamada");
  });
});
