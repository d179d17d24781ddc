//! Answering while already in conversation: the call the agent is talking
//! on goes on hold first, or, if the admin wants agents to choose, Ringside
//! asks. Nobody is left talking to two callers at once.

use crate::{CallId, CallView, Phase};

/// What answering `call` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerPlan {
    /// No other conversation: just answer.
    Answer,
    /// Hold these conversations, then answer.
    HoldThenAnswer(Vec<CallId>),
    /// Ask the agent first: these conversations would go on hold.
    Ask(Vec<CallId>),
}

/// `hold_first` is the admin's setting; `confirmed` = the agent already said
/// "hold and answer".
pub fn plan_answer(
    calls: &[CallView],
    call: &CallId,
    hold_first: bool,
    confirmed: bool,
) -> AnswerPlan {
    let talking: Vec<CallId> = calls
        .iter()
        .filter(|c| &c.id != call && c.phase == Phase::Answered)
        .map(|c| c.id.clone())
        .collect();
    if talking.is_empty() {
        AnswerPlan::Answer
    } else if hold_first || confirmed {
        AnswerPlan::HoldThenAnswer(talking)
    } else {
        AnswerPlan::Ask(talking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::DecisionReason;
    use crate::{Direction, Millis};

    fn call(id: &str, phase: Phase) -> CallView {
        CallView {
            id: CallId(id.into()),
            direction: Direction::Inbound,
            remote: "+13105550100".into(),
            remote_display: String::new(),
            queue_name: None,
            queue: false,
            phase,
            started_at: Millis(1),
            answered_at: None,
            checkbox_visible: true,
            do_not_log: false,
            logging: DecisionReason::CompanionLogs,
            anomalies: 0,
        }
    }

    #[test]
    fn a_second_answer_holds_or_asks() {
        use Phase::*;
        let id = |s: &str| CallId(s.into());
        // (name, calls, the one answered, hold_first, confirmed, plan)
        type Case = (
            &'static str,
            Vec<CallView>,
            &'static str,
            bool,
            bool,
            AnswerPlan,
        );
        let cases: Vec<Case> = vec![
            (
                "alone",
                vec![call("r", Ringing)],
                "r",
                true,
                false,
                AnswerPlan::Answer,
            ),
            (
                "a held call stays held",
                vec![call("h", Hold), call("r", Ringing)],
                "r",
                false,
                false,
                AnswerPlan::Answer,
            ),
            (
                "a call still being dialled is not a conversation",
                vec![call("d", Outbound), call("r", Ringing)],
                "r",
                false,
                false,
                AnswerPlan::Answer,
            ),
            (
                "hold first (admin default)",
                vec![call("t", Answered), call("r", Ringing)],
                "r",
                true,
                false,
                AnswerPlan::HoldThenAnswer(vec![id("t")]),
            ),
            (
                "ask when the admin says so",
                vec![call("t", Answered), call("r", Ringing)],
                "r",
                false,
                false,
                AnswerPlan::Ask(vec![id("t")]),
            ),
            (
                "the agent said hold and answer",
                vec![call("t", Answered), call("r", Ringing)],
                "r",
                false,
                true,
                AnswerPlan::HoldThenAnswer(vec![id("t")]),
            ),
            (
                "every conversation is held",
                vec![
                    call("t1", Answered),
                    call("t2", Answered),
                    call("r", Ringing),
                ],
                "r",
                true,
                false,
                AnswerPlan::HoldThenAnswer(vec![id("t1"), id("t2")]),
            ),
            (
                "the call answered is not held",
                vec![call("t", Answered)],
                "t",
                false,
                false,
                AnswerPlan::Answer,
            ),
        ];
        for (name, calls, answered, hold_first, confirmed, want) in cases {
            let plan = plan_answer(&calls, &id(answered), hold_first, confirmed);
            assert_eq!(plan, want, "{name}");
        }
    }
}
