// Generated from the Rust IPC types by `RINGSIDE_BLESS=1 cargo test -p ringside-engine --test bindings`.
// Do not edit: CI fails when this file and the Rust types differ.

export type Millis = number;

export type CallId = string;

export type Phase = "Ringing" | "Answered" | "Hold" | "Dialback" | "Outbound" | "Ended" | "Missed";

export type Direction = "Inbound" | "Outbound" | "Dialback";

export type CrmLogin = "LoggedIn" | "LoggedOut";

export type CompanionLogin = "LoggedIn" | "LoggedOut";

export type LoginState = { crm: CrmLogin, companion: CompanionLogin, };

export type LoginEvent = "CrmOrgLogin" | "CrmOrgLogout" | "CrmPresenceLogout" | "CrmPresenceAvailable" | "CrmTabClosed" | "CompanionOpened" | "CompanionFocused" | "CompanionClosed";

export type Settings = { 
/**
 * Admin: *Show option: Do not save* (DNL-1).
 */
show_do_not_save: boolean, 
/**
 * Admin-set default for the agent: `true` = calls are not logged unless
 * the agent unticks the checkbox (DNL-5).
 */
default_do_not_log: boolean, 
/**
 * ACD config 1: the ACD may save missed queue calls (LOG-1 row 1).
 */
acd_config1_missed_queue_calls: boolean, 
/**
 * ACD config 2: the ACD may save inbound calls while logged out (LOG-1 row 1).
 */
acd_config2_inbound_while_logged_out: boolean, 
/**
 * Admin: *presence-state user logout check* (STATE-2a).
 */
presence_logout_check: boolean, 
/**
 * Admin: answering a second call puts the one in conversation on hold;
 * off = Ringside asks the agent first.
 */
hold_first_call: boolean, };

export type CallView = { id: CallId, direction: Direction, remote: string, 
/**
 * `remote` in the agent's country's display format; the engine fills
 * it in (the desk does not know the country).
 */
remote_display: string, 
/**
 * The ACD queue's name, for calls a queue routed (shown as a badge).
 */
queue_name: string | null, queue: boolean, phase: Phase, started_at: Millis, answered_at: Millis | null, checkbox_visible: boolean, do_not_log: boolean, 
/**
 * Who would log the call if it were taken and ended now (LOG-1 as it
 * stands): what the checkbox explains, and why it is gone when the
 * agent logs in to the CRM. The real decision is made at the end.
 */
logging: DecisionReason, anomalies: number, };

export type Writer = "Companion" | "CrmSoftphone" | "AcdService";

export type DecisionReason = "CrmLoggedIn" | "CompanionLogs" | "CompanionLogsCheckboxNotOffered" | "AgentChoseDoNotLog" | "DefaultDoNotLog" | "AcdMissedQueueCall" | "AcdInboundWhileLoggedOut" | "CompanionNeverOpenedAcdNotAllowed" | "CompanionNeverOpenedNoAcdTaskUrl" | "ServiceCode" | "LoggedAfterwards";

export type PhaseChange = { phase: Phase, at: Millis, login: LoginState, };

export type CallEnd = "Talked" | "Declined" | "Missed" | "Abandoned" | "NotAnswered";

export type HistoryStatus = "Live" | "Decided" | "Interrupted";

export type Delivery = { "state": "Pending" } | { "state": "Logged", crm_record_id: string, } | { "state": "Retrying", error: string, attempts: number, next_attempt_at: Millis, } | { "state": "Discarded", reason: string, };

export type RecordRef = { id: string, label: string, };

export type WrapUp = { disposition: number | null, notes: string, 
/**
 * The case the Task is filed on (`WhatId`).
 */
case: RecordRef | null, };

export type DispositionCode = { id: number, label: string, 
/**
 * Retired codes are not offered for new wrap-ups but stay on old calls.
 */
retired: boolean, };

export type CrmTarget = { org_id: string, user_id: string, instance_url: string, username: string, 
/**
 * The built-in sandbox CRM rather than a Salesforce org.
 */
sandbox: boolean, };

export type WaitingWrites = { target_id: number | null, target: CrmTarget | null, 
/**
 * Calls whose Task waits.
 */
calls: number, };

export type HistoryEntry = { row: number, call_id: CallId, direction: Direction, remote: string, 
/**
 * `remote` in the agent's country's display format (the engine fills
 * it in when it hands out a page).
 */
remote_display: string, started_at: Millis, answered_at: Millis | null, ended_at: Millis | null, phase: Phase, 
/**
 * How it ended (declined, missed, abandoned…); `None` while live and
 * for calls stored before Ringside told these apart.
 */
end: CallEnd | null, 
/**
 * Routed by an ACD queue, and the queue's name when the platform gave it.
 */
queue: boolean, queue_name: string | null, talk_seconds: number, status: HistoryStatus, writer: Writer | null, reason: DecisionReason | null, 
/**
 * The outcome in a sentence: who logs it, or why nobody does.
 */
outcome: string, do_not_log: boolean, 
/**
 * The label the call was wrapped up with, and its code (WRAP-3).
 */
disposition: string | null, disposition_code: number | null, notes: string | null, 
/**
 * The CRM record the call is attributed to (MATCH-7), when known.
 */
who_id: string | null, 
/**
 * The caller as shown: a name, or a record still being created.
 */
who_label: string | null, 
/**
 * The case the Task is filed on (WRAP-4).
 */
case: RecordRef | null, wrapped_up_at: Millis | null, end_reason: string | null, phases: Array<PhaseChange>, anomalies: Array<string>, 
/**
 * Ringside's CRM write for this call, when Ringside is the writer.
 */
delivery: Delivery | null, };

export type CrmAccount = { instance_url: string, org_id: string, user_id: string, username: string, name: string, 
/**
 * The built-in sandbox CRM rather than a real org.
 */
sandbox: boolean, };

export type DeliveryStatus = { pending: number, failed: number, 
/**
 * CRM writes done since Ringside started (a wrap-up or a changed caller
 * writes the same Task again, so this can exceed the calls logged).
 */
written: number, 
/**
 * Why the last write failed, if the last round did not go through.
 */
last_error: CrmProblem | null, 
/**
 * A write was queued that these counts do not show yet (the worker
 * is about to look): "nothing waiting" is not final while this is set.
 */
counting: boolean, };

export type CrmCause = "SessionLost" | "RequestLimit" | "NotAnswering" | "Refused" | "Unavailable" | "OutboxUnreadable";

export type CrmProblem = { cause: CrmCause, detail: string, };

export type NotConnectedWhy = { "kind": "Disconnected" } | { "kind": "Disconnecting" } | { "kind": "SignInFailed", problem: CrmProblem, } | { "kind": "SandboxFailed", problem: CrmProblem, };

export type CrmStatus = { "state": "NotConnected", 
/**
 * Why, if it is not simply that none was chosen yet.
 */
why: NotConnectedWhy | null, } | { "state": "Connecting", 
/**
 * What it connects to, in English (logs, the CLI).
 */
target: string, 
/**
 * The same, as data the UI words in the agent's language.
 */
to: ConnectingTo, 
/**
 * The org's sign-in page, once the browser was asked to open it:
 * the agent can copy it into a browser.
 */
sign_in_url: string | null, 
/**
 * Why the browser did not open the page, if it did not.
 */
browser_error: string | null, } | { "state": "Connected", account: CrmAccount, 
/**
 * Whether the org has Ringside's external-id field on Task.
 */
external_id: boolean, } | { "state": "SignInNeeded", account: CrmAccount, why: CrmProblem, };

export type ConnectingTo = { "kind": "Sandbox" } | { "kind": "SignInPage", login_url: string, } | { "kind": "Account", username: string, } | { "kind": "Retrying", username: string, reason: string, in_seconds: number, };

export type AutoCreate = "Off" | "Contact" | "Lead";

export type CreateWhen = "Ring" | "Answer" | "Logged";

export type CallerSettings = { 
/**
 * SYNC-4: off = every call is matched by a live CRM search.
 */
sync_enabled: boolean, 
/**
 * SYNC-2: seconds between delta syncs.
 */
sync_interval_secs: number, 
/**
 * MATCH-1: ISO country code for numbers typed without `+`.
 */
default_region: string, 
/**
 * MATCH-2: what an unknown caller becomes.
 */
auto_create: AutoCreate, 
/**
 * MATCH-2: and when.
 */
create_when: CreateWhen, };

export type FieldError = { 
/**
 * The field's name as the IPC types spell it (e.g. `default_region`).
 */
field: string, 
/**
 * What a valid value looks like, in words an admin can act on.
 */
message: string, };

export type AdminLayer = { offer_do_not_log: boolean | null, default_do_not_log: boolean | null, log_missed_queue_calls: boolean | null, log_inbound_while_logged_out: boolean | null, presence_logout_check: boolean | null, hold_first_call: boolean | null, unknown_callers_become: AutoCreate | null, create_unknown_callers: CreateWhen | null, default_country: string | null, keep_contact_copy: boolean | null, sync_interval_secs: number | null, };

export type Source = "Default" | "Org" | "Profile" | "User";

export type AdminSources = { offer_do_not_log: Source, default_do_not_log: Source, log_missed_queue_calls: Source, log_inbound_while_logged_out: Source, presence_logout_check: Source, hold_first_call: Source, unknown_callers_become: Source, create_unknown_callers: Source, default_country: Source, keep_contact_copy: Source, sync_interval_secs: Source, };

export type SettingsSource = "Local" | "Org";

export type SettingsKept = "LastRead" | "Local" | "LocalUntilRead";

export type AdminTrouble = { kept: SettingsKept, detail: string, };

export type AdminView = { source: SettingsSource, 
/**
 * CONF-2: the agent may change the org's settings.
 */
is_admin: boolean, 
/**
 * Which row each value in force came from (org settings only).
 */
sources: AdminSources | null, 
/**
 * The org-default row as the org holds it (what an admin edits).
 */
org_default: AdminLayer | null, 
/**
 * What the org default alone makes of the settings (no profile or user
 * row; unset fields are Ringside's defaults): the admin's form.
 */
org_desk: Settings | null, org_callers: CallerSettings | null, 
/**
 * Values in the org's rows Ringside could not use; they inherit.
 */
refused: Array<FieldError>, 
/**
 * Why the org's settings could not be read, when they could not.
 */
trouble: AdminTrouble | null, 
/**
 * When the org's settings were last read.
 */
read_at: Millis | null, };

export type PhoneStatus = { "kind": "Available" } | { "kind": "Away" } | { "kind": "Busy" } | { "kind": "AfterCallWork" } | { "kind": "OnACall" } | { "kind": "Offline" } | { "kind": "Platform", name: string, };

export type CrmPresenceStatus = { 
/**
 * The API name the mapping is keyed on (`DeveloperName`): stable when
 * the label is translated or renamed.
 */
api_name: string, label: string, 
/**
 * The service channels it carries (`sfdc_phone`, `sfdc_liveagent` …);
 * none makes it a busy status, which stops new work (PRES-1).
 */
channels: Array<string>, };

export type CrmRule = { crm: string, phone: PhoneStatus, };

export type PhoneRule = { phone: PhoneStatus, crm: string, };

export type PresenceMapping = { 
/**
 * PRES-7: sync runs as soon as this is on.
 */
enabled: boolean, 
/**
 * PRES-1/2: many-to-one allowed; each CRM status at most once.
 */
to_phone: Array<CrmRule>, 
/**
 * What an unmapped CRM status becomes (never *On a Call*).
 */
to_phone_default: PhoneStatus, 
/**
 * What the phone becomes when the agent is offline in the CRM.
 */
crm_offline: PhoneStatus, 
/**
 * Telephony → CRM; *Offline* and *On a Call* are not keys (PRES-4, the
 * call's own status is `on_call`).
 */
to_crm: Array<PhoneRule>, 
/**
 * What an unmapped telephony status sets in the CRM; `None` leaves the
 * CRM as it is.
 */
to_crm_default: string | null, 
/**
 * The CRM's busy status while a call is in progress, so work stops
 * being routed; `None` leaves it as it is. A hand-set change to it
 * maps to telephony *Away* (PRES-3).
 */
on_call: string | null, 
/**
 * PRES-6: after a call and its wrap-up, the status held before it.
 */
return_to_previous: boolean, 
/**
 * The *next agent status* preference: after a call, this status.
 * Refused together with `return_to_previous` (PRES-6).
 */
next_status: string | null, 
/**
 * For a phone without agent states (baresip): whether calls still ring
 * while the agent is Away or Busy, or are declined.
 */
ring_while_away: boolean, };

export type MappingWarning = { "kind": "MixedUrgentChannels", crm: string, channels: Array<string>, } | { "kind": "UnknownCrmStatus", crm: string, } | { "kind": "Unmapped", crm: string, becomes: PhoneStatus, } | { "kind": "OnCallNotBusy", crm: string, };

export type Side = "Crm" | "Phone";

export type ChangeCause = "Agent" | "Supervisor" | "PushTimeout" | "DeclinedWork" | "Platform" | "Login" | "Followed" | "CallStart" | "CallEnd" | "Reconcile" | "Read";

export type ChangeNote = "KeptForAfterCall" | "Outdated" | "NotApplied";

export type PresenceValue = { "side": "Crm", status: string | null, } | { "side": "Phone", status: PhoneStatus, };

export type PresenceChange = { at: Millis, to: PresenceValue, cause: ChangeCause, 
/**
 * What happened to it, when it is not simply applied.
 */
note: ChangeNote | null, };

export type PresenceView = { 
/**
 * The CRM in use has presence statuses.
 */
available: boolean, mapping: PresenceMapping, 
/**
 * The CRM's statuses, with their channels.
 */
statuses: Array<CrmPresenceStatus>, warnings: Array<MappingWarning>, 
/**
 * Whether the CRM's status has been read.
 */
crm_known: boolean, 
/**
 * The agent's CRM status (`None`: offline there).
 */
crm: string | null, phone: PhoneStatus | null, 
/**
 * The platform's own list of telephony statuses (empty: the standard
 * ones, Ringside holds the status).
 */
phone_statuses: Array<PhoneStatus>, 
/**
 * Both sides agree with the mapping.
 */
in_sync: boolean, 
/**
 * Ringside's writes not yet confirmed.
 */
pending: number, 
/**
 * Newest first.
 */
history: Array<PresenceChange>, };

export type PhoneSettings = { "kind": "Demo" } | { "kind": "Baresip", 
/**
 * baresip's `ctrl_tcp_listen` address, e.g. `127.0.0.1:4444`.
 */
ctrl: string, 
/**
 * Where a typed number is dialled: `sip:<number>@<dial_domain>`.
 */
dial_domain: string, } | { "kind": "Acd", 
/**
 * The platform's socket, `wss://…` (or `ws://` on this machine).
 */
url: string, 
/**
 * The agent's id on the platform.
 */
agent: string, };

export type Shortcut = "Answer" | "HoldResume" | "Hangup" | "ToggleDoNotLog";

export type KeyTargets = { answer: CallId | null, hold_resume: CallId | null, hangup: CallId | null, do_not_log: CallId | null, };

export type CallerKind = "Contact" | "Lead" | "PersonAccount";

export type Candidate = { id: string, kind: CallerKind, name: string, 
/**
 * Account name, or the Lead's company.
 */
company: string | null, owner: string | null, 
/**
 * Unknown for a record a call was started from and not yet synced.
 */
created_at: Millis | null, 
/**
 * The phone field that matched, and the number as the CRM stores it.
 */
field: string, raw: string, 
/**
 * `raw` in the display format; the engine fills it in.
 */
display: string, };

export type FoundContact = { id: string, kind: CallerKind, name: string, 
/**
 * Account name, or the Lead's company.
 */
company: string | null, owner: string | null, 
/**
 * Main line first.
 */
numbers: Array<ContactNumber>, };

export type ContactNumber = { 
/**
 * The CRM's field (`MobilePhone`); the UI names it in words.
 */
field: string, 
/**
 * As the CRM stores it: what is dialled.
 */
raw: string, 
/**
 * In the one display format (`phone_number::display`).
 */
display: string, 
/**
 * The number the search's digits were found in.
 */
matched: boolean, };

export type NotFoundReason = { "code": "WillCreate", object: string, when: CreateWhen, } | { "code": "NotAnswered" } | { "code": "NotLoggedByRingside" } | { "code": "SearchFailed", detail: string, } | { "code": "NoCrm" } | { "code": "NotQueued", object: string, detail: string, } | { "code": "NotCreated", detail: string, };

export type MatchState = { "state": "Found" } | { "state": "Searching" } | { "state": "NotFound", reason: NotFoundReason | null, } | { "state": "Creating", object: string, } | { "state": "NoNumber" };

export type ChosenBy = "FirstCreated" | "Agent" | "ClickToCall" | "Created";

export type CallerMatch = { call_id: CallId, state: MatchState, 
/**
 * First created first.
 */
candidates: Array<Candidate>, chosen: string | null, chosen_by: ChosenBy | null, 
/**
 * Whether the CRM was searched live for this call.
 */
searched_live: boolean, 
/**
 * The call has ended (the pick can still change until wrap-up).
 */
ended: boolean, };

export type SyncState = "Off" | "Waiting" | "Copying" | "Syncing" | "Idle";

export type SyncProgress = { object: string, done: number, total: number | null, per_second: number, eta_seconds: number | null, };

export type BudgetView = { 
/**
 * The org's requests in the last 24 hours and its allocation, as its
 * last answer said.
 */
used: number | null, max: number | null, 
/**
 * The admin's share for every Ringside together, in percent.
 */
share_percent: number, 
/**
 * Installs seen in the org in the last 24 hours.
 */
installs: number, 
/**
 * Requests a polling cycle costs, as measured.
 */
per_cycle: number, 
/**
 * Seconds between polls now.
 */
interval_secs: number, paused: PollPause | null, 
/**
 * Requests a day this install's share allows.
 */
per_install_per_day: number | null, };

export type RelayLink = "Connecting" | "Snapshot" | "Live" | "Unreachable";

export type RelayHealth = { 
/**
 * The relay's address as the admin set it.
 */
url: string, link: RelayLink, 
/**
 * Why it cannot be reached (the connection's own words).
 */
why: string | null, 
/**
 * Records taken from the relay's snapshot of the org on this run.
 */
applied: number, };

export type PollPause = "OrgReserve" | "NoShare";

export type SyncHealth = { state: SyncState, 
/**
 * Contacts, Leads and Person Accounts in the local store.
 */
records: number, 
/**
 * When the last sync finished without error; the lag is now minus this.
 */
last_sync_at: Millis | null, next_sync_at: Millis | null, 
/**
 * Why the last sync failed, until one goes through.
 */
last_error: CrmProblem | null, progress: SyncProgress | null, 
/**
 * BUDGET-1: the org's API budget and the pace it allows.
 */
budget: BudgetView | null, 
/**
 * BUDGET-3: the org relay this install follows, when the admin set
 * one; `None`: direct mode (polling within the budget).
 */
relay: RelayHealth | null, };

export type DialRecord = { id: string, label: string, };

export type Request = { "cmd": "snapshot" } | { "cmd": "history", limit: number, } | { "cmd": "set_do_not_log", call_id: CallId, ticked: boolean, } | { "cmd": "toggle_do_not_log", call_id: CallId, } | { "cmd": "update_settings", settings: Settings, } | { "cmd": "login", event: LoginEvent, } | { "cmd": "call_control", action: CallControl, } | { "cmd": "demo", action: DemoAction, } | { "cmd": "wrap_up", row: number, wrap_up: WrapUp, } | { "cmd": "log_afterwards", row: number, } | { "cmd": "retry_now", row: number, } | { "cmd": "dispositions", with_retired: boolean, } | { "cmd": "add_disposition", label: string, } | { "cmd": "rename_disposition", id: number, label: string, } | { "cmd": "retire_disposition", id: number, retired: boolean, } | { "cmd": "recent_cases", contact_id: string | null, } | { "cmd": "find_contacts", query: string, } | { "cmd": "crm_sign_in", login_url: string, client_id: string | null, redirect_port: number | null, } | { "cmd": "crm_use_sandbox" } | { "cmd": "crm_disconnect" } | { "cmd": "pick_caller", call_id: CallId, record_id: string, } | { "cmd": "sync_now" } | { "cmd": "set_presence", crm: string | null, phone: PhoneStatus | null, } | { "cmd": "presence_sync_now" } | { "cmd": "save_presence_mapping", mapping: PresenceMapping, } | { "cmd": "update_caller_settings", settings: CallerSettings, } | { "cmd": "discard_waiting", target_id: number | null, reason: string, } | { "cmd": "send_unassigned_here" } | { "cmd": "shortcut", shortcut: Shortcut, } | { "cmd": "save_org_settings", layer: AdminLayer, } | { "cmd": "set_phone", phone: PhoneSettings, };

export type CallControl = { "kind": "Answer", call_id: CallId, } | { "kind": "HoldAndAnswer", call_id: CallId, } | { "kind": "Hold", call_id: CallId, } | { "kind": "Resume", call_id: CallId, } | { "kind": "Hangup", call_id: CallId, } | { "kind": "Dial", number: string, 
/**
 * MATCH-5: click-to-call from this record binds the call to it.
 */
record?: DialRecord, } | { "kind": "Dialback", number: string, record?: DialRecord, };

export type DemoAction = { "kind": "IncomingCall", queue: boolean, } | { "kind": "RemoteHangup", call_id: CallId, } | { "kind": "RemoteAnswer", call_id: CallId, };

export type Response = { "kind": "Snapshot", snapshot: Snapshot, } | { "kind": "History", entries: Array<HistoryEntry>, } | { "kind": "Dispositions", codes: Array<DispositionCode>, } | { "kind": "Cases", cases: Array<RecordRef>, } | { "kind": "Contacts", contacts: Array<FoundContact>, 
/**
 * More records match than are listed: the agent types more.
 */
more: boolean, } | { "kind": "Done" };

export type Peer = "Baresip" | "Platform";

export type NetCause = { "code": "NothingListening" } | { "code": "NoAnswer" } | { "code": "Cut" } | { "code": "AddressNotOurs" } | { "code": "NotAllowed" } | { "code": "NoRoute" } | { "code": "NoSuchAddress" } | { "code": "NotAnEventSocket", status: number, } | { "code": "CertificateRefused" } | { "code": "NotAWebSocketUrl" } | { "code": "Closed" } | { "code": "Failed" };

export type LinkDown = { "code": "Unreachable", peer: Peer, address: string, cause: NetCause, } | { "code": "Lost", peer: Peer, cause: NetCause, detail: string | null, } | { "code": "Silent", peer: Peer, seconds: number, } | { "code": "Refused", reason: string, message: string, } | { "code": "OutOfTurn", detail: string, } | { "code": "TakenOver" } | { "code": "BadAddress", detail: string, };

export type ConnectorStatus = { name: string, connected: boolean, 
/**
 * Why it is not connected (e.g. another program took baresip's control socket).
 */
down: LinkDown | null, 
/**
 * The agent's state on a contact-centre platform, as it reports it.
 */
agent_state: string | null, };

export type ProblemCode = "DataFileSetAside" | "SettingsInvalid" | "CallerSettingsInvalid" | "PhoneSettingsInvalid" | "StoreFailed" | "DiskFull" | "CallsUnsaved" | "ContactStoreUnavailable" | "AttributionFailed" | "CallerNotCreated" | "PhoneCommandFailed" | "DoNotLogNotSent" | "CrmAccountNotSaved" | "DisconnectUnclean" | "ShortcutsRefused" | "QuitHeld" | "KeychainUnavailable";

export type Problem = { code: ProblemCode, message: string, };

export type Snapshot = { 
/**
 * Grows with every change, so the UI can drop stale snapshots.
 */
version: number, login: LoginState, settings: Settings, calls: Array<CallView>, 
/**
 * The call each keyboard shortcut acts on now, marked on screen.
 */
keys: KeyTargets, connector: ConnectorStatus, demo: boolean, 
/**
 * Problems the agent or admin should see (store errors, bad settings).
 */
problems: Array<Problem>, crm: CrmStatus, delivery: DeliveryStatus, 
/**
 * Task writes that wait for another org than the one in use, per org,
 * and those made while no CRM was in use (no target).
 */
waiting: Array<WaitingWrites>, 
/**
 * Calls that ended but could not be saved yet (a full disk): held in
 * memory and saved as soon as the store takes them.
 */
unsaved_calls: number, 
/**
 * The screen pop of each live (and recently ended) call.
 */
callers: Array<CallerMatch>, sync: SyncHealth, caller_settings: CallerSettings, 
/**
 * The softphone Ringside is set to use.
 */
phone: PhoneSettings, 
/**
 * CONF-1..3: whether the admin settings are the org's or local.
 */
admin: AdminView, 
/**
 * Section 6: both sides' statuses, the mapping and its history.
 */
presence: PresenceView, };

export type IpcError = { code: ErrorCode, message: string, field?: string, };

export type ErrorCode = "UnknownCall" | "CheckboxNotOffered" | "InvalidSetting" | "InvalidNumber" | "StoreFailed" | "ConnectorUnavailable" | "DemoUnavailable" | "EngineStopped" | "InvalidInput" | "NotWrappable" | "CrmNotConnected" | "CrmFailed" | "KeychainUnavailable" | "CallsInProgress" | "NothingToDo" | "DiskFull" | "SetInOrg" | "AnotherCallInConversation";

// The events the shell sends the window, and what each carries.
export const SNAPSHOT_EVENT = "ringside:snapshot";
export const HISTORY_EVENT = "ringside:history";
export const ASK_HOLD_EVENT = "ringside:ask-hold";
export type WindowEvents = {
  "ringside:snapshot": Snapshot;
  "ringside:history": null;
  "ringside:ask-hold": null;
};

// The countries whose numbering plans Ringside reads (the country picker's list).
export const PHONE_REGIONS = ["AC", "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GT", "GU", "GW", "GY", "HK", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TA", "TC", "TD", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW"] as const;
