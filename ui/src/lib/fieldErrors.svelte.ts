import type { ErrorCode, IpcError } from "./bindings";

/**
 * The last refusal that named a field, shown next to that field instead
 * of in the banner at the top. Cleared by the next request that succeeds.
 */
export const fieldErrors = $state<{ field: string | null; code: ErrorCode | null; message: string }>({
  field: null,
  code: null,
  message: "",
});

/** Fields on screen that show their own errors (a count per name). */
const onScreen = new Map<string, number>();

/** A `FieldError` for `names` is shown; call the result when it goes. */
export function showsErrorsFor(names: string[]): () => void {
  for (const n of names) onScreen.set(n, (onScreen.get(n) ?? 0) + 1);
  return () => {
    for (const n of names) {
      const left = (onScreen.get(n) ?? 1) - 1;
      if (left > 0) onScreen.set(n, left);
      else onScreen.delete(n);
    }
  };
}

/**
 * Takes an error: `true` when it names a field shown on screen (the
 * message goes there), else `false` (the banner shows it).
 */
export function takeFieldError(e: IpcError): boolean {
  if (!e.field || !onScreen.has(e.field)) return false;
  fieldErrors.field = e.field;
  fieldErrors.code = e.code;
  fieldErrors.message = e.message;
  return true;
}

export function clearFieldError(): void {
  fieldErrors.field = null;
  fieldErrors.code = null;
  fieldErrors.message = "";
}

/** The message for any of `names`, if the last refusal named one of them. */
export function errorFor(...names: string[]): string | null {
  return fieldErrors.field !== null && names.includes(fieldErrors.field) ? fieldErrors.message : null;
}
