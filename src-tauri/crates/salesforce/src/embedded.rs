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

fn ca_dir(dir: &Path) -> PathBuf {
    dir.join("sandbox-tls")
}

/// Where the sandbox started with `dir` keeps its CA certificate (for
/// clients outside Ringside to trust).
pub fn ca_certificate(dir: &Path) -> PathBuf {
    ca_dir(dir).join("sandbox-cert.pem")
}

/// A private folder for an in-memory engine's sandbox certificate, removed
/// when the sandbox stops (never the user's profile). Its name cannot be
/// guessed and it is made owner-only by this process, never reused: a
/// folder someone else made first is passed over.
fn temp_dir() -> Result<PathBuf, std::io::Error> {
    use std::hash::{BuildHasher, Hasher};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..16 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(NEXT.fetch_add(1, Ordering::SeqCst));
        h.write_u32(std::process::id());
        let dir = std::env::temp_dir().join(format!("ringside-embedded-{:016x}", h.finish()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        // `create` (not `create_all`) fails if the folder exists.
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no private folder")))
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
            (Some(dir.join("sandbox.db")), ca_dir(dir), None)
        }
        None => {
            let t = temp_dir().map_err(|e| start(&e))?;
            (None, ca_dir(&t), Some(t))
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
        ..Default::default()
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
    user_client(sandbox, url, ca, AGENT_USERNAME).await
}

/// As [`agent_client`], signed in as another of the sandbox's users.
pub async fn user_client(
    sandbox: &Sandbox,
    url: &str,
    ca: Option<&[u8]>,
    username: &str,
) -> Result<SalesforceClient, EmbeddedError> {
    let (access, refresh) = sandbox
        .issue_tokens_for(username)
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
