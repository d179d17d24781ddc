import { afterEach, describe, expect, it, vi } from "vitest";
import { useLanguage } from "../lib/i18n.svelte";
import { fireEvent, render, screen } from "@testing-library/svelte";
import TabGuard from "./TabGuard.svelte";
import { discardUnsaved, setUnsaved, unsavedForms } from "../lib/unsaved.svelte";

describe("unsaved changes", () => {
  it("names the forms with changes and lets the agent stay or discard", async () => {
    const onStay = vi.fn();
    const onDiscard = vi.fn();
    render(TabGuard, { forms: ["Admin settings", "Softphone"], onStay, onDiscard });
    expect(screen.getByTestId("tab-guard").textContent).toContain("Admin settings, Softphone are not saved");
    expect(document.activeElement).toBe(screen.getByTestId("tab-guard-stay"));
    await fireEvent.click(screen.getByTestId("tab-guard-stay"));
    expect(onStay).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByTestId("tab-guard-discard"));
    expect(onDiscard).toHaveBeenCalledOnce();
  });

  it("keeps a list of forms with changes", () => {
    setUnsaved("Softphone", true);
    setUnsaved("Caller matching", true);
    setUnsaved("Softphone", false);
    expect(unsavedForms()).toEqual(["Caller matching"]);
    discardUnsaved();
    expect(unsavedForms()).toEqual([]);
  });
});

describe("unsaved changes in German and Spanish", () => {
  afterEach(() => useLanguage(null, "en-US"));
  it.each([
    ["de", "de-DE", "Ihre Änderungen an Softphone sind nicht gespeichert.", "Änderungen verwerfen", "Ungespeicherte Änderungen"],
    ["es", "es-ES", "Sus cambios en Softphone no se han guardado.", "Descartar los cambios", "Cambios sin guardar"],
  ] as const)("%s", (language, tag, sentence, discard, label) => {
    useLanguage(language, tag);
    render(TabGuard, { forms: ["Softphone"], onStay: vi.fn(), onDiscard: vi.fn() });
    expect(screen.getByTestId("tab-guard").textContent).toContain(sentence);
    expect(screen.getByTestId("tab-guard-discard").textContent).toBe(discard);
    expect(screen.getByRole("alertdialog").getAttribute("aria-label")).toBe(label);
  });
});
