import type { DecisionReason, HistoryEntry, Phase, Writer } from "./bindings";

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
    }
  }
  if (e.writer) return { label: `${WRITER_LABEL[e.writer]} logs it`, tone: "ok" };
  return { label: "Not logged", tone: "muted" };
}

export const NOT_LOGGED_BY_CHOICE: DecisionReason[] = ["AgentChoseDoNotLog", "DefaultDoNotLog"];

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
