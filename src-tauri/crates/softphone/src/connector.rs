use ringside_core::link_down::LinkDown;
use ringside_core::presence::PhoneStatus;
use ringside_core::{CallId, CallSignal, Millis};
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
    /// The agent's state on the contact-centre platform (e.g. `available`)
    /// and the telephony status it is.
    AgentState {
        state: String,
        status: PhoneStatus,
        cause: StateCause,
        /// The tag of the `SetAgentState` this carries out.
        tag: Option<u64>,
        /// When it changed on the platform, if the platform said.
        at: Option<Millis>,
    },
    /// The states the platform has for the agent.
    AgentStates {
        states: Vec<PhoneStatus>,
    },
    /// A `SetAgentState` the platform refused or that could not be sent.
    AgentStateRefused {
        tag: u64,
        detail: String,
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
    /// Section 6: put the agent in this state on the platform; confirmed
    /// by an `AgentState` with the same tag.
    SetAgentState {
        status: PhoneStatus,
        tag: u64,
    },
}

/// Who or what changed the agent's state on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateCause {
    Agent,
    Supervisor,
    /// The platform, after a call the agent did not answer.
    Timeout,
    /// Ringside asked for it.
    Ringside,
    /// A call started or ended.
    Call,
    /// The platform itself, or not said.
    Platform,
}

/// The engine's end of a running connector.
#[derive(Debug)]
pub struct ConnectorHandle {
    pub name: &'static str,
    pub events: mpsc::Receiver<ConnectorEvent>,
    pub commands: mpsc::Sender<ConnectorCommand>,
}
