#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! BUDGET-1 and BUDGET-2 in the engine, against the sandbox org with its
//! daily API allocation: the install's heartbeat counts the installs
//! sharing the admin's share, the contact polling stretches to fit it, and
//! while the org is into its last tenth polling waits, then resumes once
//! the org has room again.

mod common;

use common::{org_as, until};
use ringside_core::budget::{plan, BudgetInput, PollPause};
use ringside_core::LoginEvent;
use ringside_engine::ipc::Request;
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::spawn_simulator;
use serde_json::json;

async fn engine(sb: &Sandbox) -> EngineHandle {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe);
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.connect_crm(org_as(sb, AGENT_USERNAME).await)
        .await
        .unwrap();
    e
}

/// Other installs of the org, seen within the last day.
async fn other_installs(sb: &Sandbox, n: usize) {
    let client = common::client(sb).await;
    let now = ringside_core::time::format_sf_datetime(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64,
    );
    for i in 0..n {
        client
            .upsert(
                "Ringside_Install__c",
                "Install_Key__c",
                &format!("other-{i}"),
                &json!({"Name": format!("other {i}"), "Last_Seen__c": now}),
            )
            .await
            .unwrap();
    }
    // One seen two days ago no longer counts.
    client
        .upsert(
            "Ringside_Install__c",
            "Install_Key__c",
            "gone",
            &json!({"Name": "gone", "Last_Seen__c": "2020-01-01T00:00:00.000+0000"}),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn budget_1_polling_stretches_to_the_share_of_todays_installs() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        licences: Some(100),
        ..Default::default()
    })
    .await
    .unwrap();
    other_installs(&sb, 24).await;
    let e = engine(&sb).await;
    let s = until(&e, "the budget planned after a delta", |s| {
        s.sync.budget.as_ref().is_some_and(|b| b.installs == 25) && s.sync.last_sync_at.is_some()
    })
    .await;
    let b = s.sync.budget.unwrap();
    assert_eq!(
        (b.max, b.share_percent, b.paused),
        (Some(200_000), 20, None)
    );
    // 40,000 a day for 25 installs: 1,600 each.
    assert_eq!(b.per_install_per_day, Some(1_600));
    let want = plan(&BudgetInput {
        usage: Some((b.used.unwrap(), 200_000)),
        share_percent: 20,
        installs: 25,
        per_cycle: b.per_cycle,
        base_secs: 60,
    });
    assert_eq!(b.interval_secs, want.interval_secs);
    assert!(
        b.interval_secs > 60,
        "stretched beyond the admin's minute: {b:?}"
    );
    let next = s
        .sync
        .next_sync_at
        .unwrap()
        .saturating_sub(s.sync.last_sync_at.unwrap());
    assert!(
        (next - b.interval_secs as i64 * 1000).abs() < 5_000,
        "next poll in {next} ms, planned {} s",
        b.interval_secs
    );
    // A delta's cost is measured (and smoothed into the plan).
    let before = sb.api_requests();
    let last = s.sync.last_sync_at.unwrap();
    e.request(Request::SyncNow).await.unwrap();
    let s = until(&e, "a delta", |s| {
        s.sync.last_sync_at.is_some_and(|t| t > last)
    })
    .await;
    let cost = sb.api_requests() - before;
    let b2 = s.sync.budget.unwrap();
    println!(
        "a delta cost {cost} API requests; planned per cycle {}",
        b2.per_cycle
    );
    assert_eq!(b2.per_cycle, (b.per_cycle * 3 + cost).div_ceil(4));
    sb.stop().await;
}

#[tokio::test]
async fn budget_2_polling_waits_in_the_orgs_last_tenth_and_resumes() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::Demo,
        api_allocation: Some(1_000),
        ..Default::default()
    })
    .await
    .unwrap();
    // Other integrations have used 90 % of the day's allocation.
    let client = common::client(&sb).await;
    while sb.api_usage().0 < 900 {
        client
            .query_all_pages("SELECT Id FROM User LIMIT 1")
            .await
            .unwrap();
    }
    let e = engine(&sb).await;
    let s = until(&e, "polling waits", |s| {
        s.sync
            .budget
            .as_ref()
            .is_some_and(|b| b.paused == Some(PollPause::OrgReserve))
    })
    .await;
    assert_eq!(s.sync.records, 0, "no copy while the org is in its reserve");
    let spent = sb.api_usage().0;
    assert!(
        spent < 1_000,
        "the last of the allocation was left: {spent}"
    );
    // The org's licences grow: after the wait, polling goes on.
    sb.set_api_allocation(100_000);
    e.request(Request::SyncNow).await.unwrap();
    let s = until(&e, "the copy made", |s| {
        s.sync.records > 0 && s.sync.budget.as_ref().is_some_and(|b| b.paused.is_none())
    })
    .await;
    assert!(s.sync.last_sync_at.is_some());
    sb.stop().await;
}
