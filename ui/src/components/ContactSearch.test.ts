import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ContactSearch from "./ContactSearch.svelte";
import type { Candidate, Request, Response } from "../lib/bindings";

const ada: Candidate = {
  id: "003000000000001AAA", kind: "Contact", name: "Ada Lovelace", company: "Analytical Engines", owner: null,
  created_at: 1, field: "MobilePhone", raw: "+44 20 7946 0142",
};

describe("ContactSearch", () => {
  it("MATCH-5: finds a contact and calls it bound to its record", async () => {
    const ask = vi.fn(async (r: Request): Promise<Response | null> =>
      r.cmd === "find_contacts" ? { kind: "Contacts", contacts: r.query === "ada" ? [ada] : [] } : null,
    );
    const send = vi.fn(async (_r: Request) => true);
    render(ContactSearch, { ask, send });
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "ada" } });
    await waitFor(() => expect(screen.getAllByTestId("contact-result").length).toBe(1));
    expect(ask).toHaveBeenCalledWith({ cmd: "find_contacts", query: "ada" });
    expect(screen.getByTestId("contact-result").textContent).toContain("Analytical Engines");
    await fireEvent.click(screen.getByRole("button", { name: "Call Ada Lovelace on +44 20 7946 0142" }));
    expect(send).toHaveBeenCalledWith({
      cmd: "call_control",
      action: { kind: "Dial", number: "+44 20 7946 0142", record: { id: ada.id, label: "Ada Lovelace" } },
    });
    await fireEvent.input(screen.getByTestId("contact-query"), { target: { value: "zed" } });
    await waitFor(() => expect(screen.getByTestId("contact-none")).toBeTruthy());
  });

  it("asks nothing for one letter, and once per pause in typing", async () => {
    const ask = vi.fn(async (_r: Request): Promise<Response | null> => ({ kind: "Contacts", contacts: [] }));
    render(ContactSearch, { ask, send: vi.fn() });
    const q = screen.getByTestId("contact-query");
    await fireEvent.input(q, { target: { value: "a" } });
    await fireEvent.input(q, { target: { value: "ad" } });
    await fireEvent.input(q, { target: { value: "ada" } });
    await waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
    expect(ask).toHaveBeenCalledWith({ cmd: "find_contacts", query: "ada" });
  });
});
