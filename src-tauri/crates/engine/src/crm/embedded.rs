//! The built-in sandbox CRM: Ringside's default when no org is connected,
//! so the demo needs no account. It runs in-process on 127.0.0.1 over HTTPS
//! with its own CA, and Ringside talks to it through the real Salesforce
//! client. Its tokens are minted at start and live only in memory: they open
//! a throwaway local org and are never stored.

use std::path::Path;

use ringside_crm::{http_client, Credentials, CrmError, SalesforceClient, Sensitive};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};

use super::link::CrmLink;

pub const SANDBOX_CLIENT_ID: &str = "ringside-desktop";

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error("the built-in sandbox CRM did not start: {0}")]
    Start(String),
    #[error("cannot connect to the built-in sandbox CRM: {0}")]
    Connect(#[from] CrmError),
}

/// Starts the sandbox with its data in `dir` and signs the demo agent in.
/// Keep the returned `Sandbox` alive as long as the link is used.
pub async fn start_embedded(dir: &Path) -> Result<(Sandbox, CrmLink), EmbeddedError> {
    let start = |e: &dyn std::fmt::Display| EmbeddedError::Start(e.to_string());
    std::fs::create_dir_all(dir).map_err(|e| start(&e))?;
    let sandbox = Sandbox::start(SandboxConfig {
        db_path: Some(dir.join("sandbox.db")),
        http_port: 0,
        https_port: Some(0),
        cert_dir: Some(dir.join("sandbox-tls")),
        options: SandboxOptions::default(),
        seed: Seed::Demo,
        org_number: 1,
    })
    .await
    .map_err(|e| start(&e))?;
    let (url, ca) = match (&sandbox.https_url, &sandbox.cert_path) {
        (Some(url), Some(cert)) => (url.clone(), std::fs::read(cert).map_err(|e| start(&e))?),
        _ => return Err(EmbeddedError::Start("no HTTPS listener".into())),
    };
    let client = agent_client(&sandbox, &url, Some(&ca)).await?;
    let link = CrmLink::establish(client, true).await?;
    Ok((sandbox, link))
}

/// A Salesforce client signed in to `sandbox` as the demo agent at `url`
/// (its HTTPS address with `ca`, or its HTTP one in tests and benches).
pub async fn agent_client(
    sandbox: &Sandbox,
    url: &str,
    ca: Option<&[u8]>,
) -> Result<SalesforceClient, EmbeddedError> {
    let (access, refresh) = sandbox
        .issue_tokens_for(AGENT_USERNAME)
        .await
        .map_err(|e| EmbeddedError::Start(e.to_string()))?;
    Ok(SalesforceClient::new(
        http_client(ca)?,
        url,
        url,
        SANDBOX_CLIENT_ID,
        Credentials {
            access: Sensitive::new(access),
            refresh: Some(Sensitive::new(refresh)),
        },
    ))
}
