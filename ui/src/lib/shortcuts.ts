import type { Shortcut } from "./bindings";
import { t } from "./i18n.svelte";

/** The window's shortcuts: Alt + a letter. The system-wide ones are the same
 * letters with Ctrl+Alt (registered by the app, see docs/ARCHITECTURE.md). */
export const SHORTCUT_KEYS: { key: string; shortcut: Shortcut; label: string }[] = [
  // The labels are read when shown, in the language on screen.
  {
    key: "a",
    shortcut: "Answer",
    get label() {
      return t("keys-answer");
    },
  },
  {
    key: "h",
    shortcut: "HoldResume",
    get label() {
      return t("keys-hold-resume");
    },
  },
  {
    key: "e",
    shortcut: "Hangup",
    get label() {
      return t("keys-hangup");
    },
  },
  {
    key: "d",
    shortcut: "ToggleDoNotLog",
    get label() {
      return t("keys-do-not-log");
    },
  },
];

export function shortcutFor(e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "shiftKey" | "key">): Shortcut | null {
  // Ctrl+Alt is the system-wide set: the app handles those, not the window.
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const k = e.key.toLowerCase();
  return SHORTCUT_KEYS.find((s) => s.key === k)?.shortcut ?? null;
}
