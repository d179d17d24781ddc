//! The built-in sandbox CRM: Ringside's default when no org is connected,
//! so the demo needs no account. It runs in-process on 127.0.0.1 over HTTPS
//! with its own CA, and Ringside talks to it through the real Salesforce
//! client. Its tokens are minted at start and live only in memory: they open
//! a throwaway local org and are never stored.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ringside_crm::{http_client, Credentials, CrmError, SalesforceClient, Sensitive};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};

use crate::link::SalesforceCrm;

pub const SANDBOX_CLIENT_ID: &str = "ringside-desktop";

#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error("the built-in sandbox CRM did not start: {0}")]
    Start(String),
    #[error("cannot connect to the built-in sandbox CRM: {0}")]
    Connect(#[from] CrmError),
}

/// The running sandbox; a temporary folder it was given goes with it.
pub struct Embedded {
    pub sandbox: Sandbox,
    temp: Option<PathBuf>,
}

impl Drop for Embedded {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A private folder for an in-memory engine's sandbox certificate, removed
/// when the sandbox stops (never the user's profile).
fn temp_dir() -> Result<PathBuf, std::io::Error> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("ringside-embedded-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

/// Starts the sandbox with its data in `dir` (`None`: in memory, its
/// certificate in a temporary folder) and signs the demo agent in. Keep the
/// returned `Embedded` alive as long as the link is used.
pub async fn start_embedded(
    dir: Option<&Path>,
) -> Result<(Embedded, SalesforceCrm), EmbeddedError> {
    let start = |e: &dyn std::fmt::Display| EmbeddedError::Start(e.to_string());
    let (db_path, cert_dir, temp) = match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| start(&e))?;
            (Some(dir.join("sandbox.db")), dir.join("sandbox-tls"), None)
        }
        None => {
            let t = temp_dir().map_err(|e| start(&e))?;
            (None, t.join("sandbox-tls"), Some(t))
        }
    };
    let sandbox = Sandbox::start(SandboxConfig {
        db_path,
        http_port: 0,
        https_port: Some(0),
        cert_dir: Some(cert_dir),
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
    let link = SalesforceCrm::establish(client, true).await?;
    Ok((Embedded { sandbox, temp }, link))
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
