//! What the sync panel shows (IPC types).

use ringside_core::Millis;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// Why the last sync failed, until one goes through.
    pub last_error: Option<crate::crm::CrmProblem>,
    pub progress: Option<SyncProgress>,
    /// BUDGET-1: the org's API budget and the pace it allows.
    pub budget: Option<super::budget::BudgetView>,
    /// BUDGET-3: the org relay this install follows, when the admin set
    /// one; `None`: direct mode (polling within the budget).
    pub relay: Option<RelayHealth>,
}

/// How the org relay is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum RelayLink {
    Connecting,
    /// Taking the relay's snapshot of the org.
    Snapshot,
    /// Following its changes as they happen: no polling.
    Live,
    /// Not reachable: the install polls the CRM within the budget meanwhile
    /// and goes back to the relay once it answers.
    Unreachable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RelayHealth {
    /// The relay's address as the admin set it.
    pub url: String,
    pub link: RelayLink,
    /// Why it cannot be reached (the connection's own words).
    pub why: Option<String>,
    /// Records taken from the relay's snapshot of the org on this run.
    #[ts(type = "number")]
    pub applied: u64,
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
            budget: None,
            relay: None,
        }
    }
}
