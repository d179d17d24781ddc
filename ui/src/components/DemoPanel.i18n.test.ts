// The demo panel in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import DemoPanel from "./DemoPanel.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { CallView, LoginState } from "../lib/bindings";

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

const loggedOut: LoginState = { crm: "LoggedOut", companion: "LoggedIn" };

afterEach(() => useLanguage(null, "en-US"));

describe("DemoPanel in German and Spanish", () => {
  it("speaks German", () => {
    useLanguage("de", "de-DE");
    render(DemoPanel, { login: loggedOut, calls: [call({}), call({ id: "sim-2", direction: "Inbound", phase: "Ringing" })], send: vi.fn() });
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
