import type { Shortcut } from "./bindings";

/** The window's shortcuts: Alt + a letter. The system-wide ones are the same
 * letters with Ctrl+Alt (registered by the app, see docs/ARCHITECTURE.md). */
export const SHORTCUT_KEYS: { key: string; shortcut: Shortcut; label: string }[] = [
  { key: "a", shortcut: "Answer", label: "Answer" },
  { key: "h", shortcut: "HoldResume", label: "Hold / resume" },
  { key: "e", shortcut: "Hangup", label: "Hang up (end)" },
  { key: "d", shortcut: "ToggleDoNotLog", label: "Do not log the call" },
];

export function shortcutFor(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "shiftKey" | "key">): Shortcut | null {
  // Ctrl+Alt is the system-wide set: the app handles those, not the window.
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const k = e.key.toLowerCase();
  return SHORTCUT_KEYS.find((s) => s.key === k)?.shortcut ?? null;
}
