//! What only some CRMs have. A `Crm` offers each by returning it from its
//! accessor; the engine says "this CRM has no …" for the rest: cases,
//! presence (Omni-Channel), and list views (what dialer lists are built
//! from).

use std::sync::Arc;

use async_trait::async_trait;
use ringside_core::presence::{ChangeCause, CrmPresenceStatus};
use ringside_core::{Millis, RecordRef};

use crate::error::PortError;

/// WRAP-4: the cases a call may be filed on.
#[async_trait]
pub trait Cases: Send + Sync {
    /// The agent's open cases, most recently viewed first; those of the
    /// caller `record_id` only when given.
    async fn recent_open_cases(&self, record_id: Option<&str>)
        -> Result<Vec<RecordRef>, PortError>;
}

/// Section 6: the agent's presence in the CRM, where it has one.
#[async_trait]
pub trait Presence: Send + Sync {
    /// The statuses the org defines, each with its channels.
    async fn statuses(&self) -> Result<Vec<CrmPresenceStatus>, PortError>;

    /// The agent's status now, read from the org (`status: None`: offline
    /// in the CRM's presence, STATE-2's presence logout).
    async fn current(&self) -> Result<PresenceReport, PortError>;

    /// Asks the CRM to set `status` (its API name); the change comes back
    /// through [`Presence::listen`] carrying `tag`, or as a failure.
    async fn request(&self, status: &str, tag: u64) -> Result<(), PortError>;

    /// Hears the agent's status changes until `heard` returns `false`
    /// (`Ok`) or the stream fails (`Err`: the caller backs off and listens
    /// again; nothing the CRM still keeps is lost).
    async fn listen(&self, heard: PresenceHeard) -> Result<(), PortError>;
}

/// What a presence listener is told; it returns whether to go on.
pub type PresenceHeard = Arc<dyn Fn(PresenceNews) -> bool + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceNews {
    /// The status changed, or a request of Ringside's was answered.
    Changed(PresenceReport),
    /// Listening (again): read [`Presence::current`] to catch up.
    Live,
    /// Changes may have been missed: read [`Presence::current`].
    Gap,
    /// STATE-2a: the agent logged out of the org's UI at this time (the
    /// org's logout event).
    OrgLogout { at: Millis },
}

/// The agent's status as the CRM reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceReport {
    /// The status's API name; `None`: offline.
    pub status: Option<String>,
    pub cause: ChangeCause,
    /// When it changed, by the CRM's clock.
    pub at: Millis,
    /// The tag of Ringside's request this answers, if it does.
    pub tag: Option<u64>,
    /// The request `tag` could not be applied (the status is unknown, the
    /// toolkit refused): nothing changed.
    pub failed: bool,
}

/// Section 7: the CRM's list views, what dialer lists are built from.
#[async_trait]
pub trait ListViews: Send + Sync {
    /// The list views of `object` (Contact, Lead, Account …) the agent can
    /// see.
    async fn list_views(&self, object: &str) -> Result<Vec<ListView>, PortError>;

    /// Every record in the view, whatever its size, in a stable order,
    /// with its name and numbers.
    async fn members(&self, view: &ListView) -> Result<Vec<ListMember>, PortError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub id: String,
    pub object: String,
    pub label: String,
    pub api_name: String,
}

/// One record of a list view: the CRM record id is its key (DIAL-7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMember {
    pub record_id: String,
    pub name: String,
    /// The record's numbers as stored, each with its field's name.
    pub numbers: Vec<(String, String)>,
}
