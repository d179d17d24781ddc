// The screen pop in German and Spanish, with the picker's plural.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import CallerPop from "./CallerPop.svelte";
import { t, useLanguage } from "../lib/i18n.svelte";
import type { CallerMatch, Candidate, Request } from "../lib/bindings";

function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    id: "003000000000001AAA",
    kind: "Contact",
    name: "Maria Lopez",
    company: "Acme Tools",
    owner: "Alex Agent",
    created_at: Date.UTC(2025, 0, 5),
    field: "Phone",
    raw: "(310) 867-5309",
    display: "(310) 867-5309",
    ...over,
  };
}

function pop(over: Partial<CallerMatch> = {}): CallerMatch {
  return {
    call_id: "sim-1",
    state: { state: "Found" },
    candidates: [candidate()],
    chosen: "003000000000001AAA",
    chosen_by: "FirstCreated",
    searched_live: false,
    ended: false,
    ...over,
  };
}

const send = () => vi.fn(async (_r: Request) => true);
const two = [candidate(), candidate({ id: "00Q000000000002AAA", kind: "Lead", company: null, owner: null })];

afterEach(() => useLanguage(null, "en-US"));

describe("CallerPop in German and Spanish", () => {
  it("one match and the picker speak German, with the plural of records", () => {
    useLanguage("de", "de-DE");
    const { unmount } = render(CallerPop, { pop: pop({ chosen_by: "ClickToCall" }), send: send() });
    const m = screen.getByTestId("caller-match").textContent ?? "";
    expect(m).toContain("Inhaber Alex Agent");
    expect(m).toContain("Gefunden über");
    expect(m).toContain("aus diesem Datensatz angerufen");
    unmount();
    render(CallerPop, { pop: pop({ candidates: two }), send: send() });
    expect(screen.getByTestId("caller-picker").querySelector("legend")?.textContent).toBe(
      "2 Datensätze haben diese Nummer. Der Anruf wird bei dem Datensatz protokolliert, den Sie auswählen (Standard: der zuerst angelegte).",
    );
    const [first, second] = screen.getAllByTestId("caller-option").map((o) => o.textContent ?? "");
    expect(first).toContain("zuerst angelegt");
    expect(second).toContain("Kein Unternehmen · Inhaber unbekannt");
    expect(second).toContain("gefunden über");
    expect(t("pop-picker-legend", { n: 1 })).toMatch(/^1 Datensatz hat diese Nummer\./);
  });

  it("an unknown caller and the picker speak Spanish", () => {
    useLanguage("es", "es-ES");
    const { unmount } = render(CallerPop, { pop: pop({ state: { state: "NotFound", reason: null }, candidates: [], chosen: null, chosen_by: null }), send: send() });
    expect(screen.getByTestId("caller-unknown").textContent).toContain("Llamante desconocido. Nadie en el CRM tiene este número.");
    unmount();
    const creating = render(CallerPop, { pop: pop({ state: { state: "Creating", object: "Lead" }, candidates: [], chosen: null, chosen_by: null }), send: send() });
    expect(screen.getByTestId("caller-creating").textContent).toContain("Se está creando un nuevo candidato en el CRM.");
    creating.unmount();
    render(CallerPop, { pop: pop({ candidates: two }), send: send() });
    expect(screen.getByTestId("caller-picker").querySelector("legend")?.textContent).toMatch(/^2 registros tienen este número\./);
    expect(screen.getAllByTestId("caller-option")[1].textContent).toContain("Sin empresa · Propietario desconocido");
    expect(t("pop-picker-legend", { n: 1 })).toMatch(/^1 registro tiene este número\./);
  });

  it("a new Contact being made reads right in German", () => {
    useLanguage("de", "de-DE");
    render(CallerPop, { pop: pop({ state: { state: "Creating", object: "Contact" }, candidates: [], chosen: null, chosen_by: null }), send: send() });
    expect(screen.getByTestId("caller-creating").textContent).toContain("Unbekannter Anrufer. Ein neuer Kontakt wird im CRM angelegt.");
  });
});
