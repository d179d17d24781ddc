// The wrap-up form in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import WrapUp from "./WrapUp.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { HistoryEntry, Request, Response } from "../lib/bindings";
import { historyEntry } from "../lib/historyEntry.testdata";

function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return historyEntry({ row: 5, ...over });
}

function fakeCrm(cases: "some" | "none" | "offline") {
  return vi.fn(async (r: Request): Promise<Response | null> => {
    switch (r.cmd) {
      case "dispositions":
        return { kind: "Dispositions", codes: [{ id: 1, label: "Resolved", retired: false }, { id: 2, label: "Old code", retired: true }] };
      case "recent_cases":
        if (cases === "offline") return null;
        return { kind: "Cases", cases: cases === "some" ? [{ id: "500000000000001AAA", label: "00001001 Invoice" }] : [] };
      default:
        return { kind: "Done" };
    }
  });
}

afterEach(() => useLanguage(null, "en-US"));

describe("WrapUp in German and Spanish", () => {
  it("speaks German, with a retired code marked and no open cases said", async () => {
    useLanguage("de", "de-DE");
    render(WrapUp, { entry: entry({ disposition_code: 2, disposition: "Old code" }), ask: fakeCrm("none"), onDone: vi.fn() });
    await waitFor(() => expect(screen.getByText("Keine offenen Fälle.")).toBeTruthy());
    expect(screen.getByText("Old code (deaktiviert)")).toBeTruthy();
    expect(screen.getByTestId("wrapup").getAttribute("aria-label")).toBe("Nachbearbeitung");
    expect(screen.getByText("Ergebnis")).toBeTruthy();
    expect(screen.getByText("Zugehöriger Fall")).toBeTruthy();
    expect(screen.getByTestId("wrapup-log").textContent).toBe("Protokollieren");
    expect(screen.getByTestId("wrapup-cancel").textContent).toBe("Abbrechen");
    expect(screen.getByText(/^Strg\+Eingabe protokolliert, Esc bricht ab\./)).toBeTruthy();
  });

  it("speaks Spanish when it opened by itself, and says when cases are unavailable", async () => {
    useLanguage("es", "es-ES");
    render(WrapUp, { entry: entry(), ask: fakeCrm("offline"), onDone: vi.fn(), autofocus: true });
    await waitFor(() => expect(screen.getByText("Los casos no están disponibles hasta que se conecte el CRM.")).toBeTruthy());
    expect(screen.getByTestId("wrapup-log").textContent).toBe("Registrar");
    expect(screen.getByTestId("wrapup-cancel").textContent).toBe("Más tarde");
    expect(screen.getByText("Código de resultado")).toBeTruthy();
    expect(Array.from((screen.getByTestId("wrapup-disposition") as HTMLSelectElement).options)[0].text).toBe("Ninguno");
    expect(screen.getByText(/Esc deja el cierre para más tarde/)).toBeTruthy();
  });
});
