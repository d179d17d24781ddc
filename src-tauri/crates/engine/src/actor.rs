use std::path::PathBuf;

use ringside_core::{Desk, Settings};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle, SimulatorProbe};
use ringside_store::{Store, StoreError};
use tokio::sync::{broadcast, mpsc};

use crate::clock::{Clock, SystemClock};
use crate::handle::{Command, EngineEvent, EngineHandle};
use crate::ipc::{ConnectorStatus, Snapshot};

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
    pub clock: Box<dyn Clock>,
}

impl EngineOptions {
    pub fn new(store: StoreLocation) -> EngineOptions {
        EngineOptions {
            store,
            simulator: None,
            reveal_pii: false,
            clock: Box::new(SystemClock),
        }
    }
}

pub(crate) struct Actor {
    pub desk: Desk,
    pub store: Store,
    pub clock: Box<dyn Clock>,
    pub phone: mpsc::Sender<ConnectorCommand>,
    pub connector: ConnectorStatus,
    pub simulator: Option<SimulatorProbe>,
    pub events: broadcast::Sender<EngineEvent>,
    pub version: u64,
    pub problems: Vec<String>,
    pub reveal_pii: bool,
}

/// Opens the store, closes calls a crash left open, loads settings and
/// starts the engine task.
pub async fn start(
    options: EngineOptions,
    connector: ConnectorHandle,
) -> Result<EngineHandle, StoreError> {
    let store = match &options.store {
        StoreLocation::File(path) => Store::open(path).await?,
        StoreLocation::Memory => Store::open_in_memory().await?,
    };
    let mut problems = Vec::new();
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
            problems.push(format!(
                "{e}; using the default settings until they are saved again"
            ));
            Settings::default()
        }
    };
    let (tx, rx) = mpsc::channel(64);
    let (events, _) = broadcast::channel(256);
    let actor = Actor {
        desk: Desk::new(settings),
        store,
        clock: options.clock,
        phone: connector.commands,
        connector: ConnectorStatus {
            name: connector.name.to_string(),
            connected: false,
        },
        simulator: options.simulator,
        events: events.clone(),
        version: 0,
        problems,
        reveal_pii: options.reveal_pii,
    };
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
                    Some(Command::Ipc(request, reply)) => {
                        let answer = self.on_request(request).await;
                        let _ = reply.send(answer);
                    }
                    Some(Command::Shutdown(reply)) => {
                        self.store.close().await;
                        let _ = reply.send(());
                        break;
                    }
                    None => break,
                },
                event = phone.recv(), if phone_open => match event {
                    Some(event) => self.on_phone(event).await,
                    None => {
                        phone_open = false;
                        self.connector.connected = false;
                        self.publish_snapshot();
                    }
                },
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
            problems: self.problems.clone(),
        }
    }

    pub fn publish_snapshot(&mut self) {
        self.version += 1;
        let snap = self.snapshot();
        // No watchers is fine: the CLI may not listen to snapshots.
        let _ = self.events.send(EngineEvent::Snapshot(snap));
    }

    pub fn emit(&self, event: EngineEvent) {
        let _ = self.events.send(event);
    }

    /// Problems are shown to the agent; keep the list short and fresh.
    pub fn problem(&mut self, message: String) {
        const MAX_PROBLEMS: usize = 5;
        if self.problems.len() >= MAX_PROBLEMS {
            self.problems.remove(0);
        }
        self.problems.push(message);
    }
}
