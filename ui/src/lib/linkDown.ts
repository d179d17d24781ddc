import type { LinkDown, NetCause } from "./bindings";
import { t } from "./i18n.svelte";

const CAUSE: Record<NetCause["code"], string> = {
  NothingListening: "link-cause-nothing-listening",
  NoAnswer: "link-cause-no-answer",
  Cut: "link-cause-cut",
  AddressNotOurs: "link-cause-address-not-ours",
  NotAllowed: "link-cause-not-allowed",
  NoRoute: "link-cause-no-route",
  NoSuchAddress: "link-cause-no-such-address",
  NotAnEventSocket: "link-cause-not-an-event-socket",
  CertificateRefused: "link-cause-certificate-refused",
  NotAWebSocketUrl: "link-cause-not-a-websocket-url",
  Closed: "link-cause-closed",
  Failed: "link-cause-failed",
};

function cause(c: NetCause): string {
  return t(CAUSE[c.code], c.code === "NotAnEventSocket" ? { status: c.status } : {});
}

/**
 * Why the phone is not connected, in the agent's language; `detail` is
 * what the platform itself said, shown as it came.
 */
export function linkDownText(down: LinkDown): { text: string; detail: string | null } {
  switch (down.code) {
    case "Unreachable": {
      const id = down.peer === "Baresip" ? "link-unreachable-baresip" : "link-unreachable-platform";
      return { text: t(id, { address: down.address, cause: cause(down.cause) }), detail: null };
    }
    case "Lost": {
      const id = down.peer === "Baresip" ? "link-lost-baresip" : "link-lost-platform";
      return { text: t(id, { cause: cause(down.cause) }), detail: down.detail };
    }
    case "Silent": {
      const id = down.peer === "Baresip" ? "link-silent-baresip" : "link-silent-platform";
      return { text: t(id, { seconds: down.seconds }), detail: null };
    }
    case "Refused":
      return { text: t("link-refused", { reason: down.reason }), detail: down.message };
    case "OutOfTurn":
      return { text: t("link-out-of-turn"), detail: down.detail };
    case "TakenOver":
      return { text: t("link-taken-over"), detail: null };
    case "BadAddress":
      return { text: t("link-bad-address"), detail: down.detail };
  }
}

/** The same as one line, for a tooltip. */
export function linkDownLine(down: LinkDown | null): string {
  if (down === null) return "";
  const { text, detail } = linkDownText(down);
  return detail ? `${text} ${detail}` : text;
}
