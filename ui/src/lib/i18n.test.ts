import { describe, expect, it } from "vitest";
import { FluentResource } from "@fluent/bundle";
import { ago, until } from "./format";
import { missing } from "../test-setup";
import { bundles, catalogueErrors, current, LANGUAGES, languageOf, sources, t, unreadableEntries, useLanguage } from "./i18n.svelte";

/** Every message and attribute id in a language's catalogues. */
function ids(language: string): string[] {
  const out: string[] = [];
  for (const [path, text] of Object.entries(sources)) {
    if (!path.includes(`/locales/${language}/`)) continue;
    for (const m of new FluentResource(text).body) {
      out.push(m.id);
      for (const a of Object.keys(m.attributes)) out.push(`${m.id}.${a}`);
    }
  }
  return out.sort();
}

describe("catalogues", () => {
  it("parse without errors", () => {
    expect(catalogueErrors).toEqual([]);
  });
  it.each(["de", "es"])("%s has exactly the English messages", (language) => {
    expect(ids(language)).toEqual(ids("en"));
  });
  it("each names its own language", () => {
    for (const l of LANGUAGES) expect(bundles[l].hasMessage("language-name")).toBe(true);
    useLanguage("de", "en-US");
    expect(t("language-name")).toBe("Deutsch");
    useLanguage("es", "en-US");
    expect(t("language-name")).toBe("Español");
    useLanguage(null, "en-US");
    expect(t("language-name")).toBe("English");
  });
});

describe("languageOf (the system's locale tag to a language Ringside speaks)", () => {
  it.each([
    ["de_DE.UTF-8", "de"],
    ["de-AT", "de"],
    ["es_MX.UTF-8", "es"],
    ["en_GB.UTF-8", "en"],
    ["fr_FR.UTF-8", "en"],
    ["C", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (tag, want) => {
    expect(languageOf(tag)).toBe(want);
  });
});

describe("useLanguage", () => {
  it("keeps the system's region only when it speaks the chosen language", () => {
    useLanguage(null, "de-AT");
    expect(current).toEqual({ language: "de", locale: "de-AT" });
    useLanguage("es", "de-AT");
    expect(current).toEqual({ language: "es", locale: "es" });
    useLanguage(null, "en");
  });
  it("switches formatted words with the language", () => {
    const now = 1_000_000;
    useLanguage("de", "en");
    expect([ago(now - 42_000, now), until(now + 300_000, now)]).toEqual(["vor 42 s", "in 5 min"]);
    useLanguage("es", "en");
    expect([ago(now, now), until(now, now)]).toEqual(["ahora mismo", "ahora"]);
    useLanguage(null, "en");
    expect(ago(now - 42_000, now)).toBe("42 s ago");
  });
  it("falls back to English, then to the id, for a missing message", () => {
    useLanguage("de", "en");
    expect(t("no-such-message")).toBe("no-such-message");
    // Reported once, as every failed lookup is (the test setup fails any other).
    expect(missing.splice(0)).toEqual(["no message no-such-message in any catalogue"]);
    useLanguage(null, "en");
  });
});

describe("unreadableEntries (what FluentResource drops without a word)", () => {
  it.each([
    ["good-one = fine\n", []],
    ["good-one = fine\nbroken-one = { $n ->\n    [one] x\n", ["broken-one"]],
    ["a-b = { $x }\nc-d = {\n", ["c-d"]],
    ["# a comment = not an entry\nx-y = ok\n    .attr = fine\n", []],
    ["one-1 = [\n", []],
  ])("%j", (text, want) => {
    expect(unreadableEntries(text)).toEqual(want);
  });
  it("finds none in the catalogues", () => {
    expect(catalogueErrors).toEqual([]);
  });
});
