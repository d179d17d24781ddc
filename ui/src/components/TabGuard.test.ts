import { describe, expect, it, vi } from "vitest";
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
