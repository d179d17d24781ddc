//! The agent's desk: login state, settings and live calls in one pure
//! aggregate. Inputs go in with their time; effects come out for the engine
//! to persist, send and show. No input can panic it or end a call by mistake.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checkbox::checkbox_visible;
use crate::decision::{decide, DecisionInput, DecisionReason, LogDecision};
use crate::login::{LoginEvent, LoginState, LoginTracker};
use crate::phase::{Direction, Phase};
use crate::session::{CallId, CallSession, TransitionError};
use crate::settings::Settings;
use crate::signal::CallSignal;
use crate::time::Millis;

/// More live calls than any agent handles; past it a connector is misbehaving.
pub const MAX_LIVE_CALLS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Call {
        id: CallId,
        signal: CallSignal,
    },
    Login(LoginEvent),
    /// The agent sets the checkbox (DNL-3); only from the companion (DNL-7).
    SetDoNotLog {
        id: CallId,
        ticked: bool,
    },
    ToggleDoNotLog {
        id: CallId,
    },
    /// The agent asked to end the call (hang up, decline): how it ended is
    /// known even from a phone that does not say who hung up.
    HangupRequested {
        id: CallId,
    },
    Settings(Settings),
}

/// What the active-call screen shows for one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallView {
    pub id: CallId,
    pub direction: Direction,
    pub remote: String,
    /// `remote` in the agent's country's display format; the engine fills
    /// it in (the desk does not know the country).
    pub remote_display: String,
    /// The ACD queue's name, for calls a queue routed (shown as a badge).
    pub queue_name: Option<String>,
    pub queue: bool,
    pub phase: Phase,
    pub started_at: Millis,
    pub answered_at: Option<Millis>,
    pub checkbox_visible: bool,
    pub do_not_log: bool,
    /// Who would log the call if it were taken and ended now (LOG-1 as it
    /// stands): what the checkbox explains, and why it is gone when the
    /// agent logs in to the CRM. The real decision is made at the end.
    pub logging: DecisionReason,
    pub anomalies: u32,
}

/// A call that has ended, with the one decision made for it (LOG-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedCall {
    pub session: CallSession,
    pub decision: LogDecision,
    pub login_at_end: LoginState,
}

/// A live call as an effect carries it: what the screen shows and the
/// session to persist, so the engine never asks the desk again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveCall {
    pub view: CallView,
    pub session: CallSession,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    CallStarted(Box<LiveCall>),
    PhaseChanged {
        id: CallId,
        phase: Phase,
        at: Millis,
        /// The call after the change; `None` once it has ended (the
        /// `CallFinished` that follows carries it).
        live: Option<Box<LiveCall>>,
    },
    /// The checkbox appeared, disappeared or changed value.
    Checkbox {
        id: CallId,
        visible: bool,
        ticked: bool,
        session: Box<CallSession>,
    },
    /// DNL-6: send the new value to the ACD service at once.
    DoNotLogToAcd {
        id: CallId,
        ticked: bool,
    },
    /// DNL-7: a call rings; the shell alerts the agent if it is in the background.
    RingingAlert {
        id: CallId,
        remote: String,
    },
    /// A signal that did not fit; recorded on the call, never fatal.
    Anomaly {
        id: CallId,
        at: Millis,
        error: TransitionError,
    },
    /// STATE-4: every login event, with the state after it.
    Login {
        at: Millis,
        event: LoginEvent,
        state: LoginState,
        changed: bool,
    },
    SettingsChanged(Settings),
    CallFinished(Box<FinishedCall>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskError {
    #[error("no live call `{0}`")]
    UnknownCall(CallId),
    #[error("the do-not-log option is not offered for this call now ({phase})")]
    CheckboxNotOffered { id: CallId, phase: Phase },
}

#[derive(Debug, Clone, Default)]
pub struct Desk {
    settings: Settings,
    login: LoginTracker,
    live: BTreeMap<CallId, Live>,
}

#[derive(Debug, Clone)]
struct Live {
    session: CallSession,
    /// What the screen was last told about the checkbox.
    shown: (bool, bool),
}

impl Desk {
    pub fn new(settings: Settings) -> Desk {
        Desk {
            settings,
            ..Desk::default()
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn login(&self) -> LoginState {
        self.login.state()
    }

    pub fn live_calls(&self) -> impl Iterator<Item = CallView> + '_ {
        self.live.values().map(|l| self.view(&l.session))
    }

    pub fn live_session(&self, id: &CallId) -> Option<&CallSession> {
        self.live.get(id).map(|l| &l.session)
    }

    fn view(&self, s: &CallSession) -> CallView {
        view_of(&self.settings, self.login(), s)
    }

    /// Applies one input. Errors are only for the agent's own actions, which
    /// the UI reports; connector signals never fail, they record anomalies.
    pub fn handle(&mut self, input: Input, at: Millis) -> Result<Vec<Effect>, DeskError> {
        let mut fx = Vec::new();
        match input {
            Input::Call { id, signal } => self.on_signal(id, signal, at, &mut fx),
            Input::Login(event) => {
                let changed = self.login.apply(event, &self.settings);
                fx.push(Effect::Login {
                    at,
                    event,
                    state: self.login(),
                    changed,
                });
            }
            Input::SetDoNotLog { id, ticked } => self.set_checkbox(&id, Some(ticked), &mut fx)?,
            Input::ToggleDoNotLog { id } => self.set_checkbox(&id, None, &mut fx)?,
            Input::HangupRequested { id } => {
                let live = self
                    .live
                    .get_mut(&id)
                    .ok_or_else(|| DeskError::UnknownCall(id.clone()))?;
                live.session.agent_hung_up = true;
            }
            Input::Settings(settings) => {
                if settings != self.settings {
                    self.settings = settings.clone();
                    fx.push(Effect::SettingsChanged(settings));
                }
            }
        }
        self.refresh_checkboxes(&mut fx);
        Ok(fx)
    }

    fn set_checkbox(
        &mut self,
        id: &CallId,
        ticked: Option<bool>,
        fx: &mut Vec<Effect>,
    ) -> Result<(), DeskError> {
        let settings = &self.settings;
        let login = self.login.state();
        let live = self
            .live
            .get_mut(id)
            .ok_or_else(|| DeskError::UnknownCall(id.clone()))?;
        let phase = live.session.phase();
        if !checkbox_visible(settings, login, phase) {
            return Err(DeskError::CheckboxNotOffered {
                id: id.clone(),
                phase,
            });
        }
        let value = ticked.unwrap_or(!live.session.do_not_log.ticked);
        if live.session.do_not_log.set(value) {
            fx.push(Effect::DoNotLogToAcd {
                id: id.clone(),
                ticked: value,
            });
        }
        Ok(())
    }

    fn on_signal(&mut self, id: CallId, signal: CallSignal, at: Millis, fx: &mut Vec<Effect>) {
        let login = self.login.state();
        let Some(live) = self.live.get_mut(&id) else {
            self.start_call(id, signal, at, fx);
            return;
        };
        match live.session.apply(&signal, at, login) {
            Ok(None) => {}
            Ok(Some(phase)) => {
                let live = (!phase.is_final()).then(|| {
                    let session = live.session.clone();
                    Box::new(LiveCall {
                        view: view_of(&self.settings, login, &session),
                        session,
                    })
                });
                fx.push(Effect::PhaseChanged {
                    id: id.clone(),
                    phase,
                    at,
                    live,
                });
                if phase.is_final() {
                    self.finish(&id, fx);
                }
            }
            Err(error) => {
                live.session.record_anomaly(at, error.clone());
                fx.push(Effect::Anomaly { id, at, error });
            }
        }
    }

    fn start_call(&mut self, id: CallId, signal: CallSignal, at: Millis, fx: &mut Vec<Effect>) {
        if self.live.len() >= MAX_LIVE_CALLS {
            fx.push(Effect::Anomaly {
                id,
                at,
                error: TransitionError::UnknownCall {
                    signal: signal.kind(),
                },
            });
            return;
        }
        let login = self.login.state();
        match CallSession::start(
            id.clone(),
            &signal,
            at,
            login,
            self.settings.default_do_not_log,
        ) {
            Ok(session) => {
                let view = self.view(&session);
                if session.phase() == Phase::Ringing {
                    fx.push(Effect::RingingAlert {
                        id: id.clone(),
                        remote: session.remote.clone(),
                    });
                }
                let shown = (view.checkbox_visible, view.do_not_log);
                fx.push(Effect::CallStarted(Box::new(LiveCall {
                    view,
                    session: session.clone(),
                })));
                self.live.insert(id, Live { session, shown });
            }
            Err(error) => fx.push(Effect::Anomaly { id, at, error }),
        }
    }

    /// The call ended: decide once, from the states just before the end.
    fn finish(&mut self, id: &CallId, fx: &mut Vec<Effect>) {
        let Some(live) = self.live.remove(id) else {
            return;
        };
        let session = live.session;
        let login = self.login.state();
        let decision = decide(decision_input(
            &self.settings,
            login,
            &session,
            session.answered_at.is_none(),
        ));
        fx.push(Effect::CallFinished(Box::new(FinishedCall {
            session,
            decision,
            login_at_end: login,
        })));
    }

    fn refresh_checkboxes(&mut self, fx: &mut Vec<Effect>) {
        let login = self.login.state();
        for (id, live) in self.live.iter_mut() {
            let visible = checkbox_visible(&self.settings, login, live.session.phase());
            let now = (visible, live.session.do_not_log.ticked);
            if now != live.shown {
                live.shown = now;
                fx.push(Effect::Checkbox {
                    id: id.clone(),
                    visible,
                    ticked: now.1,
                    session: Box::new(live.session.clone()),
                });
            }
        }
    }
}

/// What LOG-1 reads about `session`; `missed` as the caller knows it.
fn decision_input<'a>(
    settings: &'a Settings,
    login: LoginState,
    session: &CallSession,
    missed: bool,
) -> DecisionInput<'a> {
    DecisionInput {
        settings,
        login,
        direction: session.direction,
        missed,
        queue: session.queue,
        has_acd_task_url: session.acd_task_url.is_some(),
        checkbox: session.do_not_log,
        service_code: session.direction == Direction::Outbound
            && crate::phone_number::is_service_code(&session.remote),
    }
}

fn view_of(settings: &Settings, login: LoginState, s: &CallSession) -> CallView {
    CallView {
        id: s.id.clone(),
        direction: s.direction,
        remote: s.remote.clone(),
        remote_display: String::new(),
        queue_name: s.queue_name.clone(),
        queue: s.queue,
        phase: s.phase(),
        started_at: s.started_at(),
        answered_at: s.answered_at,
        checkbox_visible: checkbox_visible(settings, login, s.phase()),
        do_not_log: s.do_not_log.ticked,
        // A live call is predicted as taken: a ringing call is not missed yet.
        logging: decide(decision_input(settings, login, s, false)).reason,
        anomalies: u32::try_from(s.anomalies.len()).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests;
