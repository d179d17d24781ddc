//! A contact-centre platform that speaks the ACD socket protocol, on
//! 127.0.0.1: it rings calls on demand, answers Ringside's commands the way
//! a platform confirms them (by events), acks and records every do-not-log
//! flag (DNL-6). It keeps the agent's state as a platform does: its list of
//! states, Ringside's `agent.set_state` confirmed by `agent.state`, On a Call
//! during calls and After Call Work after them, and changes by the agent or
//! a supervisor on demand. `ringside acd-sim` plays the demo day through it;
//! tests and benches drive it through [`AcdProbe`].

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use ringside_core::{CallId, CallSignal};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::Message;

use super::connector::socket_config;
use super::protocol::{
    encode, parse_ringside, PlatformMessage, RingsideMessage, WireStateCause, SUBPROTOCOL,
};

/// What the simulator saw and can be told to do.
#[derive(Clone, Debug)]
pub struct AcdProbe {
    out: broadcast::Sender<Out>,
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    flags: Mutex<Vec<(CallId, bool)>>,
    commands: Mutex<Vec<RingsideMessage>>,
    live: Mutex<HashSet<String>>,
    sessions: AtomicUsize,
    next_call: AtomicU64,
    /// Off: flags are recorded but not acked (a platform that lags).
    ack_flags: AtomicBool,
    agent: Mutex<AgentStates>,
}

/// The agent's state on the simulated platform.
#[derive(Debug)]
struct AgentStates {
    state: String,
    /// The platform's list, standard names and its own.
    list: Vec<String>,
    /// Off: `agent.set_state` is acked but never carried out (a platform
    /// that loses requests).
    apply: bool,
}

/// The simulator's list of states: the standard ones and two of its own.
pub const SIM_STATES: [&str; 7] = [
    "available",
    "away",
    "busy",
    "after_call_work",
    "offline",
    "Lunch",
    "Training",
];

impl Default for AgentStates {
    fn default() -> AgentStates {
        AgentStates {
            state: "available".into(),
            list: SIM_STATES.iter().map(|s| s.to_string()).collect(),
            apply: true,
        }
    }
}

/// Now, as `agent.state`'s `at` (RFC 3339, UTC).
fn now_rfc3339() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    ringside_core::time::format_sf_datetime(ms).replace("+0000", "Z")
}

#[derive(Clone, Debug)]
enum Out {
    Text(String),
    /// Drop every session (the platform restarts or the network blips).
    Drop,
}

pub struct AcdSimulator {
    /// `ws://127.0.0.1:<port>/agent`
    pub url: String,
    pub probe: AcdProbe,
}

/// Serves the protocol on `addr` (port 0 picks one) until the runtime ends.
pub async fn start_acd_simulator(addr: SocketAddr) -> std::io::Result<AcdSimulator> {
    let listener = TcpListener::bind(addr).await?;
    let url = format!("ws://{}/agent", listener.local_addr()?);
    // Roomy: flood tests queue tens of thousands of events at once.
    let (out, _) = broadcast::channel(32_768);
    let probe = AcdProbe {
        out,
        shared: Arc::new(Shared {
            ack_flags: AtomicBool::new(true),
            ..Default::default()
        }),
    };
    let serving = probe.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(session(stream, serving.clone()));
        }
    });
    Ok(AcdSimulator { url, probe })
}

impl AcdProbe {
    /// Sends a call event to every connected Ringside. A call connecting
    /// puts the agent On a Call; the last one ending, in After Call Work.
    pub fn emit(&self, id: &CallId, signal: &CallSignal) {
        let (talking_before, talking_after) = {
            let mut live = self.shared.live.lock().unwrap_or_else(|p| p.into_inner());
            let before = !live.is_empty();
            match signal {
                CallSignal::Hangup { .. } => live.remove(&id.0),
                _ => live.insert(id.0.clone()),
            };
            (before, !live.is_empty())
        };
        self.send(&PlatformMessage::from_signal(id, signal));
        let connects = matches!(signal, CallSignal::Answered | CallSignal::Dialing { .. });
        if connects && self.state() != "on_call" {
            self.change_state("on_call", WireStateCause::Call);
        } else if talking_before && !talking_after && self.state() == "on_call" {
            self.change_state("after_call_work", WireStateCause::Call);
        }
    }

    /// A state change without a cause (an older platform's message).
    pub fn agent_state(&self, state: &str) {
        self.agent().state = state.to_string();
        self.send(&PlatformMessage::AgentState {
            state: state.into(),
            reason: None,
            cause: None,
            re: None,
            at: None,
        });
    }

    /// The agent's state changes on the platform: by the agent, a
    /// supervisor, a timeout … told to every connected Ringside.
    pub fn change_state(&self, state: &str, cause: WireStateCause) {
        self.agent().state = state.to_string();
        self.send(&state_message(state, Some(cause), None));
    }

    /// The agent's state now.
    pub fn state(&self) -> String {
        self.agent().state.clone()
    }

    /// Off: Ringside's state requests are acked and not carried out.
    pub fn set_apply_states(&self, on: bool) {
        self.agent().apply = on;
    }

    fn agent(&self) -> std::sync::MutexGuard<'_, AgentStates> {
        self.shared.agent.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Any text, as a broken platform might send.
    pub fn send_raw(&self, text: &str) {
        let _ = self.out.send(Out::Text(text.to_string()));
    }

    fn send(&self, m: &PlatformMessage) {
        let _ = self.out.send(Out::Text(encode(m)));
    }

    /// Closes every session; Ringside is expected to come back.
    pub fn drop_sessions(&self) {
        let _ = self.out.send(Out::Drop);
    }

    pub fn set_ack_flags(&self, on: bool) {
        self.shared.ack_flags.store(on, Ordering::SeqCst);
    }

    /// Every do-not-log flag received, in order (DNL-6).
    pub fn flags(&self) -> Vec<(CallId, bool)> {
        self.shared
            .flags
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Every call command received, in order.
    pub fn commands(&self) -> Vec<RingsideMessage> {
        self.shared
            .commands
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Sessions open now (past the welcome).
    pub fn sessions(&self) -> usize {
        self.shared.sessions.load(Ordering::SeqCst)
    }

    /// A fresh id for a call the platform places or rings: `acd-1`, …
    pub fn new_call_id(&self) -> CallId {
        CallId(format!(
            "acd-{}",
            self.shared.next_call.fetch_add(1, Ordering::SeqCst) + 1
        ))
    }

    fn is_live(&self, call: &str) -> bool {
        self.shared
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(call)
    }
}

/// Offers the protocol only to clients that ask for it by name.
#[allow(clippy::result_large_err)] // the handshake callback's signature
fn pick_subprotocol(req: &Request, mut resp: Response) -> Result<Response, ErrorResponse> {
    let asked = req
        .headers()
        .get_all("Sec-WebSocket-Protocol")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim() == SUBPROTOCOL);
    if !asked {
        let mut refusal = ErrorResponse::new(Some(format!(
            "this socket speaks the {SUBPROTOCOL} subprotocol only"
        )));
        *refusal.status_mut() = StatusCode::BAD_REQUEST;
        return Err(refusal);
    }
    resp.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static(SUBPROTOCOL),
    );
    Ok(resp)
}

async fn session(stream: TcpStream, probe: AcdProbe) {
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async_with_config(
        stream,
        pick_subprotocol,
        Some(socket_config()),
    )
    .await
    else {
        return;
    };
    // The hello first: the session opens with the welcome.
    let agent = loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) => match parse_ringside(&t) {
                Ok(RingsideMessage::Hello { agent, .. }) => break agent,
                Ok(_) => continue,
                Err(e) => {
                    let refusal = PlatformMessage::Error {
                        re: None,
                        code: "bad_hello".into(),
                        message: e.to_string(),
                    };
                    let _ = ws.send(Message::text(encode(&refusal))).await;
                    let _ = ws.close(None).await;
                    return;
                }
            },
            Some(Ok(_)) => continue,
            _ => return,
        }
    };
    let mut out = probe.out.subscribe();
    let welcome = PlatformMessage::Welcome {
        platform: "Ringside ACD simulator".into(),
        agent,
    };
    if ws.send(Message::text(encode(&welcome))).await.is_err() {
        return;
    }
    // The agent's states, and the one it is in, as a platform reports
    // them to a new session.
    let (list, state) = {
        let a = probe.agent();
        (a.list.clone(), a.state.clone())
    };
    let states = PlatformMessage::AgentStates { states: list };
    let now = state_message(&state, Some(WireStateCause::System), None);
    for m in [states, now] {
        if ws.send(Message::text(encode(&m))).await.is_err() {
            return;
        }
    }
    probe.shared.sessions.fetch_add(1, Ordering::SeqCst);
    loop {
        tokio::select! {
            frame = ws.next() => match frame {
                Some(Ok(Message::Text(t))) => {
                    for reply in answer(&probe, &t) {
                        if ws.send(Message::text(reply)).await.is_err() {
                            break;
                        }
                    }
                }
                Some(Ok(_)) => {}
                _ => break,
            },
            msg = out.recv() => match msg {
                Ok(Out::Text(t)) => {
                    if ws.send(Message::text(t)).await.is_err() {
                        break;
                    }
                }
                Ok(Out::Drop) => {
                    let _ = ws.close(None).await;
                    break;
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => break,
            },
        }
    }
    probe.shared.sessions.fetch_sub(1, Ordering::SeqCst);
}

/// The platform's replies to one Ringside message: an ack (or error), and
/// for call commands the event that confirms them, sent to every session.
fn answer(probe: &AcdProbe, text: &str) -> Vec<String> {
    let m = match parse_ringside(text) {
        Ok(m) => m,
        Err(e) => {
            return vec![encode(&PlatformMessage::Error {
                re: None,
                code: "bad_message".into(),
                message: e.to_string(),
            })]
        }
    };
    let re = m.id();
    let ack = encode(&PlatformMessage::Ack { re });
    let unknown = |call: &str| {
        encode(&PlatformMessage::Error {
            re: Some(re),
            code: "unknown_call".into(),
            message: format!("no call {call} on this platform"),
        })
    };
    probe
        .shared
        .commands
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(m.clone());
    let (call, signal) = match &m {
        RingsideMessage::Hello { .. } => return vec![],
        RingsideMessage::SetState { state, .. } => {
            let (known, apply) = {
                let a = probe.agent();
                (a.list.contains(state), a.apply)
            };
            if !known {
                return vec![encode(&PlatformMessage::Error {
                    re: Some(re),
                    code: "unknown_state".into(),
                    message: format!("no state {state} on this platform"),
                })];
            }
            if apply {
                probe.agent().state = state.clone();
                probe.send(&state_message(
                    state,
                    Some(WireStateCause::Ringside),
                    Some(re),
                ));
            }
            return vec![ack];
        }
        RingsideMessage::DoNotLog {
            call_id,
            do_not_log,
            ..
        } => {
            probe
                .shared
                .flags
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((CallId(call_id.clone()), *do_not_log));
            return if probe.shared.ack_flags.load(Ordering::SeqCst) {
                vec![ack]
            } else {
                vec![]
            };
        }
        RingsideMessage::Dial { to, dialback, .. } => (
            probe.new_call_id(),
            CallSignal::Dialing {
                to: to.clone(),
                dialback: *dialback,
            },
        ),
        RingsideMessage::Answer { call_id, .. } => (CallId(call_id.clone()), CallSignal::Answered),
        RingsideMessage::Hold { call_id, .. } => (CallId(call_id.clone()), CallSignal::Held),
        RingsideMessage::Resume { call_id, .. } => (CallId(call_id.clone()), CallSignal::Resumed),
        RingsideMessage::Hangup { call_id, .. } => (
            CallId(call_id.clone()),
            CallSignal::Hangup {
                reason: Some("agent hung up".into()),
                by: Some(ringside_core::EndedBy::Agent),
            },
        ),
    };
    if !matches!(signal, CallSignal::Dialing { .. }) && !probe.is_live(&call.0) {
        return vec![unknown(&call.0)];
    }
    probe.emit(&call, &signal);
    vec![ack]
}

fn state_message(state: &str, cause: Option<WireStateCause>, re: Option<u64>) -> PlatformMessage {
    PlatformMessage::AgentState {
        state: state.into(),
        reason: None,
        cause,
        re,
        at: Some(now_rfc3339()),
    }
}
