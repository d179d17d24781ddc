// The contact search in German and Spanish.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ContactSearch from "./ContactSearch.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { FoundContact, Request, Response } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const ada: FoundContact = {
  id: "003000000000001AAA",
  kind: "Contact",
  name: "Ada Lovelace",
  company: null,
  owner: null,
  numbers: [{ field: "Direct_Line__c", raw: "+44 20 7946 0142", display: "+44 20 7946 0142", matched: true }],
};
const nobody: FoundContact = { ...ada, id: "003000000000002AAA", name: "Bo Nobody", numbers: [] };

function answering(contacts: FoundContact[], more: boolean) {
  return vi.fn(async (_r: Request): Promise<Response | null> => ({ kind: "Contacts", contacts, more }));
}

describe("ContactSearch in German and Spanish", () => {
  it("speaks German", async () => {
    useLanguage("de", "de-DE");
    render(ContactSearch, { ask: answering([ada, nobody], true), send: vi.fn() });
    const q = screen.getByTestId("contact-query") as HTMLInputElement;
    expect(q.placeholder).toBe("Kontakt suchen: Name, Firma oder Nummer");
    expect(q.getAttribute("aria-label")).toBe("Kontakt nach Name, Firma oder einem beliebigen Teil einer Nummer suchen");
    expect(screen.getByRole("region", { name: "Kontakt suchen" })).toBeTruthy();
    await fireEvent.input(q, { target: { value: "ada" } });
    await waitFor(() => expect(screen.getByTestId("contact-more")).toBeTruthy());
    expect(screen.getByTestId("contact-more").textContent).toMatch(/^Weitere Treffer/);
    expect(screen.getByText("Keine Telefonnummer")).toBeTruthy();
    const call = screen.getByTestId("contact-call");
    expect(call.textContent).toBe("Anrufen");
    expect(call.getAttribute("aria-label")).toBe("Ada Lovelace anrufen, Direct Line, +44 20 7946 0142");
  });

  it("speaks Spanish", async () => {
    useLanguage("es", "es-ES");
    render(ContactSearch, { ask: answering([], false), send: vi.fn() });
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "zed " } });
    await waitFor(() => expect(screen.getByTestId("contact-none").textContent).toBe("Nadie en la copia local coincide con «zed»."));
    expect((screen.getByTestId("contact-query") as HTMLInputElement).placeholder).toBe("Buscar un contacto: nombre, empresa o número");
  });
});
