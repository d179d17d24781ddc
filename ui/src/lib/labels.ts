// A label map whose words come from the catalogue when read, not when the
// module loads, so a language switch redraws every label that uses it.
import { t } from "./i18n.svelte";

/** Ids by key in, words by key out: each property reads its message (via `t`) when read. */
export function labels<K extends string>(ids: Record<K, string>): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(ids) as K[]) {
    Object.defineProperty(out, key, { get: () => t(ids[key]), enumerable: true });
  }
  return out;
}
