//! The ACD event socket's messages, version 1 (docs/ACD-PROTOCOL.md): one
//! JSON object per WebSocket text frame, each with `"v": 1` and a `"type"`.
//! Unknown types and fields are ignored (a platform may be newer); a wrong
//! version, a missing field or a bad value is an error naming what is wrong.

use ringside_core::presence::PhoneStatus;
use ringside_core::{untrusted, CallId, CallSignal, EndedBy, Millis};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const VERSION: u64 = 1;
/// Offered as `Sec-WebSocket-Protocol`; the version is in the name.
pub const SUBPROTOCOL: &str = "ringside.acd.v1";
/// Longest message either side accepts, in bytes.
pub const MAX_MESSAGE: usize = 64 * 1024;
const MAX_ID: usize = 256;
const MAX_NUMBER: usize = 64;
const MAX_TEXT: usize = 1024;
const MAX_URL: usize = 2048;
/// A state of the platform's own list, as its name.
pub const MAX_STATE: usize = 80;
/// States in the platform's list.
pub const MAX_STATES: usize = 200;

/// What the platform sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum PlatformMessage {
    /// The answer to `hello`: the session is open.
    #[serde(rename = "welcome")]
    Welcome { platform: String, agent: String },
    #[serde(rename = "call.ringing")]
    CallRinging {
        call_id: String,
        /// The caller's number; empty (or absent) when withheld.
        #[serde(default)]
        from: String,
        /// Offered from a queue (LOG-1 config 1 concerns missed queue calls).
        #[serde(default)]
        queue: bool,
        /// The queue's name, shown to the agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue_name: Option<String>,
    },
    #[serde(rename = "call.dialing")]
    CallDialing {
        call_id: String,
        to: String,
        /// A call back to an earlier caller (phase Dialback).
        #[serde(default)]
        dialback: bool,
    },
    #[serde(rename = "call.answered")]
    CallAnswered { call_id: String },
    #[serde(rename = "call.held")]
    CallHeld { call_id: String },
    #[serde(rename = "call.resumed")]
    CallResumed { call_id: String },
    /// Ends the call; before `call.answered` it was missed.
    #[serde(rename = "call.ended")]
    CallEnded {
        call_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Who ended it: `agent`, `caller` (the far end) or `platform`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<WireEndedBy>,
    },
    /// LOG-3: the platform's task for this call.
    #[serde(rename = "call.task_url")]
    CallTaskUrl { call_id: String, url: String },
    /// The agent's state on the platform (e.g. `available`, `wrap_up`).
    #[serde(rename = "agent.state")]
    AgentState {
        state: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Who or what changed it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<WireStateCause>,
        /// The `agent.set_state` this change carries out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        re: Option<u64>,
        /// When the state changed on the platform (RFC 3339).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<String>,
    },
    /// The states an agent can be in on the platform: the standard ones it
    /// has, and its own.
    #[serde(rename = "agent.states")]
    AgentStates { states: Vec<String> },
    /// A Ringside message `re` was done.
    #[serde(rename = "ack")]
    Ack { re: u64 },
    /// A Ringside message (`re`) or the session failed.
    #[serde(rename = "error")]
    Error {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        re: Option<u64>,
        code: String,
        message: String,
    },
    /// A type this version does not know: ignored.
    #[serde(other, skip_serializing)]
    Unknown,
}

/// What Ringside sends. Every message has an `id` the platform acks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum RingsideMessage {
    #[serde(rename = "hello")]
    Hello {
        id: u64,
        client: String,
        client_version: String,
        agent: String,
    },
    /// DNL-6: the checkbox's state, sent on every change.
    #[serde(rename = "call.do_not_log")]
    DoNotLog {
        id: u64,
        call_id: String,
        do_not_log: bool,
    },
    #[serde(rename = "call.answer")]
    Answer { id: u64, call_id: String },
    #[serde(rename = "call.hold")]
    Hold { id: u64, call_id: String },
    #[serde(rename = "call.resume")]
    Resume { id: u64, call_id: String },
    #[serde(rename = "call.hangup")]
    Hangup { id: u64, call_id: String },
    #[serde(rename = "call.dial")]
    Dial { id: u64, to: String, dialback: bool },
    /// Puts the agent in a state of the platform's list; the platform
    /// confirms with `agent.state` carrying `re`.
    #[serde(rename = "agent.set_state")]
    SetState { id: u64, state: String },
}

impl RingsideMessage {
    pub fn id(&self) -> u64 {
        match self {
            RingsideMessage::Hello { id, .. }
            | RingsideMessage::DoNotLog { id, .. }
            | RingsideMessage::Answer { id, .. }
            | RingsideMessage::Hold { id, .. }
            | RingsideMessage::Resume { id, .. }
            | RingsideMessage::Hangup { id, .. }
            | RingsideMessage::Dial { id, .. }
            | RingsideMessage::SetState { id, .. } => *id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("message of {0} bytes is over the {MAX_MESSAGE}-byte limit")]
    TooLong(usize),
    #[error("not a JSON object: {0}")]
    NotJson(String),
    #[error("protocol version {0} is not supported (Ringside speaks version {VERSION})")]
    Version(String),
    #[error("bad `{kind}` message: {detail}")]
    Invalid { kind: String, detail: String },
}

/// Puts the version on a message.
pub fn encode<T: Serialize>(message: &T) -> String {
    let mut out = serde_json::Map::new();
    out.insert("v".into(), VERSION.into());
    if let Ok(Value::Object(m)) = serde_json::to_value(message) {
        out.extend(m);
    }
    Value::Object(out).to_string()
}

/// The JSON object of a message whose version is 1, and its type.
fn envelope(text: &str) -> Result<(Value, String), ProtocolError> {
    if text.len() > MAX_MESSAGE {
        return Err(ProtocolError::TooLong(text.len()));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| ProtocolError::NotJson(e.to_string()))?;
    if !v.is_object() {
        return Err(ProtocolError::NotJson("expected an object".into()));
    }
    match v.get("v") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        Some(other) => return Err(ProtocolError::Version(other.to_string())),
        None => return Err(ProtocolError::Version("(none)".into())),
    }
    let kind = v
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("(no type)")
        .chars()
        .take(40)
        .collect();
    Ok((v, kind))
}

fn invalid(kind: &str, detail: impl Into<String>) -> ProtocolError {
    ProtocolError::Invalid {
        kind: kind.into(),
        detail: detail.into(),
    }
}

/// A field of text: bounded, not empty, no control characters.
fn text(kind: &str, field: &str, value: &str, max: usize) -> Result<(), ProtocolError> {
    if value.trim().is_empty() {
        return Err(invalid(kind, format!("`{field}` is empty")));
    }
    if value.len() > max {
        return Err(invalid(kind, format!("`{field}` is over {max} bytes")));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(kind, format!("`{field}` has control characters")));
    }
    Ok(())
}

pub fn parse_platform(text_in: &str) -> Result<PlatformMessage, ProtocolError> {
    let (v, kind) = envelope(text_in)?;
    let mut m: PlatformMessage =
        serde_json::from_value(v).map_err(|e| invalid(&kind, e.to_string()))?;
    // A blank optional reason is no reason.
    if let PlatformMessage::CallEnded { reason: text, .. }
    | PlatformMessage::AgentState { reason: text, .. }
    | PlatformMessage::CallRinging {
        queue_name: text, ..
    } = &mut m
    {
        // Blank optional text is no text (a platform's "no queue" is "").
        if text.as_deref().is_some_and(|r| r.trim().is_empty()) {
            *text = None;
        }
    }
    let k = kind.as_str();
    match &m {
        PlatformMessage::CallRinging {
            call_id,
            from,
            queue_name,
            ..
        } => {
            text(k, "call_id", call_id, MAX_ID)?;
            if !from.trim().is_empty() {
                text(k, "from", from, MAX_NUMBER)?;
            }
            if let Some(q) = queue_name {
                text(k, "queue_name", q, MAX_ID)?;
            }
        }
        PlatformMessage::CallDialing { call_id, to, .. } => {
            text(k, "call_id", call_id, MAX_ID)?;
            text(k, "to", to, MAX_NUMBER)?;
        }
        PlatformMessage::CallAnswered { call_id }
        | PlatformMessage::CallHeld { call_id }
        | PlatformMessage::CallResumed { call_id } => text(k, "call_id", call_id, MAX_ID)?,
        PlatformMessage::CallEnded {
            call_id, reason, ..
        } => {
            text(k, "call_id", call_id, MAX_ID)?;
            if let Some(r) = reason {
                text(k, "reason", r, MAX_TEXT)?;
            }
        }
        PlatformMessage::CallTaskUrl { call_id, url } => {
            text(k, "call_id", call_id, MAX_ID)?;
            text(k, "url", url, MAX_URL)?;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(invalid(k, "`url` must be an http(s) URL"));
            }
        }
        PlatformMessage::AgentState {
            state, reason, at, ..
        } => {
            text(k, "state", state, MAX_ID)?;
            if let Some(r) = reason {
                text(k, "reason", r, MAX_TEXT)?;
            }
            if let Some(at) = at {
                text(k, "at", at, MAX_NUMBER)?;
                if ringside_core::time::parse_sf_datetime(at).is_none() {
                    return Err(invalid(k, "`at` is not an RFC 3339 time"));
                }
            }
        }
        PlatformMessage::AgentStates { states } => {
            if states.len() > MAX_STATES {
                return Err(invalid(k, format!("over {MAX_STATES} `states`")));
            }
            for s in states {
                text(k, "states", s, MAX_STATE)?;
            }
        }
        PlatformMessage::Welcome { platform, agent } => {
            text(k, "platform", platform, MAX_ID)?;
            text(k, "agent", agent, MAX_ID)?;
        }
        PlatformMessage::Error { code, message, .. } => {
            text(k, "code", code, MAX_ID)?;
            if message.len() > MAX_TEXT {
                return Err(invalid(k, "`message` is too long"));
            }
        }
        PlatformMessage::Ack { .. } | PlatformMessage::Unknown => {}
    }
    Ok(m)
}

pub fn parse_ringside(text_in: &str) -> Result<RingsideMessage, ProtocolError> {
    let (v, kind) = envelope(text_in)?;
    let m = serde_json::from_value(v).map_err(|e| invalid(&kind, e.to_string()))?;
    if let RingsideMessage::SetState { state, .. } = &m {
        text(&kind, "state", state, MAX_STATE)?;
    }
    Ok(m)
}

/// `agent.state`'s `cause`. A value this version does not know is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireStateCause {
    /// The agent, on the platform's own controls.
    Agent,
    /// A supervisor.
    Supervisor,
    /// The platform, after a call the agent did not answer.
    Timeout,
    /// Ringside's `agent.set_state`.
    Ringside,
    /// A call's start or end.
    Call,
    /// The platform itself (a login, a schedule).
    System,
    #[serde(other)]
    Other,
}

/// The platform's state names for the standard statuses; any other name
/// is a state of the platform's own list.
const STANDARD_STATES: [(&str, PhoneStatus); 6] = [
    ("available", PhoneStatus::Available),
    ("away", PhoneStatus::Away),
    ("busy", PhoneStatus::Busy),
    ("after_call_work", PhoneStatus::AfterCallWork),
    ("on_call", PhoneStatus::OnACall),
    ("offline", PhoneStatus::Offline),
];

/// The telephony status a platform state is. `wrap_up` is an older name
/// of `after_call_work`.
pub fn phone_status(state: &str) -> PhoneStatus {
    let state = state.trim();
    if state == "wrap_up" {
        return PhoneStatus::AfterCallWork;
    }
    STANDARD_STATES
        .iter()
        .find(|(name, _)| *name == state)
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| PhoneStatus::Platform {
            name: state.to_string(),
        })
}

/// The platform state name of a telephony status.
pub fn wire_state(status: &PhoneStatus) -> String {
    match status {
        PhoneStatus::Platform { name } => name.clone(),
        other => STANDARD_STATES
            .iter()
            .find(|(_, s)| s == other)
            .map(|(name, _)| name.to_string())
            .unwrap_or_default(),
    }
}

/// `at`, as this machine's milliseconds.
pub fn state_time(at: Option<&str>) -> Option<Millis> {
    at.and_then(ringside_core::time::parse_sf_datetime)
        .map(Millis)
}

/// `call.ended`'s `by`, as the wire spells it. A value this version does
/// not know (a newer platform's) is `Other`: the call still ends, and how
/// is left unsaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireEndedBy {
    Agent,
    Caller,
    Platform,
    #[serde(other)]
    Other,
}

impl WireEndedBy {
    fn ended_by(self) -> Option<EndedBy> {
        match self {
            WireEndedBy::Agent => Some(EndedBy::Agent),
            WireEndedBy::Caller => Some(EndedBy::FarEnd),
            WireEndedBy::Platform => Some(EndedBy::Platform),
            WireEndedBy::Other => None,
        }
    }
}

impl From<EndedBy> for WireEndedBy {
    fn from(e: EndedBy) -> WireEndedBy {
        match e {
            EndedBy::Agent => WireEndedBy::Agent,
            EndedBy::FarEnd => WireEndedBy::Caller,
            EndedBy::Platform => WireEndedBy::Platform,
        }
    }
}

impl PlatformMessage {
    /// The call signal this event is, if it is one.
    pub fn signal(&self) -> Option<(CallId, CallSignal)> {
        let id = |s: &str| CallId(s.to_string());
        Some(match self {
            PlatformMessage::CallRinging {
                call_id,
                from,
                queue,
                queue_name,
            } => (
                id(call_id),
                CallSignal::Incoming {
                    from: from.clone(),
                    queue: *queue,
                    // Far-end text: one line, nothing hidden (as `from`).
                    queue_name: queue_name.as_deref().map(untrusted::one_line),
                },
            ),
            PlatformMessage::CallDialing {
                call_id,
                to,
                dialback,
            } => (
                id(call_id),
                CallSignal::Dialing {
                    to: to.clone(),
                    dialback: *dialback,
                },
            ),
            PlatformMessage::CallAnswered { call_id } => (id(call_id), CallSignal::Answered),
            PlatformMessage::CallHeld { call_id } => (id(call_id), CallSignal::Held),
            PlatformMessage::CallResumed { call_id } => (id(call_id), CallSignal::Resumed),
            PlatformMessage::CallEnded {
                call_id,
                reason,
                by,
            } => (
                id(call_id),
                CallSignal::Hangup {
                    reason: reason.clone(),
                    by: by.and_then(WireEndedBy::ended_by),
                },
            ),
            PlatformMessage::CallTaskUrl { call_id, url } => {
                (id(call_id), CallSignal::AcdTaskUrl { url: url.clone() })
            }
            _ => return None,
        })
    }

    /// The platform message for a call signal (the simulator's side).
    pub fn from_signal(id: &CallId, signal: &CallSignal) -> PlatformMessage {
        let call_id = id.0.clone();
        match signal {
            CallSignal::Incoming {
                from,
                queue,
                queue_name,
            } => PlatformMessage::CallRinging {
                call_id,
                from: from.clone(),
                queue: *queue,
                queue_name: queue_name.clone(),
            },
            CallSignal::Dialing { to, dialback } => PlatformMessage::CallDialing {
                call_id,
                to: to.clone(),
                dialback: *dialback,
            },
            CallSignal::Answered => PlatformMessage::CallAnswered { call_id },
            CallSignal::Held => PlatformMessage::CallHeld { call_id },
            CallSignal::Resumed => PlatformMessage::CallResumed { call_id },
            CallSignal::Hangup { reason, by } => PlatformMessage::CallEnded {
                call_id,
                reason: reason.clone(),
                by: by.map(WireEndedBy::from),
            },
            CallSignal::AcdTaskUrl { url } => PlatformMessage::CallTaskUrl {
                call_id,
                url: url.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a newer or sloppier platform sends still rings and still ends.
    #[test]
    fn blank_queue_names_and_unknown_enders_lose_no_call() {
        let ring = parse_platform(
            r#"{"v":1,"type":"call.ringing","call_id":"c1","from":"+13105550100","queue_name":"  "}"#,
        )
        .unwrap();
        assert_eq!(
            ring.signal().map(|(_, s)| s),
            Some(CallSignal::Incoming {
                from: "+13105550100".into(),
                queue: false,
                queue_name: None,
            })
        );
        for by in ["transfer", "Agent", ""] {
            let text = format!(r#"{{"v":1,"type":"call.ended","call_id":"c1","by":"{by}"}}"#);
            let end = parse_platform(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                end.signal().map(|(_, s)| s),
                Some(CallSignal::Hangup {
                    reason: None,
                    by: None,
                }),
                "{text}"
            );
        }
    }

    /// A queue's name is far-end text: shown as one line, nothing hidden.
    #[test]
    fn a_queue_name_is_cleaned_before_it_is_shown() {
        let text = "{\"v\":1,\"type\":\"call.ringing\",\"call_id\":\"c1\",\"from\":\"+13105550100\",\"queue\":true,\"queue_name\":\"Bil\u{202E}ling  EU\"}";
        let signal = parse_platform(text).unwrap().signal().map(|(_, s)| s);
        assert_eq!(
            signal,
            Some(CallSignal::Incoming {
                from: "+13105550100".into(),
                queue: true,
                queue_name: Some("Billing EU".into()),
            })
        );
    }

    #[test]
    fn events_parse_into_call_signals() {
        let cases = [
            (
                r#"{"v":1,"type":"call.ringing","call_id":"c1","from":"+13105550100","queue":true}"#,
                Some(CallSignal::Incoming {
                    from: "+13105550100".into(),
                    queue: true,
                    queue_name: None,
                }),
            ),
            (
                r#"{"v":1,"type":"call.ended","call_id":"c1","by":"caller"}"#,
                Some(CallSignal::Hangup {
                    reason: None,
                    by: Some(EndedBy::FarEnd),
                }),
            ),
            (
                r#"{"v":1,"type":"call.ringing","call_id":"c1","from":"+13105550100"}"#,
                Some(CallSignal::Incoming {
                    from: "+13105550100".into(),
                    queue: false,
                    queue_name: None,
                }),
            ),
            (
                r#"{"v":1,"type":"call.dialing","call_id":"c1","to":"+4930901820","dialback":true}"#,
                Some(CallSignal::Dialing {
                    to: "+4930901820".into(),
                    dialback: true,
                }),
            ),
            (
                r#"{"v":1,"type":"call.answered","call_id":"c1","at":"2026-11-21T10:00:00Z"}"#,
                Some(CallSignal::Answered),
            ),
            (
                r#"{"v":1,"type":"call.held","call_id":"c1"}"#,
                Some(CallSignal::Held),
            ),
            (
                r#"{"v":1,"type":"call.resumed","call_id":"c1"}"#,
                Some(CallSignal::Resumed),
            ),
            (
                r#"{"v":1,"type":"call.ended","call_id":"c1","reason":"caller hung up"}"#,
                Some(CallSignal::Hangup {
                    reason: Some("caller hung up".into()),
                    by: None,
                }),
            ),
            (
                r#"{"v":1,"type":"call.task_url","call_id":"c1","url":"https://acd.example.com/tasks/9"}"#,
                Some(CallSignal::AcdTaskUrl {
                    url: "https://acd.example.com/tasks/9".into(),
                }),
            ),
            (
                r#"{"v":1,"type":"call.ringing","call_id":"c1","from":""}"#,
                Some(CallSignal::Incoming {
                    from: String::new(),
                    queue: false,
                    queue_name: None,
                }),
            ),
            (r#"{"v":1,"type":"agent.state","state":"available"}"#, None),
            (r#"{"v":1,"type":"queue.stats","waiting":3}"#, None),
        ];
        for (text, want) in cases {
            let m = parse_platform(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(m.signal().map(|(_, s)| s), want, "{text}");
            if let Some((id, s)) = m.signal() {
                assert_eq!(id.0, "c1");
                // The simulator's direction gives the same message back.
                assert_eq!(PlatformMessage::from_signal(&id, &s), m, "{text}");
            }
        }
    }

    #[test]
    fn bad_messages_say_what_is_wrong() {
        let cases = [
            ("[1,2]", "not a JSON object"),
            ("{", "not a JSON object"),
            (
                r#"{"type":"call.answered","call_id":"c1"}"#,
                "version (none)",
            ),
            (
                r#"{"v":2,"type":"call.answered","call_id":"c1"}"#,
                "version 2",
            ),
            (
                r#"{"v":"1","type":"call.answered","call_id":"c1"}"#,
                "version \"1\"",
            ),
            (
                r#"{"v":1,"type":"call.answered"}"#,
                "missing field `call_id`",
            ),
            (
                r#"{"v":1,"type":"call.answered","call_id":""}"#,
                "`call_id` is empty",
            ),
            (
                r#"{"v":1,"type":"call.answered","call_id":7}"#,
                "invalid type",
            ),
            (
                r#"{"v":1,"type":"call.ringing","call_id":"c","from":"1\u0000"}"#,
                "control characters",
            ),
            (
                r#"{"v":1,"type":"call.dialing","call_id":"c","to":" "}"#,
                "`to` is empty",
            ),
            (
                r#"{"v":1,"type":"call.task_url","call_id":"c","url":"javascript:alert(1)"}"#,
                "http(s) URL",
            ),
            (r#"{"v":1,"call_id":"c"}"#, "missing field `type`"),
        ];
        for (text, want) in cases {
            let e = parse_platform(text).expect_err(text).to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let long = format!(
            r#"{{"v":1,"type":"x","pad":"{}"}}"#,
            "a".repeat(MAX_MESSAGE)
        );
        assert!(matches!(
            parse_platform(&long),
            Err(ProtocolError::TooLong(_))
        ));
    }

    /// Presence's part of version 1: the platform's list of states, a
    /// confirmed change with its cause, the id it answers and its time.
    #[test]
    fn agent_states_parse_with_cause_re_and_time() {
        let m = parse_platform(
            r#"{"v":1,"type":"agent.state","state":"lunch","cause":"ringside","re":9,"at":"2026-12-04T10:00:00.250Z"}"#,
        )
        .unwrap();
        let PlatformMessage::AgentState {
            state,
            cause,
            re,
            at,
            ..
        } = &m
        else {
            panic!("{m:?}")
        };
        assert_eq!(
            (state.as_str(), *cause, *re),
            ("lunch", Some(WireStateCause::Ringside), Some(9))
        );
        assert_eq!(
            state_time(at.as_deref()),
            ringside_core::time::parse_sf_datetime("2026-12-04T10:00:00.250Z").map(Millis)
        );
        // A cause of a newer platform is `Other`; the state still counts.
        let m = parse_platform(r#"{"v":1,"type":"agent.state","state":"away","cause":"robot"}"#)
            .unwrap();
        assert!(matches!(
            m,
            PlatformMessage::AgentState {
                cause: Some(WireStateCause::Other),
                ..
            }
        ));
        let list = parse_platform(
            r#"{"v":1,"type":"agent.states","states":["available","away","Lunch","Training"]}"#,
        )
        .unwrap();
        assert_eq!(
            list,
            PlatformMessage::AgentStates {
                states: vec![
                    "available".into(),
                    "away".into(),
                    "Lunch".into(),
                    "Training".into()
                ]
            }
        );
        for (text, want) in [
            (
                r#"{"v":1,"type":"agent.state","state":"away","at":"yesterday"}"#,
                "RFC 3339",
            ),
            (
                r#"{"v":1,"type":"agent.state","state":"away","re":-1}"#,
                "invalid value",
            ),
            (r#"{"v":1,"type":"agent.states","states":[""]}"#, "empty"),
            (r#"{"v":1,"type":"agent.states"}"#, "missing field `states`"),
        ] {
            let e = parse_platform(text).expect_err(text).to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let many = format!(
            r#"{{"v":1,"type":"agent.states","states":[{}]}}"#,
            vec!["\"s\""; MAX_STATES + 1].join(",")
        );
        assert!(parse_platform(&many).is_err());
        let long = format!(
            r#"{{"v":1,"type":"agent.set_state","id":3,"state":"{}"}}"#,
            "x".repeat(MAX_STATE + 1)
        );
        assert!(parse_ringside(&long).is_err());
    }

    /// Standard statuses have the platform's standard names both ways;
    /// every other name is the platform's own state.
    #[test]
    fn platform_state_names_map_to_telephony_statuses_and_back() {
        for s in PhoneStatus::STANDARD {
            assert_eq!(phone_status(&wire_state(&s)), s);
        }
        let own = PhoneStatus::Platform {
            name: "Lunch".into(),
        };
        assert_eq!(phone_status("Lunch"), own);
        assert_eq!(wire_state(&own), "Lunch");
        assert_eq!(phone_status("wrap_up"), PhoneStatus::AfterCallWork);
        assert_eq!(phone_status(" available "), PhoneStatus::Available);
    }

    #[test]
    fn ringside_messages_carry_the_version_and_read_back() {
        let m = RingsideMessage::DoNotLog {
            id: 7,
            call_id: "c1".into(),
            do_not_log: true,
        };
        let text = encode(&m);
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(v["v"], 1);
        assert_eq!(v["type"], "call.do_not_log");
        assert_eq!(parse_ringside(&text), Ok(m));
    }
}
