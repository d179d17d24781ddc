//! The CRM-connection part: which CRM the engine writes to, and how it got
//! there. Reconnecting the saved org at start (or the built-in sandbox when
//! there is none), browser sign-in, switching to the sandbox, and
//! disconnecting all go through the shell's `CrmProvider`. Slow work
//! (sign-in, reconnect, revoke) runs in tasks that report back to the
//! actor, so the desk never waits on a browser or the network.

use std::path::PathBuf;
use std::sync::Arc;

use ringside_crm_port::{
    Crm, CrmAccount, CrmLink, CrmProvider, EmbeddedCrm, PortError, SavedAccount, SignInRequest,
};
use tokio::sync::watch;

use super::problem::{CrmProblem, NotConnectedWhy};
use crate::actor::Actor;
use crate::handle::Command;
use crate::ipc::{ConnectingTo, CrmStatus, ErrorCode, IpcError};
use crate::problems::ProblemCode;

fn account_of(saved: &SavedAccount) -> Box<CrmAccount> {
    Box::new(saved.account())
}

/// Without a provider there is no sign-in and no built-in CRM.
fn no_provider() -> PortError {
    PortError::unavailable("this Ringside has no CRM to sign in to; connect one from its shell")
}

/// The connection as the agent sees it, and what is needed to change it.
pub(crate) struct Connection {
    /// The live connection; the delivery and sync workers watch it.
    link: watch::Sender<Option<Arc<CrmLink>>>,
    status: CrmStatus,
    provider: Option<Arc<dyn CrmProvider>>,
    /// The org signed in to, if any (else the sandbox or nothing).
    account: Option<SavedAccount>,
    /// The built-in CRM while it is in use.
    embedded: Option<EmbeddedCrm>,
    /// Where the built-in CRM keeps its files: beside the store (`None`
    /// for an in-memory engine, which never writes to the user's profile).
    embedded_dir: Option<PathBuf>,
    /// A saved org being reconnected in the background, until it answers.
    reconnecting: Option<tokio::task::AbortHandle>,
    /// Which sign-in or reconnect is current (see `Command::SignedIn`).
    attempt: u64,
    /// A browser sign-in waiting for its redirect: ended when the agent
    /// chooses anything else; the next sign-in waits for it to be gone, so
    /// its port is free.
    signing_in: Option<tokio::task::JoinHandle<()>>,
    /// The adapter of the last connection, kept while disconnected: what
    /// its records look like (a dialled record's kind, a new caller's
    /// fields) does not change with the session.
    last_crm: Option<Arc<dyn Crm>>,
}

impl Connection {
    pub fn new(
        provider: Option<Arc<dyn CrmProvider>>,
        embedded_dir: Option<PathBuf>,
    ) -> Connection {
        Connection {
            link: watch::channel(None).0,
            status: CrmStatus::NotConnected { why: None },
            provider,
            account: None,
            embedded: None,
            embedded_dir,
            reconnecting: None,
            attempt: 0,
            signing_in: None,
            last_crm: None,
        }
    }

    /// The CRM in use, or the last one while it is away.
    pub fn crm_in_use(&self) -> Option<Arc<dyn Crm>> {
        self.link()
            .map(|l| Arc::clone(&l.crm))
            .or_else(|| self.last_crm.clone())
    }

    pub fn link(&self) -> Option<Arc<CrmLink>> {
        self.link.borrow().clone()
    }

    /// For the workers that write through the connection.
    pub fn subscribe(&self) -> watch::Receiver<Option<Arc<CrmLink>>> {
        self.link.subscribe()
    }

    pub fn status(&self) -> &CrmStatus {
        &self.status
    }

    /// The shell reports a connection it is making or could not make.
    pub fn set_status(&mut self, status: CrmStatus) {
        self.status = status;
    }

    /// Whether `attempt` is the sign-in or reconnect that counts now.
    pub fn is_current(&self, attempt: u64) -> bool {
        attempt == self.attempt
    }

    /// The browser sign-in's page is ready: the agent sees its address (to
    /// copy when no browser opened). Only while that sign-in is shown.
    /// Returns whether that changed.
    pub fn sign_in_page(&mut self, page: ringside_crm_port::SignInPage) -> bool {
        let CrmStatus::Connecting {
            sign_in_url,
            browser_error,
            ..
        } = &mut self.status
        else {
            return false;
        };
        *sign_in_url = Some(page.url);
        *browser_error = page.browser_error;
        true
    }

    /// A reconnect says it is still trying: shown only while it runs (the
    /// agent may have chosen otherwise). Returns whether that changed.
    pub fn still_reconnecting(&mut self, to: ConnectingTo) -> bool {
        if self.reconnecting.is_none() {
            return false;
        }
        self.status = CrmStatus::connecting(to);
        true
    }

    /// `lost`'s session ended and could not be renewed: calls wait in the
    /// outbox until a new sign-in. Only while `lost` is still the link (a
    /// late report about an earlier one changes nothing). Returns whether
    /// that changed.
    pub fn session_lost(&mut self, lost: &Arc<CrmLink>, why: CrmProblem) -> bool {
        let current = self
            .link
            .borrow()
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, lost));
        if !current {
            return false;
        }
        tracing::warn!("CRM session lost; sign-in needed");
        self.link.send_replace(None);
        // A sign-in the agent started meanwhile keeps its status.
        if matches!(self.status, CrmStatus::Connected { .. }) {
            self.status = CrmStatus::SignInNeeded {
                account: Box::new(lost.account.clone()),
                why,
            };
        }
        true
    }

    /// A reconnect still trying in the background gives way to the agent's
    /// own choice (sign in, sandbox, disconnect).
    fn stop_reconnecting(&mut self) {
        if let Some(task) = self.reconnecting.take() {
            task.abort();
        }
        // An answer already on its way from an older attempt is ignored.
        self.next_attempt();
    }

    /// A new sign-in or reconnect; answers to earlier ones no longer count.
    fn next_attempt(&mut self) -> u64 {
        if let Some(task) = &self.signing_in {
            task.abort();
        }
        self.attempt += 1;
        self.attempt
    }

    /// The provider, if it can keep a sign-in here (a usable keychain).
    fn provider_for_sign_in(&self) -> Result<Arc<dyn CrmProvider>, PortError> {
        let provider = self.provider.clone().ok_or_else(no_provider)?;
        provider.can_sign_in()?;
        Ok(provider)
    }
}

impl Actor {
    /// At start, not after the agent pressed Sign in: without a keychain
    /// there is nowhere to keep an org's grant, and the agent should know.
    pub(crate) fn say_if_no_keychain(&mut self) {
        let Some(provider) = self.crm.provider.clone() else {
            return;
        };
        if let Err(e) = provider.can_sign_in() {
            self.problem(
                ProblemCode::KeychainUnavailable,
                format!(
                    "Signing in to your org is unavailable: {} The built-in CRM works meanwhile.",
                    sentence(&e.message)
                ),
            );
        }
    }

    /// The saved org if there is one (never silently swapped for the
    /// sandbox), else the built-in sandbox.
    pub(crate) async fn connect_at_start(&mut self) {
        let saved = match self.store.crm_account().await {
            Ok(Some(json)) => serde_json::from_str::<SavedAccount>(&json).ok(),
            _ => None,
        };
        let Some(account) = saved else {
            return self.use_sandbox();
        };
        self.crm.status = CrmStatus::connecting(ConnectingTo::Account {
            username: account.username.clone(),
        });
        // Calls that end before it reconnects are still for it.
        self.set_write_target(Some(crate::crm::outbox::target_of_saved(&account)))
            .await;
        self.crm.account = Some(account.clone());
        let provider = match self.crm.provider_for_sign_in() {
            Ok(p) => p,
            Err(e) => {
                self.crm.status = CrmStatus::SignInNeeded {
                    account: account_of(&account),
                    why: CrmProblem::of(&e),
                };
                return;
            }
        };
        let back = self.report_back();
        let attempt = self.crm.next_attempt();
        let task = tokio::spawn(async move {
            // An org that does not answer (offline, a 5xx) is tried again
            // with backoff; only a refusal asks to sign in.
            let mut wait = RECONNECT_FIRST;
            loop {
                match provider.reconnect(&account).await {
                    Ok(link) => return back(Command::SignedIn(attempt, Ok((link, account)))),
                    Err(e) if e.worth_retrying() => {
                        tracing::warn!(error = %e, "the org did not answer; trying again");
                        back(Command::Reconnecting(ConnectingTo::Retrying {
                            username: account.username.clone(),
                            reason: ringside_core::untrusted::error_text(&e.message),
                            in_seconds: wait.as_secs(),
                        }));
                        tokio::time::sleep(wait).await;
                        wait = (wait * 2).min(RECONNECT_LAST);
                    }
                    Err(e) => return back(Command::SignedIn(attempt, Err(CrmProblem::of(&e)))),
                }
            }
        });
        self.crm.reconnecting = Some(task.abort_handle());
    }

    /// A CRM connection is ready: the org's contact store is open before
    /// any call can ring against it, calls end for this org from now on
    /// (what waits for others stays), and the workers write through it.
    pub(crate) async fn connect(&mut self, link: Arc<CrmLink>) {
        self.open_contacts_for(&link.account.org_id).await;
        tracing::info!(instance = %link.account.instance_url, sandbox = link.account.sandbox, "CRM connected");
        self.set_write_target(Some(crate::crm::outbox::target_of(&link.account)))
            .await;
        self.crm.status = CrmStatus::Connected {
            account: Box::new(link.account.clone()),
            external_id: link.crm.keyed_writes(),
        };
        self.crm.last_crm = Some(Arc::clone(&link.crm));
        self.presence_connect(&link);
        self.crm.link.send_replace(Some(link));
        self.publish_snapshot();
    }

    /// The agent asks for the built-in CRM: not while an org is signed in.
    pub(crate) fn use_sandbox_now(&mut self) -> Result<(), IpcError> {
        if self.crm.account.is_some() {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "disconnect the org first; Ringside writes to one CRM at a time",
            ));
        }
        self.use_sandbox();
        self.publish_snapshot();
        Ok(())
    }

    /// The built-in CRM, its files beside the store (an in-memory engine's
    /// stay out of the user's profile).
    pub(crate) fn use_sandbox(&mut self) {
        self.crm.stop_reconnecting();
        self.crm.status = CrmStatus::connecting(ConnectingTo::Sandbox);
        let back = self.report_back();
        let (provider, dir) = (self.crm.provider.clone(), self.crm.embedded_dir.clone());
        tokio::spawn(async move {
            let r = match provider {
                Some(p) => p.start_embedded(dir.as_deref()).await,
                None => Err(no_provider()),
            };
            back(Command::EmbeddedReady(r.map_err(|e| CrmProblem::of(&e))));
        });
    }

    pub(crate) fn sign_in(
        &mut self,
        login_url: String,
        client_id: Option<String>,
        redirect_port: Option<u16>,
    ) -> Result<(), IpcError> {
        if self.crm.provider.is_none() {
            return Err(IpcError::new(ErrorCode::CrmFailed, no_provider().message));
        }
        let provider = self
            .crm
            .provider_for_sign_in()
            .map_err(|e| IpcError::new(ErrorCode::KeychainUnavailable, e.message))?;
        let login_url = provider.check_login_url(&login_url).map_err(|e| IpcError {
            field: Some("login_url".into()),
            ..IpcError::new(ErrorCode::InvalidInput, e.message)
        })?;
        self.crm.stop_reconnecting();
        let request = SignInRequest {
            login_url: login_url.clone(),
            client_id,
            redirect_port,
        };
        self.crm.status = CrmStatus::connecting(ConnectingTo::SignInPage {
            login_url: login_url.clone(),
        });
        let attempt = self.crm.next_attempt();
        let back = Arc::new(self.report_back());
        let shown: ringside_crm_port::PageShown = Arc::new({
            let back = back.clone();
            move |page| back(Command::SignInPage(attempt, page))
        });
        let previous = self.crm.signing_in.take();
        let task = tokio::spawn(async move {
            // Aborting is asynchronous: the last sign-in's listener is
            // dropped only once its task has ended.
            if let Some(previous) = previous {
                let _ = previous.await;
            }
            let r = provider
                .sign_in(request, shown)
                .await
                .map_err(|e| CrmProblem::of(&e));
            back(Command::SignedIn(attempt, r));
        });
        self.crm.signing_in = Some(task);
        self.publish_snapshot();
        Ok(())
    }

    pub(crate) async fn signed_in(&mut self, result: Result<(CrmLink, SavedAccount), CrmProblem>) {
        // The reconnect (if that is what answered) is over.
        self.crm.reconnecting = None;
        match result {
            Ok((link, account)) => {
                if let Ok(json) = serde_json::to_string(&account) {
                    match self.store.save_crm_account(&json).await {
                        Ok(()) => self.problems.clear(ProblemCode::CrmAccountNotSaved),
                        Err(e) => self.problem(
                            ProblemCode::CrmAccountNotSaved,
                            format!("could not remember the CRM account: {e}"),
                        ),
                    }
                }
                self.crm.account = Some(account);
                // An org replaces the sandbox.
                self.crm.embedded = None;
                self.connect(Arc::new(link)).await;
            }
            Err(problem) => {
                tracing::warn!(%problem, "CRM sign-in failed");
                self.crm.status = match &self.crm.account {
                    Some(a) => CrmStatus::SignInNeeded {
                        account: account_of(a),
                        why: problem,
                    },
                    None => CrmStatus::NotConnected {
                        why: Some(NotConnectedWhy::SignInFailed { problem }),
                    },
                };
                self.publish_snapshot();
            }
        }
    }

    pub(crate) async fn embedded_ready(
        &mut self,
        result: Result<(EmbeddedCrm, CrmLink), CrmProblem>,
    ) {
        match result {
            Ok((sandbox, link)) if self.crm.account.is_none() => {
                self.crm.embedded = Some(sandbox);
                self.connect(Arc::new(link)).await;
            }
            // An org was signed in meanwhile: it wins.
            Ok(_) => {}
            Err(problem) => {
                tracing::error!(%problem, "built-in sandbox CRM unavailable");
                self.crm.status = CrmStatus::NotConnected {
                    why: Some(NotConnectedWhy::SandboxFailed { problem }),
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
        self.crm.stop_reconnecting();
        let link = self.crm.link.send_replace(None);
        self.presence_disconnect();
        self.crm.embedded = None;
        self.set_write_target(None).await;
        let mut why = NotConnectedWhy::Disconnected;
        if let Some(account) = self.crm.account.take() {
            match self.store.forget_crm_account().await {
                Ok(()) => self.problems.clear(ProblemCode::CrmAccountNotSaved),
                Err(e) => self.problem(
                    ProblemCode::CrmAccountNotSaved,
                    format!("could not forget the CRM account: {e}"),
                ),
            }
            if let Ok(provider) = self.crm.provider_for_sign_in() {
                why = NotConnectedWhy::Disconnecting;
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
        self.crm.status = CrmStatus::NotConnected { why: Some(why) };
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
        if matches!(self.crm.status, CrmStatus::NotConnected { .. }) {
            self.crm.status = CrmStatus::NotConnected {
                why: Some(NotConnectedWhy::Disconnected),
            };
        }
        self.publish_snapshot();
    }
}

/// Backoff while a saved org does not answer at start.
const RECONNECT_FIRST: std::time::Duration = std::time::Duration::from_secs(2);
const RECONNECT_LAST: std::time::Duration = std::time::Duration::from_secs(300);

/// `message` as a sentence: capitalised, with a full stop.
fn sentence(message: &str) -> String {
    let m = message.trim().trim_end_matches('.');
    let mut c = m.chars();
    match c.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}
