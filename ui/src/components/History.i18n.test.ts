// The call history in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import History from "./History.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import { historyEntry as entry } from "../lib/historyEntry.testdata";

afterEach(() => useLanguage(null, "en-US"));

const retrying = entry({
  row: 7,
  writer: "Companion",
  reason: "CompanionLogs",
  do_not_log: false,
  delivery: { state: "Retrying", error: "the CRM is busy (UNABLE_TO_LOCK_ROW)", attempts: 2, next_attempt_at: 90_000 },
  end_reason: "the caller hung up",
  notes: "wants a callback",
  anomalies: ["a second hangup"],
  phases: [{ at: 1_000, phase: "Ringing", login: { crm: "LoggedIn", companion: "LoggedOut" } }],
});

describe("History in German and Spanish", () => {
  it("speaks German", async () => {
    useLanguage("de", "de-DE");
    render(History, { entries: [entry(), retrying], send: vi.fn() });
    expect(screen.getByRole("region", { name: "Anrufverlauf" })).toBeTruthy();
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Zeit", "Anruf", "Nummer", "Gespräch", "Protokollierung", ""]);
    expect(screen.getAllByTestId("history-call-back")[0].textContent).toBe("Zurückrufen");
    expect(screen.getByTestId("history-retry").textContent).toBe("Jetzt erneut versuchen");
    expect(screen.getByTestId("history-retry-why").textContent).toMatch(/\(UNABLE_TO_LOCK_ROW\) · Versuch 2, nächster um /);
    const later = screen.getByTestId("history-log-afterwards");
    expect(later.textContent).toBe("Jetzt protokollieren");
    expect(later.title).toBe("Ringside schreibt den Datensatz dieses Anrufs jetzt (einmalig) in das CRM");
    expect(screen.getByTestId("history-wrapup-open").textContent?.trim()).toBe("Nachbearbeiten");
    await fireEvent.click(screen.getAllByText("Details")[1]);
    expect(screen.getByRole("listitem").textContent).toMatch(/\(CRM angemeldet, Ringside abgemeldet\)$/);
    expect(screen.getByText("Beendet: the caller hung up")).toBeTruthy();
    expect(screen.getByText("Notizen: wants a callback")).toBeTruthy();
    expect(screen.getByText("Ignorierte Meldung des Telefons: a second hangup")).toBeTruthy();
  });

  it("speaks Spanish", async () => {
    useLanguage("es", "es-ES");
    const logged = entry({
      row: 8,
      writer: "Companion",
      reason: "CompanionLogs",
      delivery: { state: "Logged", crm_record_id: "00T000000000042AAA" },
      wrapped_up_at: 70_000,
    });
    const discarded = entry({ row: 9, writer: "Companion", reason: "CompanionLogs", delivery: { state: "Discarded", reason: "trial org" } });
    render(History, { entries: [logged, discarded], send: vi.fn() });
    expect(screen.getByTestId("history-record").textContent).toBe("Registro del CRM 00T000000000042AAA");
    expect(screen.getByTestId("history-discarded").textContent).toBe("No enviado al CRM: trial org");
    expect(screen.getAllByTestId("history-wrapup-open").map((b) => b.textContent?.trim())).toEqual(["Editar cierre", "Completar cierre"]);
    expect(screen.getAllByText("Detalles").length).toBe(2);
  });

  it("says there are no calls yet, in each language", () => {
    useLanguage("de", "de-DE");
    const { unmount } = render(History, { entries: [], send: vi.fn() });
    expect(screen.getByText("Noch keine Anrufe.")).toBeTruthy();
    unmount();
    useLanguage("es", "es-ES");
    render(History, { entries: [], send: vi.fn() });
    expect(screen.getByText("Aún no hay llamadas.")).toBeTruthy();
  });
});
