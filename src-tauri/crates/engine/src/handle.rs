//! The cheap handle the shells hold (requests in, events out) and the
//! commands the actor reads: from shells, and from the tasks and workers
//! it spawned, reporting back.

use ringside_core::{CallId, DecisionReason, LoginEvent, Phase, Writer};
use ringside_store::HistoryEntry;
use std::sync::Arc;

use tokio::sync::{broadcast, mpsc, oneshot};

use crate::crm::delivery::DeliveryReport;
use crate::ipc::{CrmStatus, ErrorCode, IpcError, Request, Response, Snapshot};
use crate::problems::ProblemCode;
use ringside_crm_port::{CrmLink, EmbeddedCrm, SavedAccount};

/// What the engine tells its watchers. Snapshots carry the whole desk; the
/// other events are for printing and alerts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineEvent {
    Snapshot(Box<Snapshot>),
    Phase {
        call_id: CallId,
        phase: Phase,
        remote: String,
        checkbox_visible: bool,
        do_not_log: bool,
    },
    Checkbox {
        call_id: CallId,
        visible: bool,
        ticked: bool,
    },
    /// DNL-7: a call rings; the shell alerts if the window is in the background.
    Ringing {
        call_id: CallId,
        /// In the display format (for the desktop notification).
        remote: String,
    },
    Finished {
        call_id: CallId,
        phase: Phase,
        /// How it ended (the tray counts missed and abandoned calls).
        end: Option<ringside_core::CallEnd>,
        writer: Option<Writer>,
        reason: DecisionReason,
    },
    Anomaly {
        call_id: CallId,
        message: String,
    },
    /// The softphone or platform refused a command (numbers redacted); the
    /// agent sees it once in the problems however often it repeats.
    PhoneRefused {
        message: String,
    },
    /// The phone's own list of calls was read and the desk set right by it.
    PhoneReconciled,
    HistoryChanged,
}

pub(crate) enum Command {
    Ipc(Request, oneshot::Sender<Result<Response, IpcError>>),
    Connect(Arc<CrmLink>, oneshot::Sender<()>),
    /// The shell reports a connection it is making or could not make.
    CrmStatus(CrmStatus),
    /// The saved org did not answer at start; it is tried again.
    Reconnecting(crate::ipc::ConnectingTo),
    /// A browser sign-in or a reconnect finished.
    /// Tagged with the attempt it answers: only the latest counts.
    SignedIn(u64, Result<(CrmLink, SavedAccount), crate::crm::CrmProblem>),
    /// The sign-in page of that attempt is ready (the browser opened it or not).
    SignInPage(u64, ringside_crm_port::SignInPage),
    /// The built-in sandbox started (or could not).
    EmbeddedReady(Result<(EmbeddedCrm, CrmLink), crate::crm::CrmProblem>),
    Delivery(DeliveryReport),
    /// What the presence listener heard.
    Presence(crate::presence::PresenceEvent),
    /// A read of the org's admin settings (or that there is no org).
    Admin(crate::admin::AdminReport),
    /// An admin's write to the org went through and the org was read
    /// again: take the reading, then answer.
    AdminWritten(
        crate::admin::AdminReport,
        oneshot::Sender<Result<Response, IpcError>>,
        crate::admin::Written,
    ),
    SyncHealth(crate::caller::SyncHealth),
    /// A live CRM search for a caller answered (MATCH-6).
    LiveMatch {
        call_id: CallId,
        answer: Result<Vec<ringside_contacts::Match>, String>,
    },
    /// Revoking and forgetting a disconnected org finished (`Err`: what
    /// was not clean).
    Disconnected(Result<(), String>),
    /// Something the shell could not do that the agent should know.
    Problem(ProblemCode, String),
    /// Caps the store's size (pages; 0 lifts the cap), as a full disk would.
    CapStore(u32, oneshot::Sender<Result<(), String>>),
    Shutdown(oneshot::Sender<()>),
}

/// A cheap, cloneable handle on the running engine.
#[derive(Clone, Debug)]
pub struct EngineHandle {
    pub(crate) tx: mpsc::Sender<Command>,
    pub(crate) events: broadcast::Sender<EngineEvent>,
}

fn stopped() -> IpcError {
    IpcError::new(ErrorCode::EngineStopped, "Ringside's engine has stopped")
}

impl EngineHandle {
    pub async fn request(&self, request: Request) -> Result<Response, IpcError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Command::Ipc(request, reply))
            .await
            .map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }

    pub async fn snapshot(&self) -> Result<Snapshot, IpcError> {
        match self.request(Request::Snapshot).await? {
            Response::Snapshot { snapshot } => Ok(*snapshot),
            _ => Err(stopped()),
        }
    }

    pub async fn history(&self, limit: u32) -> Result<Vec<HistoryEntry>, IpcError> {
        match self.request(Request::History { limit }).await? {
            Response::History { entries } => Ok(entries),
            _ => Err(stopped()),
        }
    }

    pub async fn login(&self, event: LoginEvent) -> Result<(), IpcError> {
        self.request(Request::Login { event }).await.map(|_| ())
    }

    /// Hands the engine a live CRM connection; Task writes start at once.
    pub async fn connect_crm(&self, link: impl Into<CrmLink>) -> Result<(), IpcError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Command::Connect(Arc::new(link.into()), reply))
            .await
            .map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())
    }

    /// Shows a connection attempt (or why there is none) until `connect_crm`.
    pub async fn set_crm_status(&self, status: CrmStatus) {
        let _ = self.tx.send(Command::CrmStatus(status)).await;
    }

    /// Shows the agent a problem the shell ran into (e.g. no global keys).
    pub async fn report_problem(&self, code: ProblemCode, message: String) {
        let _ = self.tx.send(Command::Problem(code, message)).await;
    }

    /// For fault tests: the store behaves as on a full disk once it has
    /// `pages` pages (0 lifts the cap).
    pub async fn cap_store_pages(&self, pages: u32) -> Result<(), IpcError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Command::CapStore(pages, reply))
            .await
            .map_err(|_| stopped())?;
        rx.await
            .map_err(|_| stopped())?
            .map_err(|e| IpcError::new(ErrorCode::StoreFailed, e))
    }

    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.events.subscribe()
    }

    /// Stops the engine after the work in hand; returns when it has.
    pub async fn shutdown(&self) {
        let (reply, rx) = oneshot::channel();
        if self.tx.send(Command::Shutdown(reply)).await.is_ok() {
            let _ = rx.await;
        }
    }
}
