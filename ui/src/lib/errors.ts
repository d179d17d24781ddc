// An engine error or problem as the agent reads it. The engine writes its
// messages in English, as plain sentences: in English they are shown as
// they are; in another language the headline is the catalogue's sentence
// for the code, and the engine's own words follow, smaller, as the detail.
import type { ErrorCode, IpcError, Problem, ProblemCode } from "./bindings";
import { current, t } from "./i18n.svelte";

/** What a banner, inline or field error shows: a headline and, maybe, the engine's words. */
export type Shown = { headline: string; detail: string | null };

const ERROR_ID: Record<ErrorCode, string> = {
  UnknownCall: "error-unknown-call",
  CheckboxNotOffered: "error-checkbox-not-offered",
  InvalidSetting: "error-invalid-setting",
  InvalidNumber: "error-invalid-number",
  StoreFailed: "error-store-failed",
  ConnectorUnavailable: "error-connector-unavailable",
  DemoUnavailable: "error-demo-unavailable",
  EngineStopped: "error-engine-stopped",
  InvalidInput: "error-invalid-input",
  NotWrappable: "error-not-wrappable",
  CrmNotConnected: "error-crm-not-connected",
  CrmFailed: "error-crm-failed",
  KeychainUnavailable: "error-keychain-unavailable",
  CallsInProgress: "error-calls-in-progress",
  NothingToDo: "error-nothing-to-do",
  DiskFull: "error-disk-full",
  SetInOrg: "error-set-in-org",
  AnotherCallInConversation: "error-another-call-in-conversation",
};

const PROBLEM_ID: Record<ProblemCode, string> = {
  DataFileSetAside: "problem-data-file-set-aside",
  SettingsInvalid: "problem-settings-invalid",
  CallerSettingsInvalid: "problem-caller-settings-invalid",
  PhoneSettingsInvalid: "problem-phone-settings-invalid",
  StoreFailed: "problem-store-failed",
  DiskFull: "problem-disk-full",
  CallsUnsaved: "problem-calls-unsaved",
  ContactStoreUnavailable: "problem-contact-store-unavailable",
  AttributionFailed: "problem-attribution-failed",
  CallerNotCreated: "problem-caller-not-created",
  PhoneCommandFailed: "problem-phone-command-failed",
  DoNotLogNotSent: "problem-do-not-log-not-sent",
  CrmAccountNotSaved: "problem-crm-account-not-saved",
  DisconnectUnclean: "problem-disconnect-unclean",
  ShortcutsRefused: "problem-shortcuts-refused",
  QuitHeld: "problem-quit-held",
  KeychainUnavailable: "problem-keychain-unavailable",
};

function shown(id: string | undefined, message: string): Shown {
  // English: the engine's sentence is the headline (tests and agents know it).
  if (current.language === "en" || !id) return { headline: message, detail: null };
  const headline = t(id);
  return { headline, detail: message && message !== headline ? message : null };
}

/** An error the engine refused a request with. */
export function shownError(e: IpcError): Shown {
  return shown(ERROR_ID[e.code], e.message);
}

/** A problem the engine lists for the agent or admin. */
export function shownProblem(p: Problem): Shown {
  return shown(PROBLEM_ID[p.code], p.message);
}
