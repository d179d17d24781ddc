#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The ACD event socket end to end on loopback: Ringside's connector against
//! the platform simulator, both speaking docs/ACD-PROTOCOL.md.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use ringside_core::link_down::{LinkDown, NetCause, Peer};
use ringside_core::presence::PhoneStatus;
use ringside_core::{CallId, CallSignal};
use ringside_softphone::acd::connector::{spawn_acd, AcdConfig};
use ringside_softphone::acd::protocol::{WireStateCause, MAX_MESSAGE};
use ringside_softphone::acd::simulator::{start_acd_simulator, AcdProbe, AcdSimulator, SIM_STATES};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle, StateCause};
use tokio_tungstenite::tungstenite::Message;

async fn pair() -> (AcdSimulator, ConnectorHandle) {
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let mut h = spawn_acd(AcdConfig {
        url: sim.url.clone(),
        agent: "agent-42".into(),
    });
    assert_eq!(next(&mut h).await, ConnectorEvent::Connected);
    (sim, h)
}

/// The next event, the platform's agent states aside.
async fn next(h: &mut ConnectorHandle) -> ConnectorEvent {
    loop {
        match any(h).await {
            ConnectorEvent::AgentState { .. } | ConnectorEvent::AgentStates { .. } => {}
            e => return e,
        }
    }
}

/// The next agent state event.
async fn next_state(h: &mut ConnectorHandle) -> ConnectorEvent {
    loop {
        let e = any(h).await;
        if matches!(
            e,
            ConnectorEvent::AgentState { .. } | ConnectorEvent::AgentStateRefused { .. }
        ) {
            return e;
        }
    }
}

async fn any(h: &mut ConnectorHandle) -> ConnectorEvent {
    tokio::time::timeout(Duration::from_secs(10), h.events.recv())
        .await
        .expect("an event in time")
        .expect("the connector runs")
}

async fn until(what: &str, ok: impl Fn() -> bool) {
    tokio::time::timeout(Duration::from_secs(10), async {
        while !ok() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
}

fn call(id: &str, signal: CallSignal) -> ConnectorEvent {
    ConnectorEvent::Call {
        id: CallId(id.into()),
        signal,
    }
}

fn flags(p: &AcdProbe) -> Vec<(String, bool)> {
    p.flags().into_iter().map(|(c, f)| (c.0, f)).collect()
}

#[tokio::test]
async fn platform_events_become_call_signals_and_agent_state() {
    let (sim, mut h) = pair().await;
    let id = CallId("c-1".into());
    let steps = [
        CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: true,
            queue_name: None,
        },
        CallSignal::AcdTaskUrl {
            url: "https://acd.example.com/tasks/1".into(),
        },
        CallSignal::Answered,
        CallSignal::Held,
        CallSignal::Resumed,
        CallSignal::Hangup {
            reason: Some("caller hung up".into()),
            by: None,
        },
    ];
    for s in &steps {
        sim.probe.emit(&id, s);
        assert_eq!(next(&mut h).await, call("c-1", s.clone()));
    }
    sim.probe.agent_state("wrap_up");
    let ConnectorEvent::AgentState { state, status, .. } = last_state(&mut h, "wrap_up").await
    else {
        unreachable!()
    };
    assert_eq!(
        (state.as_str(), status),
        ("wrap_up", PhoneStatus::AfterCallWork)
    );
}

/// The state events up to the one in `state`, which is returned.
async fn last_state(h: &mut ConnectorHandle, want: &str) -> ConnectorEvent {
    loop {
        let e = next_state(h).await;
        if matches!(&e, ConnectorEvent::AgentState { state, .. } if state == want) {
            return e;
        }
    }
}

/// Section 6 over the socket: the platform's list and state on connect, a
/// state set from Ringside confirmed with its tag, a call's On a Call and
/// After Call Work, a supervisor's change with its cause, and requests the
/// platform refuses or cannot get.
#[tokio::test]
async fn agent_states_are_listed_set_confirmed_and_refused() {
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let mut h = spawn_acd(AcdConfig {
        url: sim.url.clone(),
        agent: "agent-42".into(),
    });
    assert_eq!(any(&mut h).await, ConnectorEvent::Connected);
    let ConnectorEvent::AgentStates { states } = any(&mut h).await else {
        panic!("the list first")
    };
    assert_eq!(states.len(), SIM_STATES.len());
    assert!(states.contains(&PhoneStatus::Platform {
        name: "Lunch".into()
    }));
    let ConnectorEvent::AgentState {
        status,
        cause,
        tag,
        at,
        ..
    } = any(&mut h).await
    else {
        panic!("then the state")
    };
    assert_eq!(
        (status, cause, tag),
        (PhoneStatus::Available, StateCause::Platform, None)
    );
    assert!(at.is_some(), "the platform says when");

    let lunch = PhoneStatus::Platform {
        name: "Lunch".into(),
    };
    h.commands
        .send(ConnectorCommand::SetAgentState {
            status: lunch.clone(),
            tag: 41,
        })
        .await
        .unwrap();
    let ConnectorEvent::AgentState {
        status, cause, tag, ..
    } = next_state(&mut h).await
    else {
        panic!("confirmed")
    };
    assert_eq!(
        (status, cause, tag),
        (lunch, StateCause::Ringside, Some(41))
    );
    assert_eq!(sim.probe.state(), "Lunch");

    // A state the platform does not have is refused, with its tag.
    h.commands
        .send(ConnectorCommand::SetAgentState {
            status: PhoneStatus::Platform {
                name: "Coffee".into(),
            },
            tag: 42,
        })
        .await
        .unwrap();
    let ConnectorEvent::AgentStateRefused { tag, detail } = next_state(&mut h).await else {
        panic!("refused")
    };
    assert_eq!(tag, 42);
    assert!(detail.contains("unknown_state"), "{detail}");

    // A call: On a Call while it is connected, After Call Work after.
    let id = CallId("c-9".into());
    for s in [
        CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: false,
            queue_name: None,
        },
        CallSignal::Answered,
    ] {
        sim.probe.emit(&id, &s);
    }
    let ConnectorEvent::AgentState { status, cause, .. } = next_state(&mut h).await else {
        unreachable!()
    };
    assert_eq!((status, cause), (PhoneStatus::OnACall, StateCause::Call));
    sim.probe.emit(
        &id,
        &CallSignal::Hangup {
            reason: None,
            by: None,
        },
    );
    let ConnectorEvent::AgentState { status, .. } = next_state(&mut h).await else {
        unreachable!()
    };
    assert_eq!(status, PhoneStatus::AfterCallWork);

    sim.probe.change_state("busy", WireStateCause::Supervisor);
    let ConnectorEvent::AgentState { status, cause, .. } = next_state(&mut h).await else {
        unreachable!()
    };
    assert_eq!((status, cause), (PhoneStatus::Busy, StateCause::Supervisor));

    // A request in flight when the socket drops is refused at once, and
    // one made while down too: no confirmation can come for either.
    sim.probe.set_apply_states(false);
    h.commands
        .send(ConnectorCommand::SetAgentState {
            status: PhoneStatus::Available,
            tag: 43,
        })
        .await
        .unwrap();
    until("the request", || {
        sim.probe.commands().iter().any(|c| c.id() > 0 && matches!(c, ringside_softphone::acd::protocol::RingsideMessage::SetState { state, .. } if state == "available"))
    })
    .await;
    sim.probe.drop_sessions();
    assert!(matches!(
        next_state(&mut h).await,
        ConnectorEvent::AgentStateRefused { tag: 43, .. }
    ));
    h.commands
        .send(ConnectorCommand::SetAgentState {
            status: PhoneStatus::Available,
            tag: 44,
        })
        .await
        .unwrap();
    let refused = next_state(&mut h).await;
    // The reconnect may win the race: then the request went out.
    if !matches!(refused, ConnectorEvent::AgentStateRefused { tag: 44, .. }) {
        assert!(
            matches!(refused, ConnectorEvent::AgentState { .. }),
            "{refused:?}"
        );
    }
}

#[tokio::test]
async fn commands_are_confirmed_by_events_and_refusals_are_said() {
    let (sim, mut h) = pair().await;
    let id = CallId("c-2".into());
    sim.probe.emit(
        &id,
        &CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: false,
            queue_name: None,
        },
    );
    next(&mut h).await;
    for (cmd, want) in [
        (
            ConnectorCommand::Answer { id: id.clone() },
            CallSignal::Answered,
        ),
        (ConnectorCommand::Hold { id: id.clone() }, CallSignal::Held),
        (
            ConnectorCommand::Resume { id: id.clone() },
            CallSignal::Resumed,
        ),
        (
            ConnectorCommand::Hangup { id: id.clone() },
            CallSignal::Hangup {
                reason: Some("agent hung up".into()),
                by: Some(ringside_core::EndedBy::Agent),
            },
        ),
    ] {
        h.commands.send(cmd).await.unwrap();
        assert_eq!(next(&mut h).await, call("c-2", want));
    }
    h.commands
        .send(ConnectorCommand::Dial {
            to: "+4930901820".into(),
            dialback: true,
        })
        .await
        .unwrap();
    let ConnectorEvent::Call { signal, .. } = next(&mut h).await else {
        panic!("a dialling event")
    };
    assert_eq!(
        signal,
        CallSignal::Dialing {
            to: "+4930901820".into(),
            dialback: true
        }
    );
    // The call is over: the platform refuses, and the agent is told why.
    h.commands
        .send(ConnectorCommand::Answer { id })
        .await
        .unwrap();
    let ConnectorEvent::CommandFailed { detail } = next(&mut h).await else {
        panic!("a refusal")
    };
    assert!(detail.contains("unknown_call"), "{detail}");
    let kinds: Vec<_> = sim
        .probe
        .commands()
        .iter()
        .map(|m| serde_json::to_value(m).unwrap()["type"].clone())
        .collect();
    assert_eq!(
        kinds,
        [
            "call.answer",
            "call.hold",
            "call.resume",
            "call.hangup",
            "call.dial",
            "call.answer"
        ]
    );
}

/// DNL-6: every change reaches the platform at once and in order; one it
/// had not acked when the socket dropped is sent again after the reconnect.
#[tokio::test]
async fn dnl_6_every_flag_change_reaches_the_platform_even_across_a_drop() {
    let (sim, mut h) = pair().await;
    let id = CallId("c-3".into());
    for ticked in [true, false, true] {
        h.commands
            .send(ConnectorCommand::DoNotLog {
                id: id.clone(),
                ticked,
            })
            .await
            .unwrap();
    }
    until("three flags", || sim.probe.flags().len() == 3).await;
    assert_eq!(
        flags(&sim.probe),
        [
            ("c-3".into(), true),
            ("c-3".into(), false),
            ("c-3".into(), true)
        ]
    );

    // The platform stops acking, gets a flag, and drops the socket.
    sim.probe.set_ack_flags(false);
    h.commands
        .send(ConnectorCommand::DoNotLog {
            id: id.clone(),
            ticked: false,
        })
        .await
        .unwrap();
    until("the fourth flag", || sim.probe.flags().len() == 4).await;
    sim.probe.set_ack_flags(true);
    sim.probe.drop_sessions();
    assert!(matches!(
        next(&mut h).await,
        ConnectorEvent::Disconnected { .. }
    ));
    assert_eq!(next(&mut h).await, ConnectorEvent::Connected);
    until("the flag sent again", || sim.probe.flags().len() == 5).await;
    assert_eq!(flags(&sim.probe)[4], ("c-3".into(), false));

    // Acked flags are not sent again on the next reconnect.
    sim.probe.drop_sessions();
    assert!(matches!(
        next(&mut h).await,
        ConnectorEvent::Disconnected { .. }
    ));
    assert_eq!(next(&mut h).await, ConnectorEvent::Connected);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sim.probe.flags().len(), 5);
}

/// Bad input: each is reported and the session goes on; an oversized frame
/// ends the session, and the connector comes back.
#[tokio::test]
async fn broken_platform_messages_are_reported_and_the_socket_recovers() {
    let (sim, mut h) = pair().await;
    let bad = [
        "not json",
        r#"{"v":2,"type":"call.answered","call_id":"x"}"#,
        r#"{"v":1,"type":"call.ringing","from":"+13105550100"}"#,
        r#"{"v":1,"type":"call.ringing","call_id":"x","from":"\u0007"}"#,
        "{\"v\":1,\"type\":\"call.ended\",\"call_id\":\"\u{fffd}\u{fffd}\",\"reason\":{\"nested\":[1,2,3]}}",
    ];
    for text in bad {
        sim.probe.send_raw(text);
        assert!(
            matches!(next(&mut h).await, ConnectorEvent::Malformed { .. }),
            "{text}"
        );
    }
    // Unknown types and fields are ignored: the next call still comes through.
    sim.probe
        .send_raw(r#"{"v":1,"type":"queue.stats","waiting":4}"#);
    sim.probe.send_raw(
        r#"{"v":1,"type":"call.ringing","call_id":"ok-1","from":"+13105550100","skill":"billing"}"#,
    );
    assert_eq!(
        next(&mut h).await,
        call(
            "ok-1",
            CallSignal::Incoming {
                from: "+13105550100".into(),
                queue: false,
                queue_name: None
            }
        )
    );
    sim.probe.send_raw(&"x".repeat(MAX_MESSAGE + 1));
    assert!(matches!(
        next(&mut h).await,
        ConnectorEvent::Disconnected { .. }
    ));
    assert_eq!(next(&mut h).await, ConnectorEvent::Connected);
    sim.probe.agent_state("Training");
    let ConnectorEvent::AgentState { status, .. } = last_state(&mut h, "Training").await else {
        unreachable!()
    };
    assert_eq!(
        status,
        PhoneStatus::Platform {
            name: "Training".into()
        }
    );
}

#[tokio::test]
async fn an_absent_platform_is_said_and_commands_fail_until_it_is_back() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut h = spawn_acd(AcdConfig {
        url: format!("ws://127.0.0.1:{port}/agent"),
        agent: "agent-42".into(),
    });
    let ConnectorEvent::Disconnected { reason } = next(&mut h).await else {
        panic!("said down")
    };
    assert!(
        matches!(
            reason,
            LinkDown::Unreachable {
                peer: Peer::Platform,
                cause: NetCause::NothingListening,
                ..
            }
        ),
        "{reason:?}"
    );
    h.commands
        .send(ConnectorCommand::Answer {
            id: CallId("c".into()),
        })
        .await
        .unwrap();
    assert!(matches!(
        next(&mut h).await,
        ConnectorEvent::CommandFailed { .. }
    ));
    // The flag set while down waits and is delivered once the platform is up.
    h.commands
        .send(ConnectorCommand::DoNotLog {
            id: CallId("c".into()),
            ticked: true,
        })
        .await
        .unwrap();
    let sim = start_acd_simulator(format!("127.0.0.1:{port}").parse().unwrap())
        .await
        .unwrap();
    assert_eq!(next(&mut h).await, ConnectorEvent::Connected);
    until("the waiting flag", || sim.probe.flags().len() == 1).await;
}

/// The simulator speaks only to clients that name the protocol, and says
/// what is wrong with a hello of another version.
#[tokio::test]
async fn the_simulator_holds_clients_to_the_protocol() {
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let plain = tokio_tungstenite::connect_async(sim.url.as_str()).await;
    assert!(plain.is_err(), "no subprotocol, no session");

    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = sim.url.as_str().into_client_request().unwrap();
    req.headers_mut()
        .insert("Sec-WebSocket-Protocol", "ringside.acd.v1".parse().unwrap());
    let (mut ws, resp) = tokio_tungstenite::connect_async(req).await.unwrap();
    assert_eq!(resp.headers()["Sec-WebSocket-Protocol"], "ringside.acd.v1");
    ws.send(Message::text(
        r#"{"v":2,"type":"hello","id":1,"client":"x","client_version":"9","agent":"a"}"#,
    ))
    .await
    .unwrap();
    let Some(Ok(Message::Text(t))) = ws.next().await else {
        panic!("an answer")
    };
    let v: serde_json::Value = serde_json::from_str(&t).unwrap();
    assert_eq!(v["type"], "error");
    assert!(v["message"].as_str().unwrap().contains("version 2"), "{t}");
    assert_eq!(sim.probe.sessions(), 0);
}
