import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts";

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
