import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { flushSync } from "svelte";
import Connect from "./Connect.svelte";
import { clearFieldError, takeFieldError } from "../lib/fieldErrors.svelte";
import type { CrmAccount, Request } from "../lib/bindings";

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
    render(Connect, { crm: { state: "NotConnected", reason: null }, send });
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
    render(Connect, { crm: { state: "NotConnected", reason: null }, send: vi.fn() });
    expect(takeFieldError({ code: "InvalidInput", message: "The org address starts with https://", field: "login_url" })).toBe(true);
    flushSync();
    expect(screen.getByTestId("field-error-login_url").textContent).toBe("The org address starts with https://");
    clearFieldError();
  });

  it("a callback port that is not a port is refused beside it and nothing is sent", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Connect, { crm: { state: "NotConnected", reason: null }, send });
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
    render(Connect, { crm: { state: "NotConnected", reason: "the sign-in was not finished within 5 minutes" }, send: vi.fn() });
    expect(screen.getByTestId("connect-failed").textContent).toMatch(/not finished within 5 minutes/);
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
