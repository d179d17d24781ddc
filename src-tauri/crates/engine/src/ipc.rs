//! The one IPC contract between the Rust side and the UI. TypeScript types
//! are generated from these (see `tests/bindings.rs`); CI fails on drift.

use ringside_core::{CallId, CallView, LoginEvent, LoginState, Settings};
use ringside_store::{DispositionCode, HistoryEntry, RecordRef, WaitingWrites, WrapUp};

use crate::caller::{CallerMatch, CallerSettings, SyncHealth};
use crate::crm::{CrmAccount, CrmProblem, DeliveryStatus, NotConnectedWhy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything the UI asks of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Request {
    Snapshot,
    History {
        limit: u32,
    },
    SetDoNotLog {
        call_id: CallId,
        ticked: bool,
    },
    ToggleDoNotLog {
        call_id: CallId,
    },
    UpdateSettings {
        settings: Settings,
    },
    /// A CRM login fact; the demo panel sends these until a CRM is connected.
    Login {
        event: LoginEvent,
    },
    CallControl {
        action: CallControl,
    },
    Demo {
        action: DemoAction,
    },
    /// WRAP-1: the agent confirms disposition, notes and case ("Log").
    WrapUp {
        #[ts(type = "number")]
        row: i64,
        wrap_up: WrapUp,
    },
    /// A call kept out of the CRM by mistake is logged after all, once.
    LogAfterwards {
        #[ts(type = "number")]
        row: i64,
    },
    /// Makes a failed CRM write due at once.
    RetryNow {
        #[ts(type = "number")]
        row: i64,
    },
    Dispositions {
        with_retired: bool,
    },
    /// WRAP-3, for the admin.
    AddDisposition {
        label: String,
    },
    RenameDisposition {
        #[ts(type = "number")]
        id: i64,
        label: String,
    },
    RetireDisposition {
        #[ts(type = "number")]
        id: i64,
        retired: bool,
    },
    /// WRAP-4: the agent's open cases, most recently viewed first; those of
    /// `contact_id` only when given.
    RecentCases {
        contact_id: Option<String>,
    },
    /// Click-to-call: records in the local copy with a word of the name or
    /// company starting with `query`'s words, or with `query`'s digits in a
    /// number (one row per record, with all its numbers).
    FindContacts {
        query: String,
    },
    /// Sign in to a Salesforce org in the browser (empty fields: defaults).
    CrmSignIn {
        login_url: String,
        client_id: Option<String>,
        redirect_port: Option<u16>,
    },
    /// Use the built-in sandbox CRM.
    CrmUseSandbox,
    /// Revoke the org's grant and delete its keychain entry.
    CrmDisconnect,
    /// MATCH-4: the agent picks another of the caller's matches.
    PickCaller {
        call_id: CallId,
        record_id: String,
    },
    /// SYNC-2: sync contacts now instead of at the next interval.
    SyncNow,
    /// Section 6: the agent picks a status on either side (the other
    /// follows through the mapping).
    SetPresence {
        crm: Option<String>,
        phone: Option<ringside_core::presence::PhoneStatus>,
    },
    /// *Sync status*: the CRM's presence read afresh, and both sides healed.
    PresenceSyncNow,
    /// Section 6: an admin's presence mapping, written to the org; every
    /// agent's Ringside follows it within a minute.
    SavePresenceMapping {
        mapping: ringside_core::presence::PresenceMapping,
    },
    /// The admin's caller-matching settings.
    UpdateCallerSettings {
        settings: CallerSettings,
    },
    /// Calls whose Task waits for an org that is gone for good are not
    /// sent there (`target_id` null: the calls made while no CRM was in
    /// use). The agent confirms and gives a reason, kept in history.
    DiscardWaiting {
        #[ts(type = "number | null")]
        target_id: Option<i64>,
        reason: String,
    },
    /// Calls made while no CRM was in use are logged to the connected one.
    SendUnassignedHere,
    /// A keyboard shortcut, acting on the call in focus.
    Shortcut {
        shortcut: ringside_core::shortcut::Shortcut,
    },
    /// CONF-2: an org admin saves the org-default settings row.
    SaveOrgSettings {
        layer: ringside_core::admin_config::AdminLayer,
    },
    /// Switch softphone (saved); refused while a call is live.
    SetPhone {
        phone: crate::phone::PhoneSettings,
    },
}

/// MATCH-5: the CRM record a call is started from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DialRecord {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum CallControl {
    /// Answers; a call in conversation goes on hold first, or, if the admin
    /// turned that off, the answer is refused with `AnotherCallInConversation`.
    Answer {
        call_id: CallId,
    },
    /// The agent's "hold and answer": holds every conversation, then answers.
    HoldAndAnswer {
        call_id: CallId,
    },
    Hold {
        call_id: CallId,
    },
    Resume {
        call_id: CallId,
    },
    Hangup {
        call_id: CallId,
    },
    Dial {
        number: String,
        /// MATCH-5: click-to-call from this record binds the call to it.
        #[serde(default)]
        #[ts(optional)]
        record: Option<DialRecord>,
    },
    /// Calls back the remote party of an earlier call (phase Dialback).
    Dialback {
        number: String,
        #[serde(default)]
        #[ts(optional)]
        record: Option<DialRecord>,
    },
}

/// Demo-only actions on the simulated phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum DemoAction {
    /// A caller rings in; `queue` marks an ACD queue call.
    IncomingCall { queue: bool },
    /// The far end hangs up a call.
    RemoteHangup { call_id: CallId },
    /// The far end picks up a call the agent placed (outbound or dialback).
    RemoteAnswer { call_id: CallId },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum Response {
    Snapshot {
        snapshot: Box<Snapshot>,
    },
    History {
        entries: Vec<HistoryEntry>,
    },
    Dispositions {
        codes: Vec<DispositionCode>,
    },
    Cases {
        cases: Vec<RecordRef>,
    },
    Contacts {
        contacts: Vec<ringside_core::found_contact::FoundContact>,
        /// More records match than are listed: the agent types more.
        more: bool,
    },
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectorStatus {
    pub name: String,
    pub connected: bool,
    /// Why it is not connected (e.g. another program took baresip's control socket).
    pub down: Option<ringside_core::link_down::LinkDown>,
    /// The agent's state on a contact-centre platform, as it reports it.
    pub agent_state: Option<String>,
}

/// All the UI needs to draw the desk; sent whole after every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    /// Grows with every change, so the UI can drop stale snapshots.
    #[ts(type = "number")]
    pub version: u64,
    pub login: LoginState,
    pub settings: Settings,
    pub calls: Vec<CallView>,
    /// The call each keyboard shortcut acts on now, marked on screen.
    pub keys: ringside_core::shortcut::KeyTargets,
    pub connector: ConnectorStatus,
    pub demo: bool,
    /// Problems the agent or admin should see (store errors, bad settings).
    pub problems: Vec<crate::problems::Problem>,
    pub crm: CrmStatus,
    pub delivery: DeliveryStatus,
    /// Task writes that wait for another org than the one in use, per org,
    /// and those made while no CRM was in use (no target).
    pub waiting: Vec<WaitingWrites>,
    /// Calls that ended but could not be saved yet (a full disk): held in
    /// memory and saved as soon as the store takes them.
    pub unsaved_calls: u32,
    /// The screen pop of each live (and recently ended) call.
    pub callers: Vec<CallerMatch>,
    pub sync: SyncHealth,
    pub caller_settings: CallerSettings,
    /// The softphone Ringside is set to use.
    pub phone: crate::phone::PhoneSettings,
    /// CONF-1..3: whether the admin settings are the org's or local.
    pub admin: crate::admin::AdminView,
    /// Section 6: both sides' statuses, the mapping and its history.
    pub presence: crate::presence::PresenceView,
}

/// What a connection in progress is to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum ConnectingTo {
    /// The built-in sandbox CRM.
    Sandbox,
    /// An org's sign-in page, to finish in the browser.
    SignInPage { login_url: String },
    /// The saved org, as this user.
    Account { username: String },
    /// The saved org did not answer (`reason`, the org's words); it is
    /// tried again in `in_seconds`.
    Retrying {
        username: String,
        reason: String,
        in_seconds: u64,
    },
}

impl ConnectingTo {
    /// The English line logs and the CLI show.
    pub fn english(&self) -> String {
        match self {
            ConnectingTo::Sandbox => "the built-in sandbox CRM".into(),
            ConnectingTo::SignInPage { login_url } => {
                format!("{login_url} (finish signing in in your browser)")
            }
            ConnectingTo::Account { username } => username.clone(),
            ConnectingTo::Retrying {
                username,
                reason,
                in_seconds,
            } => format!(
                "{username} (the org is not answering: {reason}; trying again in {in_seconds} s)"
            ),
        }
    }
}

impl CrmStatus {
    /// Connecting to `to`, with no sign-in page yet.
    pub fn connecting(to: ConnectingTo) -> CrmStatus {
        CrmStatus::Connecting {
            target: to.english(),
            to,
            sign_in_url: None,
            browser_error: None,
        }
    }
}

/// The CRM connection as the agent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state")]
pub enum CrmStatus {
    NotConnected {
        /// Why, if it is not simply that none was chosen yet.
        why: Option<NotConnectedWhy>,
    },
    Connecting {
        /// What it connects to, in English (logs, the CLI).
        target: String,
        /// The same, as data the UI words in the agent's language.
        to: ConnectingTo,
        /// The org's sign-in page, once the browser was asked to open it:
        /// the agent can copy it into a browser.
        sign_in_url: Option<String>,
        /// Why the browser did not open the page, if it did not.
        browser_error: Option<String>,
    },
    Connected {
        account: Box<CrmAccount>,
        /// Whether the org has Ringside's external-id field on Task.
        external_id: bool,
    },
    /// The session ended and could not be renewed: calls wait in the outbox.
    SignInNeeded {
        account: Box<CrmAccount>,
        why: CrmProblem,
    },
}

/// Errors reach the UI as a code it can branch on and a message it can show;
/// a setting or form field to correct is named in `field`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    UnknownCall,
    CheckboxNotOffered,
    InvalidSetting,
    InvalidNumber,
    StoreFailed,
    ConnectorUnavailable,
    DemoUnavailable,
    EngineStopped,
    /// Input the agent can correct (a field is named in the message).
    InvalidInput,
    /// The call has no record of Ringside's to wrap up.
    NotWrappable,
    CrmNotConnected,
    CrmFailed,
    /// No usable OS keychain: the message says what to start or unlock.
    KeychainUnavailable,
    /// Not while a call is live (e.g. switching softphone).
    CallsInProgress,
    /// A shortcut found no call to act on.
    NothingToDo,
    /// The disk is full: free space, nothing is lost meanwhile.
    DiskFull,
    /// CONF-2: the org's admin settings are changed by its admins, in the org.
    SetInOrg,
    /// Answering would leave a caller in conversation unheld: the agent is
    /// asked to hold it (`HoldAndAnswer`) first.
    AnotherCallInConversation,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// A setting the agent or admin must correct: the message keeps the
    /// field's name first, as before, and `field` names it for the UI.
    /// A field to correct: the message is a plain sentence, and the UI puts
    /// it next to the field (never "field: message").
    pub fn invalid_field(e: ringside_core::FieldError) -> IpcError {
        IpcError {
            code: ErrorCode::InvalidSetting,
            message: e.message,
            field: Some(e.field),
        }
    }
}

/// The events the shell sends the window: the constant's name in the
/// bindings, the event's name, and its payload's TypeScript type.
pub const WINDOW_EVENTS: [(&str, &str, &str); 3] = [
    ("SNAPSHOT_EVENT", SNAPSHOT_EVENT, "Snapshot"),
    ("HISTORY_EVENT", HISTORY_EVENT, "null"),
    ("ASK_HOLD_EVENT", ASK_HOLD_EVENT, "null"),
];

/// The whole desk, after every change.
pub const SNAPSHOT_EVENT: &str = "ringside:snapshot";
/// History (or a call's delivery) changed: the window reloads its page.
pub const HISTORY_EVENT: &str = "ringside:history";
/// A system-wide Answer would leave a caller unheld and the admin wants
/// agents asked: the window, brought forward, asks on the ringing call.
pub const ASK_HOLD_EVENT: &str = "ringside:ask-hold";

/// One generated TypeScript type: its name, its declaration, and the
/// names of the types it uses (each must be declared too).
#[derive(Debug, Clone)]
pub struct TsDecl {
    pub name: String,
    pub decl: String,
    pub uses: Vec<String>,
}

/// Every IPC type, for the bindings generator.
pub fn typescript_declarations() -> Vec<TsDecl> {
    use ringside_core as c;
    let cfg = ts_rs::Config::new().with_large_int("number");
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(TsDecl {
            name: <$t as TS>::ident(&cfg),
            decl: <$t as TS>::decl(&cfg),
            uses: <$t as TS>::dependencies(&cfg).into_iter().map(|d| d.ts_name).collect(),
        }),*] };
    }
    decls![
        c::Millis,
        c::CallId,
        c::Phase,
        c::Direction,
        c::CrmLogin,
        c::CompanionLogin,
        c::LoginState,
        c::LoginEvent,
        c::Settings,
        c::CallView,
        c::Writer,
        c::DecisionReason,
        c::PhaseChange,
        c::CallEnd,
        ringside_store::HistoryStatus,
        ringside_store::Delivery,
        ringside_store::RecordRef,
        ringside_store::WrapUp,
        ringside_store::DispositionCode,
        ringside_store::CrmTarget,
        WaitingWrites,
        HistoryEntry,
        CrmAccount,
        DeliveryStatus,
        crate::crm::CrmCause,
        CrmProblem,
        NotConnectedWhy,
        CrmStatus,
        ConnectingTo,
        crate::caller::AutoCreate,
        c::caller_settings::CreateWhen,
        CallerSettings,
        c::FieldError,
        c::admin_config::AdminLayer,
        c::admin_config::Source,
        c::admin_config::AdminSources,
        crate::admin::SettingsSource,
        crate::admin::SettingsKept,
        crate::admin::AdminTrouble,
        crate::admin::AdminView,
        c::presence::PhoneStatus,
        c::presence::CrmPresenceStatus,
        c::presence::CrmRule,
        c::presence::PhoneRule,
        c::presence::PresenceMapping,
        c::presence::MappingWarning,
        c::presence::Side,
        c::presence::ChangeCause,
        c::presence::ChangeNote,
        c::presence::PresenceValue,
        c::presence::PresenceChange,
        crate::presence::PresenceView,
        crate::phone::PhoneSettings,
        ringside_core::shortcut::Shortcut,
        ringside_core::shortcut::KeyTargets,
        crate::caller::CallerKind,
        crate::caller::Candidate,
        c::found_contact::FoundContact,
        c::found_contact::ContactNumber,
        crate::caller::NotFoundReason,
        crate::caller::MatchState,
        crate::caller::ChosenBy,
        CallerMatch,
        crate::caller::SyncState,
        crate::caller::SyncProgress,
        crate::caller::budget::BudgetView,
        crate::caller::RelayLink,
        crate::caller::RelayHealth,
        c::budget::PollPause,
        SyncHealth,
        DialRecord,
        Request,
        CallControl,
        DemoAction,
        Response,
        c::link_down::Peer,
        c::link_down::NetCause,
        c::link_down::LinkDown,
        ConnectorStatus,
        crate::problems::ProblemCode,
        crate::problems::Problem,
        Snapshot,
        IpcError,
        ErrorCode,
    ]
}
