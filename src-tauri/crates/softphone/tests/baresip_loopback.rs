#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The baresip connector against two real baresip instances on loopback: a
//! customer and the agent, with the connector on the agent's `ctrl_tcp`.
//! Needs `baresip` (Debian `baresip-core`): run by `scripts/baresip-tests.sh`.

use std::net::SocketAddr;
use std::time::Duration;

use ringside_core::link_down::LinkDown;
use ringside_core::{CallId, CallSignal};
use ringside_softphone::baresip::connector::{spawn_baresip, BaresipConfig};
use ringside_softphone::baresip::testkit::{sip_port, tcp_port, Driver, Phone};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle};

async fn next_call(h: &mut ConnectorHandle) -> (CallId, CallSignal) {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), h.events.recv())
            .await
            .expect("an event in time")
        {
            Some(ConnectorEvent::Call { id, signal }) => return (id, signal),
            Some(ConnectorEvent::Malformed { detail }) => panic!("malformed: {detail}"),
            Some(_) => {}
            None => panic!("the connector stopped"),
        }
    }
}

async fn next_link_event(h: &mut ConnectorHandle) -> ConnectorEvent {
    loop {
        match tokio::time::timeout(Duration::from_secs(15), h.events.recv())
            .await
            .expect("an event in time")
        {
            Some(e @ (ConnectorEvent::Connected | ConnectorEvent::Disconnected { .. })) => {
                return e
            }
            Some(_) => {}
            None => panic!("the connector stopped"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn a_call_rings_is_answered_held_resumed_hung_up_and_called_back() {
    let (a_sip, c_sip) = (sip_port(), sip_port());
    let mut agent = Phone::start("agent", a_sip, tcp_port(), Phone::rtp_base(a_sip, 21000));
    let cust = Phone::start("cust", c_sip, tcp_port(), Phone::rtp_base(c_sip, 31000));
    let mut h = spawn_baresip(BaresipConfig {
        ctrl: SocketAddr::from(([127, 0, 0, 1], agent.ctrl)),
        dial_domain: format!("127.0.0.1:{}", cust.sip),
        poll: Duration::from_millis(200),
    });
    // It may take baresip a moment to listen.
    while !matches!(next_link_event(&mut h).await, ConnectorEvent::Connected) {}
    let mut customer = Driver::connect(cust.ctrl).await;

    // The customer calls the agent.
    customer
        .send("dial", Some(&format!("sip:agent@127.0.0.1:{}", agent.sip)))
        .await;
    let (id, s) = next_call(&mut h).await;
    assert_eq!(
        s,
        CallSignal::Incoming {
            from: "cust".into(),
            queue: false,
            queue_name: None
        }
    );
    h.commands
        .send(ConnectorCommand::Answer { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Answered));
    customer.event("CALL_ESTABLISHED").await;
    h.commands
        .send(ConnectorCommand::Hold { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Held));
    // Polls confirm the hold: nothing contradicts it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    h.commands
        .send(ConnectorCommand::Resume { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Resumed));
    h.commands
        .send(ConnectorCommand::Hangup { id: id.clone() })
        .await
        .unwrap();
    let (ended, s) = next_call(&mut h).await;
    assert_eq!(ended, id);
    assert!(matches!(s, CallSignal::Hangup { .. }), "{s:?}");

    // The agent calls the customer back; the customer answers and hangs up.
    h.commands
        .send(ConnectorCommand::Dial {
            to: "cust".into(),
            dialback: true,
        })
        .await
        .unwrap();
    let (back, s) = next_call(&mut h).await;
    assert_eq!(
        s,
        CallSignal::Dialing {
            to: "cust".into(),
            dialback: true
        }
    );
    customer.event("CALL_INCOMING").await;
    customer.send("accept", None).await;
    assert_eq!(
        next_call(&mut h).await,
        (back.clone(), CallSignal::Answered)
    );
    customer.send("hangup", None).await;
    let (ended, s) = next_call(&mut h).await;
    assert_eq!(ended, back);
    assert!(matches!(s, CallSignal::Hangup { .. }), "{s:?}");

    // baresip goes away and comes back: said, and reconnected.
    agent.stop();
    assert!(matches!(
        next_link_event(&mut h).await,
        ConnectorEvent::Disconnected { .. }
    ));
    let _agent = Phone::start("agent", a_sip, agent.ctrl, Phone::rtp_base(a_sip, 21000));
    assert_eq!(next_link_event(&mut h).await, ConnectorEvent::Connected);
}

/// baresip serves one controller: another program that keeps connecting to
/// its control socket takes it from Ringside each time. After three short
/// sessions in a row the connector names that as the cause.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn a_second_controller_is_named() {
    let a_sip = sip_port();
    let agent = Phone::start("agent", a_sip, tcp_port(), Phone::rtp_base(a_sip, 21000));
    let mut h = spawn_baresip(BaresipConfig {
        ctrl: SocketAddr::from(([127, 0, 0, 1], agent.ctrl)),
        dial_domain: "127.0.0.1".into(),
        poll: Duration::from_millis(200),
    });
    while !matches!(next_link_event(&mut h).await, ConnectorEvent::Connected) {}
    // The other program: connects, and connects again whenever it is pushed out.
    let ctrl = agent.ctrl;
    let rogue = tokio::spawn(async move {
        loop {
            let mut d = Driver::connect(ctrl).await;
            d.wait_closed().await;
        }
    });
    let reason = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            if let ConnectorEvent::Disconnected { reason } = next_link_event(&mut h).await {
                if reason == LinkDown::TakenOver {
                    return reason;
                }
            }
        }
    })
    .await
    .expect("the second controller named");
    rogue.abort();
    assert!(
        reason.to_string().contains("baresip serves only one"),
        "{reason}"
    );
}
