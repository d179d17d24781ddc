//! The demo softphone: answers commands the way a real phone confirms them
//! (by events), injects calls on demand, and records the do-not-log flags it
//! receives, as an ACD service would (DNL-6).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ringside_core::{CallId, CallSignal};
use tokio::sync::mpsc;

use crate::connector::{ConnectorCommand, ConnectorEvent, ConnectorHandle};

/// Lets tests and the demo panel push events and read what the "ACD" got.
#[derive(Clone, Debug)]
pub struct SimulatorProbe {
    inject: mpsc::Sender<ConnectorEvent>,
    flags: Arc<Mutex<Vec<(CallId, bool)>>>,
    next_id: Arc<Mutex<u64>>,
}

impl SimulatorProbe {
    /// Emits a call event as if the phone had reported it.
    pub async fn emit(&self, id: CallId, signal: CallSignal) -> bool {
        self.inject
            .send(ConnectorEvent::Call { id, signal })
            .await
            .is_ok()
    }

    /// Emits raw nonsense, as a broken connector might.
    pub async fn emit_malformed(&self, detail: &str) -> bool {
        self.inject
            .send(ConnectorEvent::Malformed {
                detail: detail.to_string(),
            })
            .await
            .is_ok()
    }

    /// A fresh call id, `sim-1`, `sim-2`, …
    pub fn new_call_id(&self) -> CallId {
        let mut n = self.next_id.lock().unwrap_or_else(|p| p.into_inner());
        *n += 1;
        CallId(format!("sim-{n}"))
    }

    /// Every do-not-log flag received, in order.
    pub fn acd_flags(&self) -> Vec<(CallId, bool)> {
        self.flags.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Starts the simulator task; it ends when the engine drops its handle.
pub fn spawn_simulator() -> (ConnectorHandle, SimulatorProbe) {
    let (event_tx, event_rx) = mpsc::channel(256);
    let (cmd_tx, mut cmd_rx) = mpsc::channel::<ConnectorCommand>(64);
    let probe = SimulatorProbe {
        inject: event_tx.clone(),
        flags: Arc::default(),
        next_id: Arc::default(),
    };
    let task_probe = probe.clone();
    tokio::spawn(async move {
        let _ = event_tx.send(ConnectorEvent::Connected).await;
        // What the phone believes about each call, to confirm commands.
        let mut held: HashMap<CallId, bool> = HashMap::new();
        while let Some(cmd) = cmd_rx.recv().await {
            let reply = match cmd {
                ConnectorCommand::Dial { to, dialback } => {
                    let id = task_probe.new_call_id();
                    held.insert(id.clone(), false);
                    Some((id, CallSignal::Dialing { to, dialback }))
                }
                ConnectorCommand::Answer { id } => Some((id, CallSignal::Answered)),
                ConnectorCommand::Hold { id } => {
                    held.insert(id.clone(), true);
                    Some((id, CallSignal::Held))
                }
                ConnectorCommand::Resume { id } => {
                    held.insert(id.clone(), false);
                    Some((id, CallSignal::Resumed))
                }
                ConnectorCommand::Hangup { id } => {
                    held.remove(&id);
                    Some((
                        id,
                        CallSignal::Hangup {
                            reason: Some("agent hung up".into()),
                            by: Some(ringside_core::EndedBy::Agent),
                        },
                    ))
                }
                // The demo phone has no agent states: Ringside holds them.
                ConnectorCommand::SetAgentState { .. } => None,
                ConnectorCommand::DoNotLog { id, ticked } => {
                    task_probe
                        .flags
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((id, ticked));
                    None
                }
            };
            if let Some((id, signal)) = reply {
                if event_tx
                    .send(ConnectorEvent::Call { id, signal })
                    .await
                    .is_err()
                {
                    break;
                }
            }
        }
        tracing::debug!("simulator stopped");
    });
    (
        ConnectorHandle {
            name: "simulator",
            events: event_rx,
            commands: cmd_tx,
        },
        probe,
    )
}
