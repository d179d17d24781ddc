import type { NotFoundReason } from "./bindings";
import { t } from "./i18n.svelte";

/**
 * Why an unknown caller has no record, in the agent's language (MATCH-2/6).
 * `detail` is the CRM's or the computer's own words, shown as they came.
 */
export function notFoundText(reason: NotFoundReason | null): { text: string; detail: string | null } {
  if (reason === null) return { text: t("pop-nobody"), detail: null };
  switch (reason.code) {
    case "WillCreate": {
      const id = { Ring: "pop-will-create-ring", Answer: "pop-will-create-answer", Logged: "pop-will-create-logged" }[reason.when];
      return { text: t(id, { object: reason.object }), detail: null };
    }
    case "NotAnswered":
      return { text: t("pop-not-made-unanswered"), detail: null };
    case "NotLoggedByRingside":
      return { text: t("pop-not-made-not-ours"), detail: null };
    case "SearchFailed":
      return { text: t("pop-search-failed"), detail: reason.detail };
    case "NoCrm":
      return { text: t("pop-no-crm"), detail: null };
    case "NotQueued":
      return { text: t("pop-not-queued", { object: reason.object }), detail: reason.detail };
    case "NotCreated":
      return { text: t("pop-not-created"), detail: reason.detail };
  }
}
