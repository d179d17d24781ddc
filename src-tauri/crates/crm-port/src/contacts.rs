//! The contact source: fills Ringside's local contact store from the CRM
//! (SYNC-1..3) and searches it by number (MATCH-6). The store is Ringside's
//! own and CRM-neutral; the adapter keeps its checkpoints in it.

use async_trait::async_trait;
use ringside_contacts::{ContactStore, Region};
use ringside_core::screen_pop::CallerKind;

use crate::error::PortError;

/// How far a full copy has come (SYNC-1), for the sync panel.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyProgress {
    /// What is being copied (for Salesforce: `Contact`, `Lead`, `Account`).
    pub object: String,
    pub done: u64,
    pub total: Option<u64>,
    pub per_second: f64,
    pub eta_seconds: Option<f64>,
}

/// What a delta did (SYNC-2/3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delta {
    /// Records created or changed.
    pub records: u64,
    /// Records deleted or merged away.
    pub deleted: u64,
}

#[async_trait]
pub trait ContactSource: Send + Sync {
    /// Whether the first full copy into `store` has finished.
    async fn copied(&self, store: &ContactStore) -> Result<bool, PortError>;

    /// SYNC-1: copies every record with a phone number, resuming a copy a
    /// crash cut short from its checkpoints in `store`.
    async fn full_copy(
        &self,
        store: &ContactStore,
        region: Region,
        progress: &(dyn Fn(CopyProgress) + Send + Sync),
    ) -> Result<(), PortError>;

    /// SYNC-2/3: records changed since the last sync, and those deleted or
    /// merged away.
    async fn delta(&self, store: &ContactStore, region: Region) -> Result<Delta, PortError>;

    /// MATCH-6: searches the CRM for the number (E.164) and saves every hit
    /// in `store`, where the engine then looks it up.
    async fn search_number(
        &self,
        store: &ContactStore,
        e164: &str,
        region: Region,
    ) -> Result<(), PortError>;

    /// MATCH-6: callers changed since the last delta, saved in `store`
    /// without moving its checkpoints (they catch a record the CRM's search
    /// index has not seen yet). A CRM without such a query does nothing.
    async fn recent_callers(&self, store: &ContactStore, region: Region) -> Result<(), PortError>;

    /// Which kind of caller a record id of this CRM is, if it can tell.
    fn caller_kind(&self, record_id: &str) -> Option<CallerKind>;
}
