import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const shell = vi.hoisted(() => ({
  saved: null as string | null,
  system: "de_AT.UTF-8",
  refuse: false,
}));
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string, args?: { chosen: string | null }) => {
    if (cmd === "language") return { chosen: shell.saved, system: shell.system };
    if (cmd === "set_language") {
      if (shell.refuse) throw { code: "StoreFailed", message: "The language could not be saved for the next start: disk full" };
      shell.saved = args?.chosen ?? null;
      return { chosen: shell.saved, system: shell.system };
    }
    throw new Error(`unexpected ${cmd}`);
  },
}));

import LanguagePicker from "./LanguagePicker.svelte";
import { current, t, useLanguage } from "../lib/i18n.svelte";
import { startLanguage } from "../lib/language.svelte";

afterEach(() => {
  shell.saved = null;
  shell.system = "de_AT.UTF-8";
  shell.refuse = false;
  useLanguage(null, "en-US");
});

describe("the language picker", () => {
  it("starts in the system's language and keeps its region for dates", async () => {
    await startLanguage();
    expect(current).toEqual({ language: "de", locale: "de-AT" });
    render(LanguagePicker);
    const pick = screen.getByTestId("language-pick") as HTMLSelectElement;
    expect(pick.value).toBe("");
    expect(pick.options[0].textContent).toBe("Systemstandard (Deutsch)");
    expect([...pick.options].map((o) => o.textContent)).toEqual([
      "Systemstandard (Deutsch)",
      "English",
      "Deutsch",
      "Español",
    ]);
  });

  it("switches the words at once and the shell keeps the pick for the next start", async () => {
    await startLanguage();
    render(LanguagePicker);
    const pick = screen.getByTestId("language-pick") as HTMLSelectElement;
    await fireEvent.change(pick, { target: { value: "es" } });
    expect(current.language).toBe("es");
    // Another region's language: the locale is the language alone.
    expect(current.locale).toBe("es");
    expect(shell.saved).toBe("es");
    expect(screen.getByText("Idioma")).toBeTruthy();
    expect(t("language-label")).toBe("Idioma");

    useLanguage(null, "en-US");
    await startLanguage();
    expect(current.language).toBe("es");

    await fireEvent.change(pick, { target: { value: "" } });
    expect(shell.saved).toBe(null);
    expect(current.language).toBe("de");
  });

  it("a pick that cannot be kept still holds and says so", async () => {
    await startLanguage();
    render(LanguagePicker);
    shell.refuse = true;
    await fireEvent.change(screen.getByTestId("language-pick"), { target: { value: "en" } });
    expect(current.language).toBe("en");
    const error = await screen.findByTestId("language-error");
    expect(error.textContent).toContain("The language applies now but could not be kept for the next start.");
    expect(error.querySelector(".detail")?.textContent).toContain("disk full");
  });
});
