import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import PresenceMapping from "./PresenceMapping.svelte";
import type { AdminView, PresenceMapping as Mapping, Request } from "../lib/bindings";
import { LOCAL_ADMIN } from "../lib/admin";
import { clearFieldError, takeFieldError } from "../lib/fieldErrors.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import { discardUnsaved, unsavedForms } from "../lib/unsaved.svelte";
import { MAPPING, presenceView } from "../lib/presence.testdata";

const ORG_ADMIN: AdminView = { ...LOCAL_ADMIN, source: "Org", is_admin: true };
const ORG_AGENT: AdminView = { ...LOCAL_ADMIN, source: "Org", is_admin: false };

const select = (testid: string) => screen.getByTestId(testid) as HTMLSelectElement;
const box = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
const options = (el: HTMLSelectElement) => [...el.options].map((o) => o.textContent);
const phoneSelects = () =>
  screen.getAllByRole("combobox").filter((s) => /phone$|to-phone-default|crm-offline/.test(s.dataset.testid ?? "")) as HTMLSelectElement[];

let last: ReturnType<typeof render<typeof PresenceMapping>>;

function setup(mapping: Mapping = MAPPING, send = vi.fn(async (_r: Request) => true)) {
  last = render(PresenceMapping, { presence: presenceView({ mapping }), admin: ORG_ADMIN, send });
  return send;
}

afterEach(() => {
  clearFieldError();
  discardUnsaved();
  useLanguage(null, "en-US");
});

describe("PresenceMapping editor", () => {
  it("an agent, even of an org, sees the mapping read only", () => {
    render(PresenceMapping, { presence: presenceView(), admin: ORG_AGENT, send: vi.fn() });
    const view = screen.getByTestId("presence-mapping");
    expect(view.querySelectorAll("input, select, button")).toHaveLength(0);
    expect(screen.queryByTestId("presence-mapping-editor")).toBeNull();
  });

  it("a local desk shows it read only too", () => {
    render(PresenceMapping, { presence: presenceView(), admin: { ...LOCAL_ADMIN, is_admin: true }, send: vi.fn() });
    expect(screen.getByTestId("presence-mapping")).toBeTruthy();
    expect(screen.queryByTestId("presence-mapping-editor")).toBeNull();
  });

  it("an admin edits a rule, adds and removes rows, and saves the exact mapping", async () => {
    const send = setup();
    expect(screen.getByTestId("presence-edit-source").textContent).toContain("every agent");
    expect(select("presence-edit-to-phone-4-crm").value).toBe("Chat_Only");
    expect(select("presence-edit-to-phone-4-phone").value).toBe("Busy");
    await fireEvent.change(select("presence-edit-to-phone-4-phone"), { target: { value: "AfterCallWork" } });
    await fireEvent.click(screen.getByTestId("presence-edit-to-phone-add"));
    // The first status without a rule: Everything.
    expect(select("presence-edit-to-phone-5-crm").value).toBe("On_a_Call");
    await fireEvent.change(select("presence-edit-to-phone-5-crm"), { target: { value: "Everything" } });
    await fireEvent.change(select("presence-edit-to-phone-5-phone"), { target: { value: "Away" } });
    const remove = screen.getByTestId("presence-edit-to-phone-2-remove");
    expect(remove.getAttribute("aria-label")).toBe("Remove rule 3");
    await fireEvent.click(remove);
    await fireEvent.change(select("presence-edit-to-crm-default"), { target: { value: "Away_from_Desk" } });
    await fireEvent.change(select("presence-edit-on-call"), { target: { value: "" } });
    await fireEvent.click(box("presence-edit-ring-while-away"));
    expect(unsavedForms()).toEqual(["Presence mapping"]);
    await fireEvent.click(screen.getByTestId("presence-edit-save"));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0]).toEqual({
      cmd: "save_presence_mapping",
      mapping: {
        ...MAPPING,
        to_phone: [
          { crm: "Available_for_Calls", phone: { kind: "Available" } },
          { crm: "Online", phone: { kind: "Available" } },
          { crm: "Lunch_Break", phone: { kind: "Away" } },
          { crm: "Chat_Only", phone: { kind: "AfterCallWork" } },
          { crm: "Everything", phone: { kind: "Away" } },
        ],
        to_crm_default: "Away_from_Desk",
        on_call: null,
        ring_while_away: true,
      },
    });
    // The engine's next snapshot carries the saved mapping: nothing is left unsaved.
    await last.rerender({ presence: presenceView({ mapping: (send.mock.calls[0][0] as { mapping: Mapping }).mapping }) });
    expect(screen.getByTestId("presence-edit-saved").textContent).toBe("Saved: the mapping applies to every agent.");
    expect(unsavedForms()).toEqual([]);
  });

  it("adds a telephony → CRM rule for a status without one", async () => {
    const send = setup({ ...MAPPING, to_crm: [] });
    await fireEvent.click(screen.getByTestId("presence-edit-to-crm-add"));
    expect(select("presence-edit-to-crm-0-phone").value).toBe("Available");
    await fireEvent.change(select("presence-edit-to-crm-0-phone"), { target: { value: "AfterCallWork" } });
    await fireEvent.change(select("presence-edit-to-crm-0-crm"), { target: { value: "Lunch_Break" } });
    await fireEvent.click(screen.getByTestId("presence-edit-save"));
    expect((send.mock.calls[0][0] as { mapping: Mapping }).mapping.to_crm).toEqual([{ phone: { kind: "AfterCallWork" }, crm: "Lunch_Break" }]);
  });

  it("never offers On a Call; telephony → CRM offers no Offline", () => {
    setup();
    const all = phoneSelects();
    expect(all.length).toBe(5 + 3 + 2);
    for (const s of all) expect(options(s)).not.toContain("On a Call");
    expect(options(select("presence-edit-to-phone-0-phone"))).toEqual(["Available", "Away", "Busy", "After Call Work", "Offline"]);
    expect(options(select("presence-edit-crm-offline"))).toEqual(["Available", "Away", "Busy", "After Call Work", "Offline"]);
    expect(options(select("presence-edit-to-crm-0-phone"))).toEqual(["Available", "Away", "Busy", "After Call Work"]);
    expect(options(select("presence-edit-to-crm-default"))[0]).toBe("Leave the CRM status as it is");
    expect(options(select("presence-edit-on-call"))[0]).toBe("Leave the CRM status as it is");
  });

  it("a next status and returning to the previous one exclude each other (PRES-6)", async () => {
    const send = setup();
    expect(box("presence-edit-return-to-previous").checked).toBe(true);
    expect(select("presence-edit-next-status").value).toBe("");
    await fireEvent.change(select("presence-edit-next-status"), { target: { value: "Available_for_Calls" } });
    expect(box("presence-edit-return-to-previous").checked).toBe(false);
    await fireEvent.click(box("presence-edit-return-to-previous"));
    expect(box("presence-edit-return-to-previous").checked).toBe(true);
    expect(select("presence-edit-next-status").value).toBe("");
    await fireEvent.change(select("presence-edit-next-status"), { target: { value: "Online" } });
    await fireEvent.click(screen.getByTestId("presence-edit-save"));
    const { mapping } = send.mock.calls[0][0] as { mapping: Mapping };
    expect([mapping.return_to_previous, mapping.next_status]).toEqual([false, "Online"]);
  });

  it("turning sync on asks first; cancel leaves it off, confirm turns it on (PRES-7)", async () => {
    const send = setup({ ...MAPPING, enabled: false });
    const enabled = box("presence-edit-enabled");
    expect(enabled.checked).toBe(false);
    await fireEvent.click(enabled);
    expect(enabled.checked).toBe(false);
    const confirm = screen.getByRole("alertdialog");
    expect(confirm.textContent).toContain("Syncing starts at once for every agent when you save.");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Confirm" }));
    await fireEvent.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(enabled.checked).toBe(false);
    expect(unsavedForms()).toEqual([]);
    // Escape cancels too.
    await fireEvent.click(enabled);
    await fireEvent.keyDown(screen.getByRole("alertdialog"), { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(enabled);
    await fireEvent.click(enabled);
    await fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    expect(enabled.checked).toBe(true);
    await fireEvent.click(screen.getByTestId("presence-edit-save"));
    expect((send.mock.calls[0][0] as { mapping: Mapping }).mapping).toEqual(MAPPING);
  });

  it("turning sync off needs no confirmation", async () => {
    setup();
    await fireEvent.click(box("presence-edit-enabled"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(box("presence-edit-enabled").checked).toBe(false);
  });

  it("shows the engine's refusal beside its row", async () => {
    const send = vi.fn(async (_r: Request) =>
      !takeFieldError({ code: "InvalidInput", message: "this CRM status already has a rule; each maps to one telephony status", field: "to_phone.2.crm" }),
    );
    setup(MAPPING, send);
    await fireEvent.change(select("presence-edit-to-phone-2-crm"), { target: { value: "Online" } });
    await fireEvent.click(screen.getByTestId("presence-edit-save"));
    const error = screen.getByTestId("field-error-to_phone.2");
    expect(error.textContent).toContain("this CRM status already has a rule");
    // Beside the third row of the CRM → telephony table.
    expect(error.closest("tr")?.previousElementSibling).toBe(screen.getByTestId("presence-edit-to-phone-2"));
    expect(screen.queryByTestId("presence-edit-saved")).toBeNull();
    expect(unsavedForms()).toEqual(["Presence mapping"]);
  });

  it("shows the warnings live as the admin edits", async () => {
    setup();
    const kinds = () => [...screen.getByTestId("presence-edit-warnings").querySelectorAll("li")].map((li) => li.dataset.kind);
    expect(kinds()).toEqual(["MixedUrgentChannels", "Unmapped"]);
    expect(screen.getByTestId("presence-edit-warnings").textContent).toContain("Everything is not mapped: it sets Busy.");
    await fireEvent.change(select("presence-edit-on-call"), { target: { value: "Online" } });
    // On a Call (CRM) is no longer the status during calls: unmapped; Online still routes work.
    expect(kinds()).toEqual(["Unmapped", "MixedUrgentChannels", "Unmapped", "OnCallNotBusy"]);
    await fireEvent.change(select("presence-edit-to-phone-default"), { target: { value: "Away" } });
    expect(screen.getByTestId("presence-edit-warnings").textContent).toContain("Everything is not mapped: it sets Away.");
  });

  it("speaks German", async () => {
    useLanguage("de", "de-DE");
    setup({ ...MAPPING, enabled: false });
    expect(screen.getByRole("form", { name: "Präsenzzuordnung" })).toBeTruthy();
    expect(options(select("presence-edit-to-crm-0-phone"))).toEqual(["Verfügbar", "Abwesend", "Beschäftigt", "Nachbearbeitung"]);
    expect(options(select("presence-edit-on-call"))[0]).toBe("CRM-Status unverändert lassen");
    await fireEvent.click(box("presence-edit-enabled"));
    expect(screen.getByRole("alertdialog").textContent).toContain("Der Abgleich beginnt beim Speichern sofort für alle Agenten.");
    expect(screen.getByRole("button", { name: "Bestätigen" })).toBeTruthy();
    expect(screen.getByTestId("presence-edit-save").textContent).toBe("Zuordnung speichern");
  });
});
