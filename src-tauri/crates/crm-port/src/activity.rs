//! The activity writer: each call Ringside logs becomes one record in the
//! CRM, written idempotently under Ringside's external id, so a write
//! repeated after a crash, a lost response or a retry updates the same
//! record instead of adding one (LOG-2). It also creates the records for
//! callers nobody knew (MATCH-2).

use async_trait::async_trait;
use ringside_contacts::ContactRecord;
use ringside_store::{CreationItem, OutboxItem};

use crate::error::PortError;

/// A caller record to create: its fields in the CRM's own terms (JSON) and
/// the words shown for it until it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaller {
    pub fields: String,
    pub label: String,
}

/// How one call's write fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Written; the CRM's id for the record (updated by it next time).
    Written(String),
    Failed(PortError),
}

#[async_trait]
pub trait ActivityWriter: Send + Sync {
    /// Writes a batch of due calls, one outcome per item in order. An item
    /// with `crm_record_id` was written before and is updated.
    async fn write_calls(&self, items: &[OutboxItem]) -> Vec<WriteOutcome>;

    /// A new caller record as this CRM wants it (MATCH-2), kept in the
    /// outbox until it is created.
    fn new_caller(&self, object: &str, e164: &str) -> NewCaller;

    /// MATCH-2: creates the record for a caller nobody knew, or adopts one
    /// made meanwhile with exactly this number; returns it as the contact
    /// store keeps it (`now_ms` dates it there until the next sync).
    async fn create_caller(
        &self,
        item: &CreationItem,
        now_ms: i64,
    ) -> Result<ContactRecord, PortError>;
}
