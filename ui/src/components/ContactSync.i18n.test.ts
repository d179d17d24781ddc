// The contact sync card and its caller-matching settings in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ContactSync from "./ContactSync.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import { unsavedForms } from "../lib/unsaved.svelte";
import type { BudgetView, CallerSettings, Request, SyncHealth } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const NOW = 1_700_000_000_000;
const SETTINGS: CallerSettings = { sync_enabled: true, sync_interval_secs: 60, default_region: "US", auto_create: "Lead", create_when: "Ring" };

function health(over: Partial<SyncHealth> = {}): SyncHealth {
  return { state: "Idle", records: 12345, last_sync_at: NOW - 42_000, next_sync_at: NOW + 18_000, last_error: null, progress: null, budget: null, relay: null, ...over };
}

function setup(sync: SyncHealth) {
  return render(ContactSync, { sync, settings: SETTINGS, now: NOW, send: vi.fn(async (_r: Request) => true) });
}

const BUDGET: BudgetView = {
  used: 5_000,
  max: 200_000,
  share_percent: 20,
  installs: 25,
  per_cycle: 3,
  interval_secs: 540,
  paused: null,
  per_install_per_day: 1_600,
};

const text = (testid: string) => screen.getByTestId(testid).textContent?.replace(/\s+/g, " ").trim();

const options = (testid: string) => [...(screen.getByTestId(testid) as HTMLSelectElement).options].map((o) => o.textContent);

describe("ContactSync in German and Spanish", () => {
  it("speaks German, with the records' plural", async () => {
    useLanguage("de", "de-DE");
    const { unmount } = setup(health({ last_error: { cause: "NotAnswering", detail: "could not reach the CRM" } }));
    expect(screen.getByRole("heading").textContent).toBe("Kontakte für die Anruferzuordnung");
    const state = screen.getByTestId("sync-state").textContent?.replace(/\s+/g, " ");
    expect(state).toBe("Auf dem neuesten Stand · 12.345 Kontakte, Leads und Personenaccounts auf diesem Computer");
    const facts = screen.getByTestId("contact-sync").textContent?.replace(/\s+/g, " ");
    expect(facts).toContain("Zuletzt synchronisiert vor 42 s · nächste Synchronisierung in 18 s");
    expect(screen.getByTestId("sync-error").textContent).toBe(
      "Die letzte Synchronisierung ist fehlgeschlagen: die Org antwortet nicht (could not reach the CRM). Ringside versucht es erneut; Anrufe werden weiterhin per Live-Suche zugeordnet.",
    );
    expect(screen.getByTestId("sync-now").textContent).toBe("Jetzt synchronisieren");
    expect(screen.getByRole("form", { name: "Einstellungen zur Anruferzuordnung" })).toBeTruthy();
    expect(options("sync-auto-create")).toEqual(["Einen Lead anlegen", "Einen Kontakt anlegen", "Nichts anlegen"]);
    expect(options("sync-create-when")).toEqual(["Sobald der Anruf klingelt", "Wenn der Anruf angenommen wird", "Wenn Ringside den Anruf protokolliert"]);
    expect(screen.getByTestId("sync-region").getAttribute("aria-label")).toBe("Land für Nummern ohne +");
    expect(screen.getByTestId("caller-settings-save").textContent).toBe("Speichern");
    // The form is listed by its German name while it has unsaved changes.
    await fireEvent.change(screen.getByTestId("sync-auto-create"), { target: { value: "Off" } });
    expect(unsavedForms()).toEqual(["Anruferzuordnung"]);
    unmount();
    expect(unsavedForms()).toEqual([]);
    setup(health({ records: 1, state: "Copying", progress: { object: "Contact", done: 250_000, total: 1_000_000, per_second: 40_000, eta_seconds: 18.75 } }));
    expect(screen.getByTestId("sync-state").textContent?.replace(/\s+/g, " ")).toBe(
      "Kontakte werden zum ersten Mal kopiert · 1 Kontakt, Lead oder Personenaccount auf diesem Computer",
    );
    expect(screen.getByTestId("sync-progress").textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Kontakte: 250.000 von 1.000.000 · 40.000/s · noch etwa 19 s",
    );
  });

  it("speaks Spanish", () => {
    useLanguage("es", "es-ES");
    setup(health({ state: "Off", last_sync_at: null, progress: { object: "Lead", done: 5, total: null, per_second: 2, eta_seconds: null } }));
    expect(screen.getByTestId("sync-state").textContent).toContain(
      "La sincronización está desactivada: cada llamada se identifica con una búsqueda en directo en el CRM",
    );
    expect(screen.getByTestId("sync-state").textContent).toContain("contactos, candidatos y cuentas personales en este equipo");
    expect(screen.getByTestId("sync-progress").textContent?.trim()).toBe("Candidatos: 5 · 2/s");
    expect(screen.getByText("Aún no sincronizado")).toBeTruthy();
    expect(screen.getByTestId("sync-now").textContent).toBe("Sincronizar ahora");
    expect(screen.getByText("Mantener una copia local de los contactos del CRM")).toBeTruthy();
    expect(options("sync-auto-create")).toEqual(["Crear un candidato", "Crear un contacto", "No crear nada"]);
  });

  it("follows a language switch while on screen", async () => {
    setup(health());
    expect(screen.getByTestId("sync-now").textContent).toBe("Sync now");
    useLanguage("es", "es-ES");
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("sync-now").textContent).toBe("Sincronizar ahora");
    expect(screen.getByTestId("sync-last").textContent).toBe("hace 42 s");
  });

  it("BUDGET-1/2: the API budget in German", () => {
    useLanguage("de", "de-DE");
    const { unmount } = setup(health({ budget: BUDGET }));
    expect(text("sync-budget-org")).toBe("API-Nutzung der Org heute: 5.000 von 200.000 (3 %)");
    expect(text("sync-budget-pace")).toBe("Anteil von Ringside: 20 % für 25 Installationen · Abruf alle 9 min");
    unmount();
    const again = setup(health({ budget: { ...BUDGET, used: null, max: null, installs: 1, interval_secs: 7_560, paused: "OrgReserve" } }));
    expect(text("sync-budget-org")).toBe("API-Nutzung der Org: noch nicht bekannt");
    expect(text("sync-budget-pace")).toBe("Anteil von Ringside: 20 % für 1 Installation · Abruf pausiert");
    expect(text("sync-budget-paused")).toBe(
      "Der Abruf wartet: Die Org hat die letzten 10 % ihres API-Kontingents erreicht. Anrufe werden weiterhin protokolliert, und neue Anrufer werden weiterhin per Suche gefunden.",
    );
    again.unmount();
    setup(health({ budget: { ...BUDGET, interval_secs: 7_560 } }));
    expect(text("sync-budget-pace")).toBe("Anteil von Ringside: 20 % für 25 Installationen · Abruf alle 2,1 h");
  });

  it("BUDGET-3: the org relay in German and Spanish", () => {
    const relay = (link: "Snapshot" | "Live" | "Unreachable", why: string | null = null) => ({ url: "nats://relay:4222", link, why, applied: 250_000 });
    useLanguage("de", "de-DE");
    const a = setup(health({ relay: relay("Snapshot") }));
    expect(text("sync-relay")).toBe("Die Kontaktkopie des Org-Relays wird übernommen: bisher 250.000 Datensätze");
    a.unmount();
    const b = setup(health({ relay: relay("Unreachable", "timeout") }));
    expect(text("sync-relay")).toBe(
      "Das Org-Relay ist nicht erreichbar (timeout). Ringside fragt das CRM so lange im Rahmen seines Kontingents ab und kehrt zum Relay zurück, sobald es antwortet.",
    );
    b.unmount();
    useLanguage("es", "es-ES");
    setup(health({ relay: relay("Live") }));
    expect(text("sync-relay")).toBe("Siguiendo el relé de la organización: los cambios llegan en cuanto ocurren y no se consulta el CRM");
  });

  it("BUDGET-1/2: the API budget in Spanish", () => {
    useLanguage("es", "es-ES");
    const { unmount } = setup(health({ budget: { ...BUDGET, used: 15_000, interval_secs: 45 } }));
    expect(text("sync-budget-org")).toBe("Uso de la API de la organización hoy: 15.000 de 200.000 (8 %)");
    expect(text("sync-budget-pace")).toBe("Parte de Ringside: 20 % para 25 instalaciones · consulta cada 45 s");
    unmount();
    setup(health({ budget: { ...BUDGET, share_percent: 0, installs: 1, paused: "NoShare" } }));
    expect(text("sync-budget-pace")).toBe("Parte de Ringside: 0 % para 1 instalación · consulta en pausa");
    expect(screen.getByRole("status").textContent).toBe(
      "Su administrador no ha dado a Ringside ninguna parte de la cuota de API de la organización, así que no se consultan los contactos. Los llamantes se encuentran con la búsqueda.",
    );
  });
});
