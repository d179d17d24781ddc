import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import PresenceHistory from "./PresenceHistory.svelte";
import type { PresenceChange } from "../lib/bindings";
import { NOW, presenceView } from "../lib/presence.testdata";

const clock = (ms: number) => new Date(ms).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const lines = () => screen.getAllByTestId("presence-change");
const text = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();

describe("PresenceHistory", () => {
  it("shows nothing when the CRM has no presence", () => {
    render(PresenceHistory, { presence: presenceView({ available: false }), now: NOW });
    expect(screen.queryByTestId("presence-history")).toBeNull();
  });

  it("lists each change newest first: time, side and status, cause, note", () => {
    render(PresenceHistory, { presence: presenceView(), now: NOW });
    expect(screen.getByRole("region", { name: "Presence history" })).toBeTruthy();
    expect(screen.getByTestId("presence-history").tagName).toBe("OL");
    expect(lines().map(text)).toEqual([
      `${clock(NOW - 60_000)} Telephony: Available Ringside followed the other side`,
      `${clock(NOW - 62_000)} CRM: Available for Calls set by you`,
      `${clock(NOW - 120_000)} CRM: Lunch Break set by you made during a call, applied after it`,
    ]);
    expect(lines()[2].dataset.note).toBe("KeptForAfterCall");
    expect(screen.getAllByTestId("presence-change-note")).toHaveLength(1);
    expect(lines()[0].querySelector("time")?.getAttribute("datetime")).toBe(new Date(NOW - 60_000).toISOString());
  });

  it("puts the newest first even when they come out of order", () => {
    const history: PresenceChange[] = [
      { at: NOW - 9_000, to: { side: "Crm", status: "Lunch_Break" }, cause: "PushTimeout", note: null },
      { at: NOW - 1_000, to: { side: "Phone", status: { kind: "Busy" } }, cause: "Reconcile", note: "NotApplied" },
      { at: NOW - 5_000, to: { side: "Crm", status: null }, cause: "Login", note: "Outdated" },
    ];
    render(PresenceHistory, { presence: presenceView({ history }), now: NOW });
    expect(lines().map((l) => l.dataset.cause)).toEqual(["Reconcile", "Login", "PushTimeout"]);
    expect(lines().map(text)).toEqual([
      `${clock(NOW - 1_000)} Telephony: Busy Ringside put the two sides back in step Ringside could not set it after several tries`,
      `${clock(NOW - 5_000)} CRM: Offline logged in or out of presence older than the current status, ignored`,
      `${clock(NOW - 9_000)} CRM: Lunch Break set by Omni-Channel after a missed work item`,
    ]);
  });

  it.each([
    ["Supervisor", "set by a supervisor"],
    ["DeclinedWork", "set after you declined work"],
    ["Platform", "set by the telephony platform"],
    ["CallStart", "a call started"],
    ["CallEnd", "a call ended"],
    ["Read", "found when Ringside read it"],
  ] as const)("names the cause %s", (cause, words) => {
    render(PresenceHistory, { presence: presenceView({ history: [{ at: NOW, to: { side: "Phone", status: { kind: "Away" } }, cause, note: null }] }), now: NOW });
    expect(lines()[0].querySelector(".cause")?.textContent).toBe(words);
  });

  it("says when there are no changes yet", () => {
    render(PresenceHistory, { presence: presenceView({ history: [] }), now: NOW });
    expect(screen.getByTestId("presence-history-empty").textContent).toBe("No presence changes yet.");
    expect(screen.queryByTestId("presence-history")).toBeNull();
  });
});
