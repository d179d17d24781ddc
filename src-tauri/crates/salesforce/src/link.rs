//! A live connection to a Salesforce org: the client, who is signed in, and
//! how Ringside's Task writes are keyed there.

use std::sync::Arc;

use ringside_crm::{CrmError, SalesforceClient};
use ringside_crm_port::{CrmAccount, CrmLink};

use crate::task_record::EXTERNAL_ID_FIELD;

pub struct SalesforceCrm {
    pub client: Arc<SalesforceClient>,
    pub account: CrmAccount,
    /// `None` when the org has no Ringside external-id field on Task: then
    /// Ringside looks a Task up by CallObject before creating one.
    pub external_id_field: Option<String>,
    /// Whether the org has Person Accounts (then they are callers too).
    pub person_accounts: bool,
    /// Omni-Channel's statuses by id, and this run's request tags.
    pub presence: crate::presence::PresenceState,
}

impl std::fmt::Debug for SalesforceCrm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SalesforceCrm")
            .field("account", &self.account)
            .field("external_id_field", &self.external_id_field)
            .finish_non_exhaustive()
    }
}

impl SalesforceCrm {
    /// Asks the org who is signed in and whether Task has Ringside's key.
    pub async fn establish(
        client: SalesforceClient,
        sandbox: bool,
    ) -> Result<SalesforceCrm, CrmError> {
        Self::establish_shared(Arc::new(client), sandbox).await
    }

    /// As `establish`, for a client that may be tried again on failure.
    pub async fn establish_shared(
        client: Arc<SalesforceClient>,
        sandbox: bool,
    ) -> Result<SalesforceCrm, CrmError> {
        let me = client.userinfo().await?;
        let task = client.describe("Task").await?;
        let external_id_field = task
            .has_external_id(EXTERNAL_ID_FIELD)
            .then(|| EXTERNAL_ID_FIELD.to_string());
        if external_id_field.is_none() {
            tracing::warn!(
                field = EXTERNAL_ID_FIELD,
                "Task has no such external-id field; Ringside looks up CallObject before creating (add the field for safe retries)"
            );
        }
        // Only orgs with Person Accounts have this field on Account.
        let person_accounts = client
            .describe("Account")
            .await?
            .fields
            .iter()
            .any(|f| f.name == "IsPersonAccount");
        Ok(SalesforceCrm {
            person_accounts,
            account: CrmAccount {
                instance_url: client.instance_url().to_string(),
                org_id: me.organization_id,
                user_id: me.user_id,
                username: me.preferred_username,
                name: me.name,
                sandbox,
            },
            client,
            external_id_field,
            presence: Default::default(),
        })
    }

    /// The connection as the engine holds it.
    pub fn into_link(self) -> CrmLink {
        let account = self.account.clone();
        CrmLink {
            account,
            crm: Arc::new(self),
        }
    }
}

impl From<SalesforceCrm> for CrmLink {
    fn from(sf: SalesforceCrm) -> CrmLink {
        sf.into_link()
    }
}
