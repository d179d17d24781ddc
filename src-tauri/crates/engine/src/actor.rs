use std::path::PathBuf;
use std::sync::Arc;

use ringside_core::{Desk, Settings};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle, SimulatorProbe};
use ringside_store::{Store, StoreError};
use tokio::sync::{broadcast, mpsc, watch, Notify};

use crate::caller::sync_worker::{open_store, OrgStore, SyncNow, SyncWorker};
use crate::caller::{CallerSettings, SyncHealth};
use crate::clock::{Clock, SystemClock};
use crate::crm::delivery::{DeliveryReport, Worker};
use crate::crm::{CrmLink, DeliveryStatus, DeliveryTuning};
use crate::handle::{Command, EngineEvent, EngineHandle};
use crate::ipc::{ConnectorStatus, CrmStatus, ErrorCode, IpcError, Request, Response, Snapshot};
use crate::phone::{spawn_phone, PhoneSettings};
use crate::problems::{ProblemCode, Problems};
use ringside_crm_port::{CrmProvider, EmbeddedCrm, SavedAccount};

pub enum StoreLocation {
    File(PathBuf),
    Memory,
}

pub struct EngineOptions {
    pub store: StoreLocation,
    /// Present when the connector is the simulator: enables demo actions.
    pub simulator: Option<SimulatorProbe>,
    /// Show phone numbers in logs (off by default: they are personal data).
    pub reveal_pii: bool,
    pub clock: Arc<dyn Clock>,
    pub delivery: DeliveryTuning,
    /// How to sign in to an org and start the built-in CRM (the app and
    /// the CLI hand the Salesforce adapter's); `None`: only `connect_crm`.
    pub crm: Option<Arc<dyn CrmProvider>>,
    /// At start: reconnect the saved org, else use the built-in sandbox.
    pub auto_connect: bool,
    /// What the connector given to `start` is (shown in the settings).
    pub phone: PhoneSettings,
    /// Connect the softphone saved in the settings instead of the given
    /// connector, when one other than the demo was saved (the app does).
    pub saved_phone: bool,
}

impl EngineOptions {
    pub fn new(store: StoreLocation) -> EngineOptions {
        EngineOptions {
            store,
            simulator: None,
            reveal_pii: false,
            clock: Arc::new(SystemClock),
            delivery: DeliveryTuning::default(),
            crm: None,
            auto_connect: false,
            phone: PhoneSettings::Demo,
            saved_phone: false,
        }
    }
}

pub(crate) struct Actor {
    pub desk: Desk,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub phone: mpsc::Sender<ConnectorCommand>,
    pub connector: ConnectorStatus,
    pub simulator: Option<SimulatorProbe>,
    pub events: broadcast::Sender<EngineEvent>,
    pub version: u64,
    pub problems: Problems,
    pub reveal_pii: bool,
    pub link: watch::Sender<Option<Arc<CrmLink>>>,
    /// Nudges the delivery worker when a write becomes due.
    pub wake: Arc<Notify>,
    pub crm: CrmStatus,
    pub delivery: DeliveryStatus,
    /// Stopped before the store closes; a write cut short stays queued and
    /// is sent again (same key) on the next start.
    pub worker: tokio::task::JoinHandle<()>,
    pub provider: Option<Arc<dyn CrmProvider>>,
    /// The org signed in to, if any (else the sandbox or nothing).
    pub account: Option<SavedAccount>,
    /// The built-in sandbox CRM while it is in use.
    pub embedded: Option<EmbeddedCrm>,
    /// Where the built-in CRM keeps its files: beside the store (`None`
    /// for an in-memory engine, which never writes to the user's profile).
    pub embedded_dir: Option<PathBuf>,
    /// For tasks the actor spawns to report back.
    pub myself: mpsc::WeakSender<Command>,
    /// The connected org's contact store, shared with the sync worker (kept
    /// while disconnected, so calls still pop offline).
    pub contacts_tx: watch::Sender<OrgStore>,
    /// Where per-org contact stores live; `None` keeps them in memory.
    pub contacts_dir: Option<PathBuf>,
    pub caller_settings: CallerSettings,
    pub caller_settings_tx: watch::Sender<CallerSettings>,
    pub sync_now: mpsc::Sender<SyncNow>,
    pub sync_health: SyncHealth,
    pub sync_worker: tokio::task::JoinHandle<()>,
    pub pops: ringside_core::screen_pop::ScreenPops,
    pub phone_settings: PhoneSettings,
    /// A newly chosen softphone's events, taken up by the run loop.
    pub next_phone: Option<mpsc::Receiver<ConnectorEvent>>,
    /// The org calls are queued for now (its row in the store), if any.
    pub write_target: Option<i64>,
    /// Writes waiting for other orgs, for the snapshot.
    pub waiting: Vec<ringside_store::WaitingWrites>,
    /// Finished calls the store could not take yet, oldest first.
    /// With the org each one's Task is for.
    pub unsaved: Vec<(ringside_core::FinishedCall, Option<i64>)>,
    pub unsaved_retry: Option<tokio::time::Instant>,
    pub unsaved_attempts: u32,
    pub progress: crate::progress::ProgressWrites,
    /// A saved org being reconnected in the background, until it answers.
    pub reconnecting: Option<tokio::task::AbortHandle>,
    /// Which sign-in or reconnect is current (see `Command::SignedIn`).
    pub crm_attempt: u64,
}

/// Opens the store, closes calls a crash left open, loads settings and
/// starts the engine task.
pub async fn start(
    mut options: EngineOptions,
    mut connector: ConnectorHandle,
) -> Result<EngineHandle, StoreError> {
    let mut problems = Problems::default();
    let store = match &options.store {
        StoreLocation::File(path) => {
            let (store, aside) = Store::open_or_set_aside(path).await?;
            if let Some(aside) = aside {
                tracing::error!(kept = %aside.kept.display(), reason = %aside.reason, "the data file was unreadable; kept aside, starting afresh");
                problems.add(ProblemCode::DataFileSetAside, format!(
                    "Ringside's data file could not be read ({}). It was kept as {} and a new one started: earlier call history is in that file, not lost, but calls in it that still waited to be logged are not sent from there; tell your admin.",
                    aside.reason,
                    aside.kept.display()
                ));
            }
            store
        }
        StoreLocation::Memory => Store::open_in_memory().await?,
    };
    let recovered = store.recover_interrupted(options.clock.now()).await?;
    if recovered > 0 {
        tracing::warn!(
            recovered,
            "closed calls left open by an earlier stop; kept as interrupted"
        );
    }
    let settings = match store.load_settings().await {
        Ok(s) => s,
        Err(e) => {
            // Keep the stored row for the admin to fix; run on defaults meanwhile.
            tracing::error!(error = %e, "stored settings are invalid; using defaults");
            problems.add(
                ProblemCode::SettingsInvalid,
                format!("{e}; using the default settings until they are saved again"),
            );
            Settings::default()
        }
    };
    let caller_settings = match store.caller_settings().await {
        Ok(Some(s)) => s,
        Ok(None) => CallerSettings::default(),
        Err(e) => {
            problems.add(
                ProblemCode::CallerSettingsInvalid,
                format!(
                    "{e}; using the default caller-matching settings until they are saved again"
                ),
            );
            CallerSettings::default()
        }
    };
    let mut phone_settings = options.phone.clone();
    if options.saved_phone {
        match saved_phone(&store).await {
            Ok(Some(saved)) if saved != PhoneSettings::Demo => match spawn_phone(&saved) {
                Ok((handle, probe)) => {
                    connector = handle;
                    options.simulator = probe;
                    phone_settings = saved;
                }
                Err(e) => problems.add(
                    ProblemCode::PhoneSettingsInvalid,
                    format!(
                        "the saved softphone setting {} is invalid ({}); using the demo softphone",
                        e.field, e.message
                    ),
                ),
            },
            Ok(_) => {}
            Err(message) => problems.add(ProblemCode::PhoneSettingsInvalid, message),
        }
    }
    let (tx, rx) = mpsc::channel(64);
    // Roomy: a slow watcher skips events (and says so) rather than stalling the desk.
    let (events, _) = broadcast::channel(1024);
    let (link, link_rx) = watch::channel(None);
    let wake = Arc::new(Notify::new());
    let write_target = store.write_target().await.unwrap_or(None);
    let waiting = store.outbox_waiting(write_target).await.unwrap_or_default();
    let delivery = match store.outbox_backlog(write_target).await {
        Ok((pending, failed)) => DeliveryStatus {
            pending,
            failed,
            ..Default::default()
        },
        Err(_) => DeliveryStatus::default(),
    };
    let worker = tokio::spawn(
        Worker {
            store: store.clone(),
            link: link_rx,
            wake: wake.clone(),
            engine: tx.downgrade(),
            tuning: options.delivery,
            clock: options.clock.clone(),
        }
        .run(),
    );
    let (caller_settings_tx, caller_settings_rx) = watch::channel(caller_settings.clone());
    let (sync_now, sync_requests) = mpsc::channel(8);
    let (contacts_tx, contacts_rx) = watch::channel(None);
    let sync_worker = tokio::spawn(
        SyncWorker {
            link: link.subscribe(),
            store: contacts_rx,
            settings: caller_settings_rx,
            requests: sync_requests,
            engine: tx.downgrade(),
            clock: options.clock.clone(),
        }
        .run(),
    );
    let embedded_dir = match &options.store {
        StoreLocation::File(path) => Some(
            path.parent()
                .map_or_else(|| PathBuf::from("sandbox"), |d| d.join("sandbox")),
        ),
        StoreLocation::Memory => None,
    };
    let contacts_dir = match &options.store {
        StoreLocation::File(path) => Some(
            path.parent()
                .map_or_else(|| PathBuf::from("contacts"), |d| d.join("contacts")),
        ),
        StoreLocation::Memory => None,
    };
    let actor = Actor {
        desk: Desk::new(settings),
        store,
        clock: options.clock,
        phone: connector.commands,
        connector: ConnectorStatus {
            name: connector.name.to_string(),
            connected: false,
            detail: None,
            agent_state: None,
        },
        simulator: options.simulator,
        events: events.clone(),
        version: 0,
        problems,
        reveal_pii: options.reveal_pii,
        link,
        wake,
        crm: CrmStatus::NotConnected { reason: None },
        delivery,
        worker,
        provider: options.crm,
        account: None,
        embedded: None,
        embedded_dir,
        myself: tx.downgrade(),
        contacts_tx,
        contacts_dir,
        caller_settings,
        caller_settings_tx,
        sync_now,
        sync_health: SyncHealth::default(),
        sync_worker,
        pops: Default::default(),
        phone_settings,
        next_phone: None,
        write_target,
        waiting,
        unsaved: Vec::new(),
        unsaved_retry: None,
        unsaved_attempts: 0,
        progress: Default::default(),
        reconnecting: None,
        crm_attempt: 0,
    };
    let mut actor = actor;
    if options.auto_connect {
        actor.connect_at_start().await;
    }
    tokio::spawn(actor.run(rx, connector.events));
    Ok(EngineHandle { tx, events })
}

impl Actor {
    async fn run(
        mut self,
        mut requests: mpsc::Receiver<Command>,
        mut phone: mpsc::Receiver<ConnectorEvent>,
    ) {
        let mut phone_open = true;
        loop {
            tokio::select! {
                cmd = requests.recv() => match cmd {
                    Some(Command::Ipc(Request::RecentCases { contact_id }, reply)) => {
                        self.recent_cases(contact_id, reply);
                    }
                    Some(Command::Ipc(Request::FindContacts { query }, reply)) => {
                        self.find_contacts(query, reply);
                    }
                    Some(Command::Ipc(request, reply)) => {
                        let answer = self.on_request(request).await;
                        let _ = reply.send(answer);
                    }
                    Some(Command::Connect(link, reply)) => {
                        self.connect(link).await;
                        let _ = reply.send(());
                    }
                    Some(Command::Delivery(report)) => self.on_delivery(report).await,
                    Some(Command::CrmStatus(status)) => {
                        self.crm = status;
                        self.publish_snapshot();
                    }
                    // Only while that reconnect still runs (the agent may have chosen otherwise).
                    Some(Command::Reconnecting(target)) if self.reconnecting.is_some() => {
                        self.crm = CrmStatus::Connecting { target };
                        self.publish_snapshot();
                    }
                    Some(Command::Reconnecting(_)) => {}
                    Some(Command::SignedIn(attempt, result)) if attempt == self.crm_attempt => {
                        self.reconnecting = None;
                        self.signed_in(result).await;
                    }
                    // The agent chose otherwise meanwhile (disconnect, sandbox, another sign-in).
                    Some(Command::SignedIn(..)) => tracing::info!("an older sign-in finished; ignored"),
                    Some(Command::EmbeddedReady(result)) => self.embedded_ready(result).await,
                    Some(Command::SyncHealth(health)) => self.sync_health_changed(health),
                    Some(Command::Disconnected(result)) => self.disconnected(result),
                    Some(Command::CapStore(pages, reply)) => {
                        let _ = reply.send(self.store.cap_pages(pages).await.map_err(|e| e.to_string()));
                    }
                    Some(Command::Problem(code, message)) => {
                        self.problem(code, message);
                        self.publish_snapshot();
                    }
                    Some(Command::LiveMatch { call_id, answer }) => {
                        self.live_match(call_id, answer).await;
                    }
                    Some(Command::Shutdown(reply)) => {
                        if !self.unsaved.is_empty() {
                            self.save_unsaved().await;
                        }
                        self.worker.abort();
                        self.sync_worker.abort();
                        if let Some(contacts) = self.contacts() {
                            contacts.close().await;
                        }
                        self.store.close().await;
                        let _ = reply.send(());
                        break;
                    }
                    None => break,
                },
                _ = sleep_until(self.unsaved_retry), if self.unsaved_retry.is_some() => {
                    self.save_unsaved().await;
                }
                _ = sleep_until(self.progress.flush_at), if self.progress.flush_at.is_some() => {
                    self.flush_progress().await;
                }
                event = phone.recv(), if phone_open => match event {
                    Some(event) => self.on_phone(event).await,
                    None => {
                        phone_open = false;
                        self.connector.connected = false;
                        self.publish_snapshot();
                    }
                },
            }
            if let Some(next) = self.next_phone.take() {
                phone = next;
                phone_open = true;
            }
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            version: self.version,
            login: self.desk.login(),
            settings: self.desk.settings().clone(),
            calls: self.desk.live_calls().collect(),
            connector: self.connector.clone(),
            demo: self.simulator.is_some(),
            problems: self.problems.list(),
            crm: self.crm.clone(),
            delivery: self.delivery.clone(),
            waiting: self.waiting.clone(),
            unsaved_calls: u32::try_from(self.unsaved.len()).unwrap_or(u32::MAX),
            callers: self.pops.views().cloned().collect(),
            sync: self.sync_health.clone(),
            caller_settings: self.caller_settings.clone(),
            phone: self.phone_settings.clone(),
        }
    }

    pub fn publish_snapshot(&mut self) {
        self.version += 1;
        let snap = self.snapshot();
        // No watchers is fine: the CLI may not listen to snapshots.
        let _ = self.events.send(EngineEvent::Snapshot(Box::new(snap)));
    }

    pub fn emit(&self, event: EngineEvent) {
        let _ = self.events.send(event);
    }

    /// Shown to the agent (see `Problems`).
    pub fn problem(&mut self, code: ProblemCode, message: impl Into<String>) {
        self.problems.add(code, message);
    }
}

impl Actor {
    /// A CRM connection is ready: the worker starts writing through it, and
    /// the org's contact store is open before any call can ring against it.
    pub(crate) async fn connect(&mut self, link: Arc<CrmLink>) {
        let org = link.account.org_id.clone();
        let open = self.contacts_tx.borrow().as_ref().map(|(o, _)| o.clone());
        if open.as_ref() != Some(&org) {
            match open_store(self.contacts_dir.as_deref(), &org).await {
                Ok(store) => {
                    self.contacts_tx.send_replace(Some((org, store)));
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot open the contact store");
                    self.problem(
                        ProblemCode::ContactStoreUnavailable,
                        format!(
                        "cannot open the contact store; calls are matched by a live search: {e}"
                    ),
                    );
                }
            }
        }
        tracing::info!(instance = %link.account.instance_url, sandbox = link.account.sandbox, "CRM connected");
        // Calls end for this org from now on; what waits for others stays.
        self.set_write_target(Some(crate::crm::targets::target_of(&link.account)))
            .await;
        self.crm = CrmStatus::Connected {
            account: Box::new(link.account.clone()),
            external_id: link.crm.keyed_writes(),
        };
        self.link.send_replace(Some(link));
        self.publish_snapshot();
    }

    /// Asks the CRM off the actor, so the desk never waits on the network.
    fn recent_cases(
        &self,
        contact_id: Option<String>,
        reply: tokio::sync::oneshot::Sender<Result<Response, IpcError>>,
    ) {
        let Some(link) = self.link.borrow().clone() else {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::CrmNotConnected,
                "connect a CRM to see its cases",
            )));
            return;
        };
        tokio::spawn(async move {
            let answer = match link.crm.cases() {
                Some(cases) => cases
                    .recent_open_cases(contact_id.as_deref())
                    .await
                    .map(|cases| Response::Cases { cases })
                    .map_err(|e| IpcError::new(ErrorCode::CrmFailed, e.message)),
                None => Err(IpcError::new(
                    ErrorCode::CrmFailed,
                    "this CRM has no cases to relate a call to",
                )),
            };
            let _ = reply.send(answer);
        });
    }

    /// Searches the local copy off the actor, so a ring is never held up.
    fn find_contacts(
        &self,
        query: String,
        reply: tokio::sync::oneshot::Sender<Result<Response, IpcError>>,
    ) {
        const MAX_ROWS: u32 = 20;
        if query.chars().count() > 100 {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::InvalidInput,
                "query: at most 100 characters",
            )));
            return;
        }
        let Some(store) = self.contacts() else {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::CrmNotConnected,
                "connect a CRM to find its contacts",
            )));
            return;
        };
        let region = self.caller_settings.region();
        tokio::spawn(async move {
            let answer = store
                .search(&query, region, MAX_ROWS)
                .await
                .map(|found| Response::Contacts {
                    contacts: found.into_iter().map(Into::into).collect(),
                })
                .map_err(|e| IpcError::new(ErrorCode::StoreFailed, e.to_string()));
            let _ = reply.send(answer);
        });
    }

    async fn on_delivery(&mut self, report: DeliveryReport) {
        match report {
            DeliveryReport::Status(status) => {
                if status != self.delivery {
                    self.delivery = status;
                    self.emit(EngineEvent::HistoryChanged);
                    self.publish_snapshot();
                }
            }
            DeliveryReport::CallerCreated { calls, record } => {
                self.caller_created(calls, record).await;
            }
            DeliveryReport::CallerNotCreated { calls, error } => {
                self.caller_not_created(calls, error).await;
            }
            DeliveryReport::SessionLost(reason) => {
                if let CrmStatus::Connected { account, .. } = &self.crm {
                    tracing::warn!("CRM session lost; sign-in needed");
                    self.crm = CrmStatus::SignInNeeded {
                        account: account.clone(),
                        reason,
                    };
                    self.link.send_replace(None);
                    self.publish_snapshot();
                }
            }
        }
    }
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// The softphone saved in the settings; `Err` says why it cannot be read.
async fn saved_phone(store: &Store) -> Result<Option<PhoneSettings>, String> {
    store
        .phone_settings()
        .await
        .map_err(|e| format!("{e}; using the demo softphone until another is saved"))
}
