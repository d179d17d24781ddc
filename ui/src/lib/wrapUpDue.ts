import type { HistoryEntry } from "./bindings";

/** WRAP-1: the wrap-up that should open by itself, if any: the newest call
 * that was live in this window, has ended, is logged by Ringside (it has a
 * Task to update) and is neither wrapped up nor already offered. */
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
        seenLive.has(e.call_id) &&
        !offered.has(e.call_id),
    ) ?? null
  );
}
