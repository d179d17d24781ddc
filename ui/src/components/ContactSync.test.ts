import { describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import ContactSync, { intervalParts } from "./ContactSync.svelte";
import type { AdminView, BudgetView, CallerSettings, RelayLink, Request, SyncHealth } from "../lib/bindings";
import { LOCAL_ADMIN } from "../lib/admin";

const NOW = 1_700_000_000_000;

function health(over: Partial<SyncHealth> = {}): SyncHealth {
  return { state: "Idle", records: 12345, last_sync_at: NOW - 42_000, next_sync_at: NOW + 18_000, last_error: null, progress: null, budget: null, relay: null, ...over };
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

const SETTINGS: CallerSettings = { sync_enabled: true, sync_interval_secs: 60, default_region: "US", auto_create: "Lead", create_when: "Ring" };

function setup(sync: SyncHealth, settings = SETTINGS, admin: AdminView = LOCAL_ADMIN) {
  const send = vi.fn(async (_r: Request) => true);
  render(ContactSync, { sync, settings, admin, now: NOW, send });
  return send;
}

describe("ContactSync", () => {
  it("shows the state, count, lag and next sync", () => {
    setup(health());
    expect(screen.getByTestId("sync-state").textContent).toContain("Up to date");
    expect(screen.getByTestId("sync-records").textContent).toBe((12345).toLocaleString());
    expect(screen.getByTestId("sync-last").textContent).toBe("42 s ago");
    expect(screen.getByTestId("contact-sync").textContent).toContain("next in 18 s");
  });

  it("SYNC-1: shows the first copy's progress with rate and time left", () => {
    setup(health({ state: "Copying", progress: { object: "Contact", done: 250_000, total: 1_000_000, per_second: 40_000, eta_seconds: 18.75 } }));
    const p = screen.getByTestId("sync-progress");
    expect((p.querySelector("progress") as HTMLProgressElement).value).toBe(25);
    expect(p.textContent).toContain("about 19 s left");
    expect(p.textContent).toContain((40_000).toLocaleString() + "/s");
  });

  it("shows a failed sync and still offers Sync now", async () => {
    const send = setup(health({ last_error: { cause: "NotAnswering", detail: "could not reach the CRM" } }));
    expect(screen.getByTestId("sync-error").textContent).toContain("could not reach the CRM");
    await fireEvent.click(screen.getByTestId("sync-now"));
    expect(send).toHaveBeenCalledWith({ cmd: "sync_now" });
  });

  it("SYNC-4: when off, says matching is live and Sync now is disabled", () => {
    setup(health({ state: "Off" }), { ...SETTINGS, sync_enabled: false });
    expect(screen.getByTestId("sync-state").textContent).toContain("live CRM search");
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(true);
  });

  async function pickCountry(typed: string) {
    const input = screen.getByTestId("sync-region");
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: typed } });
    await fireEvent.keyDown(input, { key: "Enter" });
  }

  it("saves the matching settings with the country picked by its name", async () => {
    const send = setup(health());
    const save = screen.getByTestId("caller-settings-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await pickCountry("united kingdom");
    expect(screen.getByTestId("sync-region").dataset.code).toBe("GB");
    await fireEvent.change(screen.getByTestId("sync-auto-create"), { target: { value: "Off" } });
    await fireEvent.click(screen.getByTestId("sync-enabled"));
    await fireEvent.submit(screen.getByRole("form", { name: "Caller matching settings" }));
    expect(send).toHaveBeenCalledWith({
      cmd: "update_caller_settings",
      settings: { sync_enabled: false, sync_interval_secs: 60, default_region: "GB", auto_create: "Off", create_when: "Ring" },
    });
  });

  it("MATCH-2: when an unknown caller's record is made; nothing to choose when none is made", async () => {
    const send = setup(health());
    const when = screen.getByTestId("sync-create-when") as HTMLSelectElement;
    expect(when.disabled).toBe(false);
    await fireEvent.change(when, { target: { value: "Answer" } });
    await fireEvent.submit(screen.getByRole("form", { name: "Caller matching settings" }));
    expect(send).toHaveBeenCalledWith({
      cmd: "update_caller_settings",
      settings: { ...SETTINGS, create_when: "Answer" },
    });
    await fireEvent.change(screen.getByTestId("sync-auto-create"), { target: { value: "Off" } });
    expect(when.disabled).toBe(true);
  });

  const ORG: AdminView = {
    ...LOCAL_ADMIN,
    source: "Org",
    org_default: {
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
      sync_interval_secs: null,
    },
    org_desk: null,
    org_callers: { sync_enabled: true, sync_interval_secs: 60, default_region: "US", auto_create: "Lead", create_when: "Ring" },
  };

  it("CONF-2: an agent cannot change the org's matching settings", () => {
    setup(health(), SETTINGS, ORG);
    expect(screen.getByTestId("caller-settings-source").textContent).toMatch(/Set by your admin/);
    expect((screen.getByTestId("sync-region") as HTMLInputElement).closest("fieldset")?.disabled).toBe(true);
    expect(screen.queryByTestId("caller-settings-save")).toBeNull();
  });

  it("CONF-2: an admin's change goes to the org default, never their own overrides", async () => {
    // This admin's own row sets 120 s; the org default sets nothing (60 s).
    const send = setup(health(), { ...SETTINGS, sync_interval_secs: 120 }, { ...ORG, is_admin: true });
    await pickCountry("Germany");
    await fireEvent.submit(screen.getByRole("form", { name: "Caller matching settings" }));
    expect(send).toHaveBeenCalledWith({
      cmd: "save_org_settings",
      layer: { ...ORG.org_default, default_country: "DE", sync_interval_secs: 60 },
    });
  });

  it("BUDGET-1: shows the org's API use and the pace Ringside's share allows", () => {
    setup(health({ budget: BUDGET }));
    expect(text("sync-budget-org")).toBe(`Org API use: ${(5_000).toLocaleString()} of ${(200_000).toLocaleString()} today (3 %)`);
    expect(text("sync-budget-pace")).toBe("Ringside's share: 20 % for 25 installs · polling every 9 min");
    expect(screen.queryByTestId("sync-budget-paused")).toBeNull();
  });

  it("BUDGET-1: before the org answered, its use is not known; one install is singular", () => {
    setup(health({ budget: { ...BUDGET, used: null, max: null, installs: 1, interval_secs: 45 } }));
    expect(text("sync-budget-org")).toBe("Org API use: not known yet");
    expect(text("sync-budget-pace")).toBe("Ringside's share: 20 % for 1 install · polling every 45 s");
  });

  it("BUDGET-2: in the org's last 10 %, says polling waits and calls still go", () => {
    setup(health({ budget: { ...BUDGET, used: 185_000, paused: "OrgReserve" } }));
    expect(text("sync-budget-org")).toBe(`Org API use: ${(185_000).toLocaleString()} of ${(200_000).toLocaleString()} today (93 %)`);
    expect(text("sync-budget-pace")).toBe("Ringside's share: 20 % for 25 installs · polling paused");
    const paused = screen.getByRole("status");
    expect(paused.dataset.testid).toBe("sync-budget-paused");
    expect(paused.textContent).toBe(
      "Polling waits: the org is into the last 10 % of its API allocation. Calls are still logged and new callers are still found by search.",
    );
  });

  it("BUDGET-1: with no share for Ringside, says contacts are not polled", () => {
    setup(health({ budget: { ...BUDGET, share_percent: 0, paused: "NoShare", per_install_per_day: 0 } }));
    expect(text("sync-budget-pace")).toBe("Ringside's share: 0 % for 25 installs · polling paused");
    expect(screen.getByTestId("sync-budget-paused").getAttribute("role")).toBe("status");
    expect(text("sync-budget-paused")).toBe(
      "Your admin has given Ringside no share of the org's API allocation, so contacts are not polled. Callers are found by search.",
    );
  });

  it("BUDGET-3: following the org relay, from connecting to live, and the fallback said", () => {
    const relay = (link: RelayLink, why: string | null = null, applied = 0) => ({ url: "nats://relay.example.com:4222", link, why, applied });
    setup(health({ state: "Syncing", relay: relay("Connecting") }));
    expect(text("sync-relay")).toBe("Connecting to the org relay at nats://relay.example.com:4222");
    expect(screen.queryByTestId("sync-budget")).toBeNull();
    cleanup();
    setup(health({ state: "Copying", relay: relay("Snapshot", null, 250_000) }));
    expect(text("sync-relay")).toBe(`Taking the org relay's copy of the contacts: ${(250_000).toLocaleString()} records so far`);
    cleanup();
    setup(health({ relay: relay("Live") }));
    expect(text("sync-relay")).toBe("Following the org relay: changes arrive as they happen, and the CRM is not polled");
    expect(screen.getByTestId("sync-relay").dataset.link).toBe("Live");
    cleanup();
    // Unreachable: the fallback polls within the budget, and both are shown.
    setup(health({ budget: BUDGET, relay: relay("Unreachable", "connection refused") }));
    const said = screen.getByTestId("sync-relay");
    expect(said.getAttribute("role")).toBe("status");
    expect(said.classList.contains("paused")).toBe(true);
    expect(said.textContent?.trim()).toBe(
      "The org relay cannot be reached (connection refused). Ringside polls the CRM within its budget meanwhile and goes back to the relay when it answers.",
    );
    expect(text("sync-budget-pace")).toBe("Ringside's share: 20 % for 25 installs · polling every 9 min");
  });

  it("BUDGET-1: no budget block before the engine has one", () => {
    setup(health());
    expect(screen.queryByTestId("sync-budget")).toBeNull();
  });

  it("BUDGET-1: the interval reads in seconds, minutes or hours", () => {
    expect(intervalParts(45)).toEqual({ unit: "seconds", value: 45 });
    expect(intervalParts(119)).toEqual({ unit: "seconds", value: 119 });
    expect(intervalParts(120)).toEqual({ unit: "minutes", value: 2 });
    expect(intervalParts(540)).toEqual({ unit: "minutes", value: 9 });
    expect(intervalParts(7_140)).toEqual({ unit: "minutes", value: 119 });
    expect(intervalParts(7_200)).toEqual({ unit: "hours", value: 2 });
    expect(intervalParts(7_560)).toEqual({ unit: "hours", value: 2.1 });
    expect(intervalParts(36_000)).toEqual({ unit: "hours", value: 10 });
  });

  it.each([
    [45, "45 s"],
    [540, "9 min"],
    [7_200, `${(2).toLocaleString(undefined, { minimumFractionDigits: 1 })} h`],
    [7_560, `${(2.1).toLocaleString()} h`],
  ])("BUDGET-1: polling every %i s reads “%s”", (secs, shown) => {
    setup(health({ budget: { ...BUDGET, interval_secs: secs } }));
    expect(text("sync-budget-pace")).toBe(`Ringside's share: 20 % for 25 installs · polling every ${shown}`);
  });
});
