//! Who is signed in to which CRM org, and what is kept to reconnect.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is connected, for the UI and the record's owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrmAccount {
    pub instance_url: String,
    pub org_id: String,
    pub user_id: String,
    pub username: String,
    pub name: String,
    /// The built-in sandbox CRM rather than a real org.
    pub sandbox: bool,
}

/// Where to sign in, as entered on the connect screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTarget {
    /// The org's sign-in address (for Salesforce `https://login.salesforce.com`,
    /// `https://test.salesforce.com` or a My Domain URL).
    pub login_url: String,
    pub client_id: String,
    pub redirect_port: u16,
}

/// What is kept to reconnect at the next start: no secrets (those stay in
/// the OS keychain, with the adapter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAccount {
    pub target: OrgTarget,
    pub instance_url: String,
    pub org_id: String,
    pub user_id: String,
    pub username: String,
}

impl SavedAccount {
    /// The account as shown while it is not connected.
    pub fn account(&self) -> CrmAccount {
        CrmAccount {
            instance_url: self.instance_url.clone(),
            org_id: self.org_id.clone(),
            user_id: self.user_id.clone(),
            username: self.username.clone(),
            name: self.username.clone(),
            sandbox: false,
        }
    }
}
