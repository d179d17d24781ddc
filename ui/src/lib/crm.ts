import type { CrmStatus, DeliveryStatus, WaitingWrites } from "./bindings";

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
      const where = crm.account.sandbox ? "the built-in sandbox CRM" : hostOf(crm.account.instance_url);
      return { text: `Call records go to ${where} as ${crm.account.username}`, tone: "on" };
    }
    case "Connecting":
      return { text: `Connecting to ${crm.target}…`, tone: "warn" };
    case "SignInNeeded":
      return { text: `Sign in to ${crm.account.username} again: ${crm.reason}. Calls wait until then.`, tone: "warn" };
    case "NotConnected":
      return {
        text: crm.reason ? `No CRM connected (${crm.reason}); calls wait in the outbox` : "No CRM connected; calls wait in the outbox",
        tone: "off",
      };
  }
}

/** "2 waiting · 1 retrying" or "all written". */
export function deliveryLine(d: DeliveryStatus): string {
  const parts: string[] = [];
  if (d.pending > 0) parts.push(`${d.pending} waiting`);
  if (d.failed > 0) parts.push(`${d.failed} retrying`);
  return parts.length ? parts.join(" · ") : "all call records written";
}

/** "12 calls wait for acme.my.salesforce.com (ana@acme.com) — sign in to it to send them." */
export function waitingLine(w: WaitingWrites): string {
  const calls = w.calls === 1 ? "1 call waits" : `${w.calls} calls wait`;
  if (!w.target) {
    const ended = w.calls === 1 ? "1 call ended" : `${w.calls} calls ended`;
    return `${ended} while no CRM was connected; say where to log ${w.calls === 1 ? "it" : "them"}.`;
  }
  const where = w.target.sandbox ? "the built-in sandbox CRM" : hostOf(w.target.instance_url);
  return `${calls} for ${where} (${w.target.username}) — sign in to it to send ${w.calls === 1 ? "it" : "them"}.`;
}
