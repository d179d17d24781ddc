import { afterEach, describe, expect, it } from "vitest";
import { useLanguage } from "./i18n.svelte";
import { historyEntry } from "./historyEntry.testdata";
import {
  CALLER_KIND_LABEL,
  callSummary,
  duration,
  END_LABEL,
  locale,
  loggingNote,
  outcomeBadge,
  outcomeLine,
  PHASE_LABEL,
  phoneLabel,
  queueBadge,
  usableLocale,
  when,
  WRITER_LABEL,
} from "./format";
import type { CallView, HistoryEntry } from "./bindings";

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

describe("labels in German and Spanish (read when shown)", () => {
  afterEach(() => useLanguage(null, "en-US"));
  const entry = { status: "Decided", writer: "Companion", direction: "Inbound", end: "Abandoned", phase: "Ended" } as HistoryEntry;

  it("German", () => {
    useLanguage("de", "de-DE");
    expect(PHASE_LABEL.Hold).toBe("Gehalten");
    expect(END_LABEL.Missed).toBe("Verpasst");
    expect(WRITER_LABEL.CrmSoftphone).toBe("CRM-Softphone");
    expect(CALLER_KIND_LABEL.Contact).toBe("Kontakt");
    expect(callSummary(entry)).toBe("Eingehend · Anrufer hat aufgelegt");
    expect(queueBadge({ queue: true, queue_name: "Support" })).toBe("Warteschlange: Support");
    expect(outcomeBadge({ ...entry, writer: "AcdService" }).label).toBe("Der ACD-Dienst protokolliert ihn");
    expect(phoneLabel("MobilePhone")).toBe("Mobil");
    expect(phoneLabel("Direct_Line__c")).toBe("Direct Line");
    expect(loggingNote({ logging: "AgentChoseDoNotLog" } as CallView)).toMatch(/^Ringside protokolliert diesen Anruf nicht\./);
  });

  it("Spanish", () => {
    useLanguage("es", "es-ES");
    expect(PHASE_LABEL.Ringing).toBe("Sonando");
    expect(CALLER_KIND_LABEL.Lead).toBe("Candidato");
    expect(callSummary({ ...entry, direction: "Outbound", end: null })).toBe("Saliente · Finalizada");
    expect(outcomeBadge({ ...entry, delivery: { state: "Pending" } as HistoryEntry["delivery"] }).label).toBe("Pendiente de registrar");
    expect(loggingNote({ logging: "CompanionLogsCheckboxNotOffered" } as CallView)).toContain("«No registrar la llamada»");
  });

  it("English stays as it was", () => {
    expect(callSummary(entry)).toBe("In · Caller hung up");
    expect(callSummary({ ...entry, direction: "Dialback", end: null, phase: "Hold" })).toBe("Call back · On hold");
    expect(queueBadge({ queue: true, queue_name: null })).toBe("Queue");
    expect(queueBadge({ queue: false, queue_name: "x" })).toBeNull();
    expect(CALLER_KIND_LABEL.PersonAccount).toBe("Person Account");
    expect(loggingNote({ logging: "CrmLoggedIn" } as CallView)).toBe("The CRM softphone logs this call now — you are logged in to the CRM.");
  });
});

describe("outcomeLine (why a call was or was not logged, by its reason code)", () => {
  afterEach(() => useLanguage(null, "en-US"));
  it.each([
    ["Decided", "AgentChoseDoNotLog", "en", 'not logged: you ticked "Do not log the call"'],
    ["Decided", "AgentChoseDoNotLog", "de", "nicht protokolliert: Sie haben „Anruf nicht protokollieren“ angehakt"],
    ["Decided", "AgentChoseDoNotLog", "es", "no registrada: marcó «No registrar la llamada»"],
    ["Decided", "CrmLoggedIn", "de", "das CRM-Softphone schreibt den Datensatz (Sie waren im CRM angemeldet)"],
    ["Decided", "LoggedAfterwards", "es", "Ringside escribe el registro (la registró después)"],
    ["Interrupted", null, "de", "nicht protokolliert: Ringside wurde während des Anrufs beendet"],
    ["Live", null, "es", "en curso"],
  ] as const)("%s %s in %s", (status, reason, language, want) => {
    useLanguage(language, language);
    expect(outcomeLine(historyEntry({ status, reason, outcome: "the engine's words" }))).toBe(want);
  });
  it("a reason this version does not know shows the engine's words", () => {
    useLanguage("de", "de");
    const e = historyEntry({ status: "Decided", reason: "SomethingNew" as never, outcome: "the engine's words" });
    expect(outcomeLine(e)).toBe("the engine's words");
  });
});
