#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! How each call ended, as history shows it: declined by the agent, missed,
//! abandoned by the caller, not answered, talked; queue calls keep their
//! queue's name.

mod common;

use common::until;
use ringside_core::{CallEnd, CallId, CallSignal, EndedBy, LoginEvent};
use ringside_engine::ipc::{CallControl, DemoAction, Request};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::{spawn_simulator, SimulatorProbe};

async fn engine() -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    (e, probe)
}

async fn live(e: &EngineHandle, id: &CallId) {
    until(e, "the call is live", |s| {
        s.calls.iter().any(|c| &c.id == id)
    })
    .await;
}

async fn ended(e: &EngineHandle, id: &CallId) -> ringside_store::HistoryEntry {
    until(e, "the call ended", |s| s.calls.iter().all(|c| &c.id != id)).await;
    for _ in 0..200 {
        let h = e.history(50).await.unwrap();
        if let Some(entry) = h.into_iter().find(|h| &h.call_id == id && h.end.is_some()) {
            return entry;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("{id} never reached history with its end");
}

fn ring(id: &str) -> (CallId, CallSignal) {
    (
        CallId(id.into()),
        CallSignal::Incoming {
            from: "+13108675309".into(),
            queue: false,
            queue_name: None,
        },
    )
}

#[tokio::test]
async fn each_way_a_call_ends_reaches_history() {
    let (e, probe) = engine().await;

    // The agent presses Decline (the simulator says the agent hung up).
    let (id, signal) = ring("declined");
    probe.emit(id.clone(), signal).await;
    live(&e, &id).await;
    e.request(Request::CallControl {
        action: CallControl::Hangup {
            call_id: id.clone(),
        },
    })
    .await
    .unwrap();
    assert_eq!(ended(&e, &id).await.end, Some(CallEnd::Declined));

    // The caller gives up (the demo's "caller hangs up").
    let (id, signal) = ring("abandoned");
    probe.emit(id.clone(), signal).await;
    live(&e, &id).await;
    e.request(Request::Demo {
        action: DemoAction::RemoteHangup {
            call_id: id.clone(),
        },
    })
    .await
    .unwrap();
    assert_eq!(ended(&e, &id).await.end, Some(CallEnd::Abandoned));

    // The platform takes it back, or nobody says who: missed.
    for (name, by) in [("taken-back", Some(EndedBy::Platform)), ("unsaid", None)] {
        let (id, signal) = ring(name);
        probe.emit(id.clone(), signal).await;
        live(&e, &id).await;
        probe
            .emit(id.clone(), CallSignal::Hangup { reason: None, by })
            .await;
        assert_eq!(ended(&e, &id).await.end, Some(CallEnd::Missed), "{name}");
    }

    // Talked, and a placed call nobody took.
    let (id, signal) = ring("talked");
    probe.emit(id.clone(), signal).await;
    probe.emit(id.clone(), CallSignal::Answered).await;
    probe
        .emit(
            id.clone(),
            CallSignal::Hangup {
                reason: None,
                by: Some(EndedBy::FarEnd),
            },
        )
        .await;
    assert_eq!(ended(&e, &id).await.end, Some(CallEnd::Talked));
    let id = CallId("placed".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Dialing {
                to: "+4930901820".into(),
                dialback: false,
            },
        )
        .await;
    probe
        .emit(
            id.clone(),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    assert_eq!(ended(&e, &id).await.end, Some(CallEnd::NotAnswered));
}

#[tokio::test]
async fn a_queue_call_keeps_its_queue_name() {
    let (e, _probe) = engine().await;
    e.request(Request::Demo {
        action: DemoAction::IncomingCall { queue: true },
    })
    .await
    .unwrap();
    let s = until(&e, "the queue call rings", |s| !s.calls.is_empty()).await;
    let call = &s.calls[0];
    assert!(call.queue);
    assert_eq!(call.queue_name.as_deref(), Some("Support line"));
    let id = call.id.clone();
    e.request(Request::Demo {
        action: DemoAction::RemoteHangup {
            call_id: id.clone(),
        },
    })
    .await
    .unwrap();
    let entry = ended(&e, &id).await;
    assert!(entry.queue);
    assert_eq!(entry.queue_name.as_deref(), Some("Support line"));
    assert_eq!(entry.end, Some(CallEnd::Abandoned));
}
