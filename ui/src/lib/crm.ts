import type { CrmCause, CrmProblem, CrmStatus, DeliveryStatus, NotConnectedWhy, WaitingWrites } from "./bindings";
import { t } from "./i18n.svelte";

/** The host of an org address, or the address itself if it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One line for the top bar: where call records go, and how it is going. */
export function crmLine(crm: CrmStatus): { text: string; tone: "on" | "off" | "warn" } {
  switch (crm.state) {
    case "Connected": {
      const username = crm.account.username;
      const text = crm.account.sandbox
        ? t("crm-connected-sandbox", { username })
        : t("crm-connected", { host: hostOf(crm.account.instance_url), username });
      return { text, tone: "on" };
    }
    case "Connecting": {
      // What it connects to, as data (the engine's `target` is its English).
      const to = crm.to;
      let text: string;
      switch (to.kind) {
        case "Sandbox":
          text = t("crm-connecting-sandbox");
          break;
        case "SignInPage":
          text = t("crm-connecting-browser", { target: to.login_url });
          break;
        case "Account":
          text = t("crm-connecting", { target: to.username });
          break;
        case "Retrying":
          text = t("crm-connecting-retrying", { username: to.username, reason: to.reason, seconds: to.in_seconds });
          break;
        default:
          text = t("crm-connecting", { target: crm.target });
      }
      return { text, tone: "warn" };
    }
    case "SignInNeeded":
      return { text: t("crm-sign-in-needed", { username: crm.account.username, reason: crmProblemText(crm.why) }), tone: "warn" };
    case "NotConnected":
      return {
        text: crm.why ? t("crm-not-connected-because", { reason: notConnectedText(crm.why) }) : t("crm-not-connected"),
        tone: "off",
      };
  }
}

const CAUSE_ID: Record<CrmCause, string> = {
  SessionLost: "crm-cause-session-lost",
  RequestLimit: "crm-cause-request-limit",
  NotAnswering: "crm-cause-not-answering",
  Refused: "crm-cause-refused",
  Unavailable: "crm-cause-unavailable",
  OutboxUnreadable: "crm-cause-outbox-unreadable",
};

/** The cause in the agent's language, and what the CRM said beside it. */
export function crmProblemText(p: CrmProblem): string {
  const what = t(CAUSE_ID[p.cause] ?? "crm-cause-unavailable");
  return p.detail ? t("crm-problem-detail", { what, detail: p.detail }) : what;
}

/** Why no CRM is connected, in the agent's language. */
export function notConnectedText(why: NotConnectedWhy): string {
  switch (why.kind) {
    case "Disconnected":
      return t("crm-why-disconnected");
    case "Disconnecting":
      return t("crm-why-disconnecting");
    case "SignInFailed":
      return t("crm-why-sign-in-failed", { reason: crmProblemText(why.problem) });
    case "SandboxFailed":
      return t("crm-why-sandbox-failed", { reason: crmProblemText(why.problem) });
  }
}

/** A failure the agent can act on from the sign-in form (not a disconnect they chose). */
export function signInFailure(crm: CrmStatus): string | null {
  if (crm.state !== "NotConnected" || !crm.why) return null;
  switch (crm.why.kind) {
    case "SignInFailed":
      return t("connect-failed-sign-in", { reason: crmProblemText(crm.why.problem) });
    case "SandboxFailed":
      return t("connect-failed-sandbox", { reason: crmProblemText(crm.why.problem) });
    default:
      return null;
  }
}

/** "2 waiting · 1 retrying" or "all written". */
export function deliveryLine(d: DeliveryStatus): string {
  if (d.pending > 0 && d.failed > 0) return t("delivery-waiting-retrying", { pending: d.pending, failed: d.failed });
  if (d.pending > 0) return t("delivery-waiting", { n: d.pending });
  if (d.failed > 0) return t("delivery-retrying", { n: d.failed });
  return t("delivery-all-written");
}

/** "12 calls wait for acme.my.salesforce.com (ana@acme.com) — sign in to it to send them." */
export function waitingLine(w: WaitingWrites): string {
  if (!w.target) return t("waiting-no-target", { n: w.calls });
  if (w.target.sandbox) return t("waiting-for-sandbox", { n: w.calls, username: w.target.username });
  return t("waiting-for-org", { n: w.calls, host: hostOf(w.target.instance_url), username: w.target.username });
}
