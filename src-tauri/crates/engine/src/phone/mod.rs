//! The phone part: the softphone the desk listens to (its commands, its
//! status, the demo probe, the saved choice) and switching it. Saved with
//! the settings, so a user who points Ringside at baresip once stays there;
//! switched only while no call is live, so no call loses its phone half-way.
//! Commands made while the phone is away fail out loud.

mod spawn;

pub use ringside_core::PhoneSettings;
pub use spawn::spawn_phone;

use ringside_core::second_call::{plan_answer, AnswerPlan};
use ringside_core::shortcut::{target, Act, Shortcut};
use ringside_core::untrusted;
use ringside_core::{CallId, CallSignal, DeskError, Direction, Input, Phase};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle, SimulatorProbe};
use tokio::sync::mpsc;

use crate::actor::Actor;
use crate::demo::demo_number;
use crate::dispatch::store_error;
use crate::ipc::{CallControl, ConnectorStatus, DemoAction, ErrorCode, IpcError};
use crate::problems::ProblemCode;

/// The connected softphone and what the top bar shows of it.
pub(crate) struct Phone {
    commands: mpsc::Sender<ConnectorCommand>,
    status: ConnectorStatus,
    /// The demo softphone's probe: demo actions drive it.
    simulator: Option<SimulatorProbe>,
    settings: PhoneSettings,
    /// A newly chosen softphone's events, taken up by the run loop.
    next_events: Option<mpsc::Receiver<ConnectorEvent>>,
    /// A call to take up once the phone confirms the holds it was sent.
    after_hold: Option<AfterHold>,
}

/// Answer (or resume) `call` once every call in `holding` is on hold: the
/// phone confirms by events, and a hold it refuses must not leave the agent
/// talking to two callers.
struct AfterHold {
    call: CallId,
    resume: bool,
    holding: Vec<CallId>,
    asked_at: ringside_core::Millis,
}

/// How long the phone has to confirm a hold before the answer is dropped
/// (the agent can press Answer again).
const HOLD_CONFIRM_MS: i64 = 5_000;

/// What a connector event means for the desk.
pub(crate) enum PhoneNews {
    /// A call signal, for the desk.
    Call {
        id: CallId,
        signal: CallSignal,
    },
    /// The status changed: a snapshot must go out.
    Changed,
    /// A command failed: the agent is told (numbers redacted).
    Refused(String),
    /// The phone's list of calls was read; the desk matches it now.
    Reconciled,
    /// The phone (re)connected.
    Connected,
    /// The agent's state on the platform (section 6).
    State {
        status: ringside_core::presence::PhoneStatus,
        cause: ringside_softphone::StateCause,
        tag: Option<u64>,
        at: Option<ringside_core::Millis>,
    },
    States(Vec<ringside_core::presence::PhoneStatus>),
    StateRefused {
        tag: u64,
        detail: String,
    },
    Nothing,
}

fn not_connected() -> IpcError {
    IpcError::new(
        ErrorCode::ConnectorUnavailable,
        "the softphone is not connected",
    )
}

impl Phone {
    /// The phone `handle` is, and the receiver of its events.
    pub fn new(
        handle: ConnectorHandle,
        simulator: Option<SimulatorProbe>,
        settings: PhoneSettings,
    ) -> (Phone, mpsc::Receiver<ConnectorEvent>) {
        let phone = Phone {
            commands: handle.commands,
            status: ConnectorStatus {
                name: handle.name.to_string(),
                connected: false,
                down: None,
                agent_state: None,
            },
            simulator,
            settings,
            after_hold: None,
            next_events: None,
        };
        (phone, handle.events)
    }

    pub fn status(&self) -> &ConnectorStatus {
        &self.status
    }

    pub fn settings(&self) -> &PhoneSettings {
        &self.settings
    }

    pub fn is_demo(&self) -> bool {
        self.simulator.is_some()
    }

    /// The phone keeps the agent's state itself (a contact-centre
    /// platform); for the others Ringside holds it.
    pub fn has_agent_states(&self) -> bool {
        self.status.name == "acd"
    }

    /// Asks the platform for a state, without waiting; `false` when it
    /// could not be asked (the connector is gone or backed up).
    pub fn try_set_state(&self, status: ringside_core::presence::PhoneStatus, tag: u64) -> bool {
        self.commands
            .try_send(ConnectorCommand::SetAgentState { status, tag })
            .is_ok()
    }

    /// Sends a command; the phone confirms by events.
    pub async fn send(&self, command: ConnectorCommand) -> Result<(), IpcError> {
        self.commands
            .send(command)
            .await
            .map_err(|_| not_connected())
    }

    /// Reads one connector event.
    pub fn on_event(&mut self, event: ConnectorEvent) -> PhoneNews {
        match event {
            ConnectorEvent::Call { id, signal } => PhoneNews::Call { id, signal },
            ConnectorEvent::Malformed { detail } => {
                let detail = untrusted::error_text(&detail);
                tracing::warn!(connector = %self.status.name, %detail, "malformed event from the softphone ignored");
                PhoneNews::Nothing
            }
            ConnectorEvent::Connected => {
                self.status.connected = true;
                self.status.down = None;
                PhoneNews::Connected
            }
            ConnectorEvent::Disconnected { reason } => {
                let reason = reason.redacted();
                tracing::warn!(%reason, "softphone disconnected");
                self.status.connected = false;
                self.status.down = Some(reason);
                PhoneNews::Changed
            }
            ConnectorEvent::AgentState {
                state,
                status,
                cause,
                tag,
                at,
            } => {
                self.status.agent_state = Some(untrusted::one_line(&state));
                PhoneNews::State {
                    status,
                    cause,
                    tag,
                    at,
                }
            }
            ConnectorEvent::AgentStates { states } => PhoneNews::States(states),
            ConnectorEvent::AgentStateRefused { tag, detail } => {
                let detail = untrusted::error_text(&detail);
                tracing::warn!(%detail, "the platform refused a state");
                PhoneNews::StateRefused { tag, detail }
            }
            ConnectorEvent::Reconciled => PhoneNews::Reconciled,
            ConnectorEvent::CommandFailed { detail } => {
                // Third-party text: numbers redacted before it is shown or logged.
                let detail = untrusted::error_text(&detail);
                tracing::warn!(%detail, "a call command failed");
                PhoneNews::Refused(detail)
            }
        }
    }

    /// The connector's events ended: it is gone until switched.
    pub fn events_ended(&mut self) {
        self.status.connected = false;
    }

    /// Takes up a new connector (the old one stops when dropped).
    pub fn switch(
        &mut self,
        handle: ConnectorHandle,
        probe: Option<SimulatorProbe>,
        settings: PhoneSettings,
    ) {
        let (phone, events) = Phone::new(handle, probe, settings);
        *self = Phone {
            next_events: Some(events),
            ..phone
        };
    }

    /// A new connector's events, once, for the run loop.
    pub fn take_next_events(&mut self) -> Option<mpsc::Receiver<ConnectorEvent>> {
        self.next_events.take()
    }

    /// Demo-only: a simulated caller, or the far end answering or hanging
    /// up. `live` is the call's direction and phase on the desk, if it is there.
    pub async fn demo(
        &self,
        action: DemoAction,
        live: impl Fn(&CallId) -> Option<(Direction, Phase)>,
    ) -> Result<(), IpcError> {
        let Some(sim) = self.simulator.clone() else {
            return Err(IpcError::new(
                ErrorCode::DemoUnavailable,
                "demo calls need the demo softphone",
            ));
        };
        let sent = match action {
            DemoAction::IncomingCall { queue } => {
                let id = sim.new_call_id();
                let from = demo_number(&id);
                // A demo queue has a name, as a platform's would.
                let queue_name = queue.then(|| "Support line".to_string());
                sim.emit(
                    id,
                    CallSignal::Incoming {
                        from,
                        queue,
                        queue_name,
                    },
                )
                .await
            }
            DemoAction::RemoteHangup { call_id } => {
                let Some((direction, _)) = live(&call_id) else {
                    return Err(DeskError::UnknownCall(call_id).into());
                };
                let who = if direction != Direction::Inbound {
                    "the far end hung up"
                } else {
                    "caller hung up"
                };
                let reason = Some(who.to_string());
                let by = Some(ringside_core::EndedBy::FarEnd);
                sim.emit(call_id, CallSignal::Hangup { reason, by }).await
            }
            DemoAction::RemoteAnswer { call_id } => match live(&call_id) {
                None => return Err(DeskError::UnknownCall(call_id).into()),
                Some((_, Phase::Outbound | Phase::Dialback)) => {
                    sim.emit(call_id, CallSignal::Answered).await
                }
                Some(_) => return Err(IpcError::new(
                    ErrorCode::InvalidInput,
                    "only a call you placed that is still ringing can be answered by the far end",
                )),
            },
        };
        if sent {
            Ok(())
        } else {
            Err(IpcError::new(
                ErrorCode::ConnectorUnavailable,
                "the demo softphone stopped",
            ))
        }
    }
}

impl Actor {
    /// Call controls from the window, the shortcuts and click-to-call.
    pub(crate) async fn call_control(&mut self, action: CallControl) -> Result<(), IpcError> {
        let dialback = matches!(&action, CallControl::Dialback { .. });
        let live = |id| self.desk.live_session(id).is_some();
        let command = match action {
            CallControl::Answer { call_id } if live(&call_id) => {
                return self.take_up(call_id, false, false).await;
            }
            CallControl::HoldAndAnswer { call_id } if live(&call_id) => {
                return self.take_up(call_id, true, false).await;
            }
            CallControl::Hold { call_id } if live(&call_id) => {
                ConnectorCommand::Hold { id: call_id }
            }
            CallControl::Resume { call_id } if live(&call_id) => {
                return self.take_up(call_id, true, true).await;
            }
            CallControl::Hangup { call_id } if live(&call_id) => {
                self.phone
                    .send(ConnectorCommand::Hangup {
                        id: call_id.clone(),
                    })
                    .await?;
                // Sent: how it ended is known whatever the phone reports.
                self.desk
                    .handle(Input::HangupRequested { id: call_id }, self.clock.now())
                    .map_err(IpcError::from)?;
                return Ok(());
            }
            CallControl::Dial { number, .. } | CallControl::Dialback { number, .. }
                if !ringside_core::phone_number::dialable(&number) =>
            {
                return Err(IpcError::new(
                    ErrorCode::InvalidNumber,
                    "a phone number has 1 to 20 digits and may use + - ( ) . space",
                ));
            }
            CallControl::Dial { number, record } | CallControl::Dialback { number, record } => {
                if let Some(record) = record {
                    if !ringside_store::is_record_id(&record.id) {
                        return Err(IpcError::new(
                            ErrorCode::InvalidInput,
                            "the record to call from is not a CRM record id",
                        ));
                    }
                    self.bind_dial(&number, record).await;
                }
                ConnectorCommand::Dial {
                    to: number,
                    dialback,
                }
            }
            CallControl::Answer { call_id }
            | CallControl::HoldAndAnswer { call_id }
            | CallControl::Hold { call_id }
            | CallControl::Resume { call_id }
            | CallControl::Hangup { call_id } => {
                return Err(DeskError::UnknownCall(call_id).into());
            }
        };
        // The phone confirms by events; the desk changes when those arrive.
        self.phone.send(command).await
    }

    /// Answers (or resumes) `call_id`, holding the conversation first as
    /// the admin chose (`plan_answer`); `confirmed` is the agent's "hold and
    /// answer" (resuming a held call is always the agent's own choice).
    async fn take_up(
        &mut self,
        call_id: CallId,
        confirmed: bool,
        resume: bool,
    ) -> Result<(), IpcError> {
        let calls: Vec<_> = self.desk.live_calls().collect();
        let hold_first = self.desk.settings().hold_first_call;
        match plan_answer(&calls, &call_id, hold_first, confirmed) {
            AnswerPlan::Answer => {
                self.phone.after_hold = None;
                self.phone.send(take_up_command(call_id, resume)).await
            }
            // No number in the message: the shortcut's refusals are logged.
            AnswerPlan::Ask(_) => Err(IpcError::new(
                ErrorCode::AnotherCallInConversation,
                "another call is in conversation: hold it and answer this one?",
            )),
            AnswerPlan::HoldThenAnswer(talking) => {
                for id in &talking {
                    self.phone
                        .send(ConnectorCommand::Hold { id: id.clone() })
                        .await?;
                }
                // Taken up when the phone says the holds happened.
                self.phone.after_hold = Some(AfterHold {
                    call: call_id,
                    resume,
                    holding: talking,
                    asked_at: self.clock.now(),
                });
                Ok(())
            }
        }
    }

    /// After each phone event: the call waiting for holds is taken up once
    /// none of them is in conversation any more; dropped if it stopped
    /// waiting (ended, answered elsewhere) or the phone took too long.
    async fn take_up_after_hold(&mut self) {
        let Some(wait) = self.phone.after_hold.take() else {
            return;
        };
        let phase_of = |id: &CallId| self.desk.live_session(id).map(|s| s.phase());
        let waiting = match phase_of(&wait.call) {
            Some(Phase::Ringing | Phase::Dialback | Phase::Outbound) => !wait.resume,
            Some(Phase::Hold) => wait.resume,
            _ => false,
        };
        if !waiting {
            return;
        }
        let held = wait
            .holding
            .iter()
            .all(|id| phase_of(id) != Some(Phase::Answered));
        if !held {
            if self.clock.now().saturating_sub(wait.asked_at) <= HOLD_CONFIRM_MS {
                self.phone.after_hold = Some(wait);
            } else {
                self.problem(
                    ProblemCode::PhoneCommandFailed,
                    "the phone did not put the other call on hold, so this one was not taken up: press Answer again",
                );
                self.publish_snapshot();
            }
            return;
        }
        if let Err(e) = self
            .phone
            .send(take_up_command(wait.call, wait.resume))
            .await
        {
            self.problem(ProblemCode::PhoneCommandFailed, e.message);
            self.publish_snapshot();
        }
    }

    /// A shortcut acts on the call the core's targeting rule picks.
    pub(crate) async fn shortcut(&mut self, shortcut: Shortcut) -> Result<(), IpcError> {
        let calls: Vec<_> = self.desk.live_calls().collect();
        let Some(act) = target(&calls, shortcut) else {
            return Err(IpcError::new(
                ErrorCode::NothingToDo,
                shortcut.nothing_to_do(),
            ));
        };
        match act {
            Act::Answer(call_id) => self.call_control(CallControl::Answer { call_id }).await,
            Act::Hold(call_id) => self.call_control(CallControl::Hold { call_id }).await,
            Act::Resume(call_id) => self.call_control(CallControl::Resume { call_id }).await,
            Act::Hangup(call_id) => self.call_control(CallControl::Hangup { call_id }).await,
            Act::ToggleDoNotLog(id) => Ok(self.apply(Input::ToggleDoNotLog { id }).await?),
        }
    }

    /// Switches softphone: saved first, then the old connector is dropped
    /// (which stops it) and the new one's events are taken up.
    pub(crate) async fn set_phone(&mut self, phone: PhoneSettings) -> Result<(), IpcError> {
        if self.desk.live_calls().next().is_some() {
            return Err(IpcError::new(
                ErrorCode::CallsInProgress,
                "finish the calls in progress before switching softphone",
            ));
        }
        let (handle, probe) = spawn_phone(&phone).map_err(IpcError::invalid_field)?;
        self.store
            .save_phone_settings(&phone)
            .await
            .map_err(store_error)?;
        tracing::info!(phone = handle.name, "softphone switched");
        self.phone.switch(handle, probe, phone);
        let has_states = self.phone.has_agent_states();
        self.presence_phone_kind(has_states);
        self.problems.clear(ProblemCode::PhoneSettingsInvalid);
        self.publish_snapshot();
        Ok(())
    }

    pub(crate) async fn demo(&mut self, action: DemoAction) -> Result<(), IpcError> {
        let desk = &self.desk;
        self.phone
            .demo(action, |id| {
                desk.live_session(id).map(|s| (s.direction, s.phase()))
            })
            .await
    }

    pub(crate) async fn on_phone(&mut self, event: ConnectorEvent) {
        match self.phone.on_event(event) {
            PhoneNews::Call { id, signal } => {
                // Connector signals never fail: misfits become anomalies.
                if let Err(e) = self.apply(Input::Call { id, signal }).await {
                    tracing::error!(error = %e, "a phone signal was refused");
                }
                self.take_up_after_hold().await;
            }
            PhoneNews::Changed => self.publish_snapshot(),
            PhoneNews::Refused(detail) => {
                // A refused hold must not leave two callers talking.
                if self.phone.after_hold.take().is_some() {
                    self.problem(
                        ProblemCode::PhoneCommandFailed,
                        "the other call could not be put on hold, so this one was not taken up",
                    );
                }
                self.emit(crate::handle::EngineEvent::PhoneRefused {
                    message: detail.clone(),
                });
                self.problem(ProblemCode::PhoneCommandFailed, detail);
                self.publish_snapshot();
            }
            PhoneNews::Reconciled => self.emit(crate::handle::EngineEvent::PhoneReconciled),
            PhoneNews::Connected => {
                self.presence_phone_connected();
                self.publish_snapshot();
            }
            PhoneNews::State {
                status,
                cause,
                tag,
                at,
            } => {
                self.presence_phone_heard(status, cause, tag, at);
                self.publish_snapshot();
            }
            PhoneNews::States(states) => {
                self.presence_phone_states(states);
                self.publish_snapshot();
            }
            PhoneNews::StateRefused { tag, detail } => {
                self.presence_phone_refused(tag, &detail);
                self.publish_snapshot();
            }
            PhoneNews::Nothing => {}
        }
    }
}

fn take_up_command(id: CallId, resume: bool) -> ConnectorCommand {
    if resume {
        ConnectorCommand::Resume { id }
    } else {
        ConnectorCommand::Answer { id }
    }
}
