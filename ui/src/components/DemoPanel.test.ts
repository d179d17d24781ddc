import { describe, expect, it, vi, afterEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import DemoPanel from "./DemoPanel.svelte";
import type { CallView, LoginState, Request } from "../lib/bindings";
import { useLanguage } from "../lib/i18n.svelte";

const login: LoginState = { crm: "LoggedOut", companion: "LoggedIn" };

function call(over: Partial<CallView>): CallView {
  return {
    id: "sim-1",
    direction: "Outbound",
    remote: "+13105550100",
    remote_display: "(310) 555-0100",
    queue_name: null,
    queue: false,
    phase: "Outbound",
    started_at: 0,
    answered_at: null,
    checkbox_visible: true,
    do_not_log: false,
    logging: "CompanionLogs",
    anomalies: 0,
    ...over,
  };
}

describe("DemoPanel", () => {
  it("the far end answers a call the agent placed, and either side hangs up", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(DemoPanel, { login, calls: [call({})], send });
    await fireEvent.click(screen.getByTestId("demo-remote-answer"));
    expect(send).toHaveBeenCalledWith({ cmd: "demo", action: { kind: "RemoteAnswer", call_id: "sim-1" } });
    expect(screen.getByTestId("demo-remote-hangup").textContent).toMatch(/Far end hangs up/);
  });

  it("offers no far-end answer once answered, nor for a caller's call", () => {
    render(DemoPanel, {
      login,
      calls: [call({ phase: "Answered" }), call({ id: "sim-2", direction: "Inbound", phase: "Ringing" })],
      send: vi.fn(),
    });
    expect(screen.queryByTestId("demo-remote-answer")).toBeNull();
    const hangups = screen.getAllByTestId("demo-remote-hangup").map((b) => b.textContent ?? "");
    expect(hangups[0]).toMatch(/Far end hangs up/);
    expect(hangups[1]).toMatch(/Caller hangs up/);
  });
});

// The demo panel in German and Spanish.
afterEach(() => useLanguage(null, "en-US"));

describe("DemoPanel in German and Spanish", () => {
  it("speaks German", () => {
    useLanguage("de", "de-DE");
    render(DemoPanel, { login, calls: [call({}), call({ id: "sim-2", direction: "Inbound", phase: "Ringing" })], send: vi.fn() });
    expect(screen.getByRole("heading").textContent).toBe("Demo-Softphone");
    expect(screen.getByTestId("demo-incoming").textContent).toBe("Eingehender Anruf");
    expect(screen.getByTestId("demo-remote-answer").textContent).toBe("Gegenseite nimmt an: (310) 555-0100");
    const hangups = screen.getAllByTestId("demo-remote-hangup").map((b) => b.textContent?.trim());
    expect(hangups).toEqual(["Gegenseite legt auf: (310) 555-0100", "Anrufer legt auf: (310) 555-0100"]);
    expect(screen.getByText("CRM (simuliert): abgemeldet")).toBeTruthy();
    expect(screen.getByTestId("demo-CrmOrgLogin").textContent).toBe("Beim CRM anmelden");
  });

  it("speaks Spanish", () => {
    useLanguage("es", "es-ES");
    render(DemoPanel, { login: { crm: "LoggedIn", companion: "LoggedIn" }, calls: [], send: vi.fn() });
    expect(screen.getByTestId("demo-incoming-queue").textContent).toBe("Llamada entrante de cola");
    expect(screen.getByText("CRM (simulado): sesión iniciada")).toBeTruthy();
    expect(screen.getByTestId("demo-CrmTabClosed").textContent).toBe("Cerrar la pestaña del CRM");
  });
});
