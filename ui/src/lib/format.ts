import { current, t } from "./i18n.svelte";
import { labels } from "./labels";
import type { CallEnd, CallView, DecisionReason, Direction, HistoryEntry, Phase, Writer } from "./bindings";

/** 0:07, 12:03, 1:02:03 */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export const PHASE_LABEL: Record<Phase, string> = labels({
  Ringing: "phase-ringing",
  Answered: "phase-answered",
  Hold: "phase-hold",
  Dialback: "phase-dialback",
  Outbound: "phase-outbound",
  Ended: "phase-ended",
  Missed: "phase-missed",
});

/** How a call ended, in the agent's words. */
export const END_LABEL: Record<CallEnd, string> = labels({
  Talked: "end-talked",
  Declined: "end-declined",
  Missed: "end-missed",
  Abandoned: "end-abandoned",
  NotAnswered: "end-not-answered",
});

const SUMMARY_ID: Record<Direction, string> = {
  Inbound: "end-summary-inbound",
  Outbound: "end-summary-outbound",
  Dialback: "end-summary-dialback",
};

/** The history's "Call" column: direction, then how it ended (or its phase). */
export function callSummary(e: HistoryEntry): string {
  return t(SUMMARY_ID[e.direction] ?? SUMMARY_ID.Outbound, { outcome: e.end ? END_LABEL[e.end] : PHASE_LABEL[e.phase] });
}

/** A queue call's badge: its queue's name, or just "Queue". */
export function queueBadge(c: { queue: boolean; queue_name: string | null }): string | null {
  if (!c.queue) return null;
  return c.queue_name ? t("phase-queue-named", { name: c.queue_name }) : t("phase-queue");
}

export const WRITER_LABEL: Record<Writer, string> = labels({
  Companion: "writer-companion",
  CrmSoftphone: "writer-crm-softphone",
  AcdService: "writer-acd-service",
});

/** The badge of a call its writer logs: "ACD service logs it". */
const WRITER_LOGS_ID: Record<Writer, string> = {
  Companion: "outcome-companion-logs",
  CrmSoftphone: "outcome-crm-softphone-logs",
  AcdService: "outcome-acd-service-logs",
};

/** How the history badge reads and which colour it takes. */
export function outcomeBadge(e: HistoryEntry): { label: string; tone: "ok" | "muted" | "warn" | "live" } {
  if (e.status === "Live") return { label: t("outcome-in-progress"), tone: "live" };
  if (e.status === "Interrupted") return { label: t("outcome-interrupted"), tone: "warn" };
  if (e.writer === "Companion" && e.delivery) {
    switch (e.delivery.state) {
      case "Pending":
        return { label: t("outcome-waiting-to-log"), tone: "live" };
      case "Logged":
        return { label: t("outcome-logged"), tone: "ok" };
      case "Retrying":
        return { label: t("outcome-retrying"), tone: "warn" };
      case "Discarded":
        return { label: t("outcome-discarded"), tone: "muted" };
    }
  }
  if (e.writer) return { label: t(WRITER_LOGS_ID[e.writer]), tone: "ok" };
  return { label: t("outcome-not-logged"), tone: "muted" };
}

const REASON_ID: Record<DecisionReason, string> = {
  CrmLoggedIn: "reason-crm-logged-in",
  CompanionLogs: "reason-companion-logs",
  CompanionLogsCheckboxNotOffered: "reason-companion-logs-checkbox-not-offered",
  AgentChoseDoNotLog: "reason-agent-chose-do-not-log",
  DefaultDoNotLog: "reason-default-do-not-log",
  AcdMissedQueueCall: "reason-acd-missed-queue-call",
  AcdInboundWhileLoggedOut: "reason-acd-inbound-while-logged-out",
  CompanionNeverOpenedAcdNotAllowed: "reason-companion-never-opened-acd-not-allowed",
  CompanionNeverOpenedNoAcdTaskUrl: "reason-companion-never-opened-no-acd-task-url",
  ServiceCode: "reason-service-code",
  LoggedAfterwards: "reason-logged-afterwards",
};

/**
 * Why the call was or was not logged, in a sentence, from its reason code
 * (the engine's `outcome` says the same in English; the words here follow
 * the language). A reason this version does not know shows the engine's.
 */
export function outcomeLine(e: HistoryEntry): string {
  if (e.status === "Interrupted") return t("reason-interrupted");
  if (e.status === "Live") return t("reason-in-progress");
  const id = e.reason ? REASON_ID[e.reason] : undefined;
  return id ? t(id) : e.outcome;
}

export const NOT_LOGGED_BY_CHOICE: DecisionReason[] = ["AgentChoseDoNotLog", "DefaultDoNotLog"];

export { usableLocale } from "./i18n.svelte";

/** The locale dates, times and numbers are written in: the UI's language,
 * with the system's region when it speaks that language (i18n `current`,
 * already a tag Intl accepts). */
export const locale = {
  get tag(): string {
    return current.locale;
  },
};

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(locale.tag, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** The local calendar day as a number (UTC arithmetic: a clock change
 * never makes two days one). */
function dayNumber(d: Date): number {
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
}

/** A history row's time: "14:05" today, "yesterday, 09:12", "28 Nov, 16:40"
 * (with the year when it is not this year), in the locale's words. */
export function when(ms: number, now: number): string {
  const d = new Date(ms);
  const today = new Date(now);
  const time = d.toLocaleTimeString(locale.tag, { hour: "2-digit", minute: "2-digit" });
  const days = dayNumber(today) - dayNumber(d);
  if (days === 0) return time;
  if (days === 1) {
    const yesterday = new Intl.RelativeTimeFormat(locale.tag, { numeric: "auto" }).format(-1, "day");
    return `${yesterday}, ${time}`;
  }
  const sameYear = d.getFullYear() === today.getFullYear();
  const date = d.toLocaleDateString(locale.tag, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) });
  return `${date}, ${time}`;
}

/** The full date and time, for a tooltip. */
export function fullTime(ms: number): string {
  return new Date(ms).toLocaleString(locale.tag, { dateStyle: "full", timeStyle: "medium" });
}

/** A count in the locale's digits grouping (12,345 · 12.345). */
export function count(n: number): string {
  return n.toLocaleString(locale.tag);
}

/** A phone field's name in words ("Mobile"), not the CRM's API name; a
 * custom field's label is read from its name (`Direct_Line__c`: "Direct Line"). */
export function phoneLabel(field: string): string {
  const known: Record<string, string> = {
    Phone: "phone-label-phone",
    MobilePhone: "phone-label-mobile",
    PersonMobilePhone: "phone-label-mobile",
    HomePhone: "phone-label-home",
    PersonHomePhone: "phone-label-home",
    OtherPhone: "phone-label-other",
    PersonOtherPhone: "phone-label-other",
    AssistantPhone: "phone-label-assistant",
    PersonAssistantPhone: "phone-label-assistant",
    Fax: "phone-label-fax",
  };
  // A custom field keeps its CRM name: it has no words in the catalogue.
  if (Object.prototype.hasOwnProperty.call(known, field)) return t(known[field]);
  return field
    .replace(/__c$/, "")
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim();
}

/** "just now", "42 s ago", "5 min ago", "3 h ago" (in the UI's language) */
export function ago(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 5) return t("time-just-now");
  if (s < 90) return t("time-seconds-ago", { n: s });
  if (s < 90 * 60) return t("time-minutes-ago", { n: Math.round(s / 60) });
  return t("time-hours-ago", { n: Math.round(s / 3600) });
}

/** "in 42 s", "in 5 min"; "now" when due. */
export function until(ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  if (s <= 0) return t("time-now");
  if (s < 90) return t("time-in-seconds", { n: s });
  return t("time-in-minutes", { n: Math.round(s / 60) });
}

export const CALLER_KIND_LABEL: Readonly<Record<"Contact" | "Lead" | "PersonAccount", string>> = labels({
  Contact: "caller-kind-contact",
  Lead: "caller-kind-lead",
  PersonAccount: "caller-kind-person-account",
});

export function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString(locale.tag, { year: "numeric", month: "short", day: "numeric" });
}

/** What happens to a live call's record if it is taken and ends now (the
 * core's `logging`): the checkbox's explanation, and why it is gone. */
export function loggingNote(call: CallView): string {
  switch (call.logging) {
    case "CompanionLogs":
      return t("logging-companion-logs");
    case "CompanionLogsCheckboxNotOffered":
      return t("logging-companion-logs-checkbox-not-offered");
    case "AgentChoseDoNotLog":
      return t("logging-agent-chose-do-not-log");
    case "DefaultDoNotLog":
      return t("logging-default-do-not-log");
    case "CrmLoggedIn":
      return t("logging-crm-logged-in");
    case "ServiceCode":
      return t("logging-service-code");
    case "AcdMissedQueueCall":
    case "AcdInboundWhileLoggedOut":
      return t("logging-acd-logs");
    case "CompanionNeverOpenedAcdNotAllowed":
    case "CompanionNeverOpenedNoAcdTaskUrl":
      return t("logging-nobody-logs");
    case "LoggedAfterwards":
      return t("logging-logged-afterwards");
  }
}
