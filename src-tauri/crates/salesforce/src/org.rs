//! A real Salesforce org: browser sign-in (OAuth web-server flow with PKCE
//! and a loopback redirect on a fixed port), reconnecting at start from the
//! refresh token in the OS keychain, and disconnecting (revoke, then delete
//! the keychain entry). Only non-secret facts are saved in the store.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ringside_crm::oauth::{self, Pkce};
use ringside_crm::{
    http_client, Credentials, CrmError, SalesforceClient, SecretError, SecretKey, SecretStore,
    Sensitive,
};
use tokio::net::TcpListener;

use ringside_crm_port::{CrmLink, Opener, OrgTarget, PageShown, SavedAccount, SignInPage};

use crate::link::SalesforceCrm;

/// The Connected App consumer key Ringside ships with; an admin may use
/// their own org's instead.
pub const DEFAULT_CLIENT_ID: &str = "ringside-desktop";
/// The loopback port registered as the Connected App's callback.
pub const DEFAULT_REDIRECT_PORT: u16 = 53682;
/// How long the browser sign-in may take.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(300);
/// How long a refresh waits for the keychain to keep a rotated token.
const ROTATED_SAVE_WAIT: Duration = Duration::from_secs(10);

/// How long `xdg-open` may take to say it found no browser.
const OPEN_CHECK: Duration = Duration::from_secs(3);

/// The system browser through `xdg-open`. It blocks for up to a few
/// seconds: `xdg-open` exits non-zero at once when no browser is set up,
/// and keeps running or exits 0 when one opened.
pub fn system_browser() -> Opener {
    Arc::new(|url: &str| {
        let mut child = std::process::Command::new("xdg-open")
            .arg(url)
            // The desktop app tunes its own WebKit with these (see its
            // main.rs); a WebKit browser opened from it must not inherit them.
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            .env_remove("JSC_useDFGJIT")
            .env_remove("JSC_useFTLJIT")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("no browser could be started (xdg-open: {e})"))?;
        let started = std::time::Instant::now();
        while started.elapsed() < OPEN_CHECK {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    return Err(format!(
                        "no browser is set up to open web pages (xdg-open ended with {status})"
                    ))
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(_) => return Ok(()),
            }
        }
        // Still running: a browser is starting. It is left to run.
        std::thread::spawn(move || child.wait());
        Ok(())
    })
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("{0}")]
    Keychain(#[from] SecretError),
    #[error("{0}")]
    Crm(#[from] CrmError),
    #[error("the sign-in's callback port {port} cannot be used: {message}; close what uses it or choose another callback port")]
    Port { port: u16, message: String },
    #[error("the sign-in was not finished within {} minutes", SIGN_IN_TIMEOUT.as_secs() / 60)]
    TimedOut,
    #[error("the keychain has no sign-in for {0}; sign in again")]
    NoSavedToken(String),
    #[error("{0}")]
    Invalid(String),
}

impl SignInError {
    /// The org did not answer, or answered "busy": the same reconnect may
    /// work later, so it is tried again rather than asking to sign in.
    pub fn worth_retrying(&self) -> bool {
        match self {
            SignInError::Crm(e) => e.is_retryable() && !matches!(e, CrmError::InvalidSession),
            _ => false,
        }
    }
}

/// `https://` only; plain HTTP only to the loopback itself (a local
/// sandbox). Checked on the parsed URL; the normalised form is what is used.
pub fn check_login_url(url: &str) -> Result<String, SignInError> {
    ringside_crm::address::org_base_url(url).map_err(|why| {
        SignInError::Invalid(format!(
            "the org address is an https:// URL such as https://login.salesforce.com or https://yourcompany.my.salesforce.com ({why})"
        ))
    })
}

/// Runs a keychain call off the async runtime (keychains block).
async fn keychain<T: Send + 'static>(
    secrets: &Arc<dyn SecretStore>,
    f: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SecretError> {
    let s = Arc::clone(secrets);
    tokio::task::spawn_blocking(move || f(s.as_ref()))
        .await
        .map_err(|e| SecretError::Failed(e.to_string()))?
}

/// Writes rotated refresh tokens back to the keychain. The client awaits
/// each save before using the new tokens; the numbering also keeps an
/// older save from landing after a newer one should a refresh be dropped
/// mid-save (the org has revoked the older token).
fn keep_rotated(secrets: Arc<dyn SecretStore>, key: SecretKey) -> ringside_crm::client::OnRefresh {
    let issued = Arc::new(AtomicU64::new(0));
    let saved = Arc::new(std::sync::Mutex::new(0u64));
    Arc::new(move |creds: &Credentials| {
        let refresh = creds.refresh.clone();
        let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
        let (secrets, key, saved) = (Arc::clone(&secrets), key.clone(), Arc::clone(&saved));
        Box::pin(async move {
            let Some(refresh) = refresh else { return };
            let save = tokio::task::spawn_blocking(move || {
                let mut last = saved.lock().unwrap_or_else(|p| p.into_inner());
                if *last > n {
                    return Ok(());
                }
                secrets.set(&key, &refresh)?;
                *last = n;
                Ok::<(), SecretError>(())
            });
            // A keychain waiting on an unlock prompt must not hold up every
            // CRM request; the save still lands, in order, when it can.
            match tokio::time::timeout(ROTATED_SAVE_WAIT, save).await {
                Ok(Ok(Ok(()))) => {}
                Ok(Ok(Err(e))) => {
                    tracing::error!(error = %e, "could not keep the rotated refresh token");
                }
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "the rotated refresh token's save stopped");
                }
                Err(_) => tracing::warn!("the keychain is slow to keep the rotated refresh token"),
            }
        })
    })
}

/// The whole browser sign-in. The refresh token goes to the keychain; if
/// it cannot, the grant is revoked and nothing is kept anywhere.
pub async fn sign_in(
    target: OrgTarget,
    secrets: Arc<dyn SecretStore>,
    open: Opener,
    shown: PageShown,
    extra_ca: Option<Vec<u8>>,
) -> Result<(SalesforceCrm, SavedAccount), SignInError> {
    let login_url = check_login_url(&target.login_url)?;
    let port = target.redirect_port;
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        tracing::warn!(port, error = %e, "the sign-in's callback port cannot be opened");
        SignInError::Port {
            port,
            message: match e.kind() {
                std::io::ErrorKind::AddrInUse => "another program is using it",
                std::io::ErrorKind::PermissionDenied => "this computer does not allow it",
                _ => "it cannot be opened",
            }
            .to_string(),
        }
    })?;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let pkce = Pkce::new();
    let state = oauth::random_state();
    let url = oauth::authorize_url(&login_url, &target.client_id, &redirect, &pkce, &state);
    // No browser is no reason to stop: the agent can open the page.
    let browser_error = tokio::task::spawn_blocking({
        let (open, url) = (open.clone(), url.clone());
        move || open(&url).err()
    })
    .await
    .unwrap_or_else(|e| Some(format!("the browser could not be started ({e})")));
    if let Some(e) = &browser_error {
        tracing::warn!(error = %e, "the browser did not open the sign-in page");
    }
    shown(SignInPage { url, browser_error });
    let callback = tokio::time::timeout(SIGN_IN_TIMEOUT, oauth::catch_redirect(&listener, &state))
        .await
        .map_err(|_| SignInError::TimedOut)??;
    drop(listener);
    let http = http_client(extra_ca.as_deref())?;
    let tokens = oauth::exchange_code(
        &http,
        &login_url,
        &target.client_id,
        &redirect,
        &callback.code,
        &pkce,
    )
    .await?;
    let refresh = tokens
        .refresh_token
        .clone()
        .map(Sensitive::new)
        .ok_or_else(|| {
            SignInError::Invalid(
                "the org gave no refresh token; allow the refresh_token scope in the Connected App"
                    .into(),
            )
        })?;
    let client = SalesforceClient::new(
        http,
        &tokens.instance_url,
        &login_url,
        &target.client_id,
        Credentials {
            access: Sensitive::new(tokens.access_token.clone()),
            refresh: Some(refresh.clone()),
        },
    );
    let link = SalesforceCrm::establish(client, false).await?;
    let key = SecretKey::refresh_token(&link.account.org_id, &link.account.user_id);
    let stored = keychain(&secrets, {
        let (key, refresh) = (key.clone(), refresh.clone());
        move |s| s.set(&key, &refresh)
    })
    .await;
    if let Err(e) = stored {
        // Not kept anywhere else: end the grant and say what is missing.
        let _ = link.client.revoke().await;
        return Err(e.into());
    }
    let account = SavedAccount {
        target: OrgTarget {
            login_url,
            ..target
        },
        instance_url: link.account.instance_url.clone(),
        org_id: link.account.org_id.clone(),
        user_id: link.account.user_id.clone(),
        username: link.account.username.clone(),
    };
    let link = with_rotation(link, &account, &secrets);
    Ok((link, account))
}

fn with_rotation(
    link: SalesforceCrm,
    account: &SavedAccount,
    secrets: &Arc<dyn SecretStore>,
) -> SalesforceCrm {
    let key = SecretKey::refresh_token(&account.org_id, &account.user_id);
    match Arc::try_unwrap(link.client) {
        Ok(client) => SalesforceCrm {
            client: Arc::new(client.on_refresh(keep_rotated(Arc::clone(secrets), key))),
            account: link.account,
            external_id_field: link.external_id_field,
            person_accounts: link.person_accounts,
            presence: link.presence,
        },
        Err(client) => SalesforceCrm {
            client,
            account: link.account,
            external_id_field: link.external_id_field,
            person_accounts: link.person_accounts,
            presence: link.presence,
        },
    }
}

/// At start: the saved account's refresh token from the keychain, refreshed
/// into a session.
pub async fn reconnect(
    account: &SavedAccount,
    secrets: Arc<dyn SecretStore>,
    extra_ca: Option<Vec<u8>>,
) -> Result<SalesforceCrm, SignInError> {
    let key = SecretKey::refresh_token(&account.org_id, &account.user_id);
    let refresh = keychain(&secrets, move |s| s.get(&key))
        .await?
        .ok_or_else(|| SignInError::NoSavedToken(account.username.clone()))?;
    // Saved by an earlier version, whose check let look-alike loopback
    // addresses through: the refresh token is not sent before it passes.
    let login_url = check_login_url(&account.target.login_url)?;
    let http = http_client(extra_ca.as_deref())?;
    let t = oauth::refresh(&http, &login_url, &account.target.client_id, &refresh).await?;
    let rotated = t.refresh_token.map(Sensitive::new);
    let client = SalesforceClient::new(
        http,
        &t.instance_url,
        &login_url,
        &account.target.client_id,
        Credentials {
            access: Sensitive::new(t.access_token),
            refresh: Some(rotated.clone().unwrap_or(refresh)),
        },
    );
    if let Some(r) = rotated {
        let key = SecretKey::refresh_token(&account.org_id, &account.user_id);
        keychain(&secrets, move |s| s.set(&key, &r)).await?;
    }
    let link = SalesforceCrm::establish(client, false).await?;
    Ok(with_rotation(link, account, &secrets))
}

/// Disconnect: revoke the grant at the org, then delete the keychain entry.
/// The entry is deleted even if the org cannot be reached.
pub async fn disconnect(
    link: Option<Arc<CrmLink>>,
    account: &SavedAccount,
    secrets: Arc<dyn SecretStore>,
    extra_ca: Option<Vec<u8>>,
) -> Result<(), SignInError> {
    let key = SecretKey::refresh_token(&account.org_id, &account.user_id);
    // Read first, for a revoke when there is no live link (a reconnect was
    // still trying); deleted before the slow revoke, so a sign-in to the
    // same org right after keeps its new token.
    let saved = keychain(&secrets, {
        let key = key.clone();
        move |s| s.get(&key)
    })
    .await
    .ok()
    .flatten();
    keychain(&secrets, move |s| s.delete(&key)).await?;
    let revoked = match (link, saved) {
        (Some(l), _) => {
            return l
                .crm
                .revoke()
                .await
                .map_err(|e| SignInError::Invalid(e.message))
        }
        (None, Some(token)) => {
            let login_url = check_login_url(&account.target.login_url)?;
            let http = http_client(extra_ca.as_deref())?;
            oauth::revoke(&http, &login_url, &token).await
        }
        (None, None) => Ok(()),
    };
    revoked.map_err(SignInError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_addresses_must_be_https_except_on_the_loopback() {
        let mut wrong = Vec::new();
        for (ok, normalised) in [
            (
                "https://login.salesforce.com",
                "https://login.salesforce.com",
            ),
            (
                "https://acme.my.salesforce.com/",
                "https://acme.my.salesforce.com",
            ),
            (
                " https://test.salesforce.com ",
                "https://test.salesforce.com",
            ),
            (
                "HTTPS://Login.Salesforce.com",
                "https://login.salesforce.com",
            ),
            ("http://127.0.0.1:8743", "http://127.0.0.1:8743"),
            ("http://[::1]:8743", "http://[::1]:8743"),
            ("http://localhost:8743/", "http://localhost:8743"),
            ("HTTP://LOCALHOST:8743", "http://localhost:8743"),
        ] {
            let got = check_login_url(ok);
            if got.as_deref().ok() != Some(normalised) {
                wrong.push(format!("{ok:?}: want {normalised}, got {got:?}"));
            }
        }
        for bad in [
            "",
            "login.salesforce.com",
            "http://login.salesforce.com",
            "HTTP://login.salesforce.com",
            "https://evil@login.salesforce.com",
            "https://user:pw@login.salesforce.com",
            "https://login.salesforce.com/path",
            "https://login.salesforce.com?next=x",
            "javascript:alert(1)",
            // Plain http that only looks like the loopback.
            "http://127.0.0.1.evil.example",
            "http://127.0.0.1.evil.example:8743",
            "http://localhost.evil.example",
            "http://localhost@evil.example",
            "http://127.0.0.1@evil.example",
            "http://127.0.0.1:8743@evil.example",
            "http://evil.example#@127.0.0.1",
            "http://evil.example?@127.0.0.1",
            "http://evil.example/@localhost",
            "http://127.0.0.1:8743/services/oauth2/authorize?x=1",
        ] {
            if let Ok(accepted) = check_login_url(bad) {
                wrong.push(format!("{bad:?}: accepted as {accepted}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
