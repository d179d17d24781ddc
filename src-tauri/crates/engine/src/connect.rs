//! Which CRM the engine writes to: reconnecting the saved org at start (or
//! the built-in sandbox when there is none), browser sign-in, switching to
//! the sandbox, and disconnecting. Slow work runs in tasks that report back
//! to the actor, so the desk never waits on a browser or the network.

use std::sync::Arc;

use ringside_crm_port::{CrmAccount, CrmLink, CrmProvider, PortError, SavedAccount, SignInRequest};

use crate::actor::Actor;
use crate::handle::Command;
use crate::ipc::{CrmStatus, ErrorCode, IpcError};
use crate::problems::ProblemCode;

fn account_of(saved: &SavedAccount) -> Box<CrmAccount> {
    Box::new(saved.account())
}

/// Without a provider there is no sign-in and no built-in CRM.
fn no_provider() -> PortError {
    PortError::unavailable("this Ringside has no CRM to sign in to; connect one from its shell")
}

impl Actor {
    pub(crate) fn report_back(&self) -> impl Fn(Command) + Send + Sync + 'static {
        let me = self.myself.clone();
        move |cmd| {
            if let Some(tx) = me.upgrade() {
                tokio::spawn(async move {
                    let _ = tx.send(cmd).await;
                });
            }
        }
    }

    /// The saved org if there is one (never silently swapped for the
    /// sandbox), else the built-in sandbox.
    pub(crate) async fn connect_at_start(&mut self) {
        let saved = match self.store.crm_account().await {
            Ok(Some(json)) => serde_json::from_str::<SavedAccount>(&json).ok(),
            _ => None,
        };
        match saved {
            Some(account) => {
                self.crm = CrmStatus::Connecting {
                    target: account.username.clone(),
                };
                // Calls that end before it reconnects are still for it.
                self.set_write_target(Some(crate::crm::targets::target_of_saved(&account)))
                    .await;
                self.account = Some(account.clone());
                let provider = match self.provider_for_sign_in() {
                    Ok(p) => p,
                    Err(e) => {
                        self.crm = CrmStatus::SignInNeeded {
                            account: account_of(&account),
                            reason: e.message,
                        };
                        return;
                    }
                };
                let back = self.report_back();
                let attempt = self.next_crm_attempt();
                let task = tokio::spawn(async move {
                    // An org that does not answer (offline, a 5xx) is tried
                    // again with backoff; only a refusal asks to sign in.
                    let mut wait = RECONNECT_FIRST;
                    loop {
                        match provider.reconnect(&account).await {
                            Ok(link) => {
                                return back(Command::SignedIn(attempt, Ok((link, account))))
                            }
                            Err(e) if e.worth_retrying() => {
                                tracing::warn!(error = %e, "the org did not answer; trying again");
                                back(Command::Reconnecting(format!(
                                    "{} (the org is not answering: {}; trying again in {} s)",
                                    account.username,
                                    ringside_core::untrusted::error_text(&e.message),
                                    wait.as_secs()
                                )));
                                tokio::time::sleep(wait).await;
                                wait = (wait * 2).min(RECONNECT_LAST);
                            }
                            Err(e) => return back(Command::SignedIn(attempt, Err(e.message))),
                        }
                    }
                });
                self.reconnecting = Some(task.abort_handle());
            }
            None => self.use_sandbox(),
        }
    }

    /// A reconnect still trying in the background gives way to the agent's
    /// own choice (sign in, sandbox, disconnect).
    fn stop_reconnecting(&mut self) {
        if let Some(task) = self.reconnecting.take() {
            task.abort();
        }
        // An answer already on its way from an older attempt is ignored.
        self.next_crm_attempt();
    }

    /// A new sign-in or reconnect; answers to earlier ones no longer count.
    fn next_crm_attempt(&mut self) -> u64 {
        self.crm_attempt += 1;
        self.crm_attempt
    }

    /// The provider, if it can keep a sign-in here (a usable keychain).
    fn provider_for_sign_in(&self) -> Result<Arc<dyn CrmProvider>, PortError> {
        let provider = self.provider.clone().ok_or_else(no_provider)?;
        provider.can_sign_in()?;
        Ok(provider)
    }

    /// The built-in CRM, its files beside the store (an in-memory engine's
    /// stay out of the user's profile).
    pub(crate) fn use_sandbox(&mut self) {
        self.stop_reconnecting();
        self.crm = CrmStatus::Connecting {
            target: "the built-in sandbox CRM".into(),
        };
        let back = self.report_back();
        let (provider, dir) = (self.provider.clone(), self.embedded_dir.clone());
        tokio::spawn(async move {
            let r = match provider {
                Some(p) => p.start_embedded(dir.as_deref()).await,
                None => Err(no_provider()),
            };
            back(Command::EmbeddedReady(r.map_err(|e| e.message)));
        });
    }

    pub(crate) fn sign_in(
        &mut self,
        login_url: String,
        client_id: Option<String>,
        redirect_port: Option<u16>,
    ) -> Result<(), IpcError> {
        if self.provider.is_none() {
            return Err(IpcError::new(ErrorCode::CrmFailed, no_provider().message));
        }
        let provider = self
            .provider_for_sign_in()
            .map_err(|e| IpcError::new(ErrorCode::KeychainUnavailable, e.message))?;
        let login_url = provider
            .check_login_url(&login_url)
            .map_err(|e| IpcError::new(ErrorCode::InvalidInput, e.message))?;
        self.stop_reconnecting();
        let request = SignInRequest {
            login_url: login_url.clone(),
            client_id,
            redirect_port,
        };
        self.crm = CrmStatus::Connecting {
            target: format!("{login_url} (finish signing in in your browser)"),
        };
        let attempt = self.next_crm_attempt();
        let back = self.report_back();
        tokio::spawn(async move {
            let r = provider.sign_in(request).await.map_err(|e| e.message);
            back(Command::SignedIn(attempt, r));
        });
        self.publish_snapshot();
        Ok(())
    }

    pub(crate) async fn signed_in(&mut self, result: Result<(CrmLink, SavedAccount), String>) {
        match result {
            Ok((link, account)) => {
                if let Ok(json) = serde_json::to_string(&account) {
                    if let Err(e) = self.store.save_crm_account(&json).await {
                        self.problem(
                            ProblemCode::CrmAccountNotSaved,
                            format!("could not remember the CRM account: {e}"),
                        );
                    }
                }
                self.account = Some(account);
                // An org replaces the sandbox.
                self.embedded = None;
                self.connect(Arc::new(link)).await;
            }
            Err(reason) => {
                tracing::warn!(%reason, "CRM sign-in failed");
                self.crm = match &self.account {
                    Some(a) => CrmStatus::SignInNeeded {
                        account: account_of(a),
                        reason,
                    },
                    None => CrmStatus::NotConnected {
                        reason: Some(reason),
                    },
                };
                self.publish_snapshot();
            }
        }
    }

    pub(crate) async fn embedded_ready(
        &mut self,
        result: Result<(ringside_crm_port::EmbeddedCrm, CrmLink), String>,
    ) {
        match result {
            Ok((sandbox, link)) if self.account.is_none() => {
                self.embedded = Some(sandbox);
                self.connect(Arc::new(link)).await;
            }
            // An org was signed in meanwhile: it wins.
            Ok(_) => {}
            Err(reason) => {
                tracing::error!(%reason, "built-in sandbox CRM unavailable");
                self.crm = CrmStatus::NotConnected {
                    reason: Some(reason),
                };
                self.publish_snapshot();
            }
        }
    }

    /// Stops writing to the CRM at once. For an org the grant is revoked
    /// and the keychain entry deleted (even if the org cannot be reached) in
    /// a task, so calls ringing meanwhile are never held up; the account is
    /// forgotten. Calls queued for it wait until it is signed in again.
    pub(crate) async fn disconnect(&mut self) -> Result<(), IpcError> {
        self.stop_reconnecting();
        let link = self.link.send_replace(None);
        self.embedded = None;
        self.set_write_target(None).await;
        let mut reason = DISCONNECTED;
        if let Some(account) = self.account.take() {
            if let Err(e) = self.store.forget_crm_account().await {
                self.problem(
                    ProblemCode::CrmAccountNotSaved,
                    format!("could not forget the CRM account: {e}"),
                );
            }
            if let Ok(provider) = self.provider_for_sign_in() {
                reason = "disconnecting: ending the org's grant and deleting its keychain entry";
                let back = self.report_back();
                tokio::spawn(async move {
                    let r = provider
                        .disconnect(link, &account)
                        .await
                        .map_err(|e| e.message);
                    back(Command::Disconnected(r));
                });
            }
        }
        self.crm = CrmStatus::NotConnected {
            reason: Some(reason.into()),
        };
        self.publish_snapshot();
        Ok(())
    }

    pub(crate) fn disconnected(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            tracing::warn!(error = %e, "disconnect was not clean");
            self.problem(
                ProblemCode::DisconnectUnclean,
                format!("disconnected, but {e}"),
            );
        }
        // A new connection may have been made meanwhile: it stands.
        if matches!(self.crm, CrmStatus::NotConnected { .. }) {
            self.crm = CrmStatus::NotConnected {
                reason: Some(DISCONNECTED.into()),
            };
        }
        self.publish_snapshot();
    }
}

/// Backoff while a saved org does not answer at start.
const RECONNECT_FIRST: std::time::Duration = std::time::Duration::from_secs(2);
const RECONNECT_LAST: std::time::Duration = std::time::Duration::from_secs(300);

const DISCONNECTED: &str =
    "disconnected; calls for that org wait in the outbox until you sign in to it again";
