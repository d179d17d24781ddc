use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a call stands now.
///
/// Inbound calls go `Ringing → Answered ⇄ Hold → Ended`, or `Ringing → Missed`.
/// Outbound calls start in `Dialback` (calling back a caller) or `Outbound`
/// (any other number) and move to `Answered` when the far end picks up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum Phase {
    Ringing,
    Answered,
    Hold,
    Dialback,
    Outbound,
    Ended,
    Missed,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Ringing,
        Phase::Answered,
        Phase::Hold,
        Phase::Dialback,
        Phase::Outbound,
        Phase::Ended,
        Phase::Missed,
    ];

    /// No signal moves a call out of a final phase.
    pub fn is_final(self) -> bool {
        matches!(self, Phase::Ended | Phase::Missed)
    }

    /// DNL-2: the phases in which the "Do not log the call" checkbox is shown.
    pub fn offers_checkbox(self) -> bool {
        matches!(
            self,
            Phase::Ringing | Phase::Answered | Phase::Dialback | Phase::Hold
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Ringing => "Ringing",
            Phase::Answered => "Answered",
            Phase::Hold => "Hold",
            Phase::Dialback => "Dialback",
            Phase::Outbound => "Outbound",
            Phase::Ended => "Ended",
            Phase::Missed => "Missed",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way the call goes. A dialback is an outbound call back to a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Direction {
    Inbound,
    Outbound,
    Dialback,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "Inbound",
            Direction::Outbound => "Outbound",
            Direction::Dialback => "Dialback",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        [Direction::Inbound, Direction::Outbound, Direction::Dialback]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}
