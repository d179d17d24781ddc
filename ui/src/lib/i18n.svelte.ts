// The UI's words, from Fluent catalogues (ui/locales/<language>/*.ftl): one
// bundle per language, English as the fallback for a message a translation
// lacks. `t` reads the current language, so anything on screen that calls it
// is redrawn when the agent switches language.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const LANGUAGES = ["en", "de", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export type Args = Record<string, FluentVariable>;

/** Every catalogue file, by path (`../../locales/de/call.ftl`). */
export const sources = import.meta.glob("../../locales/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Syntax errors in a catalogue, by file: the catalogue test fails on any. */
export const catalogueErrors: string[] = [];

/**
 * Entries FluentResource dropped: it skips an entry it cannot parse
 * without a word, so every `id =` at a line's start must have come
 * through as a message.
 */
export function unreadableEntries(text: string, resource = new FluentResource(text)): string[] {
  const parsed = new Set(resource.body.map((m) => m.id));
  return [...text.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]).filter((id) => !parsed.has(id));
}

function bundleFor(language: Language): FluentBundle {
  // No bidi isolation marks: every language here is written left to right,
  // and the marks would end up in copied numbers and in the window title.
  const bundle = new FluentBundle(language, { useIsolating: false });
  for (const [path, text] of Object.entries(sources)) {
    if (!path.includes(`/locales/${language}/`)) continue;
    const resource = new FluentResource(text);
    for (const id of unreadableEntries(text, resource)) catalogueErrors.push(`${path}: ${id}: unreadable`);
    for (const e of bundle.addResource(resource)) catalogueErrors.push(`${path}: ${e.message}`);
  }
  return bundle;
}

export const bundles: Record<Language, FluentBundle> = {
  en: bundleFor("en"),
  de: bundleFor("de"),
  es: bundleFor("es"),
};

/**
 * A locale tag Intl accepts, from what the system says: `C` and `POSIX`
 * (no locale set, as on many servers and minimal desktops) are English;
 * `de_DE.UTF-8` is `de-DE`; anything Intl refuses is English too (Intl
 * throws on a bad tag, which would stop every date and time on screen).
 */
export function usableLocale(tag: string | undefined | null): string {
  const t = (tag ?? "").split(/[.@]/)[0].replace(/_/g, "-").trim();
  if (t === "" || t === "C" || t === "POSIX") return "en";
  try {
    return Intl.getCanonicalLocales(t)[0] ?? "en";
  } catch {
    return "en";
  }
}

/** A language Ringside speaks, from a locale tag (`de-AT`, `es_MX.UTF-8`); English otherwise. */
export function languageOf(tag: string | null | undefined): Language {
  const base = usableLocale(tag).split("-")[0].toLowerCase();
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : "en";
}

/**
 * The language on screen and the locale dates and numbers are written in.
 * The locale keeps the system's region when it speaks the same language
 * (`de-AT` writes dates the Austrian way), else it is the language alone.
 */
export const current = $state<{ language: Language; locale: string }>({ language: "en", locale: "en" });

/** Switches the UI: `system` is the desk's locale tag, `chosen` the agent's pick (null: follow the system). */
export function useLanguage(chosen: Language | null, system: string): void {
  // Made safe for Intl once here, not on every date on screen.
  const locale = usableLocale(system);
  const language = chosen ?? languageOf(locale);
  current.language = language;
  current.locale = languageOf(locale) === language ? locale : language;
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

/** A language's name in that language ("Deutsch"), as a language picker shows it. */
export function ownName(language: Language): string {
  const bundle = bundles[language];
  const pattern = bundle.getMessage("language-name")?.value;
  return pattern ? bundle.formatPattern(pattern) : language;
}

/** Messages looked up and not found, once each (the catalogue test makes this empty). */
const reported = new Set<string>();

/**
 * The message `id` in the current language, with `args` filled in;
 * `id.attribute` reads an attribute. Plurals are the catalogue's business
 * (`{ $n -> [one] … *[other] … }`), chosen by the language's plural rules.
 */
export function t(id: string, args?: Args): string {
  // An enum value this version does not know maps to no id: say nothing rather than fail the screen.
  if (typeof id !== "string") return "";
  const [name, attribute] = id.split(".", 2);
  for (const bundle of [bundles[current.language], bundles.en]) {
    const message = bundle.getMessage(name);
    const pattern = attribute ? message?.attributes[attribute] : message?.value;
    if (!pattern) continue;
    const errors: Error[] = [];
    const text = bundle.formatPattern(pattern, args, errors);
    if (errors.length && !reported.has(id)) {
      reported.add(id);
      console.error(`message ${id}: ${errors.map((e) => e.message).join("; ")}`);
    }
    return text;
  }
  if (!reported.has(id)) {
    reported.add(id);
    console.error(`no message ${id} in any catalogue`);
  }
  return id;
}
