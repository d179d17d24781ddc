//! The engine's actor: the desk (the core's pure aggregate), the store and
//! the parts that own everything else, composed; and the run loop that
//! feeds them. Each part is a module with its own state:
//!
//! | part | module | owns |
//! |---|---|---|
//! | phone | `phone` | the connector, its status, switching softphone |
//! | CRM connection | `crm::connection` | the link, account, sign-in, built-in CRM |
//! | screen pops | `caller::pops` | each call's pop (the core's `ScreenPops`) |
//! | contact sync | `caller::contact_sync` | the contact store, caller settings, sync health |
//! | delivery | `crm::outbox` | the write target, waiting writes, the worker's status |
//! | call records | `records` | finished calls held from a full disk, progress writes |
//! | org settings | `admin` | the org's admin settings in force, or local ones |
//!
//! Requests go through `dispatch`, desk effects through `effects`.

use std::ops::ControlFlow;
use std::sync::Arc;

use ringside_core::{CallerSettings, Desk, Settings};
use ringside_softphone::{ConnectorEvent, ConnectorHandle};
use ringside_store::{Store, StoreError};
use tokio::sync::{broadcast, mpsc};

use crate::admin::OrgSettings;
use crate::caller::contact_sync::ContactSync;
use crate::clock::Clock;
use crate::crm::connection::Connection;
use crate::crm::outbox::Delivery;
use crate::handle::{Command, EngineEvent, EngineHandle};
use crate::ipc::Snapshot;
use crate::options::{EngineOptions, StoreLocation};
use crate::phone::{spawn_phone, Phone, PhoneSettings};
use crate::problems::{ProblemCode, Problems};
use crate::records::CallRecords;

pub(crate) struct Actor {
    // What every part works with.
    pub desk: Desk,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub events: broadcast::Sender<EngineEvent>,
    pub version: u64,
    pub problems: Problems,
    pub reveal_pii: bool,
    /// For tasks the actor spawns to report back.
    pub myself: mpsc::WeakSender<Command>,
    // The parts.
    pub phone: Phone,
    pub crm: Connection,
    pub pops: ringside_core::screen_pop::ScreenPops,
    pub contacts: ContactSync,
    pub delivery: Delivery,
    pub records: CallRecords,
    pub admin: OrgSettings,
    pub presence: crate::presence::Presence,
    /// Numbers already put in the display format.
    pub shown: crate::shown_numbers::ShownNumbers,
}

/// Opens the store, closes calls a crash left open, loads settings and
/// starts the engine task.
pub async fn start(
    options: EngineOptions,
    connector: ConnectorHandle,
) -> Result<EngineHandle, StoreError> {
    let mut problems = Problems::default();
    let store = open_store(&options.store, &mut problems).await?;
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
    // An earlier version's settings that could not be moved over.
    let (caller_unread, phone_unread) = store.settings_left_unread().await.unwrap_or_default();
    if caller_unread {
        problems.add(
            ProblemCode::CallerSettingsInvalid,
            "the stored caller-matching settings are unreadable; using the defaults until they are saved again",
        );
    }
    if phone_unread && options.saved_phone {
        problems.add(
            ProblemCode::PhoneSettingsInvalid,
            "the saved softphone setting is unreadable; using the demo softphone until another is saved",
        );
    }
    let (phone, phone_events) = choose_phone(&options, connector, &store, &mut problems).await;
    let (tx, rx) = mpsc::channel(64);
    // Roomy: a slow watcher skips events (and says so) rather than stalling the desk.
    let (events, _) = broadcast::channel(1024);
    let crm = Connection::new(options.crm.clone(), options.store.beside("sandbox"));
    let delivery = Delivery::start(
        &store,
        crm.subscribe(),
        tx.downgrade(),
        options.delivery,
        options.clock.clone(),
    )
    .await;
    let install = store.install_id().await.unwrap_or_default();
    let contacts = ContactSync::start(
        options.store.beside("contacts"),
        caller_settings,
        crm.subscribe(),
        tx.downgrade(),
        options.clock.clone(),
        install,
        options.feed.clone(),
    );
    let admin = OrgSettings::start(crm.subscribe(), tx.downgrade(), options.admin_poll);
    let mut actor = Actor {
        desk: Desk::new(settings),
        store,
        clock: options.clock,
        events: events.clone(),
        version: 0,
        problems,
        reveal_pii: options.reveal_pii,
        myself: tx.downgrade(),
        phone,
        crm,
        pops: Default::default(),
        contacts,
        delivery,
        records: CallRecords::default(),
        admin,
        presence: crate::presence::Presence::new(),
        shown: Default::default(),
    };
    let has_states = actor.phone.has_agent_states();
    actor.presence_phone_kind(has_states);
    actor.presence_restore().await;
    actor.say_if_no_keychain();
    if options.auto_connect {
        actor.connect_at_start().await;
    }
    tokio::spawn(actor.run(rx, phone_events));
    Ok(EngineHandle { tx, events })
}

/// The store, or a fresh one beside an unreadable file (kept, and said).
async fn open_store(at: &StoreLocation, problems: &mut Problems) -> Result<Store, StoreError> {
    match at {
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
            Ok(store)
        }
        StoreLocation::Memory => Store::open_in_memory().await,
    }
}

/// The given connector, or the saved softphone when the shell asks for it
/// and one other than the demo was saved.
async fn choose_phone(
    options: &EngineOptions,
    connector: ConnectorHandle,
    store: &Store,
    problems: &mut Problems,
) -> (Phone, mpsc::Receiver<ConnectorEvent>) {
    let given = |connector| Phone::new(connector, options.simulator.clone(), options.phone.clone());
    if !options.saved_phone {
        return given(connector);
    }
    match store.phone_settings().await {
        Ok(Some(saved)) if saved != PhoneSettings::Demo => match spawn_phone(&saved) {
            Ok((handle, probe)) => Phone::new(handle, probe, saved),
            Err(e) => {
                problems.add(
                    ProblemCode::PhoneSettingsInvalid,
                    format!(
                        "the saved softphone setting is invalid ({}); using the demo softphone",
                        e.message
                    ),
                );
                given(connector)
            }
        },
        Ok(_) => given(connector),
        Err(e) => {
            problems.add(
                ProblemCode::PhoneSettingsInvalid,
                format!("{e}; using the demo softphone until another is saved"),
            );
            given(connector)
        }
    }
}

impl Actor {
    async fn run(
        mut self,
        mut requests: mpsc::Receiver<Command>,
        mut phone: mpsc::Receiver<ConnectorEvent>,
    ) {
        let mut phone_open = true;
        let mut delivery_open = true;
        let mut presence_tick = tokio::time::interval(crate::presence::TICK);
        presence_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tokio::select! {
                _ = presence_tick.tick(), if self.presence.ticking() => self.presence_tick(),
                cmd = requests.recv() => match cmd {
                    Some(cmd) => {
                        if self.command(cmd).await.is_break() {
                            break;
                        }
                    }
                    None => break,
                },
                _ = sleep_until(self.records.unsaved.retry_at()), if self.records.unsaved.retry_at().is_some() => {
                    self.save_unsaved().await;
                }
                _ = sleep_until(self.records.progress.flush_at), if self.records.progress.flush_at.is_some() => {
                    self.flush_progress().await;
                }
                open = self.delivery.status_changed(), if delivery_open => {
                    delivery_open = open;
                    if open {
                        self.emit(EngineEvent::HistoryChanged);
                        self.publish_snapshot();
                    }
                }
                event = phone.recv(), if phone_open => match event {
                    Some(event) => self.on_phone(event).await,
                    None => {
                        phone_open = false;
                        self.phone.events_ended();
                        self.publish_snapshot();
                    }
                },
            }
            self.presence_flush().await;
            if let Some(next) = self.phone.take_next_events() {
                phone = next;
                phone_open = true;
            }
        }
    }

    /// Each command to the part that owns it; `Break` after a shutdown.
    async fn command(&mut self, cmd: Command) -> ControlFlow<()> {
        match cmd {
            Command::Ipc(request, reply) => self.dispatch(request, reply).await,
            Command::Connect(link, reply) => {
                self.connect(link).await;
                let _ = reply.send(());
            }
            Command::Delivery(report) => self.on_delivery(report).await,
            Command::Presence(event) => self.on_presence(event).await,
            Command::Admin(report) => self.on_admin(report).await,
            Command::AdminWritten(report, reply, answer) => {
                self.admin_written(report, reply, answer).await;
            }
            Command::CrmStatus(status) => {
                self.crm.set_status(status);
                self.publish_snapshot();
            }
            Command::Reconnecting(target) => {
                if self.crm.still_reconnecting(target) {
                    self.publish_snapshot();
                }
            }
            Command::SignedIn(attempt, result) if self.crm.is_current(attempt) => {
                self.signed_in(result).await;
            }
            // The agent chose otherwise meanwhile (disconnect, sandbox, another sign-in).
            Command::SignedIn(..) => tracing::info!("an older sign-in finished; ignored"),
            Command::SignInPage(attempt, page) if self.crm.is_current(attempt) => {
                if self.crm.sign_in_page(page) {
                    self.publish_snapshot();
                }
            }
            Command::SignInPage(..) => {}
            Command::EmbeddedReady(result) => self.embedded_ready(result).await,
            Command::SyncHealth(health) => self.sync_health_changed(health),
            Command::Disconnected(result) => self.disconnected(result),
            Command::CapStore(pages, reply) => {
                let _ = reply.send(self.store.cap_pages(pages).await.map_err(|e| e.to_string()));
            }
            Command::Problem(code, message) => {
                self.problem(code, message);
                self.publish_snapshot();
            }
            Command::LiveMatch { call_id, answer } => self.live_match(call_id, answer).await,
            Command::Shutdown(reply) => {
                self.shutdown().await;
                let _ = reply.send(());
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    /// Held calls get a last try; the workers stop before the store closes.
    async fn shutdown(&mut self) {
        if self.records.unsaved.count() > 0 {
            self.save_unsaved().await;
        }
        self.delivery.stop();
        self.admin.stop();
        self.presence.stop();
        self.contacts.stop().await;
        self.store.close().await;
    }

    pub fn snapshot(&self) -> Snapshot {
        let region = self.contacts.region();
        let calls: Vec<_> = self
            .desk
            .live_calls()
            .map(|mut c| {
                c.remote_display = self.shown.show(&c.remote, region);
                c
            })
            .collect();
        Snapshot {
            version: self.version,
            login: self.desk.login(),
            settings: self.desk.settings().clone(),
            keys: ringside_core::shortcut::targets(&calls),
            calls,
            connector: self.phone.status().clone(),
            demo: self.phone.is_demo(),
            problems: self.problems.list(),
            crm: self.crm.status().clone(),
            delivery: self.delivery.status(),
            waiting: self.delivery.waiting().to_vec(),
            unsaved_calls: u32::try_from(self.records.unsaved.count()).unwrap_or(u32::MAX),
            callers: self
                .pops
                .views()
                .cloned()
                .map(|mut v| {
                    for c in &mut v.candidates {
                        c.display = self.shown.show(&c.raw, region);
                    }
                    v
                })
                .collect(),
            sync: self.contacts.health().clone(),
            caller_settings: self.contacts.settings(),
            phone: self.phone.settings().clone(),
            admin: self.admin.view(),
            presence: self.presence.view(),
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

    /// For slow work spawned off the actor: how it reports back.
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
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
