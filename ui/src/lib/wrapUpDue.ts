import type { HistoryEntry } from "./bindings";

/** A call as this window saw it: phones reuse ids (the demo's restart at
 * `sim-1`), so the start time tells one call from another. */
export function callKey(c: { call_id?: string; id?: string; started_at: number }): string {
  return `${c.call_id ?? c.id}@${c.started_at}`;
}

/** WRAP-1: the wrap-up that should open by itself, if any: the newest call
 * that was live in this window, has ended, is logged by Ringside (it has a
 * Task to update) and is neither wrapped up nor already offered. Both sets
 * hold `callKey`s. */
export function wrapUpDue(
  entries: HistoryEntry[],
  seenLive: ReadonlySet<string>,
  offered: ReadonlySet<string>,
): HistoryEntry | null {
  return (
    entries.find(
      (e) =>
        e.status !== "Live" &&
        e.writer === "Companion" &&
        e.delivery !== null &&
        e.wrapped_up_at === null &&
        seenLive.has(callKey(e)) &&
        !offered.has(callKey(e)),
    ) ?? null
  );
}
