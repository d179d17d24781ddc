import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PhoneSettings from "./PhoneSettings.svelte";
import type { ConnectorStatus, Request } from "../lib/bindings";
import { useLanguage } from "../lib/i18n.svelte";

const demo: ConnectorStatus = { name: "demo", connected: true, down: null, agent_state: null };

describe("PhoneSettings", () => {
  it("points Ringside at baresip with its control address and dial domain", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(PhoneSettings, { phone: { kind: "Demo" }, connector: demo, busy: false, send });
    const save = screen.getByTestId("phone-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("phone-kind-Baresip"));
    await fireEvent.input(screen.getByTestId("phone-ctrl"), { target: { value: " 127.0.0.1:4444 " } });
    await fireEvent.input(screen.getByTestId("phone-dial-domain"), { target: { value: "pbx.example.com" } });
    await fireEvent.click(save);
    expect(send).toHaveBeenCalledWith({
      cmd: "set_phone",
      phone: { kind: "Baresip", ctrl: "127.0.0.1:4444", dial_domain: "pbx.example.com" },
    });
  });

  it("or at a contact-centre platform's socket", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(PhoneSettings, { phone: { kind: "Demo" }, connector: demo, busy: false, send });
    await fireEvent.click(screen.getByTestId("phone-kind-Acd"));
    await fireEvent.input(screen.getByTestId("phone-url"), { target: { value: "wss://acd.example.com/agent" } });
    await fireEvent.input(screen.getByTestId("phone-agent"), { target: { value: "agent-42" } });
    await fireEvent.click(screen.getByTestId("phone-save"));
    expect(send).toHaveBeenCalledWith({ cmd: "set_phone", phone: { kind: "Acd", url: "wss://acd.example.com/agent", agent: "agent-42" } });
  });

  it("says why the phone is not connected, and shows the agent state", () => {
    render(PhoneSettings, {
      phone: { kind: "Baresip", ctrl: "127.0.0.1:4444", dial_domain: "pbx" },
      connector: { name: "baresip", connected: false, down: { code: "TakenOver" }, agent_state: null },
      busy: false,
      send: vi.fn(),
    });
    expect(screen.getByTestId("phone-status").textContent).toContain("baresip: not connected");
    expect(screen.getByTestId("phone-detail").textContent).toContain("Another program keeps connecting to baresip's control socket");
    expect((screen.getByTestId("phone-ctrl") as HTMLInputElement).value).toBe("127.0.0.1:4444");
  });

  it("cannot switch during a call, and says so", async () => {
    render(PhoneSettings, { phone: { kind: "Demo" }, connector: demo, busy: true, send: vi.fn() });
    await fireEvent.click(screen.getByTestId("phone-kind-Acd"));
    expect((screen.getByTestId("phone-save") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("phone-busy").textContent).toContain("Finish the calls in progress");
  });
});

describe("PhoneSettings in German and Spanish", () => {
  afterEach(() => useLanguage(null, "en-US"));

  it("says in German whether the phone is connected, and the agent state", async () => {
    useLanguage("de", "de-DE");
    render(PhoneSettings, {
      phone: { kind: "Acd", url: "wss://acd.example.com/agent", agent: "agent-42" },
      connector: { name: "acd", connected: false, down: null, agent_state: "Ready" },
      busy: true,
      send: vi.fn(),
    });
    expect(screen.getByTestId("phone-status").textContent).toContain("acd: nicht verbunden · Agentenstatus Ready");
    expect(screen.getByText("Contact-Center-Plattform")).toBeTruthy();
    expect(screen.getByLabelText(/Agenten-ID auf der Plattform/)).toBeTruthy();
    expect(screen.getByTestId("phone-busy").textContent).toBe("Beenden Sie die laufenden Anrufe, um zu wechseln.");
  });

  it("names the choices and fields in Spanish", async () => {
    useLanguage("es", "es-ES");
    render(PhoneSettings, { phone: { kind: "Demo" }, connector: demo, busy: false, send: vi.fn(async () => true) });
    expect(screen.getByTestId("phone-status").textContent).toContain("demo: conectado");
    expect(screen.getByText("Softphone de demostración")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("phone-kind-Baresip"));
    expect(screen.getByLabelText(/Marcar números en \(dominio SIP o centralita\)/)).toBeTruthy();
    expect(screen.getByTestId("phone-save").textContent).toBe("Usar este softphone");
  });
});
