#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Contact sync end to end (SYNC-1..4): the sync worker fills the org's
//! contact store from the sandbox, on its interval or when asked, with
//! deletions; with sync off every call is matched live; the agent finds a
//! synced contact to call; caller settings are checked and kept.

mod common;

use common::callers::{create, end, engine, no_create, ring, sandbox, settled};
use common::{client, until};

use ringside_core::CallSignal;
use ringside_engine::caller::{AutoCreate, CallerSettings, MatchState, SyncState};
use ringside_engine::ipc::{CallControl, DialRecord, ErrorCode, Request, Response};
use ringside_engine::{start, EngineOptions, StoreLocation};
use ringside_softphone::spawn_simulator;
use serde_json::json;

/// SYNC-4: with sync off nothing is copied and each call is matched by a
/// live search; "sync now" says why it cannot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_4_with_sync_off_calls_are_matched_live() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let ada = create(
        &c,
        "Contact",
        json!({"LastName": "Ada", "Phone": "212-555-0100"}),
    )
    .await;
    let settings = CallerSettings {
        sync_enabled: false,
        ..no_create()
    };
    let (e, probe) = engine(&sb, settings).await;
    let s = until(&e, "sync off", |s| s.sync.state == SyncState::Off).await;
    assert_eq!(s.sync.records, 0);
    let err = e.request(Request::SyncNow).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    ring(&probe, "live", "+12125550100").await;
    let p = settled(&e, "live").await;
    assert!(p.searched_live);
    assert_eq!(p.chosen.as_deref(), Some(ada.as_str()));
    ring(&probe, "nobody", "+12125550101").await;
    let p = settled(&e, "nobody").await;
    assert_eq!(p.state, MatchState::NotFound { reason: None });
    e.shutdown().await;
}

/// SYNC-2/3: "sync now" brings changes and deletions; a deleted record no
/// longer pops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_2_3_sync_now_brings_changes_and_deletions() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let gone = create(
        &c,
        "Lead",
        json!({"LastName": "Gone", "Company": "X", "Phone": "305-555-0142"}),
    )
    .await;
    let (e, probe) = engine(&sb, no_create()).await;
    ring(&probe, "before", "3055550142").await;
    assert_eq!(
        settled(&e, "before").await.chosen.as_deref(),
        Some(gone.as_str())
    );
    end(&probe, "before").await;

    let last = e.snapshot().await.unwrap().sync.last_sync_at.unwrap();
    c.delete("Lead", &gone).await.unwrap();
    let moved = create(
        &c,
        "Contact",
        json!({"LastName": "Moved", "Phone": "305-555-0143"}),
    )
    .await;
    e.request(Request::SyncNow).await.unwrap();
    until(&e, "the next sync", |s| {
        s.sync.last_sync_at.is_some_and(|t| t > last) && s.sync.state == SyncState::Idle
    })
    .await;
    ring(&probe, "after", "3055550142").await;
    let p = settled(&e, "after").await;
    assert!(p.searched_live, "not in the store any more");
    assert_eq!(p.state, MatchState::NotFound { reason: None });
    ring(&probe, "moved", "3055550143").await;
    let p = settled(&e, "moved").await;
    assert!(!p.searched_live, "synced, so found locally");
    assert_eq!(p.chosen.as_deref(), Some(moved.as_str()));
    e.shutdown().await;
}

#[tokio::test]
async fn caller_settings_are_checked_and_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("ringside-caller-settings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("ringside.db");
    let start_at = |path: std::path::PathBuf| async move {
        let (connector, _probe) = spawn_simulator();
        start(EngineOptions::new(StoreLocation::File(path)), connector)
            .await
            .unwrap()
    };
    let e = start_at(path.clone()).await;
    let bad = CallerSettings {
        default_region: "Atlantis".into(),
        ..CallerSettings::default()
    };
    let err = e
        .request(Request::UpdateCallerSettings { settings: bad })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidSetting);
    assert_eq!(
        err.field.as_deref(),
        Some("default_region"),
        "{}",
        err.message
    );
    let good = CallerSettings {
        default_region: "GB".into(),
        sync_interval_secs: 30,
        auto_create: AutoCreate::Contact,
        sync_enabled: false,
        create_when: ringside_core::caller_settings::CreateWhen::Answer,
    };
    e.request(Request::UpdateCallerSettings {
        settings: good.clone(),
    })
    .await
    .unwrap();
    e.shutdown().await;
    let e = start_at(path).await;
    assert_eq!(e.snapshot().await.unwrap().caller_settings, good);
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// SYNC-2: the interval (default 60 s; the shortest, 10 s, here) brings a
/// record created in the CRM into the local copy without anyone asking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_2_the_interval_brings_new_records_without_asking() {
    assert_eq!(CallerSettings::default().sync_interval_secs, 60);
    // 1,000 licences: one install's share of the API budget (BUDGET-1)
    // allows a delta every 10 s; a smaller org's would stretch it.
    let sb = ringside_sandbox::Sandbox::start(ringside_sandbox::SandboxConfig {
        seed: ringside_sandbox::seed::Seed::UsersOnly,
        licences: Some(1_000),
        ..Default::default()
    })
    .await
    .unwrap();
    let c = client(&sb).await;
    let settings = CallerSettings {
        sync_interval_secs: 10,
        ..no_create()
    };
    let (e, probe) = engine(&sb, settings).await;
    let first = e.snapshot().await.unwrap().sync;
    let last = first.last_sync_at.unwrap();
    assert_eq!(
        first.next_sync_at.unwrap().0 - last.0,
        10_000,
        "next sync on the interval"
    );
    let id = create(
        &c,
        "Contact",
        json!({"LastName": "Timely", "Phone": "808-555-0150"}),
    )
    .await;
    until(&e, "the interval's sync", |s| {
        s.sync.last_sync_at.is_some_and(|t| t > last)
    })
    .await;
    ring(&probe, "timely", "+18085550150").await;
    let p = settled(&e, "timely").await;
    assert!(!p.searched_live, "in the local copy");
    assert_eq!(p.chosen.as_deref(), Some(id.as_str()));
    e.shutdown().await;
}

/// Click-to-call: the agent finds a synced contact by name, account or any
/// digits of a number, one row with its numbers labelled and shown in the
/// display format, and a call placed from it is bound to that record
/// (MATCH-5).
#[tokio::test]
async fn find_contacts_searches_the_local_copy_for_click_to_call() {
    let sb = sandbox().await;
    let c = client(&sb).await;
    let ada = create(
        &c,
        "Contact",
        json!({"FirstName": "Ada", "LastName": "Lovelace", "Phone": "(310) 555-0142", "MobilePhone": "+44 20 7946 0142"}),
    )
    .await;
    let (e, probe) = engine(&sb, CallerSettings::default()).await;
    let find = |query: &str| {
        let e = e.clone();
        let query = query.to_string();
        async move {
            match e.request(Request::FindContacts { query }).await.unwrap() {
                Response::Contacts { contacts, .. } => contacts,
                other => panic!("{other:?}"),
            }
        }
    };
    let by_name = find("ada lo").await;
    assert_eq!(by_name.len(), 1, "one row per record: {by_name:?}");
    assert_eq!(
        (by_name[0].id.as_str(), by_name[0].name.as_str()),
        (ada.as_str(), "Ada Lovelace")
    );
    let numbers: Vec<(&str, &str, &str)> = by_name[0]
        .numbers
        .iter()
        .map(|n| (n.field.as_str(), n.raw.as_str(), n.display.as_str()))
        .collect();
    assert_eq!(
        numbers,
        vec![
            ("Phone", "(310) 555-0142", "(310) 555-0142"),
            ("MobilePhone", "+44 20 7946 0142", "+44 20 7946 0142")
        ]
    );
    let by_number = find("555-01").await;
    assert_eq!(by_number.len(), 1);
    let matched: Vec<&str> = by_number[0]
        .numbers
        .iter()
        .filter(|n| n.matched)
        .map(|n| n.field.as_str())
        .collect();
    assert_eq!(matched, vec!["Phone"]);
    let long = e
        .request(Request::FindContacts {
            query: "x".repeat(101),
        })
        .await
        .unwrap_err();
    assert_eq!(long.code, ErrorCode::InvalidInput);

    // The agent calls the result: the call is Ada's from its first event.
    e.request(Request::CallControl {
        action: CallControl::Dial {
            number: by_number[0].numbers[0].raw.clone(),
            record: Some(DialRecord {
                id: ada.clone(),
                label: "Ada Lovelace".into(),
            }),
        },
    })
    .await
    .unwrap();
    let s = until(&e, "the dialled call", |s| !s.calls.is_empty()).await;
    let id = s.calls[0].id.clone();
    let pop = settled(&e, &id.0).await;
    assert_eq!(pop.chosen.as_deref(), Some(ada.as_str()));
    probe
        .emit(
            id,
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
}
