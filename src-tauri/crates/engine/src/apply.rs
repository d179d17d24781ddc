//! Requests and phone events through the core, then persisted and published.

use ringside_core::redact::Pii;
use ringside_core::untrusted;
use ringside_core::{CallSignal, DeskError, Effect, Input};
use ringside_softphone::{ConnectorCommand, ConnectorEvent};
use ringside_store::StoreError;

use crate::actor::Actor;
use crate::demo::demo_number;
use crate::handle::EngineEvent;
use crate::ipc::{
    CallControl, ConnectorStatus, DemoAction, ErrorCode, IpcError, Request, Response,
};
use crate::phone::{spawn_phone, PhoneSettings};
use crate::problems::ProblemCode;
use ringside_core::shortcut::{target, Act, Shortcut};

/// Longest history page the UI may ask for.
const MAX_HISTORY: u32 = 1_000;

impl From<DeskError> for IpcError {
    fn from(e: DeskError) -> Self {
        let code = match e {
            DeskError::UnknownCall(_) => ErrorCode::UnknownCall,
            DeskError::CheckboxNotOffered { .. } => ErrorCode::CheckboxNotOffered,
        };
        IpcError::new(code, e.to_string())
    }
}

/// Store errors the agent can act on keep their own code.
pub(crate) fn store_error(e: StoreError) -> IpcError {
    let code = match &e {
        StoreError::Invalid { .. } => ErrorCode::InvalidInput,
        StoreError::NotWrappable(_) => ErrorCode::NotWrappable,
        e if e.is_disk_full() => ErrorCode::DiskFull,
        _ => ErrorCode::StoreFailed,
    };
    IpcError::new(code, e.to_string())
}

/// Digits, `+`, and the punctuation people type; nothing else reaches a phone.
fn valid_number(n: &str) -> bool {
    let digits = n.chars().filter(char::is_ascii_digit).count();
    (1..=20).contains(&digits)
        && n.len() <= 40
        && n.chars()
            .all(|c| c.is_ascii_digit() || " +-().*#/".contains(c))
}

impl Actor {
    pub(crate) async fn on_request(&mut self, request: Request) -> Result<Response, IpcError> {
        match request {
            Request::Snapshot => {}
            Request::History { limit } => {
                let entries = self
                    .store
                    .history(limit.min(MAX_HISTORY))
                    .await
                    .map_err(store_error)?;
                return Ok(Response::History { entries });
            }
            Request::SetDoNotLog { call_id, ticked } => {
                self.apply(Input::SetDoNotLog {
                    id: call_id,
                    ticked,
                })
                .await?;
            }
            Request::ToggleDoNotLog { call_id } => {
                self.apply(Input::ToggleDoNotLog { id: call_id }).await?;
            }
            Request::UpdateSettings { settings } => {
                // Saved first: a setting the agent saw accepted must survive a crash.
                self.store
                    .save_settings(&settings)
                    .await
                    .map_err(|e| IpcError::new(ErrorCode::StoreFailed, e.to_string()))?;
                self.problems.clear(ProblemCode::SettingsInvalid);
                self.apply(Input::Settings(settings)).await?;
            }
            Request::Login { event } => self.apply(Input::Login(event)).await?,
            Request::CallControl { action } => self.call_control(action).await?,
            Request::Demo { action } => self.demo(action).await?,
            Request::WrapUp { row, wrap_up } => {
                self.check_case_org(row, &wrap_up).await?;
                let now = self.clock.now();
                self.store
                    .wrap_up(row, &wrap_up, now)
                    .await
                    .map_err(store_error)?;
                self.outbox_changed().await;
                self.emit(EngineEvent::HistoryChanged);
            }
            Request::RetryNow { row } => {
                let now = self.clock.now();
                self.store
                    .outbox_retry_now(row, now)
                    .await
                    .map_err(store_error)?;
                self.outbox_changed().await;
                self.emit(EngineEvent::HistoryChanged);
            }
            Request::Dispositions { with_retired } => return self.dispositions(with_retired).await,
            Request::AddDisposition { label } => {
                let now = self.clock.now();
                self.store
                    .add_disposition(&label, now)
                    .await
                    .map_err(store_error)?;
                return self.dispositions(true).await;
            }
            Request::RenameDisposition { id, label } => {
                self.store
                    .rename_disposition(id, &label)
                    .await
                    .map_err(store_error)?;
                return self.dispositions(true).await;
            }
            Request::RetireDisposition { id, retired } => {
                let now = self.clock.now();
                self.store
                    .retire_disposition(id, retired, now)
                    .await
                    .map_err(store_error)?;
                return self.dispositions(true).await;
            }
            // Answered off the actor (see `run`): it waits on the network.
            Request::RecentCases { .. } | Request::FindContacts { .. } => {}
            Request::CrmSignIn {
                login_url,
                client_id,
                redirect_port,
            } => self.sign_in(login_url, client_id, redirect_port)?,
            Request::CrmUseSandbox => {
                if self.account.is_some() {
                    return Err(IpcError::new(
                        ErrorCode::InvalidInput,
                        "disconnect the org first; Ringside writes to one CRM at a time",
                    ));
                }
                self.use_sandbox();
                self.publish_snapshot();
            }
            Request::CrmDisconnect => self.disconnect().await?,
            Request::PickCaller { call_id, record_id } => {
                self.pick_caller(&call_id, &record_id).await?;
            }
            Request::SyncNow => {
                if !self.caller_settings.sync_enabled {
                    return Err(IpcError::new(
                        ErrorCode::InvalidInput,
                        "contact sync is switched off; switch it on to sync",
                    ));
                }
                // A sync already asked for covers this one too.
                let _ = self.sync_now.try_send(crate::caller::sync_worker::SyncNow);
            }
            Request::UpdateCallerSettings { settings } => {
                settings.check().map_err(IpcError::invalid_field)?;
                self.store
                    .save_caller_settings(&settings)
                    .await
                    .map_err(store_error)?;
                self.problems.clear(ProblemCode::CallerSettingsInvalid);
                self.caller_settings = settings.clone();
                self.caller_settings_tx.send_replace(settings);
                self.publish_snapshot();
            }
            Request::SetPhone { phone } => self.set_phone(phone).await?,
            Request::DiscardWaiting { target_id, reason } => {
                self.discard_waiting(target_id, &reason).await?;
            }
            Request::SendUnassignedHere => self.send_unassigned_here().await?,
            Request::Shortcut { shortcut } => self.shortcut(shortcut).await?,
        }
        Ok(Response::Snapshot {
            snapshot: Box::new(self.snapshot()),
        })
    }

    async fn dispositions(&self, with_retired: bool) -> Result<Response, IpcError> {
        let codes = self
            .store
            .dispositions(with_retired)
            .await
            .map_err(store_error)?;
        Ok(Response::Dispositions { codes })
    }

    async fn call_control(&mut self, action: CallControl) -> Result<(), IpcError> {
        let dialback = matches!(&action, CallControl::Dialback { .. });
        let live = |id| self.desk.live_session(id).is_some();
        let command = match action {
            CallControl::Answer { call_id } if live(&call_id) => {
                ConnectorCommand::Answer { id: call_id }
            }
            CallControl::Hold { call_id } if live(&call_id) => {
                ConnectorCommand::Hold { id: call_id }
            }
            CallControl::Resume { call_id } if live(&call_id) => {
                ConnectorCommand::Resume { id: call_id }
            }
            CallControl::Hangup { call_id } if live(&call_id) => {
                ConnectorCommand::Hangup { id: call_id }
            }
            CallControl::Dial { number, .. } | CallControl::Dialback { number, .. }
                if !valid_number(&number) =>
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
                            "record: that is not a CRM record id",
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
            | CallControl::Hold { call_id }
            | CallControl::Resume { call_id }
            | CallControl::Hangup { call_id } => {
                return Err(DeskError::UnknownCall(call_id).into());
            }
        };
        // The phone confirms by events; the desk changes when those arrive.
        self.phone.send(command).await.map_err(|_| {
            IpcError::new(
                ErrorCode::ConnectorUnavailable,
                "the softphone is not connected",
            )
        })
    }

    async fn shortcut(&mut self, shortcut: Shortcut) -> Result<(), IpcError> {
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
    async fn set_phone(&mut self, phone: PhoneSettings) -> Result<(), IpcError> {
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
        self.phone = handle.commands;
        self.next_phone = Some(handle.events);
        self.simulator = probe;
        self.connector = ConnectorStatus {
            name: handle.name.to_string(),
            connected: false,
            detail: None,
            agent_state: None,
        };
        self.phone_settings = phone;
        self.problems.clear(ProblemCode::PhoneSettingsInvalid);
        self.publish_snapshot();
        Ok(())
    }

    async fn demo(&mut self, action: DemoAction) -> Result<(), IpcError> {
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
                sim.emit(id, CallSignal::Incoming { from, queue }).await
            }
            DemoAction::RemoteHangup { call_id } => {
                if self.desk.live_session(&call_id).is_none() {
                    return Err(DeskError::UnknownCall(call_id).into());
                }
                let reason = Some("caller hung up".to_string());
                sim.emit(call_id, CallSignal::Hangup { reason }).await
            }
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

    pub(crate) async fn on_phone(&mut self, event: ConnectorEvent) {
        match event {
            ConnectorEvent::Call { id, signal } => {
                // Connector signals never fail: misfits become anomalies.
                if let Err(e) = self.apply(Input::Call { id, signal }).await {
                    tracing::error!(error = %e, "a phone signal was refused");
                }
            }
            ConnectorEvent::Malformed { detail } => {
                let detail = untrusted::error_text(&detail);
                tracing::warn!(connector = %self.connector.name, %detail, "malformed event from the softphone ignored");
            }
            ConnectorEvent::Connected => {
                self.connector.connected = true;
                self.connector.detail = None;
                self.publish_snapshot();
            }
            ConnectorEvent::Disconnected { reason } => {
                let reason = untrusted::error_text(&reason);
                tracing::warn!(%reason, "softphone disconnected");
                self.connector.connected = false;
                self.connector.detail = Some(reason);
                self.publish_snapshot();
            }
            ConnectorEvent::AgentState { state } => {
                self.connector.agent_state = Some(state);
                self.publish_snapshot();
            }
            ConnectorEvent::CommandFailed { detail } => {
                // Third-party text: numbers redacted before it is shown or logged.
                let detail = untrusted::error_text(&detail);
                tracing::warn!(%detail, "a call command failed");
                self.problem(ProblemCode::PhoneCommandFailed, detail);
                self.publish_snapshot();
            }
        }
    }

    /// One input through the core; effects persisted, sent and published.
    pub(crate) async fn apply(&mut self, input: Input) -> Result<(), DeskError> {
        let now = self.clock.now();
        let effects = self.desk.handle(input, now)?;
        if effects.is_empty() {
            return Ok(());
        }
        let mut history_changed = false;
        for effect in effects {
            history_changed |= self.effect(effect).await;
        }
        if history_changed {
            self.emit(EngineEvent::HistoryChanged);
        }
        self.publish_snapshot();
        Ok(())
    }

    /// Persists and relays one effect; returns whether history changed.
    async fn effect(&mut self, effect: Effect) -> bool {
        let reveal = self.reveal_pii;
        match effect {
            Effect::CallStarted(view) => {
                tracing::info!(call = %view.id, phase = %view.phase, remote = %Pii { value: &view.remote, reveal }, "call started");
                let started = match self.desk.live_session(&view.id) {
                    Some(session) => Some(self.store.call_started(session).await),
                    None => None,
                };
                match started {
                    Some(Ok(row)) => self.pop_caller(&view, row).await,
                    Some(Err(e)) => self.store_failed("record the call", &e),
                    None => {}
                }
                self.emit(EngineEvent::Phase {
                    call_id: view.id,
                    phase: view.phase,
                    remote: view.remote,
                    checkbox_visible: view.checkbox_visible,
                    do_not_log: view.do_not_log,
                });
                true
            }
            Effect::PhaseChanged { id, phase, .. } => {
                tracing::info!(call = %id, %phase, "phase");
                let view = self.desk.live_calls().find(|c| c.id == id);
                let mut written = false;
                if let Some(view) = view {
                    if self.write_phase_now(&id, phase) {
                        let saved = match self.desk.live_session(&id) {
                            Some(session) => self.store.call_progress(session).await,
                            None => Ok(()),
                        };
                        match saved {
                            Ok(()) => written = true,
                            Err(e) => self.store_failed("record the call's phase", &e),
                        }
                    }
                    self.emit(EngineEvent::Phase {
                        call_id: id,
                        phase,
                        remote: view.remote,
                        checkbox_visible: view.checkbox_visible,
                        do_not_log: view.do_not_log,
                    });
                }
                written
            }
            Effect::Checkbox {
                id,
                visible,
                ticked,
            } => {
                if let Some(session) = self.desk.live_session(&id) {
                    if let Err(e) = self.store.call_progress(session).await {
                        self.store_failed("record the checkbox", &e);
                    }
                }
                self.emit(EngineEvent::Checkbox {
                    call_id: id,
                    visible,
                    ticked,
                });
                false
            }
            Effect::DoNotLogToAcd { id, ticked } => {
                // DNL-6: at once, on every change.
                if self
                    .phone
                    .send(ConnectorCommand::DoNotLog { id, ticked })
                    .await
                    .is_err()
                {
                    self.problem(
                        ProblemCode::DoNotLogNotSent,
                        "the do-not-log flag could not reach the softphone",
                    );
                }
                false
            }
            Effect::RingingAlert { id, remote } => {
                self.emit(EngineEvent::Ringing {
                    call_id: id,
                    remote,
                });
                false
            }
            Effect::Anomaly { id, at, error } => {
                let message = error.to_string();
                tracing::warn!(call = %id, %message, "signal ignored");
                match self.store.record_anomaly(&id.0, at, &message).await {
                    Ok(_) => {}
                    Err(e) => self.store_failed("record an ignored signal", &e),
                }
                self.emit(EngineEvent::Anomaly {
                    call_id: id,
                    message,
                });
                true
            }
            Effect::Login {
                at,
                event,
                state,
                changed,
            } => {
                tracing::info!(event = event.as_str(), ?state, changed, "login");
                if let Err(e) = self.store.record_login(at, event, state, changed).await {
                    self.store_failed("record the login change", &e);
                }
                false
            }
            Effect::SettingsChanged(_) => false,
            Effect::CallFinished(f) => {
                let id = f.session.id.clone();
                tracing::info!(call = %id, phase = %f.session.phase(), reason = f.decision.reason.as_str(), "call ended");
                let (phase, writer, reason) =
                    (f.session.phase(), f.decision.writer(), f.decision.reason);
                // Held, never dropped, until the store takes it.
                // For the org in use now, even if the write lands later.
                let target = self.write_target;
                match self.store.call_finished_for(&f, target).await {
                    Ok(_) => self.disk_has_room(),
                    Err(e) => self.hold_unsaved(*f, target, &e),
                }
                self.caller_call_ended(&id).await;
                self.call_left(&id);
                if writer == Some(ringside_core::Writer::Companion) {
                    self.outbox_changed().await;
                }
                self.emit(EngineEvent::Finished {
                    call_id: id,
                    phase,
                    writer,
                    reason,
                });
                true
            }
        }
    }

    /// A write became due: count it at once and nudge the worker.
    pub(crate) async fn outbox_changed(&mut self) {
        if let Ok((pending, failed)) = self.store.outbox_backlog(self.write_target).await {
            self.delivery.pending = pending;
            self.delivery.failed = failed;
        }
        self.wake.notify_one();
    }

    pub(crate) fn store_failed(&mut self, what: &str, e: &ringside_store::StoreError) {
        tracing::error!(error = %e, "could not {what}");
        if e.is_disk_full() {
            // One line for the agent however many writes fail; it goes once
            // writes land again.
            self.problem(ProblemCode::DiskFull, crate::unsaved::DISK_FULL);
        } else {
            self.problem(ProblemCode::StoreFailed, format!("could not {what}: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_number;

    #[test]
    fn numbers_people_type_are_accepted_and_junk_is_not() {
        for ok in [
            "+13108675309",
            "(310) 867-5309",
            "0049 30 901820",
            "*86#",
            "1",
        ] {
            assert!(valid_number(ok), "{ok}");
        }
        for bad in [
            "",
            "abc",
            "+",
            "12345678901234567890123",
            "310;rm -rf",
            "+1 310\n867",
        ] {
            assert!(!valid_number(bad), "{bad:?}");
        }
    }
}
