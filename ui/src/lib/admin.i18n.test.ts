import { afterEach, describe, expect, it } from "vitest";
import { adminBanner, LOCAL_ADMIN, sourceOf } from "./admin";
import { useLanguage } from "./i18n.svelte";
import type { AdminSources, AdminView } from "./bindings";

afterEach(() => useLanguage(null, "en-US"));

const agent = { ...LOCAL_ADMIN, source: "Org", is_admin: false, sources: { hold_first_call: "Profile" } as unknown as AdminSources } as AdminView;

describe("admin source lines", () => {
  it("English keeps its words", () => {
    expect(adminBanner(agent)).toBe("Set by your admin in Salesforce. Ask them to change these.");
    expect(sourceOf(agent, "hold_first_call")).toBe("set for your profile");
    expect(sourceOf(LOCAL_ADMIN, "hold_first_call")).toBeNull();
  });

  it("German", () => {
    useLanguage("de", "de-DE");
    expect(adminBanner(agent)).toBe("Von Ihrem Administrator in Salesforce festgelegt. Bitten Sie ihn, diese zu ändern.");
    expect(sourceOf(agent, "hold_first_call")).toBe("für Ihr Profil festgelegt");
    expect(adminBanner(LOCAL_ADMIN)).toMatch(/^Auf diesem Computer gespeichert/);
  });

  it("Spanish", () => {
    useLanguage("es", "es-ES");
    expect(adminBanner({ ...agent, is_admin: true })).toMatch(/^Los valores predeterminados de su organización/);
    expect(sourceOf(agent, "hold_first_call")).toBe("establecido para su perfil");
  });
});
