import { describe, expect, it, vi, afterEach } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { flushSync } from "svelte";
import Connect from "./Connect.svelte";
import { clearFieldError, takeFieldError } from "../lib/fieldErrors.svelte";
import type { CrmAccount, Request } from "../lib/bindings";
import { useLanguage } from "../lib/i18n.svelte";

const account: CrmAccount = {
  instance_url: "https://acme.my.salesforce.com",
  org_id: "00D000000000001AAA",
  user_id: "005000000000001AAA",
  username: "ana@acme.com",
  name: "Ana Ruiz",
  sandbox: false,
};

describe("Connect", () => {
  it("signs in to the org the agent names, with the defaults left empty", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "NotConnected", why: null }, send });
    await fireEvent.input(screen.getByTestId("connect-url"), { target: { value: "https://acme.my.salesforce.com" } });
    await fireEvent.click(screen.getByTestId("connect-sign-in"));
    expect(send).toHaveBeenCalledWith({ cmd: "crm_sign_in", login_url: "https://acme.my.salesforce.com", client_id: null, redirect_port: null });
    await fireEvent.click(screen.getByTestId("connect-sandbox"));
    expect(send).toHaveBeenCalledWith({ cmd: "crm_use_sandbox" });
  });

  it("shows the connected user and disconnects only after confirming", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "Connected", account, external_id: false }, send });
    expect(screen.getByTestId("connect-user").textContent).toContain("Ana Ruiz (ana@acme.com)");
    expect(screen.getByText(/Ringside_Call_Id__c/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("connect-disconnect"));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByText(/revokes its access and deletes the token from the keychain/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("connect-disconnect-confirm"));
    expect(send).toHaveBeenCalledWith({ cmd: "crm_disconnect" });
  });

  it("cannot start a second sign-in while one is under way", () => {
    render(Connect, { crm: { state: "Connecting", target: "https://acme.my.salesforce.com", to: { kind: "SignInPage", login_url: "https://acme.my.salesforce.com" }, sign_in_url: null, browser_error: null }, send: vi.fn() });
    expect((screen.getByTestId("connect-sign-in") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId("connect-link")).toBeNull();
  });

  it("a refused org address is explained beside the address, not in a banner", () => {
    render(Connect, { crm: { state: "NotConnected", why: null }, send: vi.fn() });
    expect(takeFieldError({ code: "InvalidInput", message: "The org address starts with https://", field: "login_url" })).toBe(true);
    flushSync();
    expect(screen.getByTestId("field-error-login_url").textContent).toBe("The org address starts with https://");
    clearFieldError();
  });

  it("a callback port that is not a port is refused beside it and nothing is sent", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "NotConnected", why: null }, send });
    await fireEvent.input(screen.getByTestId("connect-port"), { target: { value: "80a" } });
    await fireEvent.click(screen.getByTestId("connect-sign-in"));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByTestId("field-error-redirect_port").textContent).toMatch(/1024 to 65535/);
    await fireEvent.input(screen.getByTestId("connect-port"), { target: { value: "53700" } });
    await fireEvent.click(screen.getByTestId("connect-sign-in"));
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ redirect_port: 53700 }));
    expect(screen.queryByTestId("field-error-redirect_port")).toBeNull();
  });

  it("a sign-in that failed says why beside the form", () => {
    render(Connect, { crm: { state: "NotConnected", why: { kind: "SignInFailed", problem: { cause: "Unavailable", detail: "the sign-in was not finished within 5 minutes" } } }, send: vi.fn() });
    expect(screen.getByTestId("connect-failed").textContent).toMatch(/not finished within 5 minutes/);
  });

  it("a disconnect the agent chose is a note, not an error", () => {
    render(Connect, { crm: { state: "NotConnected", why: { kind: "Disconnected" } }, send: vi.fn() });
    expect(screen.queryByTestId("connect-failed")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("connect-note").textContent).toMatch(/wait in the outbox until you sign in to it again/);
  });

  it("a browser that could not be opened leaves the sign-in address to copy", async () => {
    const url = "https://acme.my.salesforce.com/services/oauth2/authorize?client_id=x&state=s";
    const writeText = vi.fn(async (_t: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(Connect, {
      crm: { state: "Connecting", target: "acme", to: { kind: "Account", username: "acme" }, sign_in_url: url, browser_error: "no browser is set up to open web pages" },
      send: vi.fn(),
    });
    expect(screen.getByTestId("connect-browser-error").textContent).toMatch(/no browser is set up/);
    expect((screen.getByTestId("connect-link-url") as HTMLInputElement).value).toBe(url);
    await fireEvent.click(screen.getByTestId("connect-copy-link"));
    expect(writeText).toHaveBeenCalledWith(url);
    await waitFor(() => expect(screen.getByTestId("connect-copy-link").textContent).toBe("Copied"));
    // Waiting on the browser holds nothing: the agent may sign in again or use the sandbox.
    expect((screen.getByTestId("connect-sign-in") as HTMLButtonElement).disabled).toBe(false);
  });
});

// The connect screen in German and Spanish: its words come from the
// catalogues, and the engine's English explanation is kept inside them.
afterEach(() => useLanguage(null, "en-US"));

describe("Connect in German and Spanish", () => {
  it("the sign-in form speaks German, and a bad port is refused in German", async () => {
    useLanguage("de", "de-DE");
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "NotConnected", why: { kind: "SignInFailed", problem: { cause: "Unavailable", detail: "the sign-in was not finished within 5 minutes" } } }, send });
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Im Browser anmelden");
    expect(screen.getByTestId("connect-sandbox").textContent).toBe("Sandbox verwenden");
    expect(screen.getByTestId("connect").getAttribute("aria-label")).toBe("CRM-Verbindung");
    expect((screen.getByTestId("connect-url") as HTMLInputElement).placeholder).toBe("https://ihrefirma.my.salesforce.com");
    expect(screen.getByTestId("connect-failed").textContent).toBe("Die Anmeldung hat nicht geklappt: das ist hier nicht möglich (the sign-in was not finished within 5 minutes)");
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
    render(Connect, { crm: { state: "NotConnected", why: null }, send: vi.fn() });
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Sign in with the browser");
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("connect-sign-in").textContent).toBe("Iniciar sesión en el navegador");
  });
});
