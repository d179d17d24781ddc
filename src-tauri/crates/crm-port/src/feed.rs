//! BUDGET-3: an org relay a large contact centre runs. A desktop that
//! follows it keeps its contact store current from the relay's stream and
//! makes no polling requests to the CRM at all.

use std::sync::Arc;

use async_trait::async_trait;
use ringside_contacts::{ContactStore, Region};

use crate::error::PortError;

/// Where a follower is (reported on every change of state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedState {
    Connecting,
    /// Taking the relay's snapshot: records applied so far.
    Snapshot {
        applied: u64,
    },
    /// Following the changes stream, through `position`.
    Live {
        position: u64,
    },
    /// The relay cannot be reached (or has nothing for this org): the
    /// follower keeps trying, and the engine polls directly meanwhile.
    Unreachable(String),
}

pub type FeedReport = Arc<dyn Fn(FeedState) + Send + Sync>;

#[async_trait]
pub trait ContactFeed: Send + Sync {
    /// Whether `url` names a relay this feed can follow, or why not (for
    /// the admin, when the org's setting is read).
    fn check_url(&self, url: &str) -> Result<(), String>;

    /// Follows `org_id`'s relay at `url` into `store` for as long as the
    /// future runs (the engine drops it to stop). Outages are retried
    /// inside and reported; it returns only on what retrying cannot mend
    /// (the store failing).
    async fn follow(
        &self,
        url: &str,
        org_id: &str,
        store: ContactStore,
        region: Region,
        report: FeedReport,
    ) -> Result<(), PortError>;
}
