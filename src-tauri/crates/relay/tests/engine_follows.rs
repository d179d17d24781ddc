#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! BUDGET-3 in the engine, the way a desktop runs it: the admin names the
//! org relay in the org's Ringside settings; the engine follows it (no
//! contact polling at all, a changed caller pops from the local store) and,
//! while the relay's server is away, polls the org directly within its
//! budget and says so, then goes back to the relay.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_crm::SalesforceClient;
use ringside_engine::caller::{MatchState, RelayLink};
use ringside_engine::ipc::{Request, Snapshot};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_relay::NatsFeed;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::Sandbox;
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use serde_json::json;

async fn name_relay(admin: &SalesforceClient, org: &str, url: &str) {
    let rows = admin
        .query_all_pages(&format!(
            "SELECT Id FROM Ringside_Settings__c WHERE SetupOwnerId = '{org}'"
        ))
        .await
        .unwrap();
    let id = rows[0]["Id"].as_str().unwrap();
    admin
        .update("Ringside_Settings__c", id, &json!({"Relay_Url__c": url}))
        .await
        .unwrap();
}

async fn engine(sb: &Sandbox) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    options.feed = Some(Arc::new(NatsFeed::default()));
    // The settings are read on connecting; no re-read within the test.
    options.admin_poll = Duration::from_secs(3_600);
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let client = ringside_salesforce::embedded::user_client(sb, &sb.http_url, None, AGENT_USERNAME)
        .await
        .unwrap();
    e.connect_crm(SalesforceCrm::establish(client, false).await.unwrap())
        .await
        .unwrap();
    (e, probe)
}

async fn until(e: &EngineHandle, what: &str, ok: impl Fn(&Snapshot) -> bool) -> Snapshot {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let s = e.snapshot().await.unwrap();
        if ok(&s) {
            return s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}: {:?}",
            s.sync
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn link(s: &Snapshot) -> Option<RelayLink> {
    s.sync.relay.as_ref().map(|r| r.link)
}

/// Rings from `from` and returns whether the pop found `want` in the local
/// store (no live search).
async fn pops_locally(
    e: &EngineHandle,
    probe: &SimulatorProbe,
    id: &str,
    from: &str,
    want: &str,
) -> bool {
    probe
        .emit(
            CallId(id.into()),
            CallSignal::Incoming {
                from: from.into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
    let s = until(e, "the pop", |s| {
        s.callers
            .iter()
            .any(|c| c.call_id.0 == id && c.state != MatchState::Searching)
    })
    .await;
    let p = s.callers.iter().find(|c| c.call_id.0 == id).unwrap();
    let found = p.candidates.iter().any(|c| c.id[..15] == want[..15]);
    probe
        .emit(
            CallId(id.into()),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    found && !p.searched_live
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_an_engine_follows_the_org_relay_and_polls_only_while_it_is_away() {
    let mut nats = Nats::start();
    let (sb, admin) = org(Seed::Demo).await;
    name_relay(&admin, sb.org_id(), &nats.url()).await;
    let (relay_task, _) = relay(&nats, &sb, cfg("relay")).await;
    let want = crm_view(&admin).await.len() as u64;

    let (e, probe) = engine(&sb).await;
    let s = until(&e, "the engine following the relay live", |s| {
        link(s) == Some(RelayLink::Live) && s.sync.records >= want
    })
    .await;
    assert!(s.sync.budget.is_none(), "no polling plan while relayed");
    assert!(s.sync.last_error.is_none());
    assert_eq!(s.sync.relay.as_ref().unwrap().url, nats.url());
    let held = s.sync.records;

    // Following costs the org nothing: "Sync now" polls nothing either.
    let before = sb.api_requests();
    for _ in 0..3 {
        e.request(Request::SyncNow).await.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        sb.api_requests() - before,
        0,
        "no API request while relayed"
    );

    // A caller's new number reaches the desktop through the relay: it pops
    // from the local store, without a live search.
    let contact = admin
        .query_all_pages("SELECT Id FROM Contact ORDER BY Id LIMIT 1")
        .await
        .unwrap()[0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    admin
        .update(
            "Contact",
            &contact,
            &json!({"MobilePhone": "+34 910 000 777"}),
        )
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut n = 0;
    while !pops_locally(&e, &probe, &format!("r{n}"), "+34910000777", &contact).await {
        assert!(
            std::time::Instant::now() < deadline,
            "the change never reached the store"
        );
        n += 1;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // The relay's server goes away: the panel says so and the engine polls
    // the org directly, within its budget, from where the relay left off.
    nats.kill();
    let s = until(&e, "the relay unreachable", |s| {
        link(s) == Some(RelayLink::Unreachable) && s.sync.budget.is_some()
    })
    .await;
    assert!(s.sync.relay.as_ref().unwrap().why.is_some());
    let polled = sb.api_requests();
    e.request(Request::SyncNow).await.unwrap();
    let s = until(&e, "a direct delta", |_| sb.api_requests() > polled).await;
    assert_eq!(s.sync.records, held, "a delta, not a new copy");
    let spent = sb.api_requests() - polled;
    assert!(spent < 40, "a delta's cost, not a copy's: {spent}");

    // Back: the engine follows the relay again and stops polling.
    nats.restart();
    until(&e, "back on the relay", |s| {
        link(s) == Some(RelayLink::Live)
    })
    .await;
    let s = e.snapshot().await.unwrap();
    assert!(s.sync.budget.is_none());
    relay_task.stop().await;
    sb.stop().await;
}
