#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Caller matching end to end against the sandbox (MATCH-1..7): what the
//! pure rules in `ringside_core::screen_pop` cannot show. Numbers in the
//! formats the CRM stores them, the live search when the org's index lags,
//! one new record whatever the network loses, the pick as the Task's WhoId.
//! The rules themselves are table and property tests in the core.

mod common;

use common::callers::{
    create, drained, end, engine, no_create, pop, records, ring, sandbox, settled, task_who,
};
use common::{client, salesforce, until};

use std::time::Duration;

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::caller::{
    AutoCreate, CallerKind, CallerSettings, ChosenBy, MatchState, SyncState,
};
use ringside_engine::ipc::{CallControl, DialRecord, ErrorCode, Request};
use ringside_engine::{start, EngineEvent, EngineOptions, StoreLocation};
use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::Seed;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::spawn_simulator;
use serde_json::json;

/// MATCH-1/3/4/7: every format of a synced number pops the same records at
/// once, first created first; the agent's later pick is the Task's WhoId.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_1_3_4_7_synced_numbers_pop_at_once_and_the_pick_is_the_task_who() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let acme = create(&c, "Account", json!({"Name": "Acme Tools"})).await;
    let maria = create(&c, "Contact", json!({"FirstName": "Maria", "LastName": "Lopez", "AccountId": acme, "Phone": "(310) 867-5309"})).await;
    let lead = create(&c, "Lead", json!({"FirstName": "M.", "LastName": "Lopez", "Company": "Lopez Consulting", "MobilePhone": "+1 310 867 5309 ext. 4"})).await;
    let solo = create(
        &c,
        "Contact",
        json!({"LastName": "Solo", "HomePhone": "020 7946 0958", "OtherPhone": "+44 20 7946 0958"}),
    )
    .await;
    let (e, probe) = engine(&sb, no_create()).await;
    assert!(e.snapshot().await.unwrap().sync.records >= 3);

    // Ringing from each format: the pop is in the very snapshot that first
    // shows the call (no wait for the network).
    let formats = [
        ("+13108675309", vec![maria.as_str(), lead.as_str()]),
        ("(310) 867-5309", vec![maria.as_str(), lead.as_str()]),
        ("310.867.5309", vec![maria.as_str(), lead.as_str()]),
        ("1-310-867-5309", vec![maria.as_str(), lead.as_str()]),
        ("+44 20 7946 0958", vec![solo.as_str()]),
        ("00442079460958", vec![solo.as_str()]),
    ];
    for (i, (from, want)) in formats.iter().enumerate() {
        let id = format!("fmt-{i}");
        let mut events = e.subscribe();
        ring(&probe, &id, from).await;
        let first = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                if let Ok(EngineEvent::Snapshot(s)) = events.recv().await {
                    if s.calls.iter().any(|c| c.id.0 == id) {
                        return s;
                    }
                }
            }
        })
        .await
        .unwrap();
        let p = pop(&first, &id).expect("the pop comes with the call");
        assert_eq!(p.state, MatchState::Found, "{from}");
        assert!(!p.searched_live, "{from}: found locally");
        let ids: Vec<&str> = p.candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(&ids, want, "{from}");
        assert_eq!(p.chosen.as_deref(), Some(want[0]), "{from}: first created");
        assert_eq!(p.chosen_by, Some(ChosenBy::FirstCreated));
        end(&probe, &id).await;
    }

    // What the picker shows: name, type, company, owner, created, why.
    let (id, from) = ("pick", "310-867-5309");
    ring(&probe, id, from).await;
    let p = settled(&e, id).await;
    let (first, second) = (&p.candidates[0], &p.candidates[1]);
    assert_eq!(
        (first.name.as_str(), first.kind),
        ("Maria Lopez", CallerKind::Contact)
    );
    assert_eq!(first.company.as_deref(), Some("Acme Tools"));
    assert_eq!(first.owner.as_deref(), Some("Alex Agent"));
    assert_eq!(
        (first.field.as_str(), first.raw.as_str()),
        ("Phone", "(310) 867-5309")
    );
    assert_eq!(
        (second.kind, second.field.as_str()),
        (CallerKind::Lead, "MobilePhone")
    );
    assert_eq!(second.company.as_deref(), Some("Lopez Consulting"));
    assert!(first.created_at <= second.created_at);

    // MATCH-4: after answering, the agent picks the Lead.
    probe.emit(CallId(id.into()), CallSignal::Answered).await;
    let err = e
        .request(Request::PickCaller {
            call_id: CallId(id.into()),
            record_id: solo.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "only the call's matches");
    e.request(Request::PickCaller {
        call_id: CallId(id.into()),
        record_id: lead.clone(),
    })
    .await
    .unwrap();
    probe
        .emit(
            CallId(id.into()),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    drained(&e, 7).await;
    assert_eq!(task_who(&c, "fmt-0").await.as_deref(), Some(maria.as_str()));
    assert_eq!(task_who(&c, "fmt-4").await.as_deref(), Some(solo.as_str()));
    assert_eq!(
        task_who(&c, id).await.as_deref(),
        Some(lead.as_str()),
        "MATCH-7"
    );

    // The pick can still change after the call: the Task follows.
    e.request(Request::PickCaller {
        call_id: CallId(id.into()),
        record_id: maria.clone(),
    })
    .await
    .unwrap();
    tokio::time::timeout(Duration::from_secs(10), async {
        while task_who(&c, id).await.as_deref() != Some(maria.as_str()) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the Task's WhoId follows a later pick");
    let h = e.history(1).await.unwrap();
    assert_eq!(h[0].who_label.as_deref(), Some("Maria Lopez"));
    e.shutdown().await;
}

/// MATCH-6: a record created in the CRM after the last sync pops after a
/// live search, and nothing is created for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_6_a_record_made_a_moment_ago_is_found_live_and_not_duplicated() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let (e, probe) = engine(&sb, CallerSettings::default()).await;
    let fresh = create(
        &c,
        "Contact",
        json!({"FirstName": "Nia", "LastName": "New", "MobilePhone": "415 555 0134"}),
    )
    .await;
    let mut events = e.subscribe();
    ring(&probe, "fresh", "+14155550134").await;
    // At once: searching; then found.
    let first = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if let Ok(EngineEvent::Snapshot(s)) = events.recv().await {
                if let Some(p) = pop(&s, "fresh") {
                    return p.clone();
                }
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(first.state, MatchState::Searching);
    let p = settled(&e, "fresh").await;
    assert_eq!(p.state, MatchState::Found);
    assert!(p.searched_live);
    assert_eq!(p.chosen.as_deref(), Some(fresh.as_str()));
    end(&probe, "fresh").await;
    drained(&e, 1).await;
    assert_eq!(task_who(&c, "fresh").await.as_deref(), Some(fresh.as_str()));
    let leads = records(&c, "SELECT Id FROM Lead").await;
    let contacts = records(&c, "SELECT Id FROM Contact").await;
    assert_eq!(
        (leads.len(), contacts.len()),
        (0, 1),
        "no duplicate created"
    );

    // Kept locally: the next ring pops without the network.
    ring(&probe, "again", "(415) 555-0134").await;
    let p = settled(&e, "again").await;
    assert!(!p.searched_live);
    assert_eq!(p.chosen.as_deref(), Some(fresh.as_str()));
    e.shutdown().await;
}

/// MATCH-2: an unknown caller becomes one new Lead, even when two calls
/// come from the number and the CRM loses responses to the writes; both
/// Tasks name it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_2_an_unknown_caller_becomes_one_record_whatever_the_network_does() {
    for (object, auto) in [("Lead", AutoCreate::Lead), ("Contact", AutoCreate::Contact)] {
        let sb = sandbox().await;
        let c = client(&sb).await;
        let settings = CallerSettings {
            auto_create: auto,
            ..CallerSettings::default()
        };
        let (e, probe) = engine(&sb, settings).await;
        // Reads answer; half the writes are committed but their answer lost.
        sb.set_faults(FaultPlan {
            seed: 3,
            lost_response_rate: 0.5,
            ..Default::default()
        });
        ring(&probe, "u1", "+1 (646) 555-0199").await;
        let p = settled(&e, "u1").await;
        assert!(
            matches!(&p.state, MatchState::Creating { object: o } if o == object)
                || p.chosen_by == Some(ChosenBy::Created),
            "{object}: {p:?}"
        );
        ring(&probe, "u2", "646-555-0199").await;
        end(&probe, "u1").await;
        end(&probe, "u2").await;
        let p = until(&e, "the created caller", |s| {
            ["u1", "u2"]
                .iter()
                .all(|id| pop(s, id).is_some_and(|p| p.state == MatchState::Found))
        })
        .await;
        drained(&e, 2).await;
        let made = pop(&p, "u1").unwrap().clone();
        assert_eq!(made.chosen_by, Some(ChosenBy::Created));
        sb.set_faults(FaultPlan::default());
        let all = records(&c, &format!("SELECT Id, Name, Phone FROM {object}")).await;
        assert_eq!(all.len(), 1, "{object}: exactly one record: {all:?}");
        let id = all[0]["Id"].as_str().unwrap();
        assert_eq!(all[0]["Phone"], "+16465550199");
        assert_eq!(made.chosen.as_deref(), Some(id));
        assert_eq!(pop(&p, "u2").unwrap().chosen.as_deref(), Some(id));
        for call in ["u1", "u2"] {
            assert_eq!(task_who(&c, call).await.as_deref(), Some(id), "{call}");
        }
        e.shutdown().await;
    }
}

/// MATCH-5: a call started from a record is bound to it, synced or not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_5_click_to_call_binds_the_record_it_started_from() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let (e, _probe) = engine(&sb, no_create()).await;
    // Created after the sync: only the click knows it.
    let target = create(
        &c,
        "Lead",
        json!({"LastName": "Target", "Company": "Y", "Phone": "(702) 555-0111"}),
    )
    .await;
    let _twin = create(
        &c,
        "Contact",
        json!({"LastName": "Twin", "Phone": "702-555-0111"}),
    )
    .await;
    e.request(Request::CallControl {
        action: CallControl::Dial {
            number: "702-555-0111".into(),
            record: Some(DialRecord {
                id: target.clone(),
                label: "Target".into(),
            }),
        },
    })
    .await
    .unwrap();
    let s = until(&e, "the outbound pop", |s| !s.callers.is_empty()).await;
    let p = &s.callers[0];
    assert_eq!(p.state, MatchState::Found);
    assert_eq!(p.chosen_by, Some(ChosenBy::ClickToCall));
    assert_eq!(p.chosen.as_deref(), Some(target.as_str()));
    assert_eq!(p.candidates[0].kind, CallerKind::Lead);
    let call = p.call_id.clone();
    e.request(Request::CallControl {
        action: CallControl::Hangup {
            call_id: call.clone(),
        },
    })
    .await
    .unwrap();
    drained(&e, 1).await;
    assert_eq!(
        task_who(&c, &call.0).await.as_deref(),
        Some(target.as_str())
    );

    let err = e
        .request(Request::CallControl {
            action: CallControl::Dial {
                number: "702-555-0111".into(),
                record: Some(DialRecord {
                    id: "nope'; DELETE".into(),
                    label: "x".into(),
                }),
            },
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    e.shutdown().await;
}

/// The demo's callers show every kind of pop against the demo data: the
/// picker, single matches stored in other formats, and unknown callers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_callers_show_the_picker_single_matches_and_unknown_callers() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::Demo,
        ..Default::default()
    })
    .await
    .unwrap();
    let (e, probe) = engine(&sb, no_create()).await;
    let mut shapes = Vec::new();
    for (i, n) in ringside_engine::demo::DEMO_NUMBERS.iter().enumerate() {
        let id = format!("demo-{i}");
        ring(&probe, &id, n).await;
        let p = settled(&e, &id).await;
        shapes.push(match p.state {
            MatchState::Found => p.candidates.len().min(2),
            _ => 0,
        });
    }
    assert_eq!(shapes, [1, 1, 1, 2, 0, 1, 0, 1]);
    let index = |id: &str| {
        let n = ringside_engine::demo::demo_number(&CallId(id.into()));
        ringside_engine::demo::DEMO_NUMBERS
            .iter()
            .position(|d| *d == n)
    };
    // The end-to-end story's first calls: the picker, then a new caller.
    assert_eq!(
        (index("sim-1"), index("sim-2"), index("sim-3")),
        (Some(3), Some(4), Some(5))
    );
    e.shutdown().await;
}

/// MATCH-6 when the CRM's search index lags (as Salesforce's does): the
/// callers changed since the last sync are fetched with the search, so a
/// record made a moment ago is still found and never created again; with
/// sync off too (SYNC-4).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_6_a_lagging_search_index_still_finds_a_new_record() {
    for sync_enabled in [true, false] {
        let sb = sandbox().await;
        let c = client(&sb).await;
        let settings = CallerSettings {
            sync_enabled,
            ..CallerSettings::default()
        };
        let (e, probe) = engine(&sb, settings).await;
        sb.set_faults(FaultPlan {
            search_index_lag_ms: 600_000,
            ..Default::default()
        });
        let fresh = create(
            &c,
            "Lead",
            json!({"LastName": "Lag", "Company": "Z", "Phone": "(503) 555-0177"}),
        )
        .await;
        let unseen = c
            .search("FIND {5035550177} IN PHONE FIELDS RETURNING Lead(Id)")
            .await
            .unwrap();
        assert!(unseen.records().is_empty(), "the index lags");
        ring(&probe, "lag", "+15035550177").await;
        let p = settled(&e, "lag").await;
        assert_eq!(p.state, MatchState::Found, "sync {sync_enabled}: {p:?}");
        assert_eq!(p.chosen.as_deref(), Some(fresh.as_str()));
        end(&probe, "lag").await;
        drained(&e, 1).await;
        let leads = records(&c, "SELECT Id FROM Lead").await;
        assert_eq!(leads.len(), 1, "sync {sync_enabled}: nothing created again");
        e.shutdown().await;
    }
}

/// WRAP-4 with a Person Account caller: its cases are the account's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrap_4_a_person_account_callers_cases_are_its_accounts() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let person = create(&c, "Account", json!({"Name": "Pat Person", "IsPersonAccount": true, "PersonMobilePhone": "+1 206 555 0190"})).await;
    let other = create(&c, "Account", json!({"Name": "Other Co"})).await;
    let mine = create(
        &c,
        "Case",
        json!({"Subject": "Mine", "AccountId": person, "Status": "New"}),
    )
    .await;
    create(
        &c,
        "Case",
        json!({"Subject": "Not mine", "AccountId": other, "Status": "New"}),
    )
    .await;
    let (e, probe) = engine(&sb, no_create()).await;
    ring(&probe, "pa", "+12065550190").await;
    let p = settled(&e, "pa").await;
    assert_eq!(p.chosen.as_deref(), Some(person.as_str()));
    assert_eq!(p.candidates[0].kind, CallerKind::PersonAccount);
    let ringside_engine::ipc::Response::Cases { cases } = e
        .request(Request::RecentCases {
            contact_id: Some(person.clone()),
        })
        .await
        .unwrap()
    else {
        panic!("cases")
    };
    let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [mine.as_str()]);
    e.shutdown().await;
}

/// MATCH-4 with an incomplete local copy (sync off here; the first copy
/// still running is the same case): what the copy has pops at once, and the
/// live search completes the list, so the picker and its default are right.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_4_an_incomplete_copy_is_completed_by_the_live_search() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let first = create(
        &c,
        "Contact",
        json!({"LastName": "First", "Phone": "617-555-0123"}),
    )
    .await;
    let settings = CallerSettings {
        sync_enabled: false,
        ..no_create()
    };
    let (e, probe) = engine(&sb, settings).await;
    // The org's store is open once the worker reports sync off.
    until(&e, "sync off", |s| s.sync.state == SyncState::Off).await;
    ring(&probe, "one", "+16175550123").await;
    assert_eq!(settled(&e, "one").await.candidates.len(), 1);
    end(&probe, "one").await;
    // Another record gets the number; the local copy only knows the first.
    let second = create(
        &c,
        "Lead",
        json!({"LastName": "Second", "Company": "Q", "MobilePhone": "(617) 555-0123"}),
    )
    .await;
    let mut events = e.subscribe();
    ring(&probe, "two", "+16175550123").await;
    let shown = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if let Ok(EngineEvent::Snapshot(s)) = events.recv().await {
                if let Some(p) = pop(&s, "two") {
                    return p.clone();
                }
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(shown.state, MatchState::Found, "the local hit pops at once");
    assert_eq!(shown.chosen.as_deref(), Some(first.as_str()));
    let done = until(&e, "the completed list", |s| {
        pop(s, "two").is_some_and(|p| p.candidates.len() == 2)
    })
    .await;
    let p = pop(&done, "two").unwrap();
    let ids: Vec<&str> = p.candidates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert_eq!(
        p.chosen.as_deref(),
        Some(first.as_str()),
        "first created stays the default"
    );
    e.shutdown().await;
}

/// A call that rings while the first copy is still running gets every
/// match (the copy has Contacts before Leads).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_4_a_call_during_the_first_copy_gets_every_match() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::Demo,
        ..Default::default()
    })
    .await
    .unwrap();
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    for i in 0..5 {
        let id = format!("early-{i}");
        ring(&probe, &id, "+13105550100").await;
        let s = until(&e, "both matches", |s| {
            pop(s, &id).is_some_and(|p| {
                p.candidates.len() == 2 || matches!(p.state, MatchState::NotFound { .. })
            })
        })
        .await;
        let p = pop(&s, &id).unwrap();
        assert_eq!(p.candidates.len(), 2, "{p:?}");
        end(&probe, &id).await;
    }
    e.shutdown().await;
}
