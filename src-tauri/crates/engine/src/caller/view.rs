//! What the screen pop and the sync panel show (IPC types).

use ringside_contacts::{Kind, Match};
use ringside_core::{CallId, Millis};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum CallerKind {
    Contact,
    Lead,
    PersonAccount,
}

impl CallerKind {
    /// From a Salesforce id's key prefix.
    pub fn of_id(id: &str) -> Option<CallerKind> {
        match id.get(..3)? {
            "003" => Some(CallerKind::Contact),
            "00Q" => Some(CallerKind::Lead),
            "001" => Some(CallerKind::PersonAccount),
            _ => None,
        }
    }
}

impl From<Kind> for CallerKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Contact => CallerKind::Contact,
            Kind::Lead => CallerKind::Lead,
            Kind::PersonAccount => CallerKind::PersonAccount,
        }
    }
}

/// One record the caller may be, with why it matched (MATCH-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub id: String,
    pub kind: CallerKind,
    pub name: String,
    /// Account name, or the Lead's company.
    pub company: Option<String>,
    pub owner: Option<String>,
    /// Unknown for a record a call was started from and not yet synced.
    pub created_at: Option<Millis>,
    /// The phone field that matched, and the number as the CRM stores it.
    pub field: String,
    pub raw: String,
}

impl From<Match> for Candidate {
    fn from(m: Match) -> Self {
        Candidate {
            id: m.id,
            kind: m.kind.into(),
            name: m.name,
            company: m.company,
            owner: m.owner,
            created_at: Some(Millis(m.created_at)),
            field: m.field,
            raw: m.raw,
        }
    }
}

/// Where the screen pop stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state")]
pub enum MatchState {
    /// One or more candidates are shown.
    Found,
    /// Not in the local store; the CRM is being searched (MATCH-6).
    Searching,
    /// Nobody has this number and nothing is created.
    NotFound { reason: Option<String> },
    /// MATCH-2: a record is being created for this caller.
    Creating { object: String },
    /// No number to match (withheld, or not a phone number).
    NoNumber,
}

/// How the chosen candidate was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ChosenBy {
    /// MATCH-4: the default, the record created first.
    FirstCreated,
    Agent,
    /// MATCH-5: the call was started from this record.
    ClickToCall,
    /// MATCH-2: the record Ringside created.
    Created,
}

/// The screen pop for one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallerMatch {
    pub call_id: CallId,
    pub state: MatchState,
    /// First created first.
    pub candidates: Vec<Candidate>,
    pub chosen: Option<String>,
    pub chosen_by: Option<ChosenBy>,
    /// Whether the CRM was searched live for this call.
    pub searched_live: bool,
    /// The call has ended (the pick can still change until wrap-up).
    pub ended: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SyncState {
    /// SYNC-4: switched off by the admin.
    Off,
    /// No CRM connected.
    Waiting,
    /// SYNC-1: the first full copy.
    Copying,
    Syncing,
    Idle,
}

/// How far a full copy has come.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    pub object: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    pub per_second: f64,
    pub eta_seconds: Option<f64>,
}

impl Eq for SyncProgress {}

/// Sync health for the app (last sync, lag, errors, progress).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncHealth {
    pub state: SyncState,
    /// Contacts, Leads and Person Accounts in the local store.
    #[ts(type = "number")]
    pub records: u64,
    /// When the last sync finished without error; the lag is now minus this.
    pub last_sync_at: Option<Millis>,
    pub next_sync_at: Option<Millis>,
    pub last_error: Option<String>,
    pub progress: Option<SyncProgress>,
}

impl Default for SyncHealth {
    fn default() -> Self {
        SyncHealth {
            state: SyncState::Waiting,
            records: 0,
            last_sync_at: None,
            next_sync_at: None,
            last_error: None,
            progress: None,
        }
    }
}
