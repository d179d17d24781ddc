//! The desk's effect interpreter: one input through the core, then each
//! effect persisted, sent and published. Effects carry what they persist
//! (the session, the view), so nothing here asks the desk again.

use ringside_core::redact::Pii;
use ringside_core::{DeskError, Effect, Input};
use ringside_softphone::ConnectorCommand;

use crate::actor::Actor;
use crate::handle::EngineEvent;
use crate::problems::ProblemCode;

impl Actor {
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
        self.pop_progress().await;
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
            Effect::CallStarted(live) => {
                let view = live.view;
                tracing::info!(call = %view.id, phase = %view.phase, remote = %Pii { value: &view.remote, reveal }, "call started");
                match self.store.call_started(&live.session).await {
                    Ok(row) => self.pop_caller(&view, row).await,
                    Err(e) => self.store_failed("record the call", &e),
                }
                let declined = view.direction == ringside_core::Direction::Inbound
                    && view.phase == ringside_core::Phase::Ringing
                    && self.presence.declines_calls();
                // A call declined at once does not make the agent busy.
                if !declined {
                    self.presence_call_started(&view.id);
                }
                if declined {
                    // The agent is away (section 6): the phone does not ring.
                    tracing::info!(call = %view.id, "declined: the agent is away");
                    if self
                        .phone
                        .send(ConnectorCommand::Hangup {
                            id: view.id.clone(),
                        })
                        .await
                        .is_ok()
                    {
                        let now = self.clock.now();
                        let _ = self.desk.handle(
                            ringside_core::Input::HangupRequested {
                                id: view.id.clone(),
                            },
                            now,
                        );
                    }
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
            Effect::PhaseChanged {
                id, phase, live, ..
            } => {
                tracing::info!(call = %id, %phase, "phase");
                // An ended call's phases are written with its end.
                let Some(live) = live else { return false };
                let mut written = false;
                if self.records.progress.write_now(&live.session, phase) {
                    match self.store.call_progress(&live.session).await {
                        Ok(()) => written = true,
                        Err(e) => self.store_failed("record the call's phase", &e),
                    }
                }
                let view = live.view;
                self.emit(EngineEvent::Phase {
                    call_id: id,
                    phase,
                    remote: view.remote,
                    checkbox_visible: view.checkbox_visible,
                    do_not_log: view.do_not_log,
                });
                written
            }
            Effect::Checkbox {
                id,
                visible,
                ticked,
                session,
            } => {
                if let Err(e) = self.store.call_progress(&session).await {
                    self.store_failed("record the checkbox", &e);
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
                    remote: self.shown.show(&remote, self.contacts.region()),
                });
                false
            }
            Effect::Anomaly { id, at, error } => {
                let message = error.to_string();
                tracing::warn!(call = %id, %message, "signal ignored");
                if let Err(e) = self.store.record_anomaly(&id.0, at, &message).await {
                    self.store_failed("record an ignored signal", &e);
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
                let f_answered = f.session.answered_at.is_some();
                let end = f.session.end();
                // Held, never dropped, until the store takes it.
                // For the org in use now, even if the write lands later.
                let target = self.delivery.write_target();
                match self.store.call_finished_for(&f, target).await {
                    Ok(_) => self.disk_has_room(),
                    Err(e) => self.hold_unsaved(*f, target, &e),
                }
                // MATCH-2 "when logged": the decision, then the end.
                let ringside_logs = writer == Some(ringside_core::Writer::Companion);
                self.caller_progress(&id, f_answered, ringside_logs).await;
                self.caller_call_ended(&id).await;
                // Ringside's wrap-up follows a call it logs that was talked on.
                self.presence_call_ended(&id, ringside_logs && f_answered);
                self.records.progress.left(&id);
                if writer == Some(ringside_core::Writer::Companion) {
                    self.outbox_changed();
                }
                self.emit(EngineEvent::Finished {
                    call_id: id,
                    phase,
                    end,
                    writer,
                    reason,
                });
                true
            }
        }
    }

    pub(crate) fn store_failed(&mut self, what: &str, e: &ringside_store::StoreError) {
        tracing::error!(error = %e, "could not {what}");
        if e.is_disk_full() {
            // One line for the agent however many writes fail; it goes once
            // writes land again.
            self.problem(ProblemCode::DiskFull, crate::records::unsaved::DISK_FULL);
        } else {
            self.problem(ProblemCode::StoreFailed, format!("could not {what}: {e}"));
        }
    }
}
