#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! MATCH-2's moment against the sandbox: a record for an unknown caller is
//! made when the admin chose (here: when Ringside logs the call), and never
//! for a call the CRM softphone logs.

mod common;

use common::callers::{drained, engine, records, ring, sandbox, settled, task_who};
use common::{client, until};

use ringside_core::caller_settings::CreateWhen;
use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::caller::{CallerSettings, ChosenBy, MatchState, NotFoundReason};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_2_when_logged_a_record_is_made_at_the_end_and_only_for_ringsides_calls() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let settings = CallerSettings {
        create_when: CreateWhen::Logged,
        ..CallerSettings::default()
    };
    let (e, probe) = engine(&sb, settings).await;

    // Ringing and answered: nothing made yet, and the pop says when it will be.
    ring(&probe, "w1", "+1 (646) 555-0142").await;
    let p = settled(&e, "w1").await;
    let MatchState::NotFound { reason: Some(why) } = &p.state else {
        panic!("{p:?}")
    };
    assert_eq!(
        why,
        &NotFoundReason::WillCreate {
            object: "Lead".into(),
            when: CreateWhen::Logged
        }
    );
    let id = CallId("w1".into());
    probe.emit(id.clone(), CallSignal::Answered).await;
    until(&e, "answered", |s| {
        s.calls
            .iter()
            .any(|c| c.id == id && c.answered_at.is_some())
    })
    .await;
    assert!(records(&c, "SELECT Id FROM Lead").await.is_empty());

    // It ends and Ringside logs it: one Lead, the Task's Who.
    probe
        .emit(
            id.clone(),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    let s = until(&e, "the Lead for w1", |s| {
        common::callers::pop(s, "w1").is_some_and(|p| p.chosen_by == Some(ChosenBy::Created))
    })
    .await;
    drained(&e, 1).await;
    let leads = records(&c, "SELECT Id, Phone FROM Lead").await;
    assert_eq!(leads.len(), 1, "{leads:?}");
    let lead = leads[0]["Id"].as_str().unwrap().to_string();
    assert_eq!(
        common::callers::pop(&s, "w1").unwrap().chosen.as_deref(),
        Some(lead.as_str())
    );
    assert_eq!(task_who(&c, "w1").await.as_deref(), Some(lead.as_str()));

    // In the CRM, its softphone logs the call: no record from Ringside.
    e.login(LoginEvent::CrmOrgLogin).await.unwrap();
    ring(&probe, "w2", "+1 (646) 555-0177").await;
    settled(&e, "w2").await;
    let id = CallId("w2".into());
    probe.emit(id.clone(), CallSignal::Answered).await;
    probe
        .emit(
            id.clone(),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    let s = until(&e, "w2 ended", |s| {
        common::callers::pop(s, "w2").is_some_and(|p| p.ended)
    })
    .await;
    let p = common::callers::pop(&s, "w2").unwrap();
    let MatchState::NotFound { reason: Some(why) } = &p.state else {
        panic!("{p:?}")
    };
    assert_eq!(why, &NotFoundReason::NotLoggedByRingside);
    let leads = records(&c, "SELECT Id FROM Lead").await;
    assert_eq!(leads.len(), 1, "still only w1's Lead: {leads:?}");
    e.shutdown().await;
}
