//! Ringside's end of the ACD event socket: a WebSocket client to the
//! platform. Call events become signals; call commands and every change of
//! the do-not-log flag (DNL-6) go out at once, each acked by the platform.
//! A flag not yet acked when the socket drops is sent again after the
//! reconnect, so the platform never keeps a stale one.

use std::collections::BTreeMap;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::protocol::{
    encode, parse_platform, phone_status, state_time, wire_state, PlatformMessage, RingsideMessage,
    WireStateCause, MAX_MESSAGE, SUBPROTOCOL,
};
use crate::connector::{ConnectorCommand, ConnectorEvent, ConnectorHandle, StateCause};
use crate::plain_error::websocket_cause;
use ringside_core::link_down::{LinkDown, NetCause, Peer};

#[derive(Debug, Clone)]
pub struct AcdConfig {
    /// The platform's socket, `ws://` or `wss://`.
    pub url: String,
    /// The agent's id on the platform.
    pub agent: String,
}

const MAX_BACKOFF: Duration = Duration::from_secs(5);
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);
const PING_EVERY: Duration = Duration::from_secs(20);
/// Silence this long (no frame, not even a pong) means the link is dead.
const SILENT_LIMIT: Duration = Duration::from_secs(60);
/// Unacked flags kept for resending; the oldest go first beyond this.
const MAX_PENDING_FLAGS: usize = 1_000;
/// State requests awaiting the platform's confirmation.
const MAX_PENDING_STATES: usize = 64;
const NOT_CONNECTED: &str = "the contact-centre platform is not connected";

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub fn socket_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE))
}

pub fn spawn_acd(config: AcdConfig) -> ConnectorHandle {
    let (event_tx, events) = mpsc::channel(256);
    let (commands, cmd_rx) = mpsc::channel(64);
    tokio::spawn(
        Client {
            config,
            events: event_tx,
            next_id: 0,
            flags: BTreeMap::new(),
            states: BTreeMap::new(),
        }
        .run(cmd_rx),
    );
    ConnectorHandle {
        name: "acd",
        events,
        commands,
    }
}

enum Ended {
    EngineGone,
    Closed(LinkDown),
}

struct Client {
    config: AcdConfig,
    events: mpsc::Sender<ConnectorEvent>,
    next_id: u64,
    /// The latest do-not-log flag per call not yet acked: (message id, ticked).
    flags: BTreeMap<String, (u64, bool)>,
    /// `agent.set_state` sent and not yet confirmed: message id → tag.
    states: BTreeMap<u64, u64>,
}

impl Client {
    async fn run(mut self, mut commands: mpsc::Receiver<ConnectorCommand>) {
        let mut backoff = Duration::from_millis(100);
        let mut said_down = false;
        loop {
            let why = match self.connect().await {
                Ok(socket) => {
                    let began = Instant::now();
                    match self.session(socket, &mut commands).await {
                        Ended::EngineGone => return,
                        Ended::Closed(why) => {
                            // No confirmation will come for these now.
                            if !self.refuse_pending_states().await {
                                return;
                            }
                            // A platform that drops us at once is not hammered.
                            if began.elapsed() > Duration::from_secs(2) {
                                backoff = Duration::from_millis(100);
                            }
                            said_down = false;
                            why
                        }
                    }
                }
                Err(why) => why,
            };
            if !said_down {
                // The platform's words: numbers in them are redacted.
                tracing::warn!(reason = %why.clone().redacted(), "ACD socket down; reconnecting");
                let down = ConnectorEvent::Disconnected { reason: why };
                if self.events.send(down).await.is_err() {
                    return;
                }
                said_down = true;
            }
            // Commands keep arriving while down: flags wait, the rest fail.
            let wake = Instant::now() + backoff;
            loop {
                tokio::select! {
                    _ = tokio::time::sleep_until(wake) => break,
                    cmd = commands.recv() => match cmd {
                        None => return,
                        Some(cmd) => {
                            let failed = match self.message(cmd) {
                                RingsideMessage::DoNotLog { .. } => continue,
                                RingsideMessage::SetState { id, .. } => match self.states.remove(&id) {
                                    Some(tag) => ConnectorEvent::AgentStateRefused {
                                        tag,
                                        detail: NOT_CONNECTED.into(),
                                    },
                                    None => continue,
                                },
                                _ => ConnectorEvent::CommandFailed {
                                    detail: NOT_CONNECTED.into(),
                                },
                            };
                            if self.events.send(failed).await.is_err() {
                                return;
                            }
                        }
                    },
                }
            }
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    async fn connect(&self) -> Result<Socket, LinkDown> {
        let mut request = self
            .config
            .url
            .as_str()
            .into_client_request()
            .map_err(|e| LinkDown::BadAddress {
                detail: e.to_string(),
            })?;
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static(SUBPROTOCOL),
        );
        let (socket, _) = tokio::time::timeout(
            HELLO_TIMEOUT,
            tokio_tungstenite::connect_async_with_config(request, Some(socket_config()), true),
        )
        .await
        .map_err(|_| LinkDown::Silent {
            peer: Peer::Platform,
            seconds: HELLO_TIMEOUT.as_secs(),
        })?
        .map_err(|e| LinkDown::Unreachable {
            peer: Peer::Platform,
            address: self.config.url.clone(),
            cause: websocket_cause(&e),
        })?;
        Ok(socket)
    }

    /// The next message id and the message for a command; a flag is kept
    /// until acked.
    fn message(&mut self, cmd: ConnectorCommand) -> RingsideMessage {
        self.next_id += 1;
        let id = self.next_id;
        match cmd {
            ConnectorCommand::DoNotLog { id: call, ticked } => {
                if self.flags.len() >= MAX_PENDING_FLAGS && !self.flags.contains_key(&call.0) {
                    let oldest = self.flags.iter().min_by_key(|(_, (id, _))| *id);
                    if let Some(k) = oldest.map(|(k, _)| k.clone()) {
                        self.flags.remove(&k);
                    }
                }
                self.flags.insert(call.0.clone(), (id, ticked));
                RingsideMessage::DoNotLog {
                    id,
                    call_id: call.0,
                    do_not_log: ticked,
                }
            }
            ConnectorCommand::Answer { id: call } => RingsideMessage::Answer {
                id,
                call_id: call.0,
            },
            ConnectorCommand::Hold { id: call } => RingsideMessage::Hold {
                id,
                call_id: call.0,
            },
            ConnectorCommand::Resume { id: call } => RingsideMessage::Resume {
                id,
                call_id: call.0,
            },
            ConnectorCommand::Hangup { id: call } => RingsideMessage::Hangup {
                id,
                call_id: call.0,
            },
            ConnectorCommand::Dial { to, dialback } => RingsideMessage::Dial { id, to, dialback },
            ConnectorCommand::SetAgentState { status, tag } => {
                // Only the newest requests are awaited; older ones are the
                // engine's to time out.
                while self.states.len() >= MAX_PENDING_STATES {
                    self.states.pop_first();
                }
                self.states.insert(id, tag);
                RingsideMessage::SetState {
                    id,
                    state: wire_state(&status),
                }
            }
        }
    }

    /// Tells the engine no confirmation will come for the state requests
    /// in flight; `false` once the engine is gone.
    async fn refuse_pending_states(&mut self) -> bool {
        for (_, tag) in std::mem::take(&mut self.states) {
            let refused = ConnectorEvent::AgentStateRefused {
                tag,
                detail: NOT_CONNECTED.into(),
            };
            if self.events.send(refused).await.is_err() {
                return false;
            }
        }
        true
    }

    async fn session(
        &mut self,
        mut socket: Socket,
        commands: &mut mpsc::Receiver<ConnectorCommand>,
    ) -> Ended {
        self.next_id += 1;
        let hello = RingsideMessage::Hello {
            id: self.next_id,
            client: "ringside".into(),
            client_version: env!("CARGO_PKG_VERSION").into(),
            agent: self.config.agent.clone(),
        };
        if let Err(e) = socket.send(Message::text(encode(&hello))).await {
            return Ended::Closed(lost(&e));
        }
        match tokio::time::timeout(HELLO_TIMEOUT, welcome(&mut socket)).await {
            Ok(Ok(platform)) => {
                tracing::info!(platform = %ringside_core::untrusted::one_line(&platform), "ACD socket open")
            }
            Ok(Err(why)) => return Ended::Closed(why),
            Err(_) => {
                return Ended::Closed(LinkDown::Silent {
                    peer: Peer::Platform,
                    seconds: HELLO_TIMEOUT.as_secs(),
                })
            }
        }
        if self.events.send(ConnectorEvent::Connected).await.is_err() {
            return Ended::EngineGone;
        }
        // Flags the platform may not have: sent again, latest per call.
        let resend: Vec<_> = self
            .flags
            .iter()
            .map(|(call, (id, ticked))| RingsideMessage::DoNotLog {
                id: *id,
                call_id: call.clone(),
                do_not_log: *ticked,
            })
            .collect();
        for m in resend {
            if let Err(e) = socket.send(Message::text(encode(&m))).await {
                return Ended::Closed(lost(&e));
            }
        }
        let mut ping = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
        let mut heard = Instant::now();
        loop {
            tokio::select! {
                frame = socket.next() => {
                    heard = Instant::now();
                    let text = match frame {
                        Some(Ok(Message::Text(t))) => t,
                        Some(Ok(Message::Close(c))) => {
                            let why = c.map(|c| c.reason.to_string()).filter(|r| !r.is_empty());
                            return Ended::Closed(LinkDown::Lost {
                                peer: Peer::Platform,
                                cause: NetCause::Closed,
                                detail: why,
                            });
                        }
                        Some(Ok(Message::Binary(_))) => {
                            if !self.malformed("a binary frame (the protocol is JSON text)".into()).await {
                                return Ended::EngineGone;
                            }
                            continue;
                        }
                        Some(Ok(_)) => continue,
                        Some(Err(e)) => return Ended::Closed(lost(&e)),
                        None => return Ended::Closed(LinkDown::Lost {
                            peer: Peer::Platform,
                            cause: NetCause::Closed,
                            detail: None,
                        }),
                    };
                    if !self.on_text(&text).await {
                        return Ended::EngineGone;
                    }
                }
                cmd = commands.recv() => {
                    let Some(cmd) = cmd else { return Ended::EngineGone };
                    let m = self.message(cmd);
                    if let Err(e) = socket.send(Message::text(encode(&m))).await {
                        return Ended::Closed(lost(&e));
                    }
                }
                _ = ping.tick() => {
                    if heard.elapsed() > SILENT_LIMIT {
                        return Ended::Closed(LinkDown::Silent {
                            peer: Peer::Platform,
                            seconds: SILENT_LIMIT.as_secs(),
                        });
                    }
                    if let Err(e) = socket.send(Message::Ping(Default::default())).await {
                        return Ended::Closed(lost(&e));
                    }
                }
            }
        }
    }

    /// Handles one platform message; `false` once the engine is gone.
    async fn on_text(&mut self, text: &str) -> bool {
        let m = match parse_platform(text) {
            Ok(m) => m,
            Err(e) => return self.malformed(e.to_string()).await,
        };
        if let Some((id, signal)) = m.signal() {
            return self
                .events
                .send(ConnectorEvent::Call { id, signal })
                .await
                .is_ok();
        }
        let event = match m {
            PlatformMessage::AgentState {
                state,
                cause,
                re,
                at,
                ..
            } => ConnectorEvent::AgentState {
                status: phone_status(&state),
                state,
                cause: state_cause(cause),
                tag: re.and_then(|re| self.states.remove(&re)),
                at: state_time(at.as_deref()),
            },
            PlatformMessage::AgentStates { states } => {
                let mut list = Vec::new();
                for s in states.iter().map(|s| phone_status(s)) {
                    if !list.contains(&s) {
                        list.push(s);
                    }
                }
                ConnectorEvent::AgentStates { states: list }
            }
            PlatformMessage::Ack { re } => {
                self.flags.retain(|_, (id, _)| *id != re);
                return true;
            }
            PlatformMessage::Error { re, code, message } => {
                let detail = format!("the contact-centre platform refused ({code}): {message}");
                // A refused flag is not sent again: the platform said why.
                if let Some(re) = re {
                    self.flags.retain(|_, (id, _)| *id != re);
                    if let Some(tag) = self.states.remove(&re) {
                        let refused = ConnectorEvent::AgentStateRefused { tag, detail };
                        return self.events.send(refused).await.is_ok();
                    }
                }
                ConnectorEvent::CommandFailed { detail }
            }
            _ => return true,
        };
        self.events.send(event).await.is_ok()
    }

    async fn malformed(&self, detail: String) -> bool {
        self.events
            .send(ConnectorEvent::Malformed { detail })
            .await
            .is_ok()
    }
}

/// Waits for `welcome`; the platform's name, or why the session cannot open.
async fn welcome(socket: &mut Socket) -> Result<String, LinkDown> {
    while let Some(frame) = socket.next().await {
        let text = match frame {
            Ok(Message::Text(t)) => t,
            Ok(Message::Close(_)) => break,
            Ok(_) => continue,
            Err(e) => return Err(lost(&e)),
        };
        match parse_platform(&text) {
            Ok(PlatformMessage::Welcome { platform, .. }) => return Ok(platform),
            Ok(PlatformMessage::Error { code, message, .. }) => {
                return Err(LinkDown::Refused {
                    reason: code,
                    message,
                })
            }
            Ok(_) => continue,
            Err(e) => {
                return Err(LinkDown::OutOfTurn {
                    detail: e.to_string(),
                })
            }
        }
    }
    Err(LinkDown::Lost {
        peer: Peer::Platform,
        cause: NetCause::Closed,
        detail: None,
    })
}

/// The socket failed mid-session.
fn lost(e: &tokio_tungstenite::tungstenite::Error) -> LinkDown {
    LinkDown::Lost {
        peer: Peer::Platform,
        cause: websocket_cause(e),
        detail: None,
    }
}

fn state_cause(cause: Option<WireStateCause>) -> StateCause {
    match cause {
        Some(WireStateCause::Agent) => StateCause::Agent,
        Some(WireStateCause::Supervisor) => StateCause::Supervisor,
        Some(WireStateCause::Timeout) => StateCause::Timeout,
        Some(WireStateCause::Ringside) => StateCause::Ringside,
        Some(WireStateCause::Call) => StateCause::Call,
        Some(WireStateCause::System | WireStateCause::Other) | None => StateCause::Platform,
    }
}
