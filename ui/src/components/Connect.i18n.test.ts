// The connect screen in German and Spanish: its words come from the
// catalogues, and the engine's English explanation is kept inside them.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import Connect from "./Connect.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { CrmAccount, Request } from "../lib/bindings";

const account: CrmAccount = {
  instance_url: "https://acme.my.salesforce.com",
  org_id: "00D000000000001AAA",
  user_id: "005000000000001AAA",
  username: "ana@acme.com",
  name: "Ana Ruiz",
  sandbox: false,
};

afterEach(() => useLanguage(null, "en-US"));

describe("Connect in German and Spanish", () => {
  it("the sign-in form speaks German, and a bad port is refused in German", async () => {
    useLanguage("de", "de-DE");
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "NotConnected", reason: "the sign-in was not finished within 5 minutes" }, send });
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Im Browser anmelden");
    expect(screen.getByTestId("connect-sandbox").textContent).toBe("Sandbox verwenden");
    expect(screen.getByTestId("connect").getAttribute("aria-label")).toBe("CRM-Verbindung");
    expect((screen.getByTestId("connect-url") as HTMLInputElement).placeholder).toBe("https://ihrefirma.my.salesforce.com");
    expect(screen.getByTestId("connect-failed").textContent).toBe("Nicht verbunden: the sign-in was not finished within 5 minutes");
    await fireEvent.input(screen.getByTestId("connect-port"), { target: { value: "80" } });
    await fireEvent.click(screen.getByTestId("connect-sign-in"));
    expect(send).not.toHaveBeenCalled();
    // The port's numbers are written as they are, not grouped the German way.
    expect(screen.getByTestId("field-error-redirect_port").textContent).toBe(
      "Der Callback-Port ist eine Zahl von 1024 bis 65535 (leer lassen für 53682).",
    );
  });

  it("the connected org and its disconnect question speak Spanish", async () => {
    useLanguage("es", "es-ES");
    render(Connect, { crm: { state: "Connected", account, external_id: false }, send: vi.fn(async (_r: Request) => true) });
    expect(screen.getByText("Conectado")).toBeTruthy();
    expect(screen.getByTestId("connect-user").textContent).toContain("https://acme.my.salesforce.com · organización 00D000000000001AAA");
    expect(screen.getByText(/no tiene el campo de ID externo/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("connect-disconnect"));
    expect(screen.getByText(/¿Cerrar sesión en esta organización\?/)).toBeTruthy();
    expect(screen.getByTestId("connect-disconnect-confirm").textContent).toBe("Desconectar");
  });

  it("the sandbox's name in the connected line follows the language", () => {
    useLanguage("de", "de-DE");
    render(Connect, { crm: { state: "Connected", account: { ...account, sandbox: true }, external_id: true }, send: vi.fn() });
    expect(screen.getByTestId("connect-user").textContent).toContain("Integriertes Sandbox-CRM · Org 00D000000000001AAA");
  });

  it("a browser that did not open is explained in Spanish, its reason kept", () => {
    useLanguage("es", "es-ES");
    render(Connect, {
      crm: { state: "Connecting", target: "acme", to: { kind: "Account", username: "acme" }, sign_in_url: "https://acme.my.salesforce.com/x", browser_error: "no browser is set up" },
      send: vi.fn(),
    });
    expect(screen.getByTestId("connect-browser-error").textContent).toBe(
      "El navegador no se abrió: no browser is set up. Abra esta dirección en un navegador de este equipo para iniciar sesión:",
    );
    expect(screen.getByTestId("connect-copy-link").textContent).toBe("Copiar enlace");
    expect(screen.getByTestId("connect-link-url").getAttribute("aria-label")).toBe("Dirección de inicio de sesión");
  });

  it("switching language redraws what is on screen", () => {
    render(Connect, { crm: { state: "NotConnected", reason: null }, send: vi.fn() });
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Sign in with the browser");
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Iniciar sesión en el navegador");
  });
});
