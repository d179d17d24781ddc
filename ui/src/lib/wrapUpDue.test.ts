import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "./bindings";
import { wrapUpDue } from "./wrapUpDue";
import { historyEntry } from "./historyEntry.testdata";

/** A call Ringside logs, its Task waiting to be written. */
function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({
    writer: "Companion",
    reason: "CompanionLogs",
    outcome: "Ringside writes the record",
    do_not_log: false,
    delivery: { state: "Pending" } as HistoryEntry["delivery"],
    ...over,
  });
}

describe("WRAP-1: which wrap-up opens by itself", () => {
  const live = new Set(["sim-1@1000", "sim-2@1000"]);
  const none = new Set<string>();

  it("table", () => {
    const cases: [string, HistoryEntry[], Set<string>, number | null][] = [
      ["a call Ringside logs that just ended", [entry()], none, 1],
      ["still live", [entry({ status: "Live" })], none, null],
      ["the CRM softphone logs it", [entry({ writer: "CrmSoftphone", delivery: null })], none, null],
      ["not logged (the agent ticked the box)", [entry({ writer: null, reason: "AgentChoseDoNotLog", delivery: null })], none, null],
      ["already wrapped up", [entry({ wrapped_up_at: 70_000 })], none, null],
      ["offered once already (Esc deferred it)", [entry()], new Set(["sim-1@1000"]), null],
      ["a call from before this window opened", [entry({ call_id: "old" })], none, null],
      ["the newest first", [entry({ row: 2, call_id: "sim-2" }), entry()], none, 2],
      ["the newest was offered: the one before", [entry({ row: 2, call_id: "sim-2" }), entry()], new Set(["sim-2@1000"]), 1],
      ["an older call with the id of the live one (a restarted phone)", [entry({ started_at: 500 })], none, null],
    ];
    for (const [name, entries, offered, want] of cases) {
      expect(wrapUpDue(entries, live, offered)?.row ?? null, name).toBe(want);
    }
  });
});
