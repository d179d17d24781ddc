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
        }
    }
}
