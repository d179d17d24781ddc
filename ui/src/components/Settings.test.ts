import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import Settings from "./Settings.svelte";
import { unsavedForms } from "../lib/unsaved.svelte";
import type { AdminLayer, AdminView, Request, Settings as S } from "../lib/bindings";
import { LOCAL_ADMIN } from "../lib/admin";
import { useLanguage } from "../lib/i18n.svelte";

const base: S = {
  show_do_not_save: true,
  default_do_not_log: false,
  acd_config1_missed_queue_calls: false,
  acd_config2_inbound_while_logged_out: false,
  presence_logout_check: true,
  hold_first_call: true,
};

const orgDefault: AdminLayer = {
  offer_do_not_log: true,
  default_do_not_log: false,
  log_missed_queue_calls: false,
  log_inbound_while_logged_out: false,
  presence_logout_check: true,
  hold_first_call: true,
  unknown_callers_become: "Lead",
  create_unknown_callers: "Ring",
  default_country: "US",
  keep_contact_copy: true,
  sync_interval_secs: 60,
};

function org(is_admin: boolean): AdminView {
  return {
    source: "Org",
    is_admin,
    sources: {
      offer_do_not_log: "Org",
      default_do_not_log: "Profile",
      log_missed_queue_calls: "Org",
      log_inbound_while_logged_out: "Org",
      presence_logout_check: "User",
      hold_first_call: "Org",
      unknown_callers_become: "Org",
      create_unknown_callers: "Org",
      default_country: "Org",
      keep_contact_copy: "Org",
      sync_interval_secs: "Default",
    },
    org_default: orgDefault,
    org_desk: base,
    org_callers: { sync_enabled: true, sync_interval_secs: 60, default_region: "US", auto_create: "Lead", create_when: "Ring" },
    refused: [],
    trouble: null,
    read_at: 1,
  };
}

describe("Settings", () => {
  it("CONF-3: with no org, saves exactly the changed settings on this computer", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Settings, { settings: base, admin: LOCAL_ADMIN, send });
    expect(screen.getByTestId("settings-source").textContent).toMatch(/Saved on this computer/);
    const save = screen.getByTestId("settings-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    expect(send).toHaveBeenCalledWith({ cmd: "update_settings", settings: { ...base, default_do_not_log: true } });
  });

  it("an unsaved change is known to the window (tab switches ask), and goes when undone or left", async () => {
    const { unmount } = render(Settings, { settings: base, admin: LOCAL_ADMIN, send: vi.fn(async () => true) });
    expect(unsavedForms()).toEqual([]);
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    expect(unsavedForms()).toEqual(["Admin settings"]);
    await fireEvent.click(screen.getByText("Undo changes"));
    expect(unsavedForms()).toEqual([]);
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    unmount();
    expect(unsavedForms()).toEqual([]);
  });

  it("names every option in words an admin knows, with the vendor's name as help", () => {
    render(Settings, { settings: base, admin: LOCAL_ADMIN, send: vi.fn() });
    for (const label of [
      'Offer "Do not log the call"',
      "Calls start as not logged",
      "Log missed queue calls while logged out",
      "Log inbound calls while logged out",
      "Treat presence Logout as logged out",
    ]) {
      expect(screen.getByLabelText(new RegExp(label))).toBeTruthy();
    }
    expect(screen.getByText(/Show option: Do not save/)).toBeTruthy();
    expect(screen.getByText(/ACD config 1/)).toBeTruthy();
  });

  it("CONF-2: an agent sees the org's settings read-only, each with where it was set", () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Settings, { settings: base, admin: org(false), send });
    expect(screen.getByTestId("settings-source").textContent).toMatch(/Set by your admin/);
    const box = screen.getByTestId("setting-show_do_not_save") as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(screen.queryByTestId("settings-save")).toBeNull();
    expect(screen.getByTestId("source-default_do_not_log").textContent).toBe("set for your profile");
    expect(screen.getByTestId("source-presence_logout_check").textContent).toBe("set for you");
  });

  it("CONF-2: an admin edits the org default, never pushing their own overrides to everyone", async () => {
    const send = vi.fn(async (_r: Request) => true);
    // In force for this admin: their profile row says calls start unlogged
    // and their user row turns the logout check off; the org default leaves
    // the check unset (Ringside's default, on).
    const admin = { ...org(true), org_default: { ...orgDefault, presence_logout_check: null } };
    render(Settings, { settings: { ...base, default_do_not_log: true, presence_logout_check: false }, admin, send });
    const box = screen.getByTestId("setting-default_do_not_log") as HTMLInputElement;
    expect(box.checked, "the org default's value, not the admin's own").toBe(false);
    expect((screen.getByTestId("setting-presence_logout_check") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("setting-show_do_not_save"));
    const save = screen.getByTestId("settings-save");
    expect(save.textContent).toBe("Save for the org");
    await fireEvent.click(save);
    expect(send).toHaveBeenCalledWith({ cmd: "save_org_settings", layer: { ...orgDefault, offer_do_not_log: false, presence_logout_check: true } });
  });

  it("says when the org's settings could not be read", () => {
    const trouble = { kept: "Local", detail: "INVALID_TYPE: sObject type 'Ringside_Settings__c' is not supported." } as const;
    render(Settings, { settings: base, admin: { ...LOCAL_ADMIN, trouble }, send: vi.fn() });
    const shown = screen.getByTestId("settings-trouble");
    expect(shown.textContent).toContain("Your org has no Ringside settings to read, so the settings saved on this computer apply.");
    expect(shown.querySelector(".said")?.textContent).toBe(trouble.detail);
  });
});

describe("Settings in German and Spanish", () => {
  afterEach(() => useLanguage(null, "en-US"));

  it("names the options, buttons and the unsaved form in German", async () => {
    useLanguage("de", "de-DE");
    render(Settings, { settings: base, admin: LOCAL_ADMIN, send: vi.fn(async () => true) });
    expect(screen.getByLabelText(/„Anruf nicht protokollieren“ anbieten/)).toBeTruthy();
    expect(screen.getByText(/„Show option: Do not save“/)).toBeTruthy();
    expect(screen.getByTestId("settings-save").textContent).toBe("Einstellungen speichern");
    expect(screen.getByRole("form", { name: "Administratoreinstellungen" })).toBeTruthy();
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    expect(unsavedForms()).toEqual(["Administratoreinstellungen"]);
    await fireEvent.click(screen.getByText("Änderungen rückgängig machen"));
    expect(unsavedForms()).toEqual([]);
  });

  it("speaks Spanish to an admin saving for the org", () => {
    useLanguage("es", "es-ES");
    render(Settings, { settings: base, admin: org(true), send: vi.fn(async () => true) });
    expect(screen.getByLabelText(/Registrar las llamadas de cola perdidas sin sesión iniciada/)).toBeTruthy();
    expect(screen.getByText(/«ACD config 1»/)).toBeTruthy();
    expect(screen.getByTestId("settings-save").textContent).toBe("Guardar para la organización");
  });

  it("says in German which settings apply while the org's cannot be read", () => {
    useLanguage("de", "de-DE");
    render(Settings, { settings: base, admin: { ...org(false), trouble: { kept: "LastRead", detail: "HTTP 503" } }, send: vi.fn() });
    expect(screen.getByTestId("settings-trouble").textContent).toBe(
      "Die Einstellungen Ihrer Org konnten gerade nicht gelesen werden; es gelten die zuletzt aus der Org gelesenen. Das CRM meldete: HTTP 503",
    );
  });

  it("redraws on a language switch, and lists an unsaved change under the new name", async () => {
    render(Settings, { settings: base, admin: LOCAL_ADMIN, send: vi.fn(async () => true) });
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    expect(unsavedForms()).toEqual(["Admin settings"]);
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("settings-save").textContent).toBe("Guardar configuración");
    expect(unsavedForms()).toEqual(["Configuración de administrador"]);
    await fireEvent.click(screen.getByText("Deshacer cambios"));
    expect(unsavedForms()).toEqual([]);
  });
});
