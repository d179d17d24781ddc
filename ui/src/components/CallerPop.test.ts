import { describe, expect, it, vi, afterEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import CallerPop from "./CallerPop.svelte";
import type { CallerMatch, Candidate, Request } from "../lib/bindings";
import { t, useLanguage } from "../lib/i18n.svelte";

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

function setup(p: CallerMatch) {
  const send = vi.fn(async (_r: Request) => true);
  render(CallerPop, { pop: p, send });
  return send;
}

describe("CallerPop", () => {
  it("MATCH-3: one match shows name, type, company, owner and why it matched", () => {
    setup(pop());
    const m = screen.getByTestId("caller-match").textContent ?? "";
    for (const s of ["Maria Lopez", "Contact", "Acme Tools", "Owner Alex Agent", "Matched on Phone: (310) 867-5309"]) {
      expect(m).toContain(s);
    }
    expect(screen.queryByTestId("caller-picker")).toBeNull();
  });

  it("MATCH-4: several matches give a picker with the first created chosen, and a pick is sent", async () => {
    const lead = candidate({ id: "00Q000000000002AAA", kind: "Lead", name: "M. Lopez", company: "Lopez Consulting", field: "MobilePhone" });
    const send = setup(pop({ candidates: [candidate(), lead] }));
    const options = screen.getAllByRole("radio") as HTMLInputElement[];
    expect(options).toHaveLength(2);
    expect(options[0].checked).toBe(true);
    expect(screen.getAllByTestId("caller-option")[0].textContent).toContain("first created");
    expect(screen.getAllByTestId("caller-option")[1].textContent).toContain("matched on Mobile:");
    await fireEvent.click(options[1]);
    expect(send).toHaveBeenCalledWith({ cmd: "pick_caller", call_id: "sim-1", record_id: "00Q000000000002AAA" });
    // Choosing the chosen one again sends nothing.
    send.mockClear();
    await fireEvent.click(options[0]);
    expect(send).not.toHaveBeenCalled();
  });

  it("the picker is one radio group, so arrow keys move through it", () => {
    setup(pop({ candidates: [candidate(), candidate({ id: "00Q000000000002AAA", kind: "Lead" })] }));
    const names = new Set((screen.getAllByRole("radio") as HTMLInputElement[]).map((r) => r.name));
    expect(names.size).toBe(1);
  });

  it.each([
    [{ state: "Searching" } as const, "caller-searching", "searching the CRM"],
    [{ state: "NotFound", reason: null } as const, "caller-unknown", "Nobody in the CRM has this number"],
    [{ state: "NotFound", reason: { code: "SearchFailed", detail: "HTTP 503" } } as const, "caller-unknown", "The CRM could not be searched, so no record was made (the caller may exist): HTTP 503"],
    [{ state: "NotFound", reason: { code: "WillCreate", object: "Lead", when: "Answer" } } as const, "caller-unknown", "a new Lead is made when the call is answered"],
    [{ state: "NotFound", reason: { code: "NotLoggedByRingside" } } as const, "caller-unknown", "as Ringside does not log this call"],
    [{ state: "Creating", object: "Lead" } as const, "caller-creating", "A new Lead is being created"],
  ])("state %j reads clearly", (state, testid, text) => {
    setup(pop({ state, candidates: [], chosen: null, chosen_by: null }));
    expect(screen.getByTestId(testid).textContent).toContain(text);
  });

  it("MATCH-5: a call started from a record says so", () => {
    setup(pop({ chosen_by: "ClickToCall", candidates: [candidate({ created_at: null, owner: null, company: null })] }));
    expect(screen.getByTestId("caller-match").textContent).toContain("called from this record");
  });
});

// The screen pop in German and Spanish, with the picker's plural.
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
    const failed = render(CallerPop, {
      pop: pop({ state: { state: "NotFound", reason: { code: "NotQueued", object: "Lead", detail: "disk full" } }, candidates: [], chosen: null, chosen_by: null }),
      send: send(),
    });
    // The computer's own words follow the sentence, as they came.
    expect(screen.getByTestId("caller-unknown").textContent).toContain("Der neue Lead konnte nicht zum Anlegen gespeichert werden: disk full");
    failed.unmount();
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
    const waiting = render(CallerPop, {
      pop: pop({ state: { state: "NotFound", reason: { code: "WillCreate", object: "Contact", when: "Logged" } }, candidates: [], chosen: null, chosen_by: null }),
      send: send(),
    });
    expect(screen.getByTestId("caller-unknown").textContent).toContain("se creará un nuevo contacto cuando Ringside registre la llamada");
    waiting.unmount();
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
