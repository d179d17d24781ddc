//! How a call ended, in the words an agent uses: talked, declined by the
//! agent, missed, abandoned by the caller, or (placed calls) not answered.
//! History shows it; "missed" alone hid which calls the agent turned down.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::phase::Direction;
use crate::signal::EndedBy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum CallEnd {
    /// Answered and ended.
    Talked,
    /// Rang; the agent turned it down.
    Declined,
    /// Rang; the phone system took it away unanswered (ring timeout, queue).
    Missed,
    /// Rang; the caller hung up before it was answered.
    Abandoned,
    /// A call the agent placed that nobody answered.
    NotAnswered,
}

impl CallEnd {
    pub const ALL: [CallEnd; 5] = [
        CallEnd::Talked,
        CallEnd::Declined,
        CallEnd::Missed,
        CallEnd::Abandoned,
        CallEnd::NotAnswered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CallEnd::Talked => "Talked",
            CallEnd::Declined => "Declined",
            CallEnd::Missed => "Missed",
            CallEnd::Abandoned => "Abandoned",
            CallEnd::NotAnswered => "NotAnswered",
        }
    }

    pub fn parse(s: &str) -> Option<CallEnd> {
        CallEnd::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// `by` is what the phone said; `agent_hung_up` that the agent asked
/// Ringside to end it (a phone that does not say who ended the call).
pub fn call_end(
    direction: Direction,
    answered: bool,
    by: Option<EndedBy>,
    agent_hung_up: bool,
) -> CallEnd {
    if answered {
        return CallEnd::Talked;
    }
    if direction != Direction::Inbound {
        return CallEnd::NotAnswered;
    }
    match by {
        Some(EndedBy::Agent) => CallEnd::Declined,
        _ if agent_hung_up => CallEnd::Declined,
        Some(EndedBy::FarEnd) => CallEnd::Abandoned,
        Some(EndedBy::Platform) | None => CallEnd::Missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CallEnd::*;
    use Direction::{Dialback, Inbound, Outbound};

    #[test]
    fn each_way_a_call_ends() {
        let cases = [
            (
                "answered inbound",
                Inbound,
                true,
                Some(EndedBy::FarEnd),
                false,
                Talked,
            ),
            ("answered placed call", Outbound, true, None, true, Talked),
            (
                "declined: the phone says so",
                Inbound,
                false,
                Some(EndedBy::Agent),
                false,
                Declined,
            ),
            (
                "declined: the agent pressed Decline",
                Inbound,
                false,
                None,
                true,
                Declined,
            ),
            (
                "declined even if the phone blames the far end",
                Inbound,
                false,
                Some(EndedBy::FarEnd),
                true,
                Declined,
            ),
            (
                "the caller gave up",
                Inbound,
                false,
                Some(EndedBy::FarEnd),
                false,
                Abandoned,
            ),
            (
                "the queue took it back",
                Inbound,
                false,
                Some(EndedBy::Platform),
                false,
                Missed,
            ),
            ("nobody says: missed", Inbound, false, None, false, Missed),
            (
                "a placed call nobody took",
                Outbound,
                false,
                Some(EndedBy::Agent),
                true,
                NotAnswered,
            ),
            (
                "a call back nobody took",
                Dialback,
                false,
                Some(EndedBy::FarEnd),
                false,
                NotAnswered,
            ),
        ];
        for (name, dir, answered, by, agent, want) in cases {
            assert_eq!(call_end(dir, answered, by, agent), want, "{name}");
        }
    }

    #[test]
    fn names_round_trip() {
        for e in CallEnd::ALL {
            assert_eq!(CallEnd::parse(e.as_str()), Some(e));
        }
        assert_eq!(CallEnd::parse("Dropped"), None);
    }
}
