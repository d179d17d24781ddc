use ringside_core::link_down::LinkDown;
use ringside_core::{CallId, CallSignal};
use tokio::sync::mpsc;

/// What a connector reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectorEvent {
    Call {
        id: CallId,
        signal: CallSignal,
    },
    /// Input the connector could not understand; kept for diagnosis.
    Malformed {
        detail: String,
    },
    Connected,
    Disconnected {
        reason: LinkDown,
    },
    /// The agent's state on the contact-centre platform (e.g. `available`).
    AgentState {
        state: String,
    },
    /// A command the phone could not carry out, and why.
    CommandFailed {
        detail: String,
    },
    /// The phone's own list of calls was read and the tracked calls set
    /// right by it (baresip's `listcalls` poll): what the desk shows now
    /// matches the phone as of this moment.
    Reconciled,
}

/// What the engine asks of a connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectorCommand {
    /// Place an outbound call; `dialback` when calling back a caller.
    Dial {
        to: String,
        dialback: bool,
    },
    Answer {
        id: CallId,
    },
    Hold {
        id: CallId,
    },
    Resume {
        id: CallId,
    },
    Hangup {
        id: CallId,
    },
    /// DNL-6: the do-not-log flag, sent to the ACD service on every change.
    DoNotLog {
        id: CallId,
        ticked: bool,
    },
}

/// The engine's end of a running connector.
#[derive(Debug)]
pub struct ConnectorHandle {
    pub name: &'static str,
    pub events: mpsc::Receiver<ConnectorEvent>,
    pub commands: mpsc::Sender<ConnectorCommand>,
}
