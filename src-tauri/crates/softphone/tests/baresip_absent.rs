#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! baresip not running: the connector says where it looked and why, and a
//! call command made meanwhile fails out loud instead of vanishing.

use std::time::Duration;

use ringside_core::link_down::{LinkDown, NetCause, Peer};
use ringside_core::CallId;
use ringside_softphone::baresip::connector::{spawn_baresip, BaresipConfig};
use ringside_softphone::{ConnectorCommand, ConnectorEvent};

#[tokio::test]
async fn an_absent_baresip_is_said_and_commands_fail_out_loud() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut h = spawn_baresip(BaresipConfig {
        ctrl: ([127, 0, 0, 1], port).into(),
        dial_domain: "127.0.0.1".into(),
        poll: Duration::from_secs(1),
    });
    let ConnectorEvent::Disconnected { reason } = next(&mut h.events).await else {
        panic!("said down")
    };
    assert_eq!(
        reason,
        LinkDown::Unreachable {
            peer: Peer::Baresip,
            address: format!("127.0.0.1:{port}"),
            cause: NetCause::NothingListening,
        }
    );
    assert!(reason.to_string().contains("ctrl_tcp"), "{reason}");
    h.commands
        .send(ConnectorCommand::DoNotLog {
            id: CallId("c".into()),
            ticked: true,
        })
        .await
        .unwrap();
    h.commands
        .send(ConnectorCommand::Answer {
            id: CallId("c".into()),
        })
        .await
        .unwrap();
    let ConnectorEvent::CommandFailed { detail } = next(&mut h.events).await else {
        panic!("the answer failed out loud")
    };
    assert!(detail.contains("baresip is not connected"), "{detail}");
}

async fn next(rx: &mut tokio::sync::mpsc::Receiver<ConnectorEvent>) -> ConnectorEvent {
    tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .expect("an event in time")
        .expect("the connector runs")
}
