#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! A second call while the agent is talking: the first goes on hold, or
//! the agent is asked; the keys' marks and the live "who logs" follow.

mod common;

use common::until;
use ringside_core::{CallId, DecisionReason, LoginEvent, Phase, Settings};
use ringside_engine::ipc::{CallControl, DemoAction, ErrorCode, Request, Snapshot};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::{spawn_simulator, ConnectorCommand, ConnectorEvent, ConnectorHandle};
use tokio::sync::mpsc;

async fn engine(hold_first_call: bool) -> EngineHandle {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe);
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.request(Request::UpdateSettings {
        settings: Settings {
            hold_first_call,
            ..Settings::default()
        },
    })
    .await
    .unwrap();
    e
}

fn phase_of(s: &Snapshot, id: &CallId) -> Option<Phase> {
    s.calls.iter().find(|c| &c.id == id).map(|c| c.phase)
}

/// Rings one more call and returns its id.
async fn ring(e: &EngineHandle) -> CallId {
    let before: Vec<CallId> = e
        .snapshot()
        .await
        .unwrap()
        .calls
        .into_iter()
        .map(|c| c.id)
        .collect();
    e.request(Request::Demo {
        action: DemoAction::IncomingCall { queue: false },
    })
    .await
    .unwrap();
    let s = until(e, "a new ringing call", |s| {
        s.calls.iter().any(|c| !before.contains(&c.id))
    })
    .await;
    s.calls
        .into_iter()
        .find(|c| !before.contains(&c.id))
        .unwrap()
        .id
}

async fn answer(e: &EngineHandle, call_id: &CallId) -> Result<(), ErrorCode> {
    e.request(Request::CallControl {
        action: CallControl::Answer {
            call_id: call_id.clone(),
        },
    })
    .await
    .map(|_| ())
    .map_err(|err| err.code)
}

#[tokio::test]
async fn answering_a_second_call_holds_the_first() {
    let e = engine(true).await;
    let first = ring(&e).await;
    answer(&e, &first).await.unwrap();
    until(&e, "first answered", |s| {
        phase_of(s, &first) == Some(Phase::Answered)
    })
    .await;

    let second = ring(&e).await;
    let s = e.snapshot().await.unwrap();
    // The keys mark what they act on: Alt+A the ringing call, Alt+E the conversation.
    assert_eq!(s.keys.answer.as_ref(), Some(&second));
    assert_eq!(s.keys.hangup.as_ref(), Some(&first));
    assert_eq!(s.keys.hold_resume.as_ref(), Some(&first));

    answer(&e, &second).await.unwrap();
    let s = until(&e, "second answered, first held", |s| {
        phase_of(s, &second) == Some(Phase::Answered) && phase_of(s, &first) == Some(Phase::Hold)
    })
    .await;
    // Now the keys act on the new conversation; Alt+H holds it, not resumes the first.
    assert_eq!(s.keys.hangup.as_ref(), Some(&second));
    assert_eq!(s.keys.hold_resume.as_ref(), Some(&second));
    assert_eq!(s.keys.answer, None);
}

#[tokio::test]
async fn with_ask_the_agent_confirms_hold_and_answer() {
    let e = engine(false).await;
    let first = ring(&e).await;
    answer(&e, &first).await.unwrap();
    until(&e, "first answered", |s| {
        phase_of(s, &first) == Some(Phase::Answered)
    })
    .await;
    let second = ring(&e).await;

    assert_eq!(
        answer(&e, &second).await,
        Err(ErrorCode::AnotherCallInConversation)
    );
    let s = e.snapshot().await.unwrap();
    assert_eq!(
        phase_of(&s, &first),
        Some(Phase::Answered),
        "nothing changed"
    );
    assert_eq!(phase_of(&s, &second), Some(Phase::Ringing));

    e.request(Request::CallControl {
        action: CallControl::HoldAndAnswer {
            call_id: second.clone(),
        },
    })
    .await
    .unwrap();
    until(&e, "held and answered", |s| {
        phase_of(s, &second) == Some(Phase::Answered) && phase_of(s, &first) == Some(Phase::Hold)
    })
    .await;
    // A call that is not live is refused, whatever the words.
    e.request(Request::CallControl {
        action: CallControl::HoldAndAnswer {
            call_id: CallId("nobody".into()),
        },
    })
    .await
    .map(|_| ())
    .expect_err("an unknown call is refused");
}

/// The live call says who would log it: the checkbox explains itself, and
/// when the agent logs in to the CRM the box goes and the reason says why.
#[tokio::test]
async fn a_live_call_says_who_logs_it() {
    let e = engine(true).await;
    let id = ring(&e).await;
    let s = e.snapshot().await.unwrap();
    let c = s.calls.iter().find(|c| c.id == id).unwrap();
    assert!(c.checkbox_visible);
    assert_eq!(c.logging, DecisionReason::CompanionLogs);

    e.request(Request::SetDoNotLog {
        call_id: id.clone(),
        ticked: true,
    })
    .await
    .unwrap();
    until(&e, "ticked: not logged", |s| {
        s.calls
            .iter()
            .any(|c| c.id == id && c.logging == DecisionReason::AgentChoseDoNotLog)
    })
    .await;

    e.login(LoginEvent::CrmOrgLogin).await.unwrap();
    let s = until(&e, "the CRM softphone logs it", |s| {
        s.calls
            .iter()
            .any(|c| c.id == id && c.logging == DecisionReason::CrmLoggedIn)
    })
    .await;
    assert!(!s.calls[0].checkbox_visible, "DNL-1: gone while in the CRM");
}

/// Resuming the held call while talking on the other swaps them: the
/// conversation goes on hold first.
#[tokio::test]
async fn resuming_the_held_call_holds_the_other_first() {
    let e = engine(true).await;
    let first = ring(&e).await;
    answer(&e, &first).await.unwrap();
    until(&e, "first answered", |s| {
        phase_of(s, &first) == Some(Phase::Answered)
    })
    .await;
    let second = ring(&e).await;
    answer(&e, &second).await.unwrap();
    until(&e, "second answered, first held", |s| {
        phase_of(s, &second) == Some(Phase::Answered) && phase_of(s, &first) == Some(Phase::Hold)
    })
    .await;
    e.request(Request::CallControl {
        action: CallControl::Resume {
            call_id: first.clone(),
        },
    })
    .await
    .unwrap();
    until(&e, "swapped", |s| {
        phase_of(s, &first) == Some(Phase::Answered) && phase_of(s, &second) == Some(Phase::Hold)
    })
    .await;
}

/// A phone that refuses the hold: the ringing call is not answered, so the
/// agent is never talking to two callers, and is told why.
#[tokio::test]
async fn a_refused_hold_answers_nothing() {
    let (events_tx, events) = mpsc::channel(64);
    let (commands, mut commands_rx) = mpsc::channel::<ConnectorCommand>(64);
    let phone = ConnectorHandle {
        name: "test phone",
        events,
        commands,
    };
    let e = start(EngineOptions::new(StoreLocation::Memory), phone)
        .await
        .unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let call = |id: &str, signal| ConnectorEvent::Call {
        id: CallId(id.into()),
        signal,
    };
    events_tx.send(ConnectorEvent::Connected).await.unwrap();
    let incoming = || ringside_core::CallSignal::Incoming {
        from: "+13105550100".into(),
        queue: false,
        queue_name: None,
    };
    events_tx.send(call("t", incoming())).await.unwrap();
    events_tx
        .send(call("t", ringside_core::CallSignal::Answered))
        .await
        .unwrap();
    events_tx.send(call("r", incoming())).await.unwrap();
    let (t, r) = (CallId("t".into()), CallId("r".into()));
    until(&e, "talking on t, r ringing", |s| {
        phase_of(s, &t) == Some(Phase::Answered) && phase_of(s, &r) == Some(Phase::Ringing)
    })
    .await;

    answer(&e, &r).await.unwrap();
    let first = commands_rx.recv().await.unwrap();
    assert!(
        matches!(&first, ConnectorCommand::Hold { id } if id == &t),
        "{first:?}"
    );
    events_tx
        .send(ConnectorEvent::CommandFailed {
            detail: "hold is not allowed on this line".into(),
        })
        .await
        .unwrap();
    let s = until(&e, "the refusal said", |s| {
        s.problems
            .iter()
            .any(|p| p.message.contains("could not be put on hold"))
    })
    .await;
    assert_eq!(phase_of(&s, &r), Some(Phase::Ringing));
    // Nothing else was sent: no Answer went out behind the refused hold.
    events_tx
        .send(call("t", ringside_core::CallSignal::Held))
        .await
        .unwrap();
    until(&e, "t held later", |s| phase_of(s, &t) == Some(Phase::Hold)).await;
    assert!(commands_rx.try_recv().is_err(), "no answer after a refusal");
}
