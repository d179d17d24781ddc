import { describe, expect, it } from "vitest";
import { duration, outcomeBadge } from "./format";
import type { HistoryEntry } from "./bindings";

describe("duration", () => {
  it.each([
    [0, "0:00"],
    [7, "0:07"],
    [65, "1:05"],
    [3723, "1:02:03"],
    [-5, "0:00"],
  ])("%i s → %s", (s, want) => expect(duration(s)).toBe(want));
});

describe("outcomeBadge", () => {
  const e = { status: "Decided", writer: "AcdService" } as HistoryEntry;
  it("names the writer", () => expect(outcomeBadge(e)).toEqual({ label: "ACD service logs it", tone: "ok" }));
  it("live calls are in progress", () => expect(outcomeBadge({ ...e, status: "Live" }).tone).toBe("live"));
});

describe("outcomeBadge with Ringside's CRM write (WRAP-5)", () => {
  const e = { status: "Decided", writer: "Companion" } as HistoryEntry;
  it.each([
    [{ state: "Pending" }, "Waiting to log", "live"],
    [{ state: "Logged", crm_record_id: "00T000000000001AAA" }, "Logged by Ringside", "ok"],
    [{ state: "Retrying", error: "busy", attempts: 2, next_attempt_at: 0 }, "Retrying", "warn"],
  ] as const)("%o → %s", (delivery, label, tone) => {
    expect(outcomeBadge({ ...e, delivery: delivery as HistoryEntry["delivery"] })).toEqual({ label, tone });
  });
});
