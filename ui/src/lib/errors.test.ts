import { afterEach, describe, expect, it } from "vitest";
import type { ErrorCode, ProblemCode } from "./bindings";
import { shownError, shownProblem } from "./errors";
import { bundles, useLanguage } from "./i18n.svelte";

afterEach(() => useLanguage(null, "en-US"));

// Every code, so a new one the engine adds fails here until it has words.
const ERROR_CODES: Record<ErrorCode, true> = {
  UnknownCall: true,
  CheckboxNotOffered: true,
  InvalidSetting: true,
  InvalidNumber: true,
  StoreFailed: true,
  ConnectorUnavailable: true,
  DemoUnavailable: true,
  EngineStopped: true,
  InvalidInput: true,
  NotWrappable: true,
  CrmNotConnected: true,
  CrmFailed: true,
  KeychainUnavailable: true,
  CallsInProgress: true,
  NothingToDo: true,
  DiskFull: true,
  SetInOrg: true,
  AnotherCallInConversation: true,
};
const PROBLEM_CODES: Record<ProblemCode, true> = {
  DataFileSetAside: true,
  SettingsInvalid: true,
  CallerSettingsInvalid: true,
  PhoneSettingsInvalid: true,
  StoreFailed: true,
  DiskFull: true,
  CallsUnsaved: true,
  ContactStoreUnavailable: true,
  AttributionFailed: true,
  CallerNotCreated: true,
  PhoneCommandFailed: true,
  DoNotLogNotSent: true,
  CrmAccountNotSaved: true,
  DisconnectUnclean: true,
  ShortcutsRefused: true,
  QuitHeld: true,
  KeychainUnavailable: true,
};

const kebab = (code: string) => code.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
const english = (id: string) => bundles.en.formatPattern(bundles.en.getMessage(id)!.value!);
const message = "the engine's own sentence";

describe.each(Object.keys(ERROR_CODES) as ErrorCode[])("error %s", (code) => {
  const id = `error-${kebab(code)}`;
  it("English shows the engine's message alone", () => {
    expect(shownError({ code, message })).toEqual({ headline: message, detail: null });
  });
  it.each([
    ["de", "de-DE"],
    ["es", "es-ES"],
  ] as const)("%s has its own headline, with the engine's words as the detail", (language, tag) => {
    useLanguage(language, tag);
    const shown = shownError({ code, message, field: "x" });
    expect(shown.headline).not.toBe(id);
    expect(shown.headline).not.toBe(english(id));
    expect(shown.headline.length).toBeGreaterThan(5);
    expect(shown.detail).toBe(message);
  });
});

describe.each(Object.keys(PROBLEM_CODES) as ProblemCode[])("problem %s", (code) => {
  const id = `problem-${kebab(code)}`;
  it("English shows the engine's message alone", () => {
    expect(shownProblem({ code, message })).toEqual({ headline: message, detail: null });
  });
  it.each([
    ["de", "de-DE"],
    ["es", "es-ES"],
  ] as const)("%s has its own headline, with the engine's words as the detail", (language, tag) => {
    useLanguage(language, tag);
    const shown = shownProblem({ code, message });
    expect(shown.headline).not.toBe(id);
    expect(shown.headline).not.toBe(english(id));
    expect(shown.headline.length).toBeGreaterThan(5);
    expect(shown.detail).toBe(message);
  });
});

describe("a few headlines in words", () => {
  it("German and Spanish", () => {
    useLanguage("de", "de-DE");
    expect(shownError({ code: "CrmNotConnected", message: "connect a CRM to see its cases" }).headline).toBe("Es ist kein CRM verbunden.");
    useLanguage("es", "es-ES");
    expect(shownProblem({ code: "DiskFull", message: "disk full" }).headline).toMatch(/^El disco está lleno/);
  });
});
