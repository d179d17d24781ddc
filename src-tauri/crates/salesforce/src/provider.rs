//! Salesforce as the engine's `CrmProvider`: browser sign-in with the OS
//! keychain, reconnect and disconnect (`org`), and the built-in sandbox
//! (`embedded`). The keychain and the CA to trust stay here, not in the
//! engine.

use std::path::Path;
use std::sync::Arc;

use ringside_crm::{SecretError, SecretStore};
use ringside_crm_port::{
    async_trait, CrmLink, CrmProvider, EmbeddedCrm, Opener, OrgTarget, PageShown, PortError,
    SavedAccount, SignInRequest,
};

use crate::org::{self, DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_PORT};

pub struct SalesforceProvider {
    /// The OS keychain, or why there is none (then no org sign-in).
    pub secrets: Result<Arc<dyn SecretStore>, SecretError>,
    pub opener: Opener,
    /// An extra trusted root for org connections (a local sandbox's CA).
    pub extra_ca: Option<Vec<u8>>,
}

impl SalesforceProvider {
    /// No keychain: the built-in sandbox works, org sign-in says why not.
    pub fn without_keychain() -> SalesforceProvider {
        SalesforceProvider {
            secrets: Err(SecretError::Unavailable("no keychain was opened".into())),
            opener: org::system_browser(),
            extra_ca: None,
        }
    }

    fn secrets(&self) -> Result<Arc<dyn SecretStore>, PortError> {
        self.secrets
            .clone()
            .map_err(|e| PortError::unavailable(e.to_string()))
    }
}

#[async_trait]
impl CrmProvider for SalesforceProvider {
    fn check_login_url(&self, url: &str) -> Result<String, PortError> {
        org::check_login_url(url).map_err(PortError::from)
    }

    fn can_sign_in(&self) -> Result<(), PortError> {
        self.secrets().map(|_| ())
    }

    async fn sign_in(
        &self,
        request: SignInRequest,
        shown: PageShown,
    ) -> Result<(CrmLink, SavedAccount), PortError> {
        let target = OrgTarget {
            login_url: request.login_url,
            client_id: request
                .client_id
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_CLIENT_ID.into()),
            redirect_port: request.redirect_port.unwrap_or(DEFAULT_REDIRECT_PORT),
        };
        let (sf, saved) = org::sign_in(
            target,
            self.secrets()?,
            self.opener.clone(),
            shown,
            self.extra_ca.clone(),
        )
        .await?;
        Ok((sf.into_link(), saved))
    }

    async fn reconnect(&self, account: &SavedAccount) -> Result<CrmLink, PortError> {
        let sf = org::reconnect(account, self.secrets()?, self.extra_ca.clone()).await?;
        Ok(sf.into_link())
    }

    async fn disconnect(
        &self,
        link: Option<Arc<CrmLink>>,
        account: &SavedAccount,
    ) -> Result<(), PortError> {
        org::disconnect(link, account, self.secrets()?, self.extra_ca.clone())
            .await
            .map_err(PortError::from)
    }

    async fn start_embedded(
        &self,
        dir: Option<&Path>,
    ) -> Result<(EmbeddedCrm, CrmLink), PortError> {
        let (sandbox, sf) = crate::embedded::start_embedded(dir)
            .await
            .map_err(|e| PortError::unavailable(e.to_string()))?;
        tracing::info!(url = ?sandbox.sandbox.https_url, "built-in sandbox CRM started");
        let link = sf.into_link();
        Ok((Box::new(sandbox), link))
    }
}
