import { afterEach, describe, expect, it } from "vitest";
import { useLanguage } from "./i18n.svelte";
import { SHORTCUT_KEYS, shortcutFor } from "./shortcuts";

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
  key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods,
});

describe("shortcutFor", () => {
  it("maps Alt+letter to the shortcut, and nothing else", () => {
    const cases: [ReturnType<typeof key>, string | null][] = [
      [key("a", { altKey: true }), "Answer"],
      [key("A", { altKey: true }), "Answer"],
      [key("h", { altKey: true }), "HoldResume"],
      [key("e", { altKey: true }), "Hangup"],
      [key("d", { altKey: true }), "ToggleDoNotLog"],
      [key("a"), null],
      [key("x", { altKey: true }), null],
      [key("a", { altKey: true, ctrlKey: true }), null],
      [key("a", { altKey: true, shiftKey: true }), null],
    ];
    for (const [e, want] of cases) expect(shortcutFor(e)).toBe(want);
  });
});

describe("shortcut labels", () => {
  afterEach(() => useLanguage(null, "en-US"));
  const label = (s: string) => SHORTCUT_KEYS.find((k) => k.shortcut === s)?.label;
  it("follow the language on screen", () => {
    expect(label("Hangup")).toBe("Hang up (end)");
    useLanguage("de", "de-DE");
    expect(label("ToggleDoNotLog")).toBe("Anruf nicht protokollieren");
    expect(label("Answer")).toBe("Annehmen");
    useLanguage("es", "es-ES");
    expect(label("HoldResume")).toBe("Poner en espera / reanudar");
  });
});
