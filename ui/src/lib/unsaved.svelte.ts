/**
 * Forms with changes not saved yet, by the name the agent knows them by.
 * Switching tabs unmounts a form and would drop its draft: the window asks
 * first while any is listed here.
 */
const forms = $state<Record<string, boolean>>({});

/** A form says whether it has unsaved changes (and `false` as it goes):
 * `$effect(() => { setUnsaved(name, dirty); return () => setUnsaved(name, false); })`. */
export function setUnsaved(name: string, dirty: boolean): void {
  if (dirty) forms[name] = true;
  else delete forms[name];
}

/** The forms with unsaved changes, in the order they registered. */
export function unsavedForms(): string[] {
  return Object.keys(forms).filter((k) => forms[k]);
}

/** The agent chose to discard: nothing is listed any more. */
export function discardUnsaved(): void {
  for (const k of Object.keys(forms)) delete forms[k];
}
