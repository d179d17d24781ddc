import { describe, expect, it } from "vitest";
import { useLanguage } from "./i18n.svelte";
import { duration, locale, outcomeBadge, phoneLabel, usableLocale, when } from "./format";
import type { HistoryEntry } from "./bindings";

describe("duration", () => {
  it.each([
    [0, "0:00"],
    [7, "0:07"],
    [65, "1:05"],
    [3723, "1:02:03"],
    [-5, "0:00"],
  ])("%i s → %s", (s, want) => expect(duration(s)).toBe(want));
});

describe("outcomeBadge", () => {
  const e = { status: "Decided", writer: "AcdService" } as HistoryEntry;
  it("names the writer", () => expect(outcomeBadge(e)).toEqual({ label: "ACD service logs it", tone: "ok" }));
  it("live calls are in progress", () => expect(outcomeBadge({ ...e, status: "Live" }).tone).toBe("live"));
});

describe("outcomeBadge with Ringside's CRM write (WRAP-5)", () => {
  const e = { status: "Decided", writer: "Companion" } as HistoryEntry;
  it.each([
    [{ state: "Pending" }, "Waiting to log", "live"],
    [{ state: "Logged", crm_record_id: "00T000000000001AAA" }, "Logged by Ringside", "ok"],
    [{ state: "Retrying", error: "busy", attempts: 2, next_attempt_at: 0 }, "Retrying", "warn"],
  ] as const)("%o → %s", (delivery, label, tone) => {
    expect(outcomeBadge({ ...e, delivery: delivery as HistoryEntry["delivery"] })).toEqual({ label, tone });
  });
});

describe("usableLocale (what the system says, made safe for Intl)", () => {
  it.each([
    ["C", "en"],
    ["POSIX", "en"],
    ["", "en"],
    [undefined, "en"],
    ["de_DE.UTF-8", "de-DE"],
    ["es-ES", "es-ES"],
    ["en-us", "en-US"],
    ["not a tag!", "en"],
  ])("%s → %s", (tag, want) => {
    expect(usableLocale(tag)).toBe(want);
    expect(() => new Date(0).toLocaleTimeString(usableLocale(tag))).not.toThrow();
  });
});

describe("when (history rows have dates, in the locale)", () => {
  const now = new Date(2026, 11, 2, 15, 30).getTime();
  const at = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m, d, h, min).getTime();
  it.each([
    ["en-GB", at(2026, 11, 2, 9, 5), "09:05"],
    ["en-GB", at(2026, 11, 1, 9, 5), "yesterday, 09:05"],
    ["de-DE", at(2026, 11, 1, 9, 5), "gestern, 09:05"],
    ["es-ES", at(2026, 11, 1, 9, 5), "ayer, 09:05"],
    ["en-GB", at(2026, 10, 28, 16, 40), "28 Nov, 16:40"],
    ["de-DE", at(2026, 10, 28, 16, 40), "28. Nov., 16:40"],
    ["en-GB", at(2025, 10, 28, 16, 40), "28 Nov 2025, 16:40"],
  ])("%s %d → %s", (tag, ms, want) => {
    useLanguage(null, tag);
    try {
      expect(locale.tag).toBe(tag);
      expect(when(ms, now)).toBe(want);
    } finally {
      useLanguage(null, "en");
    }
  });
});

describe("phoneLabel (numbers labelled in words)", () => {
  it.each([
    ["MobilePhone", "Mobile"],
    ["PersonHomePhone", "Home"],
    ["Phone", "Phone"],
    ["Direct_Line__c", "Direct Line"],
    ["WorkPhone", "Work Phone"],
  ])("%s → %s", (field, want) => expect(phoneLabel(field)).toBe(want));
});
