//! Keyboard shortcuts act on "the call" without the agent pointing at one:
//! which call that is, when several are live, is decided here once for the
//! window's keys and the system-wide ones alike.

use crate::{CallId, CallView, Phase};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Shortcut {
    /// Answer the call ringing longest.
    Answer,
    /// Hold the call in conversation, or else resume the one on hold.
    HoldResume,
    /// End the call in conversation, else one being dialled, else one on
    /// hold, else reject the one ringing.
    Hangup,
    /// DNL-3: tick or untick "Do not log the call" on the call in focus.
    ToggleDoNotLog,
}

impl Shortcut {
    /// Why the shortcut did nothing, when `target` finds no call.
    pub fn nothing_to_do(self) -> &'static str {
        match self {
            Shortcut::Answer => "no call is ringing",
            Shortcut::HoldResume => "no call to hold or resume",
            Shortcut::Hangup => "no call to hang up",
            Shortcut::ToggleDoNotLog => "no call offers \"Do not log the call\" now",
        }
    }
}

/// What a shortcut does to which call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    Answer(CallId),
    Hold(CallId),
    Resume(CallId),
    Hangup(CallId),
    ToggleDoNotLog(CallId),
}

/// How much a call has the agent's attention: conversation first.
fn focus(phase: Phase) -> u8 {
    match phase {
        Phase::Answered => 0,
        Phase::Dialback | Phase::Outbound => 1,
        Phase::Hold => 2,
        Phase::Ringing => 3,
        Phase::Ended | Phase::Missed => 4,
    }
}

/// The call in focus among `calls` that `keep` allows; the latest started
/// breaks ties (the one the agent just took up).
fn in_focus(calls: &[CallView], keep: impl Fn(&CallView) -> bool) -> Option<&CallView> {
    calls
        .iter()
        .filter(|c| keep(c) && focus(c.phase) < 4)
        .min_by_key(|c| (focus(c.phase), std::cmp::Reverse(c.started_at)))
}

pub fn target(calls: &[CallView], shortcut: Shortcut) -> Option<Act> {
    let id = |c: &CallView| c.id.clone();
    match shortcut {
        Shortcut::Answer => calls
            .iter()
            .filter(|c| c.phase == Phase::Ringing)
            .min_by_key(|c| c.started_at)
            .map(|c| Act::Answer(id(c))),
        Shortcut::HoldResume => {
            match in_focus(calls, |c| matches!(c.phase, Phase::Answered | Phase::Hold)) {
                Some(c) if c.phase == Phase::Answered => Some(Act::Hold(id(c))),
                Some(c) => Some(Act::Resume(id(c))),
                None => None,
            }
        }
        Shortcut::Hangup => in_focus(calls, |_| true).map(|c| Act::Hangup(id(c))),
        Shortcut::ToggleDoNotLog => {
            in_focus(calls, |c| c.checkbox_visible).map(|c| Act::ToggleDoNotLog(id(c)))
        }
    }
}

/// The call each shortcut would act on now, so the screen can mark it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyTargets {
    pub answer: Option<CallId>,
    pub hold_resume: Option<CallId>,
    pub hangup: Option<CallId>,
    pub do_not_log: Option<CallId>,
}

/// [`target`] for every shortcut at once.
pub fn targets(calls: &[CallView]) -> KeyTargets {
    let of = |shortcut| {
        target(calls, shortcut).map(|act| match act {
            Act::Answer(id)
            | Act::Hold(id)
            | Act::Resume(id)
            | Act::Hangup(id)
            | Act::ToggleDoNotLog(id) => id,
        })
    };
    KeyTargets {
        answer: of(Shortcut::Answer),
        hold_resume: of(Shortcut::HoldResume),
        hangup: of(Shortcut::Hangup),
        do_not_log: of(Shortcut::ToggleDoNotLog),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, Millis};

    fn call(id: &str, phase: Phase, started: i64, checkbox: bool) -> CallView {
        CallView {
            id: CallId(id.into()),
            direction: Direction::Inbound,
            remote: "+13105550100".into(),
            remote_display: String::new(),
            queue_name: None,
            queue: false,
            phase,
            started_at: Millis(started),
            answered_at: None,
            checkbox_visible: checkbox,
            do_not_log: false,
            logging: crate::decision::DecisionReason::CompanionLogs,
            anomalies: 0,
        }
    }

    #[test]
    fn each_shortcut_acts_on_the_call_in_focus() {
        use Phase::*;
        let a = |id: &str| CallId(id.into());
        let cases: Vec<(&str, Vec<CallView>, Shortcut, Option<Act>)> = vec![
            ("nothing live", vec![], Shortcut::Answer, None),
            (
                "answer the one ringing",
                vec![call("r", Ringing, 1, true)],
                Shortcut::Answer,
                Some(Act::Answer(a("r"))),
            ),
            (
                "answer the one ringing longest",
                vec![call("r2", Ringing, 5, true), call("r1", Ringing, 2, true)],
                Shortcut::Answer,
                Some(Act::Answer(a("r1"))),
            ),
            (
                "no ringing call to answer",
                vec![call("t", Answered, 1, true)],
                Shortcut::Answer,
                None,
            ),
            (
                "hold the conversation",
                vec![call("t", Answered, 1, true)],
                Shortcut::HoldResume,
                Some(Act::Hold(a("t"))),
            ),
            (
                "resume the held call",
                vec![call("h", Hold, 1, true)],
                Shortcut::HoldResume,
                Some(Act::Resume(a("h"))),
            ),
            (
                "hold wins over resume when both are live",
                vec![call("h", Hold, 1, true), call("t", Answered, 2, true)],
                Shortcut::HoldResume,
                Some(Act::Hold(a("t"))),
            ),
            (
                "a ringing call cannot be held",
                vec![call("r", Ringing, 1, true)],
                Shortcut::HoldResume,
                None,
            ),
            (
                "a call being dialled cannot be held",
                vec![call("d", Dialback, 1, true)],
                Shortcut::HoldResume,
                None,
            ),
            (
                "hang up the conversation, not the new ring",
                vec![call("t", Answered, 1, true), call("r", Ringing, 9, true)],
                Shortcut::Hangup,
                Some(Act::Hangup(a("t"))),
            ),
            (
                "hang up the call being dialled before the held one",
                vec![call("h", Hold, 1, true), call("d", Outbound, 2, false)],
                Shortcut::Hangup,
                Some(Act::Hangup(a("d"))),
            ),
            (
                "reject a lone ringing call",
                vec![call("r", Ringing, 1, true)],
                Shortcut::Hangup,
                Some(Act::Hangup(a("r"))),
            ),
            (
                "two conversations: the latest taken up",
                vec![call("t1", Answered, 1, true), call("t2", Answered, 3, true)],
                Shortcut::Hangup,
                Some(Act::Hangup(a("t2"))),
            ),
            (
                "DNL on the conversation",
                vec![call("r", Ringing, 9, true), call("t", Answered, 1, true)],
                Shortcut::ToggleDoNotLog,
                Some(Act::ToggleDoNotLog(a("t"))),
            ),
            (
                "DNL only where the checkbox is offered",
                vec![call("t", Answered, 1, false), call("r", Ringing, 9, true)],
                Shortcut::ToggleDoNotLog,
                Some(Act::ToggleDoNotLog(a("r"))),
            ),
            (
                "DNL not offered anywhere",
                vec![call("t", Answered, 1, false)],
                Shortcut::ToggleDoNotLog,
                None,
            ),
        ];
        for (name, calls, shortcut, want) in cases {
            assert_eq!(target(&calls, shortcut), want, "{name}");
        }
    }

    use proptest::prelude::*;

    fn phase() -> impl Strategy<Value = Phase> {
        proptest::sample::select(Phase::ALL.to_vec())
    }

    proptest! {
        /// The marks on screen are the calls the keys act on, for any calls.
        #[test]
        fn marked_calls_are_the_ones_the_keys_act_on(
            spec in proptest::collection::vec((phase(), 0i64..5, any::<bool>()), 0..6)
        ) {
            let calls: Vec<CallView> = spec
                .iter()
                .enumerate()
                .map(|(i, (p, t, cb))| call(&format!("c{i}"), *p, *t, *cb))
                .collect();
            let marks = targets(&calls);
            let id_of = |s| target(&calls, s).map(|a| match a {
                Act::Answer(id) | Act::Hold(id) | Act::Resume(id) | Act::Hangup(id)
                | Act::ToggleDoNotLog(id) => id,
            });
            prop_assert_eq!(&marks.answer, &id_of(Shortcut::Answer));
            prop_assert_eq!(&marks.hold_resume, &id_of(Shortcut::HoldResume));
            prop_assert_eq!(&marks.hangup, &id_of(Shortcut::Hangup));
            prop_assert_eq!(&marks.do_not_log, &id_of(Shortcut::ToggleDoNotLog));
            // A marked call is a live one.
            for id in [&marks.answer, &marks.hold_resume, &marks.hangup, &marks.do_not_log]
                .into_iter()
                .flatten()
            {
                let c = calls.iter().find(|c| &c.id == id).map(|c| c.phase);
                prop_assert!(c.is_some_and(|p| !p.is_final()));
            }
        }
    }
}
