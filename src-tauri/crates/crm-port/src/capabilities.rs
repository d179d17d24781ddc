//! What only some CRMs have. A `Crm` offers each by returning it from its
//! accessor; the engine says "this CRM has no …" for the rest. Presence
//! (Omni-Channel) and list views (dialer lists) join here the same way.

use async_trait::async_trait;
use ringside_core::RecordRef;

use crate::error::PortError;

/// WRAP-4: the cases a call may be filed on.
#[async_trait]
pub trait Cases: Send + Sync {
    /// The agent's open cases, most recently viewed first; those of the
    /// caller `record_id` only when given.
    async fn recent_open_cases(&self, record_id: Option<&str>)
        -> Result<Vec<RecordRef>, PortError>;
}
