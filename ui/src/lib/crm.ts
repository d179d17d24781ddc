import type { CrmStatus, DeliveryStatus } from "./bindings";

/** One line for the top bar: where call records go, and how it is going. */
export function crmLine(crm: CrmStatus): { text: string; tone: "on" | "off" | "warn" } {
  switch (crm.state) {
    case "Connected": {
      const where = crm.account.sandbox ? "the built-in sandbox CRM" : new URL(crm.account.instance_url).host;
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
