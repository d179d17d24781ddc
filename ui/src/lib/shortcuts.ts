import type { Shortcut } from "./bindings";
import { t } from "./i18n.svelte";

/** The window's shortcuts: Alt + a letter. The system-wide ones are the same
 * letters with Ctrl+Alt (registered by the app, see docs/ARCHITECTURE.md). */
export const SHORTCUT_KEYS: { key: string; shortcut: Shortcut; label: string }[] = [
  key("a", "Answer", "keys-answer"),
  key("h", "HoldResume", "keys-hold-resume"),
  key("e", "Hangup", "keys-hangup"),
  key("d", "ToggleDoNotLog", "keys-do-not-log"),
];

/** One shortcut; its label is read when shown, in the language on screen. */
function key(key: string, shortcut: Shortcut, labelId: string): { key: string; shortcut: Shortcut; label: string } {
  return {
    key,
    shortcut,
    get label() {
      return t(labelId);
    },
  };
}

export function shortcutFor(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "shiftKey" | "key">): Shortcut | null {
  // Ctrl+Alt is the system-wide set: the app handles those, not the window.
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const k = e.key.toLowerCase();
  return SHORTCUT_KEYS.find((s) => s.key === k)?.shortcut ?? null;
}
