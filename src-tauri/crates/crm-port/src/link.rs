//! A live connection to one CRM org, as the engine holds it.

use std::sync::Arc;

use async_trait::async_trait;

use crate::account::CrmAccount;
use crate::activity::ActivityWriter;
use crate::admin::AdminConfig;
use crate::budget::ApiBudget;
use crate::capabilities::{Cases, ListViews, Presence};
use crate::contacts::ContactSource;
use crate::error::PortError;

/// Everything a CRM adapter offers on one connection.
#[async_trait]
pub trait Crm: ContactSource + ActivityWriter {
    /// Whether writes are keyed by Ringside's own external-id field in this
    /// org (else the adapter finds an earlier write another way), for the
    /// connection screen.
    fn keyed_writes(&self) -> bool;

    /// WRAP-4, where the CRM has cases.
    fn cases(&self) -> Option<&dyn Cases> {
        None
    }

    /// CONF-1..3, where the org keeps Ringside's admin configuration.
    fn admin_config(&self) -> Option<&dyn AdminConfig> {
        None
    }

    /// Section 6, where the CRM has presence statuses.
    fn presence(&self) -> Option<&dyn Presence> {
        None
    }

    /// BUDGET-1, where the CRM limits API requests and says how many are used.
    fn budget(&self) -> Option<&dyn ApiBudget> {
        None
    }

    /// Section 7, where the CRM has list views.
    fn list_views(&self) -> Option<&dyn ListViews> {
        None
    }

    /// Ends this connection's grant at the CRM (on disconnect).
    async fn revoke(&self) -> Result<(), PortError>;
}

/// The connection: who is signed in, and the adapter to reach them.
#[derive(Clone)]
pub struct CrmLink {
    pub account: CrmAccount,
    pub crm: Arc<dyn Crm>,
}

impl std::fmt::Debug for CrmLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrmLink")
            .field("account", &self.account)
            .field("keyed_writes", &self.crm.keyed_writes())
            .finish_non_exhaustive()
    }
}
