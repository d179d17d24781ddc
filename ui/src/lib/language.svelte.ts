// The language pick lives in the shell (its tray and title speak it too,
// and it is kept beside the store): read once before the first frame,
// switched from Settings. Outside the app (a browser, tests) the browser's
// own language is followed.
import { invoke } from "@tauri-apps/api/core";
import type { IpcError } from "./bindings";
import { type Language, useLanguage } from "./i18n.svelte";
import { toIpcError } from "./ipc";

export type LanguageChoice = { chosen: Language | null; system: string };

/** The pick and the system's locale as last heard from the shell. */
export const choice = $state<LanguageChoice>({ chosen: null, system: "en" });

function apply(c: LanguageChoice): void {
  choice.chosen = c.chosen;
  choice.system = c.system;
  useLanguage(c.chosen, c.system);
}

/** Before the first frame: the shell's pick, else the browser's language. */
export async function startLanguage(): Promise<void> {
  try {
    apply(await invoke<LanguageChoice>("language"));
  } catch {
    apply({ chosen: null, system: typeof navigator === "undefined" ? "en" : navigator.language });
  }
}

/** The agent's pick (null: follow the system). The screen switches at once; an error says the pick could not be kept. */
export async function chooseLanguage(chosen: Language | null): Promise<IpcError | null> {
  apply({ chosen, system: choice.system });
  try {
    apply(await invoke<LanguageChoice>("set_language", { chosen }));
    return null;
  } catch (e) {
    return toIpcError(e);
  }
}
