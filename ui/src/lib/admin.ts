import type { AdminLayer, AdminTrouble, AdminView, CallerSettings, Settings, Source } from "./bindings";
import { t } from "./i18n.svelte";
import { labels } from "./labels";

/** Who may edit the admin settings shown, and where a save goes (CONF-2). */
export type AdminMode = "local" | "org-admin" | "org-agent";

export function adminMode(view: AdminView): AdminMode {
  if (view.source === "Local") return "local";
  return view.is_admin ? "org-admin" : "org-agent";
}

/** One line above the admin settings saying whose they are. */
export function adminBanner(view: AdminView): string {
  switch (adminMode(view)) {
    case "local":
      return view.trouble ? t("admin-local-trouble") : t("admin-local");
    case "org-agent":
      return t("admin-org-agent");
    case "org-admin":
      return t("admin-org-admin");
  }
}

const KEPT: Record<AdminTrouble["kept"], string> = labels({
  LastRead: "admin-trouble-last-read",
  Local: "admin-trouble-local",
  LocalUntilRead: "admin-trouble-local-until-read",
});

/** Why the org's settings could not be read and which apply meanwhile; `detail` is the CRM's words. */
export function adminTroubleText(trouble: AdminTrouble): { text: string; detail: string } {
  return { text: KEPT[trouble.kept], detail: trouble.detail };
}

const FROM: Record<Source, string> = labels({
  Default: "admin-from-default",
  Org: "admin-from-org",
  Profile: "admin-from-profile",
  User: "admin-from-user",
});

/** Where a value in force came from, for a small badge; null when local. */
export function sourceOf(view: AdminView, field: keyof AdminLayer): string | null {
  return view.sources ? FROM[view.sources[field]] : null;
}

export function deskToLayer(layer: AdminLayer, s: Settings): AdminLayer {
  return {
    ...layer,
    offer_do_not_log: s.show_do_not_save,
    default_do_not_log: s.default_do_not_log,
    log_missed_queue_calls: s.acd_config1_missed_queue_calls,
    log_inbound_while_logged_out: s.acd_config2_inbound_while_logged_out,
    presence_logout_check: s.presence_logout_check,
    hold_first_call: s.hold_first_call,
  };
}

export function callersToLayer(layer: AdminLayer, c: CallerSettings): AdminLayer {
  return {
    ...layer,
    keep_contact_copy: c.sync_enabled,
    sync_interval_secs: c.sync_interval_secs,
    default_country: c.default_region,
    unknown_callers_become: c.auto_create,
    create_unknown_callers: c.create_when,
  };
}

/**
 * What the admin's form shows: the org default alone, as the engine
 * resolves it (never the admin's own profile or user overrides, which a
 * save would otherwise push to everyone); what the agent has in force
 * when there is no org default to edit.
 */
export function adminDesk(view: AdminView, inForce: Settings): Settings {
  return adminMode(view) === "org-admin" && view.org_desk ? view.org_desk : inForce;
}

export function adminCallers(view: AdminView, inForce: CallerSettings): CallerSettings {
  return adminMode(view) === "org-admin" && view.org_callers ? view.org_callers : inForce;
}

/** A snapshot's view when no org is connected (for tests and first paint). */
export const LOCAL_ADMIN: AdminView = {
  source: "Local",
  is_admin: false,
  sources: null,
  org_default: null,
  org_desk: null,
  org_callers: null,
  refused: [],
  trouble: null,
  read_at: null,
};
