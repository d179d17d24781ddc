//! The baresip connector: one TCP connection to baresip's `ctrl_tcp`
//! (TCP_NODELAY, or every command stalls ~40 ms), netstring-framed JSON
//! both ways. Events become call signals through the tracker; commands are
//! aimed at their call with `callfind <id>` first; `listcalls` is polled to
//! reconcile. When baresip goes away the connector says so and reconnects
//! with backoff, keeping the calls it tracks; a control socket that keeps
//! being taken away means another controller is connected, and it says that.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::netstring::{encode, Decoder};
use super::protocol::{parse, Command, Message};
use super::tracker::{parse_listcalls, Tracker};
use crate::connector::{ConnectorCommand, ConnectorEvent, ConnectorHandle};
use ringside_core::link_down::{LinkDown, NetCause, Peer};

#[derive(Debug, Clone)]
pub struct BaresipConfig {
    /// baresip's `ctrl_tcp_listen` address.
    pub ctrl: SocketAddr,
    /// Host (and port) a bare number is dialled at: `sip:<number>@<domain>`.
    pub dial_domain: String,
    /// How often `listcalls` reconciles the tracked calls.
    pub poll: Duration,
}

/// Longest wait between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// A session shorter than this that baresip closed counts as taken away.
const SHORT_SESSION: Duration = Duration::from_secs(2);
/// Short sessions in a row before another controller is named as the cause.
const TAKEN_AWAY: u32 = 3;

pub fn spawn_baresip(config: BaresipConfig) -> ConnectorHandle {
    let (event_tx, events) = mpsc::channel(256);
    let (commands, cmd_rx) = mpsc::channel(64);
    tokio::spawn(run(config, event_tx, cmd_rx));
    ConnectorHandle {
        name: "baresip",
        events,
        commands,
    }
}

enum Ended {
    EngineGone,
    Closed(LinkDown),
}

async fn run(
    config: BaresipConfig,
    events: mpsc::Sender<ConnectorEvent>,
    mut commands: mpsc::Receiver<ConnectorCommand>,
) {
    let mut tracker = Tracker::default();
    let mut backoff = Duration::from_millis(100);
    let mut down_said = false;
    let mut short_sessions = 0u32;
    loop {
        match TcpStream::connect(config.ctrl).await {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                backoff = Duration::from_millis(100);
                if events.send(ConnectorEvent::Connected).await.is_err() {
                    return;
                }
                let began = tokio::time::Instant::now();
                match session(&config, stream, &mut tracker, &events, &mut commands).await {
                    Ended::EngineGone => return,
                    Ended::Closed(why) => {
                        short_sessions = if began.elapsed() < SHORT_SESSION {
                            short_sessions + 1
                        } else {
                            0
                        };
                        let reason = if short_sessions >= TAKEN_AWAY {
                            backoff = MAX_BACKOFF;
                            LinkDown::TakenOver
                        } else {
                            why
                        };
                        tracing::warn!(reason = %reason.clone().redacted(), "baresip control connection lost");
                        if events
                            .send(ConnectorEvent::Disconnected { reason })
                            .await
                            .is_err()
                        {
                            return;
                        }
                        down_said = true;
                    }
                }
            }
            Err(e) => {
                if !down_said {
                    down_said = true;
                    let reason = LinkDown::Unreachable {
                        peer: Peer::Baresip,
                        address: config.ctrl.to_string(),
                        cause: NetCause::from_io(&e),
                    };
                    if events
                        .send(ConnectorEvent::Disconnected { reason })
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            }
        }
        // Commands while baresip is away cannot be carried out.
        let wait = tokio::time::sleep(backoff);
        tokio::pin!(wait);
        loop {
            tokio::select! {
                _ = &mut wait => break,
                cmd = commands.recv() => match cmd {
                    // baresip has no use for the do-not-log flag.
                    Some(ConnectorCommand::DoNotLog { .. } | ConnectorCommand::SetAgentState { .. }) => {}
                    Some(_) => {
                        let failed = ConnectorEvent::CommandFailed {
                            detail: "baresip is not connected; the command was not sent".into(),
                        };
                        if events.send(failed).await.is_err() {
                            return;
                        }
                    }
                    None => return,
                },
            }
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

struct Writer {
    wr: OwnedWriteHalf,
    next: u64,
}

impl Writer {
    async fn send(
        &mut self,
        command: &str,
        params: Option<&str>,
        kind: &str,
    ) -> std::io::Result<()> {
        self.next += 1;
        let token = format!("{kind}{}", self.next);
        let body = serde_json::to_vec(&Command {
            command,
            params,
            token: &token,
        })
        .map_err(std::io::Error::other)?;
        self.wr.write_all(&encode(&body)).await
    }
}

async fn session(
    config: &BaresipConfig,
    stream: TcpStream,
    tracker: &mut Tracker,
    events: &mpsc::Sender<ConnectorEvent>,
    commands: &mut mpsc::Receiver<ConnectorCommand>,
) -> Ended {
    let (mut rd, wr) = stream.into_split();
    let mut w = Writer { wr, next: 0 };
    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 8192];
    let mut frames = Vec::new();
    let mut poll = tokio::time::interval(config.poll);
    // baresip answers in order: a `listcalls` sent before a command was
    // answered before the command took effect (a hold read just as the
    // call is resumed). Answers up to `fence` are stale and not acted on.
    let (mut polls_sent, mut polls_answered, mut fence) = (0u64, 0u64, 0u64);
    let io_lost = |e: std::io::Error| {
        Ended::Closed(LinkDown::Lost {
            peer: Peer::Baresip,
            cause: NetCause::from_io(&e),
            detail: None,
        })
    };
    loop {
        let mut out: Vec<ConnectorEvent> = Vec::new();
        tokio::select! {
            read = rd.read(&mut buf) => match read {
                Ok(0) => return Ended::Closed(LinkDown::Lost { peer: Peer::Baresip, cause: NetCause::Closed, detail: None }),
                Ok(n) => {
                    decoder.feed(&buf[..n], &mut frames);
                    for frame in frames.drain(..) {
                        match frame.map_err(|e| e.to_string()).and_then(|f| parse(&f).map_err(|e| e.to_string())) {
                            Ok(Message::Event(e)) => out.extend(
                                tracker.on_event(&e).into_iter().map(|(id, signal)| ConnectorEvent::Call { id, signal }),
                            ),
                            Ok(Message::Response(r)) if r.token.as_deref().is_some_and(|t| t.starts_with("lc")) => {
                                polls_answered += 1;
                                if polls_answered <= fence {
                                    continue;
                                }
                                out.extend(
                                    tracker
                                        .reconcile(&parse_listcalls(&r.data))
                                        .into_iter()
                                        .map(|(id, signal)| ConnectorEvent::Call { id, signal }),
                                );
                                out.push(ConnectorEvent::Reconciled);
                            }
                            Ok(Message::Response(r)) if !r.ok => out.push(ConnectorEvent::Malformed {
                                detail: format!("baresip refused a command: {}", r.data.trim()),
                            }),
                            Ok(Message::Response(_)) => {}
                            Err(detail) => out.push(ConnectorEvent::Malformed { detail }),
                        }
                    }
                }
                Err(e) => return io_lost(e),
            },
            cmd = commands.recv() => {
                let Some(cmd) = cmd else { return Ended::EngineGone };
                fence = polls_sent;
                if let Err(e) = execute(config, &mut w, tracker, cmd, &mut out).await {
                    return io_lost(e);
                }
            }
            _ = poll.tick() => {
                if let Err(e) = w.send("listcalls", None, "lc").await {
                    return io_lost(e);
                }
                polls_sent += 1;
            }
        }
        for e in out {
            if events.send(e).await.is_err() {
                return Ended::EngineGone;
            }
        }
    }
}

async fn execute(
    config: &BaresipConfig,
    w: &mut Writer,
    tracker: &mut Tracker,
    cmd: ConnectorCommand,
    out: &mut Vec<ConnectorEvent>,
) -> std::io::Result<()> {
    // baresip acts on its "current" call: select the call first.
    async fn aimed(w: &mut Writer, id: &str, command: &str) -> std::io::Result<()> {
        w.send("callfind", Some(id), "c").await?;
        w.send(command, None, "c").await
    }
    match cmd {
        ConnectorCommand::Dial { to, dialback } => {
            let uri = if to.contains(':') {
                to
            } else {
                let number: String = to.chars().filter(|c| !" -().".contains(*c)).collect();
                format!("sip:{number}@{}", config.dial_domain)
            };
            tracker.dialing(&uri, dialback);
            w.send("dial", Some(&uri), "c").await?;
        }
        ConnectorCommand::Answer { id } => aimed(w, &id.0, "accept").await?,
        ConnectorCommand::Hangup { id } => aimed(w, &id.0, "hangup").await?,
        ConnectorCommand::Hold { id } => {
            aimed(w, &id.0, "hold").await?;
            // No hold events in baresip 1.0.0: our command is the signal,
            // and `listcalls` corrects it if the phone disagrees.
            if let Some(signal) = tracker.set_held(&id, true) {
                out.push(ConnectorEvent::Call { id, signal });
            }
        }
        ConnectorCommand::Resume { id } => {
            aimed(w, &id.0, "resume").await?;
            if let Some(signal) = tracker.set_held(&id, false) {
                out.push(ConnectorEvent::Call { id, signal });
            }
        }
        ConnectorCommand::DoNotLog { .. } | ConnectorCommand::SetAgentState { .. } => {
            // baresip has no ACD to tell (DNL-6 applies to ACD connectors)
            // and no agent states (Ringside holds them).
        }
    }
    Ok(())
}
