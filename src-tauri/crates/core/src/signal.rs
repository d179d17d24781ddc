use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A call event as any softphone connector reports it, already stripped of
/// the connector's own wire format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum CallSignal {
    /// An inbound call is offered. `queue` marks calls routed by an ACD
    /// queue, `queue_name` says which (as the platform names it).
    Incoming {
        from: String,
        queue: bool,
        #[serde(default)]
        queue_name: Option<String>,
    },
    /// The agent dials out; `dialback` when calling back a caller from history.
    Dialing {
        to: String,
        dialback: bool,
    },
    Answered,
    Held,
    Resumed,
    Hangup {
        reason: Option<String>,
        /// Who ended the call, when the phone knows: it tells a call the
        /// agent declined from one the caller gave up on.
        #[serde(default)]
        by: Option<EndedBy>,
    },
    /// The ACD service knows where to file this call (LOG-1 row 1, LOG-3).
    AcdTaskUrl {
        url: String,
    },
}

/// Who ended a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum EndedBy {
    /// The agent (hung up, or declined a ringing call).
    Agent,
    /// The caller or callee on the other end.
    FarEnd,
    /// The phone system (a ring timeout, a queue taking the call back).
    Platform,
}

/// The signal's name without its data, for errors and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SignalKind {
    Incoming,
    Dialing,
    Answered,
    Held,
    Resumed,
    Hangup,
    AcdTaskUrl,
}

impl CallSignal {
    pub fn kind(&self) -> SignalKind {
        match self {
            CallSignal::Incoming { .. } => SignalKind::Incoming,
            CallSignal::Dialing { .. } => SignalKind::Dialing,
            CallSignal::Answered => SignalKind::Answered,
            CallSignal::Held => SignalKind::Held,
            CallSignal::Resumed => SignalKind::Resumed,
            CallSignal::Hangup { .. } => SignalKind::Hangup,
            CallSignal::AcdTaskUrl { .. } => SignalKind::AcdTaskUrl,
        }
    }
}

impl std::fmt::Display for SignalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignalKind::Incoming => "incoming",
            SignalKind::Dialing => "dialing",
            SignalKind::Answered => "answer",
            SignalKind::Held => "hold",
            SignalKind::Resumed => "resume",
            SignalKind::Hangup => "hangup",
            SignalKind::AcdTaskUrl => "ACD task URL",
        })
    }
}
