import { afterEach, describe, expect, it } from "vitest";
import { useLanguage } from "./i18n.svelte";
import {
  causeText,
  changeTime,
  channelText,
  crmStatusLabel,
  historyLine,
  noteText,
  offeredPhone,
  phoneKey,
  phoneStatusText,
  sideText,
  syncState,
  syncText,
  warningText,
} from "./presence";
import { MAPPING, NOW, STATUSES } from "./presence.testdata";
import type { ChangeCause, ChangeNote, MappingWarning, PhoneStatus } from "./bindings";

afterEach(() => useLanguage(null, "en-US"));

/** The time as the locale writes it, with seconds (as the history shows today's changes). */
const clock = (ms: number, tag: string) => new Date(ms).toLocaleTimeString(tag, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

describe("telephony statuses in words", () => {
  it.each<[PhoneStatus, string, string, string]>([
    [{ kind: "Available" }, "Available", "Verfügbar", "Disponible"],
    [{ kind: "Away" }, "Away", "Abwesend", "Ausente"],
    [{ kind: "Busy" }, "Busy", "Beschäftigt", "Ocupado"],
    [{ kind: "AfterCallWork" }, "After Call Work", "Nachbearbeitung", "Trabajo posterior a la llamada"],
    [{ kind: "OnACall" }, "On a Call", "Im Gespräch", "En una llamada"],
    [{ kind: "Offline" }, "Offline", "Offline", "Desconectado"],
    [{ kind: "Platform", name: "Training" }, "Training", "Training", "Training"],
  ])("%o → %s / %s / %s", (status, en, de, es) => {
    expect(phoneStatusText(status)).toBe(en);
    useLanguage("de", "de-DE");
    expect(phoneStatusText(status)).toBe(de);
    useLanguage("es", "es-ES");
    expect(phoneStatusText(status)).toBe(es);
  });

  it("a status not read yet", () => {
    expect(phoneStatusText(null)).toBe("Not read yet");
    useLanguage("de", "de-DE");
    expect(phoneStatusText(null)).toBe("Noch nicht gelesen");
  });

  it("keys tell platform statuses apart", () => {
    expect(phoneKey({ kind: "AfterCallWork" })).toBe("AfterCallWork");
    expect(phoneKey({ kind: "Platform", name: "Training" })).not.toBe(phoneKey({ kind: "Platform", name: "Coaching" }));
  });

  it("offers the standard statuses and the platform's the mapping names, never On a Call", () => {
    const mapping = { ...MAPPING, to_crm: [...MAPPING.to_crm, { phone: { kind: "Platform", name: "Training" } as PhoneStatus, crm: "Away_from_Desk" }] };
    const offered = offeredPhone({ mapping }).map(phoneStatusText);
    expect(offered).toEqual(["Available", "Away", "Busy", "After Call Work", "Offline", "Training"]);
    expect(offeredPhone({ mapping: MAPPING }).some((p) => p.kind === "OnACall")).toBe(false);
  });

  it("offers a contact-centre platform's own list, in its order, when it has one", () => {
    const phone_statuses: PhoneStatus[] = [
      { kind: "Available" },
      { kind: "Platform", name: "Lunch" },
      { kind: "OnACall" },
      { kind: "Offline" },
    ];
    const mapping = { ...MAPPING, to_crm: [...MAPPING.to_crm, { phone: { kind: "Platform", name: "Training" } as PhoneStatus, crm: "Away_from_Desk" }] };
    expect(offeredPhone({ mapping, phone_statuses }).map(phoneStatusText)).toEqual(["Available", "Lunch", "Offline", "Training"]);
  });
});

describe("CRM statuses by API name", () => {
  it.each<[string | null, string]>([
    ["Lunch_Break", "Lunch Break"],
    ["Available_for_Calls", "Available for Calls"],
    // A status the org no longer lists keeps its API name.
    ["Retired_Status", "Retired_Status"],
    [null, "Offline"],
  ])("%s → %s", (api, want) => expect(crmStatusLabel(api, STATUSES)).toBe(want));

  it("offline in the other languages", () => {
    useLanguage("de", "de-DE");
    expect(crmStatusLabel(null, STATUSES)).toBe("Offline");
    useLanguage("es", "es-ES");
    expect(crmStatusLabel(null, STATUSES)).toBe("Desconectado");
    // The org's labels are the org's: not translated here.
    expect(crmStatusLabel("Lunch_Break", STATUSES)).toBe("Lunch Break");
  });
});

describe("causes in words", () => {
  it.each<[ChangeCause, string, string, string]>([
    ["Agent", "set by you", "von Ihnen gesetzt", "establecido por usted"],
    ["Supervisor", "set by a supervisor", "von einem Supervisor gesetzt", "establecido por un supervisor"],
    [
      "PushTimeout",
      "set by Omni-Channel after a missed work item",
      "von Omni-Channel gesetzt, nachdem eine Arbeitsanfrage unbeantwortet blieb",
      "establecido por Omni-Channel tras un trabajo no atendido",
    ],
    ["DeclinedWork", "set after you declined work", "gesetzt, nachdem Sie eine Arbeitsanfrage abgelehnt haben", "establecido al rechazar usted un trabajo"],
    ["Platform", "set by the telephony platform", "von der Telefonieplattform gesetzt", "establecido por la plataforma de telefonía"],
    ["Login", "logged in or out of presence", "bei der An- oder Abmeldung von der Präsenz", "al iniciar o cerrar sesión en la presencia"],
    ["Followed", "Ringside followed the other side", "Ringside ist der anderen Seite gefolgt", "Ringside siguió al otro lado"],
    ["CallStart", "a call started", "ein Anruf hat begonnen", "empezó una llamada"],
    ["CallEnd", "a call ended", "ein Anruf ist beendet", "terminó una llamada"],
    ["Reconcile", "Ringside put the two sides back in step", "Ringside hat beide Seiten wieder abgeglichen", "Ringside volvió a poner de acuerdo ambos lados"],
    ["Read", "found when Ringside read it", "von Ringside beim Lesen vorgefunden", "encontrado al leerlo Ringside"],
  ])("%s", (cause, en, de, es) => {
    expect(causeText(cause)).toBe(en);
    useLanguage("de", "de-DE");
    expect(causeText(cause)).toBe(de);
    useLanguage("es", "es-ES");
    expect(causeText(cause)).toBe(es);
  });

  it("a cause this version does not know says nothing", () => {
    expect(causeText("Teleport" as ChangeCause)).toBe("");
  });
});

describe("notes in words", () => {
  it.each<[ChangeNote | null, string | null, string | null]>([
    ["KeptForAfterCall", "made during a call, applied after it", "während eines Anrufs gesetzt, nach dem Anruf übernommen"],
    ["Outdated", "older than the current status, ignored", "älter als der aktuelle Status, ignoriert"],
    ["NotApplied", "Ringside could not set it after several tries", "Ringside konnte ihn auch nach mehreren Versuchen nicht setzen"],
    [null, null, null],
  ])("%s", (note, en, de) => {
    expect(noteText(note)).toBe(en);
    useLanguage("de", "de-DE");
    expect(noteText(note)).toBe(de);
  });
});

describe("sides", () => {
  it("names both sides", () => {
    expect([sideText("Crm"), sideText("Phone")]).toEqual(["CRM", "Telephony"]);
    useLanguage("es", "es-ES");
    expect([sideText("Crm"), sideText("Phone")]).toEqual(["CRM", "Telefonía"]);
  });
});

describe("history lines", () => {
  it("a CRM change with its cause and note, in English", () => {
    const at = NOW - 120_000;
    const line = historyLine({ at, to: { side: "Crm", status: "Lunch_Break" }, cause: "Agent", note: "KeptForAfterCall" }, STATUSES, NOW);
    expect(line).toMatchObject({
      time: clock(at, "en"),
      side: "CRM",
      status: "Lunch Break",
      what: "CRM: Lunch Break",
      cause: "set by you",
      note: "made during a call, applied after it",
    });
    expect(line.title).toBe(new Date(at).toLocaleString("en", { dateStyle: "full", timeStyle: "medium" }));
  });

  it("a telephony change, in German, in the locale's time", () => {
    useLanguage("de", "de-DE");
    const at = NOW - 5_000;
    const line = historyLine({ at, to: { side: "Phone", status: { kind: "AfterCallWork" } }, cause: "CallEnd", note: null }, STATUSES, NOW);
    expect(line).toMatchObject({ time: clock(at, "de-DE"), what: "Telefonie: Nachbearbeitung", cause: "ein Anruf ist beendet", note: null });
    expect(line.time).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it("offline in the CRM, and a platform's own status", () => {
    expect(historyLine({ at: NOW, to: { side: "Crm", status: null }, cause: "Login", note: null }, STATUSES, NOW).what).toBe("CRM: Offline");
    expect(historyLine({ at: NOW, to: { side: "Phone", status: { kind: "Platform", name: "Training" } }, cause: "Platform", note: null }, STATUSES, NOW).what).toBe(
      "Telephony: Training",
    );
  });

  it("an older change shows its day", () => {
    const at = NOW - 3 * 86_400_000;
    expect(changeTime(at, NOW)).not.toBe(clock(at, "en"));
    expect(changeTime(at, NOW)).toContain(new Date(at).toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" }));
  });
});

describe("mapping warnings", () => {
  const cases: [MappingWarning, string, string, string][] = [
    [
      { kind: "MixedUrgentChannels", crm: "Everything", channels: ["sfdc_phone", "sfdc_liveagent"] },
      "Everything mixes live channels: voice and chat. A caller and a chat can reach the agent at once.",
      "Everything mischt Live-Kanäle: Telefon und Chat. Ein Anruf und ein Chat können den Agenten gleichzeitig erreichen.",
      "Everything mezcla canales en directo: voz y chat. Una llamada y un chat pueden llegar al agente a la vez.",
    ],
    [
      { kind: "UnknownCrmStatus", crm: "Retired_Status" },
      "The mapping names Retired_Status, which your org does not have (any more).",
      "Die Zuordnung nennt Retired_Status, einen Status, den es in Ihrer Org nicht (mehr) gibt.",
      "La asignación nombra Retired_Status, un estado que su organización ya no tiene.",
    ],
    [
      { kind: "Unmapped", crm: "Everything", becomes: { kind: "Busy" } },
      "Everything is not mapped: it sets Busy.",
      "Everything ist nicht zugeordnet und setzt die Telefonie auf Beschäftigt.",
      "Everything no está asignado: pone la telefonía en Ocupado.",
    ],
    [
      { kind: "OnCallNotBusy", crm: "Available_for_Calls" },
      "Available for Calls, the CRM status during calls, still routes work: new work can arrive during a call.",
      "Available for Calls, der CRM-Status während Anrufen, leitet weiterhin Arbeit weiter: Während eines Anrufs kann neue Arbeit eintreffen.",
      "Available for Calls, el estado del CRM durante las llamadas, sigue enrutando trabajo: puede llegar trabajo nuevo durante una llamada.",
    ],
  ];

  it.each(cases)("%o", (w, en, de, es) => {
    expect(warningText(w, STATUSES)).toBe(en);
    useLanguage("de", "de-DE");
    expect(warningText(w, STATUSES)).toBe(de);
    useLanguage("es", "es-ES");
    expect(warningText(w, STATUSES)).toBe(es);
  });

  it("covers every kind", () => {
    expect(new Set(cases.map(([w]) => w.kind))).toEqual(new Set(["MixedUrgentChannels", "UnknownCrmStatus", "Unmapped", "OnCallNotBusy"]));
  });

  it("names known channels in words and keeps others' API names", () => {
    expect([channelText("sfdc_phone"), channelText("sfdc_liveagent"), channelText("sfdc_livemessage"), channelText("My_Voice__c")]).toEqual([
      "voice",
      "chat",
      "messaging",
      "My_Voice__c",
    ]);
    expect(warningText({ kind: "MixedUrgentChannels", crm: "X", channels: ["sfdc_phone", "sfdc_liveagent", "sfdc_livemessage"] }, STATUSES)).toContain(
      "voice, chat, and messaging",
    );
  });

  it("an unmapped status that takes a platform's own status", () => {
    expect(warningText({ kind: "Unmapped", crm: "Lunch_Break", becomes: { kind: "Platform", name: "Training" } }, STATUSES)).toBe(
      "Lunch Break is not mapped: it sets Training.",
    );
  });
});

describe("the sync indicator", () => {
  it.each([
    [{ in_sync: true, pending: 0 }, "in-sync", "In sync"],
    [{ in_sync: false, pending: 0 }, "apart", "Out of sync"],
    [{ in_sync: false, pending: 2 }, "syncing", "Syncing… (2 waiting)"],
    [{ in_sync: true, pending: 1 }, "syncing", "Syncing… (1 waiting)"],
  ] as const)("%o → %s", (p, state, label) => {
    expect(syncState(p)).toBe(state);
    expect(syncText(p).label).toBe(label);
  });

  it("its tooltip counts the waiting changes, in German too", () => {
    expect(syncText({ in_sync: false, pending: 1 }).title).toBe("One change Ringside made waits for confirmation.");
    expect(syncText({ in_sync: false, pending: 3 }).title).toBe("3 changes Ringside made wait for confirmation.");
    useLanguage("de", "de-DE");
    expect(syncText({ in_sync: true, pending: 0 }).label).toBe("Abgeglichen");
    expect(syncText({ in_sync: false, pending: 3 }).title).toBe("3 Änderungen von Ringside warten auf Bestätigung.");
  });
});

describe("mappingWarnings", () => {
  it("works out the engine's warnings for the demo mapping", async () => {
    const { mappingWarnings } = await import("./presence");
    const { MAPPING, STATUSES, presenceView } = await import("./presence.testdata");
    expect(mappingWarnings(MAPPING, STATUSES)).toEqual(presenceView().warnings);
  });

  it("names statuses the org lacks once, and a status during calls that routes work", async () => {
    const { mappingWarnings } = await import("./presence");
    const { MAPPING, STATUSES } = await import("./presence.testdata");
    const m = { ...MAPPING, on_call: "Online", next_status: "Gone", to_crm_default: "Gone" };
    const w = mappingWarnings(m, STATUSES);
    expect(w.filter((x) => x.kind === "UnknownCrmStatus")).toEqual([{ kind: "UnknownCrmStatus", crm: "Gone" }]);
    expect(w.at(-1)).toEqual({ kind: "OnCallNotBusy", crm: "Online" });
  });
});
