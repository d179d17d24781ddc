import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Connect from "./Connect.svelte";
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
    render(Connect, { crm: { state: "Connecting", target: "https://acme.my.salesforce.com" }, send: vi.fn() });
    expect((screen.getByTestId("connect-sign-in") as HTMLButtonElement).disabled).toBe(true);
  });
});
