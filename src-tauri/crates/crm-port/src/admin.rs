//! CONF-1..3: admin configuration kept in the CRM org, where the CRM can
//! hold it. The adapter reads the org's rows for the signed-in user (the
//! org default, their profile's, their own), whether they are an admin of
//! Ringside there, and the disposition codes; admins write the org default.

use async_trait::async_trait;
use ringside_core::admin_config::{AdminHierarchy, AdminLayer};
use ringside_core::FieldError;

use crate::error::PortError;

/// A disposition code as the org keeps it (WRAP-3); retired ones stay,
/// inactive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgDisposition {
    /// The org's record id.
    pub crm_id: String,
    pub label: String,
    pub active: bool,
}

/// What the org says applies to the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgConfig {
    pub hierarchy: AdminHierarchy,
    /// CONF-2: the user holds Ringside's admin permission in the org.
    pub is_admin: bool,
    /// In the admin's order.
    pub dispositions: Vec<OrgDisposition>,
    /// Values in the org's rows Ringside could not use (dropped, so they
    /// inherit), named by field, for the admin to mend.
    pub refused: Vec<FieldError>,
    /// Section 6: the org's presence mapping (sync off where it has none).
    pub presence: ringside_core::presence::PresenceMapping,
    /// BUDGET-1: the share of the org's daily API allocation every
    /// Ringside together may spend on polling, in percent.
    pub api_share_percent: u8,
    /// BUDGET-3: the org relay every desktop follows instead of polling
    /// (a `nats://` or `tls://` address), when the org runs one.
    pub relay_url: Option<String>,
}

#[async_trait]
pub trait AdminConfig: Send + Sync {
    /// Everything in one read (a single API request where the CRM allows).
    async fn read_config(&self) -> Result<OrgConfig, PortError>;

    /// Writes the org-default row (creating it the first time). The org
    /// refuses it for a user who may not change settings.
    async fn save_org_default(&self, layer: &AdminLayer) -> Result<(), PortError>;

    /// WRAP-3: a new disposition code for the org, active, listed last.
    async fn add_disposition(&self, label: &str) -> Result<(), PortError>;

    /// Section 6: an admin's presence mapping, written to the org.
    async fn save_presence_mapping(
        &self,
        _mapping: &ringside_core::presence::PresenceMapping,
    ) -> Result<(), PortError> {
        Err(PortError::unavailable("this CRM keeps no presence mapping"))
    }

    /// Renames a code, and retires (`active: Some(false)`) or restores it.
    async fn change_disposition(
        &self,
        crm_id: &str,
        label: Option<&str>,
        active: Option<bool>,
    ) -> Result<(), PortError>;
}
