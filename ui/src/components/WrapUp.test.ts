import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import WrapUp from "./WrapUp.svelte";
import type { HistoryEntry, Request, Response } from "../lib/bindings";

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    row: 5, call_id: "c5", direction: "Inbound", remote: "+13108675309", remote_display: "(310) 867-5309", started_at: 0, answered_at: 1000,
    ended_at: 61_000, phase: "Ended", end: "Talked", queue: false, queue_name: null, talk_seconds: 60, status: "Decided", writer: "Companion",
    reason: "CompanionLogs", outcome: "Ringside writes the record", do_not_log: false, disposition: null,
    disposition_code: null, notes: null, who_id: null, who_label: null, case: null, wrapped_up_at: null, end_reason: null, phases: [],
    anomalies: [], delivery: { state: "Logged", crm_record_id: "00T000000000001AAA" }, ...over,
  };
}

function fakeCrm(connected = true) {
  return vi.fn(async (r: Request): Promise<Response | null> => {
    switch (r.cmd) {
      case "dispositions":
        return {
          kind: "Dispositions",
          codes: [
            { id: 1, label: "Resolved", retired: false },
            { id: 2, label: "Old code", retired: true },
            { id: 3, label: "Follow-up needed", retired: false },
          ],
        };
      case "recent_cases":
        return connected
          ? { kind: "Cases", cases: [{ id: "500000000000001AAA", label: "00001001 Invoice" }, { id: "500000000000002AAA", label: "00001002 Refund" }] }
          : null;
      default:
        return { kind: "Done" };
    }
  });
}

describe("WrapUp", () => {
  it("WRAP-1/3/4: offers active codes and open cases, and logs what the agent chose", async () => {
    const ask = fakeCrm();
    const onDone = vi.fn();
    render(WrapUp, { entry: entry(), ask, onDone });
    await waitFor(() => expect(screen.getAllByRole("option").length).toBe(6));
    const codes = Array.from((screen.getByTestId("wrapup-disposition") as HTMLSelectElement).options).map((o) => o.text);
    expect(codes).toEqual(["None", "Resolved", "Follow-up needed"]);
    await fireEvent.change(screen.getByTestId("wrapup-disposition"), { target: { value: "3" } });
    await fireEvent.change(screen.getByTestId("wrapup-case"), { target: { value: "500000000000002AAA" } });
    await fireEvent.input(screen.getByTestId("wrapup-notes"), { target: { value: "Call back Monday" } });
    await fireEvent.click(screen.getByTestId("wrapup-log"));
    expect(ask).toHaveBeenCalledWith({
      cmd: "wrap_up",
      row: 5,
      wrap_up: { disposition: 3, notes: "Call back Monday", case: { id: "500000000000002AAA", label: "00001002 Refund" } },
    });
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it("WRAP-3: a call keeps its retired code; Ctrl+Enter logs from the keyboard", async () => {
    const ask = fakeCrm();
    render(WrapUp, { entry: entry({ disposition_code: 2, disposition: "Old code" }), ask, onDone: vi.fn() });
    await waitFor(() => expect(screen.getByText("Old code (retired)")).toBeTruthy());
    await fireEvent.keyDown(screen.getByTestId("wrapup-notes"), { key: "Enter", ctrlKey: true });
    expect(ask).toHaveBeenCalledWith({ cmd: "wrap_up", row: 5, wrap_up: { disposition: 2, notes: "", case: null } });
  });

  it("WRAP-4: for a known caller, their most recently viewed open case is the default", async () => {
    const ask = fakeCrm();
    render(WrapUp, { entry: entry({ who_id: "003000000000001AAA" }), ask, onDone: vi.fn() });
    await waitFor(() => expect((screen.getByTestId("wrapup-case") as HTMLSelectElement).value).toBe("500000000000001AAA"));
    expect(ask).toHaveBeenCalledWith({ cmd: "recent_cases", contact_id: "003000000000001AAA" });
    await fireEvent.click(screen.getByTestId("wrapup-log"));
    expect(ask).toHaveBeenCalledWith({
      cmd: "wrap_up",
      row: 5,
      wrap_up: { disposition: null, notes: "", case: { id: "500000000000001AAA", label: "00001001 Invoice" } },
    });
  });

  it("without a known caller no case is preselected", async () => {
    render(WrapUp, { entry: entry(), ask: fakeCrm(), onDone: vi.fn() });
    await waitFor(() => expect(screen.getAllByRole("option").length).toBe(6));
    expect((screen.getByTestId("wrapup-case") as HTMLSelectElement).value).toBe("");
  });

  it("says when cases cannot be listed, and still logs", async () => {
    render(WrapUp, { entry: entry(), ask: fakeCrm(false), onDone: vi.fn() });
    await waitFor(() => expect(screen.getByText(/Cases are unavailable/)).toBeTruthy());
  });
});
