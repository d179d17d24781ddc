import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";

const asked = vi.hoisted(() => [] as string[]);
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (cmd: string) => {
    asked.push(cmd);
  },
}));

import QuitRingside from "./QuitRingside.svelte";
import { useLanguage } from "../lib/i18n.svelte";

afterEach(() => {
  asked.length = 0;
  useLanguage(null, "en-US");
});

describe("quitting from the window", () => {
  it("says closing keeps Ringside running, and the button asks the shell to quit", async () => {
    render(QuitRingside);
    expect(screen.getByText(/Closing the window keeps Ringside running and logging calls/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("quit"));
    expect(asked).toEqual(["quit"]);
  });

  it.each([
    ["de", "Ringside beenden"],
    ["es", "Salir de Ringside"],
  ] as const)("in %s", (language, label) => {
    useLanguage(language, language);
    render(QuitRingside);
    expect(screen.getByTestId("quit").textContent).toBe(label);
  });
});
