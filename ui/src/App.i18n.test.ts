// The main window in German and Spanish: its tabs, the empty call bar, the
// wrap-up that opens by itself, and the engine's problems (a translated
// headline with the engine's English beside it).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { CallView, HistoryEntry, Request, Response, Snapshot } from "./lib/bindings";
import { historyEntry } from "./lib/historyEntry.testdata";
import { presenceView } from "./lib/presence.testdata";
import { t, useLanguage } from "./lib/i18n.svelte";

const ipc = vi.hoisted(() => ({
  snapshot: null as unknown as Snapshot,
  entries: [] as HistoryEntry[],
}));

vi.mock("./lib/ipc", () => ({
  call: vi.fn(async (r: Request): Promise<Response> => {
    if (r.cmd === "dispositions") return { kind: "Dispositions", codes: [] };
    if (r.cmd === "recent_cases") return { kind: "Cases", cases: [] };
    if (r.cmd === "history") return { kind: "History", entries: ipc.entries };
    return { kind: "Snapshot", snapshot: ipc.snapshot };
  }),
  history: vi.fn(async () => ipc.entries),
  snapshot: vi.fn(async () => ipc.snapshot),
  onSnapshot: vi.fn(async () => () => {}),
  onHistoryChanged: vi.fn(async () => () => {}),
  onAskHold: vi.fn(async () => () => {}),
  reportPainted: vi.fn(),
  toIpcError: (e: unknown) => e,
}));

import App from "./App.svelte";

const settings = {
  show_do_not_save: true,
  default_do_not_log: false,
  acd_config1_missed_queue_calls: false,
  acd_config2_inbound_while_logged_out: false,
  presence_logout_check: false,
  hold_first_call: true,
};

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 1,
    login: { crm: "LoggedOut", companion: "LoggedIn" },
    settings,
    calls: [],
    keys: { answer: null, hold_resume: null, hangup: null, do_not_log: null },
    connector: { name: "Demo", connected: true, down: null, agent_state: null },
    demo: false,
    problems: [],
    crm: { state: "NotConnected", why: null },
    delivery: { pending: 0, failed: 0, written: 0, last_error: null, counting: false },
    waiting: [],
    unsaved_calls: 0,
    callers: [],
    sync: { state: "Off", records: 0, last_sync_at: null, next_sync_at: null, last_error: null, progress: null, budget: null, relay: null },
    caller_settings: { sync_enabled: false, sync_interval_secs: 300, default_region: "DE", auto_create: "Off", create_when: "Ring" },
    phone: { kind: "Demo" },
    admin: { source: "Local", is_admin: false, sources: null, org_default: null, org_desk: null, org_callers: null, refused: [], trouble: null, read_at: null },
    // No CRM connected: no presence to show (the mapping is Ringside's default).
    presence: {
      available: false,
      mapping: {
        enabled: false,
        to_phone: [],
        to_phone_default: { kind: "Busy" },
        crm_offline: { kind: "Offline" },
        to_crm: [],
        to_crm_default: null,
        on_call: null,
        return_to_previous: true,
        next_status: null,
        ring_while_away: false,
      },
      statuses: [],
      warnings: [],
      crm_known: false,
      crm: null,
      phone: null,
      phone_statuses: [],
      in_sync: true,
      pending: 0,
      history: [],
    },
    ...over,
  };
}

const live: CallView = {
  id: "sim-1",
  direction: "Inbound",
  remote: "+442079460018",
  remote_display: "+44 20 7946 0018",
  queue_name: null,
  queue: false,
  phase: "Answered",
  started_at: 1_000,
  answered_at: 2_000,
  checkbox_visible: true,
  do_not_log: false,
  logging: "CompanionLogs",
  anomalies: 0,
};

const problem = { code: "DiskFull", message: "The disk is full: calls are kept in memory until there is room." } as const;

beforeEach(() => {
  // A frame callback the test environment may lack (the launch benchmark's).
  vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => setTimeout(() => f(0), 0));
  ipc.snapshot = snapshot();
  ipc.entries = [];
});

afterEach(() => {
  useLanguage(null, "en-US");
  vi.unstubAllGlobals();
});

describe("App in German and Spanish", () => {
  it("English: the tabs, the empty call bar and a problem in the engine's own words", async () => {
    ipc.snapshot = snapshot({ problems: [problem] });
    render(App);
    await waitFor(() => expect(screen.getByTestId("no-call").textContent).toBe("No call right now. Calls appear here the moment they ring."));
    expect(screen.getByTestId("tab-settings").textContent).toBe("Admin settings");
    const shown = document.querySelector("[data-code=DiskFull]");
    expect(shown?.textContent).toBe(problem.message);
    expect(shown?.querySelector(".detail")).toBeNull();
  });

  it("German: the tabs and the empty call bar, and a problem headed in German with the engine's words beside", async () => {
    useLanguage("de", "de-DE");
    ipc.snapshot = snapshot({ problems: [problem] });
    render(App);
    await waitFor(() => expect(screen.getByTestId("no-call").textContent).toBe("Gerade kein Anruf. Anrufe erscheinen hier, sobald sie klingeln."));
    expect(screen.getByTestId("tab-history").textContent).toBe("Verlauf");
    expect(screen.getByTestId("tab-dial").textContent).toBe("Wählen");
    expect(screen.getByTestId("tab-crm").textContent).toBe("CRM-Verbindung");
    expect(screen.getByTestId("tab-settings").textContent).toBe("Administratoreinstellungen");
    expect(screen.getByRole("navigation").getAttribute("aria-label")).toBe("Bereiche");
    const shown = document.querySelector("[data-code=DiskFull]");
    expect(shown?.querySelector(".detail")?.textContent).toBe(problem.message);
    const headline = shown?.firstChild?.textContent ?? "";
    // The headline is the catalogue's sentence for the problem's code.
    expect(headline).toBe(t("problem-disk-full"));
    expect(headline).not.toBe("problem-disk-full");
    expect(headline).not.toContain("The disk is full");
  });

  it("Spanish: the wrap-up that opens by itself after a call", async () => {
    useLanguage("es", "es-ES");
    ipc.snapshot = snapshot({ calls: [live] });
    ipc.entries = [
      historyEntry({ writer: "Companion", reason: "CompanionLogs", do_not_log: false, delivery: { state: "Pending" }, who_label: "Ada Lovelace" }),
    ];
    render(App);
    const panel = await screen.findByTestId("auto-wrapup");
    expect(panel.getAttribute("aria-label")).toBe("Cierre de la llamada finalizada");
    // The caller's name is set off by a spaced dot (a block's leading space would be trimmed).
    expect(panel.querySelector("h2")?.textContent).toContain("Cierre de llamada: +44 20 7946 0018 · Ada Lovelace");
    const acw = screen.getByTestId("acw-time");
    expect(acw.getAttribute("title")).toBe("Trabajo posterior a la llamada");
    expect(acw.textContent).toMatch(/^trabajo posterior a la llamada \S+/);
    expect(screen.getByTestId("tab-history").textContent).toBe("Historial");
    expect(screen.getByRole("region", { name: "Llamadas activas" })).toBeTruthy();
  });

  it("without presence in the CRM: no presence bar and no Presence tab", async () => {
    render(App);
    await screen.findByTestId("no-call");
    expect(screen.queryByTestId("presence-bar")).toBeNull();
    expect(screen.queryByTestId("tab-presence")).toBeNull();
  });

  it("presence sync off: no bar over the calls, the Presence tab says so", async () => {
    const off = presenceView();
    ipc.snapshot = snapshot({ presence: { ...off, mapping: { ...off.mapping, enabled: false } } });
    render(App);
    await screen.findByTestId("tab-presence");
    expect(screen.queryByTestId("presence-bar")).toBeNull();
    await fireEvent.click(screen.getByTestId("tab-presence"));
    expect(screen.getByTestId("presence-mapping").getAttribute("data-enabled")).toBe("false");
  });

  it("German: the presence bar under the CRM line, and the Presence tab with the history and the mapping", async () => {
    useLanguage("de", "de-DE");
    ipc.snapshot = snapshot({ presence: presenceView() });
    render(App);
    const bar = await screen.findByTestId("presence-bar");
    // Beside the CRM's line, above the calls: in view all day.
    expect(screen.getByTestId("crm-status").nextElementSibling).toBe(bar);
    expect(bar.compareDocumentPosition(screen.getByTestId("callbar")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const tab = screen.getByTestId("tab-presence");
    expect(tab.textContent).toBe("Präsenz");
    expect(screen.getAllByRole("navigation")[0].querySelectorAll("button")[3]).toBe(tab);
    expect(tab.getAttribute("aria-pressed")).toBe("false");
    await fireEvent.click(tab);
    expect(tab.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("presence-history")).toBeTruthy();
    expect(screen.getByTestId("presence-mapping").textContent).toContain("Von Ihrem Administrator in Salesforce festgelegt");
  });
});
