import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import History from "./History.svelte";
import type { Request } from "../lib/bindings";
import { historyEntry } from "../lib/historyEntry.testdata";

const entry = historyEntry;

describe("History", () => {
  it("WRAP-5: shows each call's outcome and why", () => {
    const send = vi.fn(async (_r: Request) => true);
    render(History, {
      entries: [
        entry(),
        entry({ row: 2, call_id: "sim-2", writer: "Companion", reason: "CompanionLogs", outcome: "Ringside writes the record", do_not_log: false }),
        entry({ row: 3, call_id: "sim-3", status: "Interrupted", writer: null, reason: null, outcome: "not logged: Ringside stopped during the call" }),
      ],
      send,
    });
    const badges = screen.getAllByTestId("history-badge").map((b) => b.textContent);
    expect(badges).toEqual(["Not logged", "Ringside logs it", "Interrupted"]);
    expect(screen.getAllByTestId("history-outcome")[0].textContent).toContain("you ticked");
    expect(screen.getAllByTestId("history-row")[0].dataset.reason).toBe("AgentChoseDoNotLog");
  });

  it("calls back an inbound caller as a dialback", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(History, { entries: [entry()], send });
    await fireEvent.click(screen.getByText("Call back"));
    expect(send).toHaveBeenCalledWith({ cmd: "call_control", action: { kind: "Dialback", number: "+442079460018" } });
  });

  it("MATCH-5: calling back a matched caller binds the call to that record, and the caller is shown", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(History, { entries: [entry({ who_id: "003000000000001AAA", who_label: "Maria Lopez" })], send });
    expect(screen.getByTestId("history-caller").textContent).toBe("Maria Lopez");
    await fireEvent.click(screen.getByText("Call back"));
    expect(send).toHaveBeenCalledWith({
      cmd: "call_control",
      action: { kind: "Dialback", number: "+442079460018", record: { id: "003000000000001AAA", label: "Maria Lopez" } },
    });
  });

  it("WRAP-5: a failed write says why and when it is retried, and retries now on request", async () => {
    const send = vi.fn(async (_r: Request) => true);
    const retrying = entry({
      row: 7,
      writer: "Companion",
      reason: "CompanionLogs",
      do_not_log: false,
      delivery: { state: "Retrying", error: "the CRM is busy (UNABLE_TO_LOCK_ROW)", attempts: 2, next_attempt_at: 90_000 },
    });
    render(History, { entries: [retrying], send });
    expect(screen.getByTestId("history-badge").textContent).toBe("Retrying");
    expect(screen.getByTestId("history-retry-why").textContent).toContain("(UNABLE_TO_LOCK_ROW) · attempt 2, next at");
    await fireEvent.click(screen.getByTestId("history-retry"));
    expect(send).toHaveBeenCalledWith({ cmd: "retry_now", row: 7 });
  });

  it("WRAP-5: a logged call shows its CRM record and wrap-up; unlogged calls offer no wrap-up", () => {
    const logged = entry({
      row: 8,
      writer: "Companion",
      reason: "CompanionLogs",
      do_not_log: false,
      delivery: { state: "Logged", crm_record_id: "00T000000000042AAA" },
      disposition: "Resolved",
      case: { id: "500000000000001AAA", label: "00001001 Invoice" },
      wrapped_up_at: 70_000,
    });
    render(History, { entries: [logged, entry()], send: vi.fn() });
    expect(screen.getAllByTestId("history-badge")[0].textContent).toBe("Logged by Ringside");
    expect(screen.getByTestId("history-record").textContent).toContain("00T000000000042AAA");
    expect(screen.getByTestId("history-wrapup").textContent).toBe("Resolved · 00001001 Invoice");
    const buttons = screen.getAllByTestId("history-wrapup-open");
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(["Edit wrap-up"]);
  });

  it("DNL-4: a call kept out of the CRM can be logged afterwards; other calls cannot", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(History, {
      entries: [
        entry(),
        entry({ row: 2, call_id: "sim-2", reason: "DefaultDoNotLog" }),
        entry({ row: 3, call_id: "sim-3", writer: "Companion", reason: "LoggedAfterwards", delivery: { state: "Pending" } }),
        entry({ row: 4, call_id: "sim-4", writer: "CrmSoftphone", reason: "CrmLoggedIn" }),
        entry({ row: 5, call_id: "sim-5", status: "Live", reason: null }),
      ],
      send,
    });
    const rows = screen.getAllByTestId("history-row");
    const offered = rows.map((r) => r.querySelector("[data-testid=history-log-afterwards]") !== null);
    expect(offered).toEqual([true, true, false, false, false]);
    await fireEvent.click(rows[1].querySelector("[data-testid=history-log-afterwards]")!);
    expect(send).toHaveBeenCalledWith({ cmd: "log_afterwards", row: 2 });
  });

  it("tells declined, missed and abandoned calls apart, and badges queue calls", () => {
    const send = vi.fn(async (_r: Request) => true);
    render(History, {
      entries: [
        entry({ row: 1, end: "Declined", phase: "Missed", answered_at: null }),
        entry({ row: 2, call_id: "sim-2", end: "Missed", phase: "Missed", answered_at: null, queue: true, queue_name: "Billing" }),
        entry({ row: 3, call_id: "sim-3", end: "Abandoned", phase: "Missed", answered_at: null, queue: true }),
        entry({ row: 4, call_id: "sim-4", direction: "Outbound", end: "NotAnswered", phase: "Ended", answered_at: null }),
        entry({ row: 5, call_id: "sim-5", end: null, phase: "Missed", answered_at: null }),
      ],
      send,
    });
    const calls = screen.getAllByTestId("history-call").map((c) => c.textContent?.replace(/\s+/g, " ").trim());
    expect(calls).toEqual([
      "In · Declined",
      "In · Missed Queue: Billing",
      "In · Caller hung up Queue",
      "Out · Not answered",
      "In · Missed",
    ]);
    expect(screen.getAllByTestId("history-queue").map((q) => q.textContent)).toEqual(["Queue: Billing", "Queue"]);
  });

  it("says so when there is no history", () => {
    render(History, { entries: [], send: vi.fn() });
    expect(screen.getByText("No calls yet.")).toBeTruthy();
  });
});
