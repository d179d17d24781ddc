import { PHONE_REGIONS } from "./bindings";
import { locale } from "./format";

export type Country = { code: string; name: string; flag: string };

/** The flag emoji of a two-letter code (regional indicator letters). */
export function flag(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

const names = new Map<string, Intl.DisplayNames | null>();
function displayNames(tag: string): Intl.DisplayNames | null {
  if (!names.has(tag)) {
    try {
      names.set(tag, new Intl.DisplayNames([tag], { type: "region" }));
    } catch {
      names.set(tag, null);
    }
  }
  return names.get(tag) ?? null;
}

/** A country's name in the UI's language ("Germany", "Deutschland", "Alemania"). */
export function countryName(code: string, tag: string = locale.tag): string {
  return displayNames(tag)?.of(code.toUpperCase()) ?? code.toUpperCase();
}

/** Lower case, accents dropped: "Österreich" and "osterreich" are one. */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
}

/**
 * The countries matching what was typed: by the start of its name in the UI's
 * language or in English, or its code; then those with the words inside
 * their name. All of them, by name, when nothing is typed.
 */
export function countryOptions(query: string, tag: string = locale.tag): Country[] {
  const q = fold(query);
  const all = PHONE_REGIONS.map((code) => ({ code, name: countryName(code, tag), flag: flag(code) }));
  const byName = (a: Country, b: Country) => a.name.localeCompare(b.name, tag);
  if (q === "") return all.sort(byName);
  const rank = (c: Country): number => {
    const local = fold(c.name);
    const english = fold(countryName(c.code, "en"));
    if (c.code.toLowerCase() === q) return 0;
    if (local.startsWith(q) || english.startsWith(q)) return 1;
    if (local.split(/[\s-]+/).some((w) => w.startsWith(q)) || english.split(/[\s-]+/).some((w) => w.startsWith(q))) return 2;
    if (local.includes(q) || english.includes(q)) return 3;
    return 9;
  };
  return all
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r < 9)
    .sort((a, b) => a.r - b.r || byName(a.c, b.c))
    .map((x) => x.c);
}
