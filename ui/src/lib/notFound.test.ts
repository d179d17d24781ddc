import { afterEach, describe, expect, it } from "vitest";
import type { NotFoundReason } from "./bindings";
import { useLanguage } from "./i18n.svelte";
import { notFoundText } from "./notFound";

afterEach(() => useLanguage(null, "en-US"));

const every: NotFoundReason[] = [
  { code: "WillCreate", object: "Lead", when: "Ring" },
  { code: "WillCreate", object: "Contact", when: "Ring" },
  { code: "WillCreate", object: "Lead", when: "Answer" },
  { code: "WillCreate", object: "Contact", when: "Logged" },
  { code: "NotAnswered" },
  { code: "NotLoggedByRingside" },
  { code: "SearchFailed", detail: "HTTP 503" },
  { code: "NoCrm" },
  { code: "NotQueued", object: "Contact", detail: "disk full" },
  { code: "NotCreated", detail: "REQUIRED_FIELD_MISSING" },
];

describe("why an unknown caller has no record (MATCH-2/6)", () => {
  it.each(["en", "de", "es"] as const)("each reason is its own sentence in %s", (lang) => {
    useLanguage(lang, lang);
    const texts = every.map((r) => notFoundText(r).text);
    for (const s of texts) expect(s).toMatch(/^\p{Lu}.*[.:]$/u);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("the CRM's own words are kept apart, as they came", () => {
    useLanguage("de", "de-DE");
    expect(notFoundText({ code: "SearchFailed", detail: "HTTP 503" })).toEqual({
      text: "Das CRM konnte nicht durchsucht werden, daher wurde kein Datensatz angelegt (der Anrufer existiert vielleicht):",
      detail: "HTTP 503",
    });
    expect(notFoundText(null)).toEqual({ text: "Niemand im CRM hat diese Nummer.", detail: null });
  });
});
