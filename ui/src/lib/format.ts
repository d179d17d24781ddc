import type { CallEnd, CallView, DecisionReason, HistoryEntry, Phase, Writer } from "./bindings";

/** 0:07, 12:03, 1:02:03 */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export const PHASE_LABEL: Record<Phase, string> = {
  Ringing: "Ringing",
  Answered: "On call",
  Hold: "On hold",
  Dialback: "Calling back",
  Outbound: "Calling",
  Ended: "Ended",
  Missed: "Missed",
};

/** How a call ended, in the agent's words. */
export const END_LABEL: Record<CallEnd, string> = {
  Talked: "Answered",
  Declined: "Declined",
  Missed: "Missed",
  Abandoned: "Caller hung up",
  NotAnswered: "Not answered",
};

/** The history's "Call" column: direction, then how it ended (or its phase). */
export function callSummary(e: HistoryEntry): string {
  const dir = e.direction === "Inbound" ? "In" : e.direction === "Dialback" ? "Call back" : "Out";
  return `${dir} · ${e.end ? END_LABEL[e.end] : PHASE_LABEL[e.phase]}`;
}

/** A queue call's badge: its queue's name, or just "Queue". */
export function queueBadge(c: { queue: boolean; queue_name: string | null }): string | null {
  if (!c.queue) return null;
  return c.queue_name ? `Queue: ${c.queue_name}` : "Queue";
}

export const WRITER_LABEL: Record<Writer, string> = {
  Companion: "Ringside",
  CrmSoftphone: "CRM softphone",
  AcdService: "ACD service",
};

/** How the history badge reads and which colour it takes. */
export function outcomeBadge(e: HistoryEntry): { label: string; tone: "ok" | "muted" | "warn" | "live" } {
  if (e.status === "Live") return { label: "In progress", tone: "live" };
  if (e.status === "Interrupted") return { label: "Interrupted", tone: "warn" };
  if (e.writer === "Companion" && e.delivery) {
    switch (e.delivery.state) {
      case "Pending":
        return { label: "Waiting to log", tone: "live" };
      case "Logged":
        return { label: "Logged by Ringside", tone: "ok" };
      case "Retrying":
        return { label: "Retrying", tone: "warn" };
      case "Discarded":
        return { label: "Not sent (discarded)", tone: "muted" };
    }
  }
  if (e.writer) return { label: `${WRITER_LABEL[e.writer]} logs it`, tone: "ok" };
  return { label: "Not logged", tone: "muted" };
}

export const NOT_LOGGED_BY_CHOICE: DecisionReason[] = ["AgentChoseDoNotLog", "DefaultDoNotLog"];

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** "just now", "42 s ago", "5 min ago", "3 h ago" */
export function ago(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 5) return "just now";
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** "in 42 s", "in 5 min"; "now" when due. */
export function until(ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  if (s <= 0) return "now";
  if (s < 90) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}

export const CALLER_KIND_LABEL = { Contact: "Contact", Lead: "Lead", PersonAccount: "Person Account" } as const;

export function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString([], { year: "numeric", month: "short", day: "numeric" });
}

/** What happens to a live call's record if it is taken and ends now (the
 * core's `logging`): the checkbox's explanation, and why it is gone. */
export function loggingNote(call: CallView): string {
  switch (call.logging) {
    case "CompanionLogs":
      return "Ringside logs this call in the CRM when it ends. Tick the box to leave it out.";
    case "CompanionLogsCheckboxNotOffered":
      return "Ringside logs this call in the CRM when it ends (your admin does not offer “Do not log the call”).";
    case "AgentChoseDoNotLog":
      return "Ringside will not log this call. Untick the box to log it after all.";
    case "DefaultDoNotLog":
      return "Ringside will not log this call: your default is not to log calls. Untick the box to log it.";
    case "CrmLoggedIn":
      return "The CRM softphone logs this call now — you are logged in to the CRM.";
    case "ServiceCode":
      return "A feature or service code: nothing is logged.";
    case "AcdMissedQueueCall":
    case "AcdInboundWhileLoggedOut":
      return "The ACD service logs this call — Ringside is logged out.";
    case "CompanionNeverOpenedAcdNotAllowed":
    case "CompanionNeverOpenedNoAcdTaskUrl":
      return "Nobody logs this call — Ringside is logged out.";
    case "LoggedAfterwards":
      return "Ringside logs this call.";
  }
}
