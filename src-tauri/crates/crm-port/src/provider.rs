//! How the engine gets a connection: browser sign-in, reconnecting a saved
//! account at start, disconnecting, and the built-in CRM the demo runs on.
//! The app and the CLI hand the engine one provider; secrets stay with it.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;

use crate::account::SavedAccount;
use crate::error::PortError;
use crate::link::CrmLink;

/// Opens a URL in the agent's browser.
pub type Opener = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

/// The sign-in page is ready: its address, and why the browser could not be
/// opened on it, if it could not (the agent then copies the address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPage {
    pub url: String,
    pub browser_error: Option<String>,
}

/// Told of the sign-in page once it is known.
pub type PageShown = Arc<dyn Fn(SignInPage) + Send + Sync>;

/// A built-in CRM, running while this is kept (dropped: stopped).
pub type EmbeddedCrm = Box<dyn std::any::Any + Send + Sync>;

/// What the agent entered on the connect screen (blank: the defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInRequest {
    /// Checked and normalised by `check_login_url` first.
    pub login_url: String,
    pub client_id: Option<String>,
    pub redirect_port: Option<u16>,
}

#[async_trait]
pub trait CrmProvider: Send + Sync {
    /// The org address the agent typed, normalised, or why it is refused.
    fn check_login_url(&self, url: &str) -> Result<String, PortError>;

    /// Whether a sign-in can be kept here (a usable keychain), else why not.
    fn can_sign_in(&self) -> Result<(), PortError>;

    /// The whole browser sign-in; the grant is kept in the keychain. A
    /// browser that cannot be opened does not end it: `shown` hears the
    /// page's address, and the sign-in waits for the agent to open it.
    async fn sign_in(
        &self,
        request: SignInRequest,
        shown: PageShown,
    ) -> Result<(CrmLink, SavedAccount), PortError>;

    /// At start: the saved account's grant from the keychain, renewed.
    async fn reconnect(&self, account: &SavedAccount) -> Result<CrmLink, PortError>;

    /// Ends the grant (through `link` when live) and forgets its secret,
    /// even if the org cannot be reached.
    async fn disconnect(
        &self,
        link: Option<Arc<CrmLink>>,
        account: &SavedAccount,
    ) -> Result<(), PortError>;

    /// Starts the built-in CRM with its files in `dir` (`None`: in memory
    /// and a temporary folder, never the user's profile) and connects to it.
    async fn start_embedded(&self, dir: Option<&Path>)
        -> Result<(EmbeddedCrm, CrmLink), PortError>;
}
