import type { CrmStatus, DeliveryStatus, WaitingWrites } from "./bindings";
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
      return { text: t("crm-sign-in-needed", { username: crm.account.username, reason: crm.reason }), tone: "warn" };
    case "NotConnected":
      return {
        text: crm.reason ? t("crm-not-connected-because", { reason: crm.reason }) : t("crm-not-connected"),
        tone: "off",
      };
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
