// The presence bar, its history and the admin's mapping in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import PresenceBar from "./PresenceBar.svelte";
import PresenceHistory from "./PresenceHistory.svelte";
import PresenceMapping from "./PresenceMapping.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { Request } from "../lib/bindings";
import { MAPPING, NOW, presenceView } from "../lib/presence.testdata";

afterEach(() => useLanguage(null, "en-US"));

const select = (testid: string) => screen.getByTestId(testid) as HTMLSelectElement;
const options = (testid: string) => [...select(testid).options].map((o) => o.textContent);
const text = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();
const clock = (ms: number, tag: string) => new Date(ms).toLocaleTimeString(tag, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

describe("Presence in German and Spanish", () => {
  it("the bar speaks German, and still sends the API names", async () => {
    useLanguage("de", "de-DE");
    const send = vi.fn(async (_r: Request) => true);
    render(PresenceBar, { presence: presenceView({ phone: { kind: "OnACall" }, pending: 1, in_sync: false }), send });
    expect(screen.getByRole("region", { name: "Präsenz" })).toBeTruthy();
    expect(screen.getByLabelText("CRM-Status")).toBe(select("presence-crm"));
    expect(screen.getByLabelText("Telefoniestatus")).toBe(select("presence-phone"));
    expect(options("presence-phone")).toEqual(["Im Gespräch", "Verfügbar", "Abwesend", "Beschäftigt", "Nachbearbeitung", "Offline"]);
    expect(select("presence-phone").selectedOptions[0].textContent).toBe("Im Gespräch");
    const sync = screen.getByTestId("presence-sync");
    expect(text(sync)).toBe("Wird abgeglichen… (1 ausstehend)");
    expect(sync.title).toBe("Eine Änderung von Ringside wartet auf Bestätigung.");
    expect(screen.getByTestId("presence-sync-now").textContent?.trim()).toBe("Status abgleichen");
    await fireEvent.change(select("presence-phone"), { target: { value: "AfterCallWork" } });
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "AfterCallWork" } });
  });

  it("the bar when sync is off, in German and Spanish", () => {
    useLanguage("de", "de-DE");
    render(PresenceBar, { presence: presenceView({ mapping: { ...MAPPING, enabled: false } }), send: vi.fn() });
    expect(screen.getByTestId("presence-off").textContent).toBe("Der Präsenzabgleich ist ausgeschaltet. Ihr Administrator schaltet ihn in Salesforce ein.");
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("presence-off").textContent).toBe("La sincronización de presencia está desactivada. Su administrador la activa en Salesforce.");
    expect(screen.getByTestId("presence-sync-now").textContent?.trim()).toBe("Sincronizar estado");
    expect(options("presence-phone")).toEqual(["Disponible", "Ausente", "Ocupado", "Trabajo posterior a la llamada", "Desconectado"]);
  });

  it("the history in German, with the locale's time", () => {
    useLanguage("de", "de-DE");
    render(PresenceHistory, { presence: presenceView(), now: NOW });
    expect(screen.getByRole("heading").textContent).toBe("Präsenzverlauf");
    expect(screen.getAllByTestId("presence-change").map(text)).toEqual([
      `${clock(NOW - 60_000, "de-DE")} Telefonie: Verfügbar Ringside ist der anderen Seite gefolgt`,
      `${clock(NOW - 62_000, "de-DE")} CRM: Available for Calls von Ihnen gesetzt`,
      `${clock(NOW - 120_000, "de-DE")} CRM: Lunch Break von Ihnen gesetzt während eines Anrufs gesetzt, nach dem Anruf übernommen`,
    ]);
  });

  it("the history's empty state in Spanish", () => {
    useLanguage("es", "es-ES");
    render(PresenceHistory, { presence: presenceView({ history: [] }), now: NOW });
    expect(screen.getByTestId("presence-history-empty").textContent).toBe("Aún no hay cambios de presencia.");
  });

  it("the mapping in German", () => {
    useLanguage("de", "de-DE");
    render(PresenceMapping, { presence: presenceView() });
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("Präsenzzuordnung");
    expect(screen.getByTestId("presence-mapping-source").textContent).toBe(
      "Von Ihrem Administrator in Salesforce festgelegt (Ringside Settings und Ringside Presence Rules).",
    );
    expect(screen.getByRole("table", { name: "Vom CRM zur Telefonie" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Von der Telefonie zum CRM" })).toBeTruthy();
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["CRM-Status", "Telefoniestatus", "Telefoniestatus", "CRM-Status"]);
    expect(screen.getByTestId("presence-mapping-to-crm-default").textContent).toBe("CRM-Status unverändert lassen");
    expect(screen.getByTestId("presence-mapping-after-call").textContent).toBe("Zurück zum Status vor dem Anruf");
    expect(screen.getByTestId("presence-mapping-ring-while-away").textContent).toBe("Anrufe werden abgewiesen");
    expect(screen.getByTestId("presence-mapping-warnings").textContent).toContain("Everything mischt Live-Kanäle: Telefon und Chat.");
  });

  it("the mapping in Spanish", () => {
    useLanguage("es", "es-ES");
    render(PresenceMapping, { presence: presenceView({ mapping: { ...MAPPING, return_to_previous: false, next_status: "Online", ring_while_away: true } }) });
    expect(screen.getByTestId("presence-mapping-after-call").textContent).toBe("Cambiar a Online");
    expect(screen.getByTestId("presence-mapping-ring-while-away").textContent).toBe("Las llamadas siguen sonando");
    expect(screen.getByTestId("presence-mapping-warnings").textContent).toContain("Everything no está asignado: pone la telefonía en Ocupado.");
  });
});
