import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import PresenceMapping from "./PresenceMapping.svelte";
import { MAPPING, presenceView } from "../lib/presence.testdata";

const rows = (testid: string) =>
  within(screen.getByTestId(testid))
    .getAllByRole("row")
    .slice(1)
    .map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent));
const dd = (testid: string) => screen.getByTestId(testid).textContent;

describe("PresenceMapping", () => {
  it("shows nothing when the CRM has no presence", () => {
    render(PresenceMapping, { presence: presenceView({ available: false }) });
    expect(screen.queryByTestId("presence-mapping")).toBeNull();
  });

  it("shows the admin's rules both ways, by the CRM's labels", () => {
    render(PresenceMapping, { presence: presenceView() });
    expect(screen.getByTestId("presence-mapping-source").textContent).toBe(
      "Set by your admin in Salesforce (Ringside Settings and Ringside Presence Rules).",
    );
    expect(screen.getByRole("table", { name: "From the CRM to telephony" })).toBe(screen.getByTestId("presence-mapping-to-phone"));
    expect(rows("presence-mapping-to-phone")).toEqual([
      ["Available for Calls", "Available"],
      ["Online", "Available"],
      ["Away from Desk", "Away"],
      ["Lunch Break", "Away"],
      ["Chat Only", "Busy"],
    ]);
    expect(rows("presence-mapping-to-crm")).toEqual([
      ["Available", "Available for Calls"],
      ["Away", "Away from Desk"],
      ["Busy", "Away from Desk"],
    ]);
    expect(screen.queryByTestId("presence-mapping-off")).toBeNull();
  });

  it("shows the defaults, the status during calls, after calls, and ringing while away", () => {
    render(PresenceMapping, { presence: presenceView() });
    expect(dd("presence-mapping-to-phone-default")).toBe("Busy");
    expect(dd("presence-mapping-crm-offline")).toBe("Offline");
    expect(dd("presence-mapping-to-crm-default")).toBe("Leave the CRM status as it is");
    expect(dd("presence-mapping-on-call")).toBe("On a Call (CRM)");
    expect(dd("presence-mapping-after-call")).toBe("Back to the status before the call");
    expect(dd("presence-mapping-ring-while-away")).toBe("Calls are declined");
  });

  it("a next status after calls, a default for the CRM, calls that ring while away, no status during calls", () => {
    const mapping = { ...MAPPING, return_to_previous: false, next_status: "Available_for_Calls", to_crm_default: "Away_from_Desk", ring_while_away: true, on_call: null };
    render(PresenceMapping, { presence: presenceView({ mapping }) });
    expect(dd("presence-mapping-after-call")).toBe("Change to Available for Calls");
    expect(dd("presence-mapping-to-crm-default")).toBe("Away from Desk");
    expect(dd("presence-mapping-ring-while-away")).toBe("Calls still ring");
    expect(dd("presence-mapping-on-call")).toBe("Leave the CRM status as it is");
  });

  it("neither returning nor a next status keeps the status", () => {
    render(PresenceMapping, { presence: presenceView({ mapping: { ...MAPPING, return_to_previous: false, next_status: null } }) });
    expect(dd("presence-mapping-after-call")).toBe("Keep the status as it is");
  });

  it("lists the warnings", () => {
    render(PresenceMapping, {
      presence: presenceView({
        warnings: [
          { kind: "MixedUrgentChannels", crm: "Everything", channels: ["sfdc_phone", "sfdc_liveagent"] },
          { kind: "UnknownCrmStatus", crm: "Retired_Status" },
          { kind: "Unmapped", crm: "Everything", becomes: { kind: "Busy" } },
          { kind: "OnCallNotBusy", crm: "Online" },
        ],
      }),
    });
    const items = within(screen.getByTestId("presence-mapping-warnings")).getAllByRole("listitem");
    expect(items.map((i) => i.dataset.kind)).toEqual(["MixedUrgentChannels", "UnknownCrmStatus", "Unmapped", "OnCallNotBusy"]);
    expect(items[0].textContent).toBe("Everything mixes live channels: voice and chat. A caller and a chat can reach the agent at once.");
    expect(items[2].textContent).toBe("Everything is not mapped: it sets Busy.");
  });

  it("no warnings, no rules, and sync off", () => {
    render(PresenceMapping, { presence: presenceView({ warnings: [], mapping: { ...MAPPING, enabled: false, to_phone: [], to_crm: [] } }) });
    expect(screen.queryByTestId("presence-mapping-warnings")).toBeNull();
    expect(screen.getByTestId("presence-mapping-off").textContent).toBe("Presence sync is off: this mapping takes effect once your admin turns it on.");
    expect(screen.getByTestId("presence-mapping-to-phone").textContent).toContain("No rules: every status takes the default below.");
    expect(screen.getByTestId("presence-mapping-to-crm").textContent).toContain("No rules: every status takes the default below.");
  });
});
