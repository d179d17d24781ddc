import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import ErrorBanner from "./ErrorBanner.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { IpcError } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const error: IpcError = { code: "CrmNotConnected", message: "connect a CRM to see its cases" };

describe("ErrorBanner", () => {
  it("English shows the engine's sentence alone", () => {
    render(ErrorBanner, { error, onDismiss: vi.fn() });
    expect(screen.getByRole("alert").textContent?.trim()).toBe("connect a CRM to see its cases ✕");
    expect(screen.getByRole("button").getAttribute("aria-label")).toBe("Dismiss");
  });

  it.each([
    ["de", "de-DE", "Es ist kein CRM verbunden.", "Schließen"],
    ["es", "es-ES", "No hay ningún CRM conectado.", "Cerrar"],
  ] as const)("%s: the code's sentence, the engine's words beside it", (language, tag, headline, dismiss) => {
    useLanguage(language, tag);
    render(ErrorBanner, { error, onDismiss: vi.fn() });
    expect(screen.getByRole("alert").textContent).toContain(headline);
    expect(screen.getByRole("alert").querySelector(".detail")?.textContent).toBe("connect a CRM to see its cases");
    expect(screen.getByRole("button").getAttribute("aria-label")).toBe(dismiss);
  });
});
