// Presence (section 6) in words: both sides' statuses, why each change in
// the history happened, and what the admin's mapping warns about. Pure
// helpers; every word comes from the catalogue (presence.ftl).
import { t } from "./i18n.svelte";
import { clockTime, fullTime, locale, when } from "./format";
import type {
  ChangeCause,
  ChangeNote,
  CrmPresenceStatus,
  MappingWarning,
  PhoneStatus,
  PresenceChange,
  PresenceMapping,
  PresenceValue,
  PresenceView,
  Side,
} from "./bindings";

type Kind = Exclude<PhoneStatus["kind"], "Platform">;

const PHONE_ID: Record<Kind, string> = {
  Available: "presence-phone-available",
  Away: "presence-phone-away",
  Busy: "presence-phone-busy",
  AfterCallWork: "presence-phone-after-call-work",
  OnACall: "presence-phone-on-a-call",
  Offline: "presence-phone-offline",
};

/** The telephony statuses an agent may pick (*On a Call* is set only by calls). */
export const PICKABLE_PHONE: readonly PhoneStatus[] = [
  { kind: "Available" },
  { kind: "Away" },
  { kind: "Busy" },
  { kind: "AfterCallWork" },
  { kind: "Offline" },
];

/** A telephony status in words ("After Call Work"); a platform's own status by its own name. */
export function phoneStatusText(s: PhoneStatus | null): string {
  if (!s) return t("presence-not-known");
  if (s.kind === "Platform") return s.name;
  const id = PHONE_ID[s.kind];
  return id ? t(id) : String(s.kind);
}

/** A stable key for a telephony status (a `<select>` option's value). */
export function phoneKey(s: PhoneStatus): string {
  return s.kind === "Platform" ? `platform:${s.name}` : s.kind;
}

export function samePhone(a: PhoneStatus | null, b: PhoneStatus | null): boolean {
  return !!a && !!b && phoneKey(a) === phoneKey(b);
}

/** A CRM status's label, by its API name; a name the org does not list shows as it is; none is "Offline". */
export function crmStatusLabel(api: string | null, statuses: readonly CrmPresenceStatus[]): string {
  if (api === null) return t("presence-crm-offline");
  return statuses.find((s) => s.api_name === api)?.label || api;
}

/**
 * What the agent can pick on the telephony side: the platform's list when it
 * has one (a contact-centre platform), else the standard statuses; and the
 * platform's own the mapping names. Never *On a Call*.
 */
export function offeredPhone(p: Pick<PresenceView, "mapping"> & Partial<Pick<PresenceView, "phone_statuses">>): PhoneStatus[] {
  const listed = (p.phone_statuses ?? []).filter((s) => s.kind !== "OnACall");
  const out = listed.length ? [...listed] : [...PICKABLE_PHONE];
  const named = [...p.mapping.to_phone.map((r) => r.phone), ...p.mapping.to_crm.map((r) => r.phone)];
  for (const s of named) {
    if (s.kind === "Platform" && !out.some((o) => samePhone(o, s))) out.push(s);
  }
  return out;
}

const SIDE_ID: Record<Side, string> = {
  Crm: "presence-side-crm",
  Phone: "presence-side-phone",
};

export function sideText(side: Side): string {
  return SIDE_ID[side] ? t(SIDE_ID[side]) : String(side);
}

const CAUSE_ID: Record<ChangeCause, string> = {
  Agent: "presence-cause-agent",
  Supervisor: "presence-cause-supervisor",
  PushTimeout: "presence-cause-push-timeout",
  DeclinedWork: "presence-cause-declined-work",
  Platform: "presence-cause-platform",
  Login: "presence-cause-login",
  Followed: "presence-cause-followed",
  CallStart: "presence-cause-call-start",
  CallEnd: "presence-cause-call-end",
  Reconcile: "presence-cause-reconcile",
  Read: "presence-cause-read",
};

/** Why a status changed, in words. A cause this version does not know says nothing. */
export function causeText(cause: ChangeCause): string {
  const id = CAUSE_ID[cause];
  return id ? t(id) : "";
}

const NOTE_ID: Record<ChangeNote, string> = {
  KeptForAfterCall: "presence-note-kept-for-after-call",
  Outdated: "presence-note-outdated",
  NotApplied: "presence-note-not-applied",
};

/** What became of a change that was not simply applied. */
export function noteText(note: ChangeNote | null): string | null {
  if (!note) return null;
  const id = NOTE_ID[note];
  return id ? t(id) : null;
}

/** The status a change set, in words. */
export function valueText(v: PresenceValue, statuses: readonly CrmPresenceStatus[]): string {
  return v.side === "Crm" ? crmStatusLabel(v.status, statuses) : phoneStatusText(v.status);
}

/** A change's time: with seconds today (changes come close together), with the day otherwise. */
export function changeTime(ms: number, now: number): string {
  return new Date(ms).toDateString() === new Date(now).toDateString() ? clockTime(ms) : when(ms, now);
}

export interface HistoryLine {
  time: string;
  /** The full date and time, for a tooltip. */
  title: string;
  side: string;
  status: string;
  /** "CRM: Lunch Break" */
  what: string;
  cause: string;
  note: string | null;
}

/** One history line: when, which side, the status in words, why, and what became of it. */
export function historyLine(c: PresenceChange, statuses: readonly CrmPresenceStatus[], now: number): HistoryLine {
  const side = sideText(c.to.side);
  const status = valueText(c.to, statuses);
  return {
    time: changeTime(c.at, now),
    title: fullTime(c.at),
    side,
    status,
    what: t("presence-history-what", { side, status }),
    cause: causeText(c.cause),
    note: noteText(c.note),
  };
}

const CHANNEL_ID: Record<string, string> = {
  sfdc_phone: "presence-channel-phone",
  sfdc_liveagent: "presence-channel-chat",
  sfdc_livemessage: "presence-channel-messaging",
};

/** A service channel in words ("Chat"); one Ringside does not know keeps its API name. */
export function channelText(channel: string): string {
  return Object.prototype.hasOwnProperty.call(CHANNEL_ID, channel) ? t(CHANNEL_ID[channel]) : channel;
}

/** "Phone, Chat and Messaging", the locale's way. */
function list(items: string[]): string {
  try {
    return new Intl.ListFormat(locale.tag, { type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** What the mapping warns about, in a sentence. */
export function warningText(w: MappingWarning, statuses: readonly CrmPresenceStatus[]): string {
  const status = crmStatusLabel(w.crm, statuses);
  switch (w.kind) {
    case "MixedUrgentChannels":
      return t("presence-warning-mixed-channels", { status, channels: list(w.channels.map(channelText)) });
    case "UnknownCrmStatus":
      return t("presence-warning-unknown-status", { status });
    case "Unmapped":
      return t("presence-warning-unmapped", { status, phone: phoneStatusText(w.becomes) });
    case "OnCallNotBusy":
      return t("presence-warning-on-call-not-busy", { status });
    default:
      return "";
  }
}

export type SyncState = "in-sync" | "syncing" | "apart";

/** Whether the two sides agree: Ringside's writes waiting first, then agreement. */
export function syncState(p: Pick<PresenceView, "in_sync" | "pending">): SyncState {
  if (p.pending > 0) return "syncing";
  return p.in_sync ? "in-sync" : "apart";
}

/** The sync indicator's words, and a sentence for its tooltip. */
export function syncText(p: Pick<PresenceView, "in_sync" | "pending">): { label: string; title: string } {
  switch (syncState(p)) {
    case "syncing":
      return { label: t("presence-sync-syncing", { n: p.pending }), title: t("presence-sync-syncing.title", { n: p.pending }) };
    case "apart":
      return { label: t("presence-sync-apart"), title: t("presence-sync-apart.title") };
    default:
      return { label: t("presence-sync-in-sync"), title: t("presence-sync-in-sync.title") };
  }
}

/** Channels where a customer waits live: voice, chat, messaging (as the engine reads them). */
function urgentChannel(channel: string): boolean {
  const c = channel.toLowerCase();
  return ["phone", "voice", "liveagent", "chat", "livemessage", "messaging"].some((u) => c.includes(u));
}

/** What a CRM status sets on the telephony side by the mapping (not during Ringside's own calls). */
function phoneFor(m: PresenceMapping, crm: string): PhoneStatus {
  if (m.on_call === crm) return { kind: "Away" };
  const mapped = m.to_phone.find((r) => r.crm === crm)?.phone ?? m.to_phone_default;
  return mapped.kind === "OnACall" ? { kind: "Away" } : mapped;
}

/**
 * What a mapping warns about, worked out as the engine does, so the editor
 * can show the warnings while the admin edits (before a save).
 */
export function mappingWarnings(m: PresenceMapping, statuses: readonly CrmPresenceStatus[]): MappingWarning[] {
  const out: MappingWarning[] = [];
  for (const s of statuses) {
    const urgent = s.channels.filter(urgentChannel);
    if (urgent.length > 1) out.push({ kind: "MixedUrgentChannels", crm: s.api_name, channels: urgent });
    const named = m.to_phone.some((r) => r.crm === s.api_name) || m.on_call === s.api_name;
    if (!named) out.push({ kind: "Unmapped", crm: s.api_name, becomes: phoneFor(m, s.api_name) });
  }
  const named = [
    ...m.to_phone.map((r) => r.crm),
    ...m.to_crm.map((r) => r.crm),
    ...(m.to_crm_default !== null ? [m.to_crm_default] : []),
    ...(m.on_call !== null ? [m.on_call] : []),
    ...(m.next_status !== null ? [m.next_status] : []),
  ];
  const unknown = [...new Set(named.filter((c) => !statuses.some((s) => s.api_name === c)))].sort();
  for (const crm of unknown) out.push({ kind: "UnknownCrmStatus", crm });
  if (m.on_call !== null && statuses.some((s) => s.api_name === m.on_call && s.channels.length > 0)) {
    out.push({ kind: "OnCallNotBusy", crm: m.on_call });
  }
  return out;
}
