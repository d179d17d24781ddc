//! The call session state machine: legal transitions only, and a typed error
//! for the rest. A session never panics or ends because a connector sent
//! nonsense; the caller records the error on the call instead.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::call_end::{call_end, CallEnd};
use crate::checkbox::DoNotLogBox;
use crate::login::LoginState;
use crate::phase::{Direction, Phase};
use crate::signal::{CallSignal, EndedBy, SignalKind};
use crate::time::Millis;

/// The telephony side's id for a call (baresip's call id, an ACD's id, …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct CallId(pub String);

impl std::fmt::Display for CallId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
pub enum TransitionError {
    #[error("cannot {signal} a call that is {phase}")]
    Illegal { phase: Phase, signal: SignalKind },
    #[error("the call has already started; a second {signal} was ignored")]
    AlreadyStarted { signal: SignalKind },
    #[error("no call is known by this id; {signal} was ignored")]
    UnknownCall { signal: SignalKind },
}

/// A phase the call entered, when, and the login states then (STATE-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhaseChange {
    pub phase: Phase,
    pub at: Millis,
    pub login: LoginState,
}

/// A signal that did not fit the call, kept on the call for later diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anomaly {
    pub at: Millis,
    pub error: TransitionError,
}

/// Phases a live call keeps in memory: the first and the latest.
pub const MAX_PHASES: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSession {
    pub id: CallId,
    pub direction: Direction,
    pub remote: String,
    pub queue: bool,
    /// The ACD queue's name, as the platform gave it (display only).
    pub queue_name: Option<String>,
    /// The first phase and the most recent ones (bounded by `MAX_PHASES`).
    pub phases: Vec<PhaseChange>,
    /// Phases dropped from the middle of `phases` to keep it bounded.
    pub dropped_phases: u64,
    pub answered_at: Option<Millis>,
    pub end_reason: Option<String>,
    /// Who ended it, as the phone said.
    pub ended_by: Option<EndedBy>,
    /// The agent asked Ringside to end it (hang up, decline).
    pub agent_hung_up: bool,
    pub acd_task_url: Option<String>,
    pub do_not_log: DoNotLogBox,
    pub anomalies: Vec<Anomaly>,
}

impl CallSession {
    /// Starts a session from its first signal; only `Incoming` and `Dialing`
    /// can start one.
    pub fn start(
        id: CallId,
        signal: &CallSignal,
        at: Millis,
        login: LoginState,
        default_do_not_log: bool,
    ) -> Result<CallSession, TransitionError> {
        let (direction, remote, queue, phase) = match signal {
            CallSignal::Incoming { from, queue, .. } => {
                (Direction::Inbound, from.clone(), *queue, Phase::Ringing)
            }
            CallSignal::Dialing { to, dialback: true } => {
                (Direction::Dialback, to.clone(), false, Phase::Dialback)
            }
            CallSignal::Dialing {
                to,
                dialback: false,
            } => (Direction::Outbound, to.clone(), false, Phase::Outbound),
            other => {
                return Err(TransitionError::UnknownCall {
                    signal: other.kind(),
                })
            }
        };
        Ok(CallSession {
            id,
            direction,
            remote,
            queue,
            queue_name: match signal {
                CallSignal::Incoming { queue_name, .. } => queue_name.clone(),
                _ => None,
            },
            phases: vec![PhaseChange { phase, at, login }],
            dropped_phases: 0,
            answered_at: None,
            end_reason: None,
            ended_by: None,
            agent_hung_up: false,
            acd_task_url: None,
            do_not_log: DoNotLogBox::new(default_do_not_log),
            anomalies: Vec::new(),
        })
    }

    pub fn phase(&self) -> Phase {
        // `phases` is never empty: `start` pushes the first one.
        self.phases.last().map_or(Phase::Ended, |p| p.phase)
    }

    pub fn started_at(&self) -> Millis {
        self.phases.first().map_or(Millis(0), |p| p.at)
    }

    pub fn ended_at(&self) -> Option<Millis> {
        self.phases
            .last()
            .filter(|p| p.phase.is_final())
            .map(|p| p.at)
    }

    /// How it ended; `None` while live.
    pub fn end(&self) -> Option<CallEnd> {
        self.ended_at().map(|_| {
            call_end(
                self.direction,
                self.answered_at.is_some(),
                self.ended_by,
                self.agent_hung_up,
            )
        })
    }

    /// Talk time: from answer to end; zero for calls never answered.
    pub fn talk_seconds(&self) -> i64 {
        match (self.answered_at, self.ended_at()) {
            (Some(a), Some(e)) => e.saturating_sub(a).max(0) / 1000,
            _ => 0,
        }
    }

    /// The phase this signal leads to, without changing anything.
    pub fn next_phase(&self, signal: &CallSignal) -> Result<Phase, TransitionError> {
        let phase = self.phase();
        let illegal = || TransitionError::Illegal {
            phase,
            signal: signal.kind(),
        };
        if phase.is_final() {
            return Err(illegal());
        }
        match (phase, signal) {
            (_, CallSignal::Incoming { .. } | CallSignal::Dialing { .. }) => {
                Err(TransitionError::AlreadyStarted {
                    signal: signal.kind(),
                })
            }
            (_, CallSignal::AcdTaskUrl { .. }) => Ok(phase),
            (Phase::Ringing | Phase::Dialback | Phase::Outbound, CallSignal::Answered) => {
                Ok(Phase::Answered)
            }
            (Phase::Ringing, CallSignal::Hangup { .. }) => Ok(Phase::Missed),
            (
                Phase::Dialback | Phase::Outbound | Phase::Answered | Phase::Hold,
                CallSignal::Hangup { .. },
            ) => Ok(Phase::Ended),
            (Phase::Answered, CallSignal::Held) => Ok(Phase::Hold),
            (Phase::Hold, CallSignal::Resumed) => Ok(Phase::Answered),
            _ => Err(illegal()),
        }
    }

    /// Applies a signal. On error nothing changes except that the caller may
    /// record the anomaly.
    pub fn apply(
        &mut self,
        signal: &CallSignal,
        at: Millis,
        login: LoginState,
    ) -> Result<Option<Phase>, TransitionError> {
        let next = self.next_phase(signal)?;
        match signal {
            CallSignal::AcdTaskUrl { url } => {
                self.acd_task_url = Some(url.clone());
                return Ok(None);
            }
            CallSignal::Answered => self.answered_at = Some(at),
            CallSignal::Hangup { reason, by } => {
                self.end_reason = reason.clone();
                self.ended_by = *by;
            }
            _ => {}
        }
        // Time never runs backwards within a call, even if a connector's does.
        let at = at.max(self.phases.last().map_or(at, |p| p.at));
        // Bounded: a hold/resume flood keeps the start and the latest phases.
        if self.phases.len() >= MAX_PHASES {
            self.phases.remove(1);
            self.dropped_phases += 1;
        }
        self.phases.push(PhaseChange {
            phase: next,
            at,
            login,
        });
        Ok(Some(next))
    }

    /// Each kept phase with its position among all the call's phases
    /// (stable as the list is trimmed, so stores can append only new ones).
    pub fn numbered_phases(&self) -> impl Iterator<Item = (u64, &PhaseChange)> {
        let dropped = self.dropped_phases;
        self.phases.iter().enumerate().map(move |(i, p)| {
            let i = i as u64;
            (if i == 0 { 0 } else { i + dropped }, p)
        })
    }

    pub fn record_anomaly(&mut self, at: Millis, error: TransitionError) {
        // Bounded: a connector stuck in a loop must not grow a call forever.
        const MAX_ANOMALIES: usize = 100;
        if self.anomalies.len() < MAX_ANOMALIES {
            self.anomalies.push(Anomaly { at, error });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inbound() -> CallSession {
        CallSession::start(
            CallId("c1".into()),
            &CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: false,
                queue_name: None,
            },
            Millis(0),
            LoginState::default(),
            false,
        )
        .unwrap()
    }

    fn outbound(dialback: bool) -> CallSession {
        CallSession::start(
            CallId("c2".into()),
            &CallSignal::Dialing {
                to: "+4930123456".into(),
                dialback,
            },
            Millis(0),
            LoginState::default(),
            false,
        )
        .unwrap()
    }

    fn hangup() -> CallSignal {
        CallSignal::Hangup {
            reason: None,
            by: None,
        }
    }

    /// Every (start phase, signal) pair and where it leads; `None` = illegal.
    #[test]
    fn transition_table() {
        use CallSignal as S;
        let rows: Vec<(Phase, CallSignal, Option<Phase>)> = vec![
            (Phase::Ringing, S::Answered, Some(Phase::Answered)),
            (Phase::Ringing, hangup(), Some(Phase::Missed)),
            (Phase::Ringing, S::Held, None),
            (Phase::Ringing, S::Resumed, None),
            (Phase::Answered, S::Held, Some(Phase::Hold)),
            (Phase::Answered, hangup(), Some(Phase::Ended)),
            (Phase::Answered, S::Answered, None),
            (Phase::Answered, S::Resumed, None),
            (Phase::Hold, S::Resumed, Some(Phase::Answered)),
            (Phase::Hold, hangup(), Some(Phase::Ended)),
            (Phase::Hold, S::Held, None),
            (Phase::Hold, S::Answered, None),
            (Phase::Dialback, S::Answered, Some(Phase::Answered)),
            (Phase::Dialback, hangup(), Some(Phase::Ended)),
            (Phase::Dialback, S::Held, None),
            (Phase::Outbound, S::Answered, Some(Phase::Answered)),
            (Phase::Outbound, hangup(), Some(Phase::Ended)),
            (Phase::Outbound, S::Resumed, None),
        ];
        for (from, signal, want) in rows {
            let mut s = match from {
                Phase::Dialback => outbound(true),
                Phase::Outbound => outbound(false),
                _ => inbound(),
            };
            match from {
                Phase::Answered => {
                    s.apply(&S::Answered, Millis(1), LoginState::default())
                        .unwrap();
                }
                Phase::Hold => {
                    s.apply(&S::Answered, Millis(1), LoginState::default())
                        .unwrap();
                    s.apply(&S::Held, Millis(2), LoginState::default()).unwrap();
                }
                _ => {}
            }
            assert_eq!(s.phase(), from);
            let got = s.apply(&signal, Millis(10), LoginState::default());
            match want {
                Some(p) => assert_eq!(got, Ok(Some(p)), "{from:?} + {signal:?}"),
                None => {
                    assert_eq!(
                        got,
                        Err(TransitionError::Illegal {
                            phase: from,
                            signal: signal.kind()
                        }),
                        "{from:?} + {signal:?}"
                    );
                    assert_eq!(s.phase(), from, "an illegal signal changes nothing");
                }
            }
        }
    }

    #[test]
    fn hold_before_answer_is_a_typed_error() {
        let mut s = inbound();
        let err = s
            .apply(&CallSignal::Held, Millis(5), LoginState::default())
            .unwrap_err();
        assert_eq!(err.to_string(), "cannot hold a call that is Ringing");
    }

    #[test]
    fn nothing_moves_a_final_call() {
        let mut s = inbound();
        s.apply(&hangup(), Millis(5), LoginState::default())
            .unwrap();
        assert_eq!(s.phase(), Phase::Missed);
        for sig in [CallSignal::Answered, CallSignal::Held, hangup()] {
            assert!(s.apply(&sig, Millis(6), LoginState::default()).is_err());
        }
        assert_eq!(s.phase(), Phase::Missed);
    }

    #[test]
    fn a_second_start_is_rejected() {
        let mut s = inbound();
        let again = CallSignal::Incoming {
            from: "x".into(),
            queue: false,
            queue_name: None,
        };
        assert_eq!(
            s.apply(&again, Millis(1), LoginState::default()),
            Err(TransitionError::AlreadyStarted {
                signal: SignalKind::Incoming
            })
        );
    }

    #[test]
    fn only_a_start_signal_starts_a_session() {
        let r = CallSession::start(
            CallId("x".into()),
            &CallSignal::Answered,
            Millis(0),
            LoginState::default(),
            false,
        );
        assert_eq!(
            r,
            Err(TransitionError::UnknownCall {
                signal: SignalKind::Answered
            })
        );
    }

    #[test]
    fn talk_time_counts_from_answer_and_time_never_runs_backwards() {
        let mut s = inbound();
        s.apply(&CallSignal::Answered, Millis(2_000), LoginState::default())
            .unwrap();
        s.apply(&hangup(), Millis(1_000), LoginState::default())
            .unwrap();
        assert_eq!(s.ended_at(), Some(Millis(2_000)));
        assert_eq!(s.talk_seconds(), 0);
        let mut s = inbound();
        s.apply(&CallSignal::Answered, Millis(2_000), LoginState::default())
            .unwrap();
        s.apply(&hangup(), Millis(65_500), LoginState::default())
            .unwrap();
        assert_eq!(s.talk_seconds(), 63);
    }

    #[test]
    fn anomalies_are_bounded() {
        let mut s = inbound();
        for i in 0..500 {
            s.record_anomaly(
                Millis(i),
                TransitionError::Illegal {
                    phase: Phase::Ringing,
                    signal: SignalKind::Held,
                },
            );
        }
        assert_eq!(s.anomalies.len(), 100);
    }

    /// A hold/resume flood keeps the call's memory bounded: the start and
    /// the latest phases stay, numbered by their place among all phases.
    #[test]
    fn a_hold_resume_flood_keeps_the_start_and_the_latest_phases() {
        let mut s = inbound();
        let login = LoginState::default();
        s.apply(&CallSignal::Answered, Millis(1), login).unwrap();
        for i in 0..5_000 {
            let signal = if i % 2 == 0 {
                CallSignal::Held
            } else {
                CallSignal::Resumed
            };
            s.apply(&signal, Millis(2 + i), login).unwrap();
        }
        s.apply(&hangup(), Millis(10_000), login).unwrap();
        // 1 start + 1 answer + 5,000 hold/resume + 1 end.
        let total = 5_003;
        assert_eq!(s.phases.len(), MAX_PHASES);
        assert_eq!(s.dropped_phases, (total - MAX_PHASES) as u64);
        assert_eq!(s.phases[0].phase, Phase::Ringing);
        assert_eq!(s.started_at(), Millis(0));
        assert_eq!(s.phase(), Phase::Ended);
        assert_eq!(s.ended_at(), Some(Millis(10_000)));
        assert_eq!(s.answered_at, Some(Millis(1)));
        let seqs: Vec<u64> = s.numbered_phases().map(|(n, _)| n).collect();
        assert_eq!(seqs[0], 0);
        assert_eq!(*seqs.last().unwrap(), (total - 1) as u64);
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "numbers only grow");
        assert!(
            seqs[2..].windows(2).all(|w| w[1] == w[0] + 1),
            "the latest phases are contiguous"
        );
    }
}
