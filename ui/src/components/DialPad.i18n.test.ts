// The dial pad in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import DialPad from "./DialPad.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { Request } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

describe("DialPad in German and Spanish", () => {
  it("speaks German", () => {
    useLanguage("de", "de-DE");
    render(DialPad, { send: vi.fn(async (_r: Request) => true) });
    expect((screen.getByTestId("dial-number") as HTMLInputElement).placeholder).toBe("Rufnummer");
    expect(screen.getByLabelText("Rufnummer")).toBeTruthy();
    expect(screen.getByTestId("dial-backspace").getAttribute("aria-label")).toBe("Letzte Ziffer löschen");
    expect(screen.getByRole("group", { name: "Tastenfeld" })).toBeTruthy();
    expect(screen.getByTestId("dial-call").textContent).toBe("Anrufen");
    expect(screen.getByRole("form", { name: "Wählfeld" })).toBeTruthy();
  });

  it("speaks Spanish", () => {
    useLanguage("es", "es-ES");
    render(DialPad, { send: vi.fn(async (_r: Request) => true) });
    expect((screen.getByTestId("dial-number") as HTMLInputElement).placeholder).toBe("Número al que llamar");
    expect(screen.getByTestId("dial-key-plus").getAttribute("aria-label")).toBe("Más (internacional)");
    expect(screen.getByTestId("dial-call").textContent).toBe("Llamar");
  });
});
