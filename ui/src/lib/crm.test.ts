import { describe, expect, it } from "vitest";
import { crmLine, deliveryLine } from "./crm";
import type { CrmAccount } from "./bindings";

const account: CrmAccount = {
  instance_url: "https://acme.my.salesforce.com",
  org_id: "00D000000000001AAA",
  user_id: "005000000000001AAA",
  username: "ana@acme.com",
  name: "Ana",
  sandbox: false,
};

describe("crm lines", () => {
  it("names where call records go in every state", () => {
    expect(crmLine({ state: "Connected", account, external_id: true })).toEqual({ text: "Call records go to acme.my.salesforce.com as ana@acme.com", tone: "on" });
    expect(crmLine({ state: "Connected", account: { ...account, sandbox: true }, external_id: true }).text).toBe("Call records go to the built-in sandbox CRM as ana@acme.com");
    expect(crmLine({ state: "Connecting", target: "the built-in sandbox CRM", sign_in_url: null, browser_error: null }).tone).toBe("warn");
    expect(crmLine({ state: "SignInNeeded", account, reason: "session expired" }).text).toBe("Sign in to ana@acme.com again: session expired. Calls wait until then.");
    expect(crmLine({ state: "NotConnected", reason: null }).text).toBe("No CRM connected; calls wait in the outbox");
  });

  it("summarises the outbox", () => {
    expect(deliveryLine({ pending: 0, failed: 0, written: 9, last_error: null, counting: false })).toBe("all call records written");
    expect(deliveryLine({ pending: 2, failed: 1, written: 9, last_error: "x", counting: false })).toBe("2 waiting · 1 retrying");
  });
});
