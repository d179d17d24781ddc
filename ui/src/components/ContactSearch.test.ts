import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ContactSearch from "./ContactSearch.svelte";
import type { FoundContact, Request, Response } from "../lib/bindings";

const ada: FoundContact = {
  id: "003000000000001AAA",
  kind: "Contact",
  name: "Ada Lovelace",
  company: "Analytical Engines",
  owner: null,
  numbers: [
    { field: "Phone", raw: "(310) 555-0142", display: "(310) 555-0142", matched: false },
    { field: "MobilePhone", raw: "+44 20 7946 0142", display: "+44 20 7946 0142", matched: true },
  ],
};

describe("ContactSearch", () => {
  it("MATCH-5: one row per record, its numbers labelled in words, each one callable", async () => {
    const ask = vi.fn(async (r: Request): Promise<Response | null> =>
      r.cmd === "find_contacts" ? { kind: "Contacts", contacts: r.query === "ada" ? [ada] : [], more: false } : null,
    );
    const send = vi.fn(async (_r: Request) => true);
    render(ContactSearch, { ask, send });
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "ada" } });
    await waitFor(() => expect(screen.getAllByTestId("contact-result").length).toBe(1));
    expect(ask).toHaveBeenCalledWith({ cmd: "find_contacts", query: "ada" });
    const row = screen.getByTestId("contact-result");
    expect(row.textContent).toContain("Analytical Engines");
    expect(row.textContent).toContain("Mobile");
    expect(row.textContent).not.toContain("MobilePhone");
    expect(screen.getAllByTestId("contact-call").length).toBe(2);
    await fireEvent.click(screen.getByRole("button", { name: "Call Ada Lovelace, Mobile, +44 20 7946 0142" }));
    expect(send).toHaveBeenCalledWith({
      cmd: "call_control",
      action: { kind: "Dial", number: "+44 20 7946 0142", record: { id: ada.id, label: "Ada Lovelace" } },
    });
    expect(screen.queryByTestId("contact-more")).toBeNull();
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "zed" } });
    await waitFor(() => expect(screen.getByTestId("contact-none")).toBeTruthy());
  });

  it("says when more records match than are listed", async () => {
    const ask = vi.fn(async (_r: Request): Promise<Response | null> => ({ kind: "Contacts", contacts: [ada], more: true }));
    render(ContactSearch, { ask, send: vi.fn() });
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "smith" } });
    await waitFor(() => expect(screen.getByTestId("contact-more")).toBeTruthy());
  });

  it("asks nothing for one letter, and once per pause in typing", async () => {
    const ask = vi.fn(async (_r: Request): Promise<Response | null> => ({ kind: "Contacts", contacts: [], more: false }));
    render(ContactSearch, { ask, send: vi.fn() });
    const q = screen.getByTestId("contact-query");
    await fireEvent.input(q, { target: { value: "a" } });
    await fireEvent.input(q, { target: { value: "ad" } });
    await fireEvent.input(q, { target: { value: "ada" } });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    expect(ask).toHaveBeenCalledWith({ cmd: "find_contacts", query: "ada" });
  });
});
