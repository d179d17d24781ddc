import type { HistoryEntry } from "./bindings";

/** A finished call as history lists it, for tests: kept out of the CRM by
 * the agent's tick unless `over` says otherwise. */
export function historyEntry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    row: 1,
    call_id: "sim-1",
    direction: "Inbound",
    remote: "+442079460018",
    remote_display: "+44 20 7946 0018",
    started_at: 1_000,
    answered_at: 2_000,
    ended_at: 62_000,
    phase: "Ended",
    end: "Talked",
    queue: false,
    queue_name: null,
    talk_seconds: 60,
    status: "Decided",
    writer: null,
    reason: "AgentChoseDoNotLog",
    outcome: 'not logged: you ticked "Do not log the call"',
    do_not_log: true,
    disposition: null,
    disposition_code: null,
    notes: null,
    who_id: null,
    who_label: null,
    case: null,
    wrapped_up_at: null,
    end_reason: null,
    phases: [],
    anomalies: [],
    delivery: null,
    ...over,
  };
}
