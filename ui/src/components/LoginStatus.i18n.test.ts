import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import LoginStatus from "./LoginStatus.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { ConnectorStatus, LoginState } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const login = { crm: "LoggedIn", companion: "LoggedOut" } as LoginState;
const connector: ConnectorStatus = { name: "baresip", connected: false, down: null, agent_state: "Available" };
const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

describe("LoginStatus", () => {
  it("English", () => {
    render(LoginStatus, { login, connector });
    expect(text("crm-login")).toBe("CRM: logged in");
    expect(text("companion-login")).toBe("Ringside: logged out");
    expect(text("phone")).toBe("Phone: baresip (not connected) · Available");
    expect(screen.getByRole("list").getAttribute("aria-label")).toBe("Login state");
  });

  it("German, and redrawn on a switch to Spanish", () => {
    useLanguage("de", "de-DE");
    render(LoginStatus, { login, connector: { ...connector, connected: true, agent_state: null } });
    expect(text("crm-login")).toBe("CRM: angemeldet");
    expect(text("companion-login")).toBe("Ringside: abgemeldet");
    expect(text("phone")).toBe("Telefon: baresip");
    useLanguage("es", "es-ES");
    flushSync();
    expect(text("crm-login")).toBe("CRM: sesión iniciada");
    expect(text("phone")).toBe("Teléfono: baresip");
    expect(screen.getByRole("list").getAttribute("aria-label")).toBe("Estado de sesión");
  });
});
