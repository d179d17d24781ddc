import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import History from "./History.svelte";
import type { HistoryEntry, Request } from "../lib/bindings";

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    row: 1,
    call_id: "sim-1",
    direction: "Inbound",
    remote: "+442079460018",
    started_at: 1_000,
    answered_at: 2_000,
    ended_at: 62_000,
    phase: "Ended",
    talk_seconds: 60,
    status: "Decided",
    writer: null,
    reason: "AgentChoseDoNotLog",
    outcome: 'not logged: you ticked "Do not log the call"',
    do_not_log: true,
    disposition: null,
    disposition_code: null,
    notes: null,
    case: null,
    wrapped_up_at: null,
    end_reason: null,
    phases: [],
    anomalies: [],
    delivery: null,
    ...over,
  };
}

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

  it("says so when there is no history", () => {
    render(History, { entries: [], send: vi.fn() });
    expect(screen.getByText("No calls yet.")).toBeTruthy();
  });
});
