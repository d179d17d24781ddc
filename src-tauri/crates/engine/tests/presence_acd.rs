#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Section 6 with a contact-centre platform, which keeps the agent's state
//! itself: the engine on the ACD socket (the platform simulator) and the
//! sandbox org (Omni-Channel and the console component played by it). A
//! platform change moves Omni, an Omni change moves the platform, a call
//! makes both On a Call and returns both after it, and a storm of changes
//! on both sides with faults on both links settles without loops.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use ringside_core::presence::{ChangeCause, PhoneStatus};
use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_crm_port::Crm;
use ringside_engine::ipc::{Request, Snapshot};
use ringside_engine::phone::{spawn_phone, PhoneSettings};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::acd::protocol::{phone_status, RingsideMessage, WireStateCause};
use ringside_softphone::acd::simulator::{start_acd_simulator, AcdSimulator};
use serde_json::json;

/// As `common::until`, showing presence and its history when it times out.
async fn until(e: &EngineHandle, what: &str, ok: impl Fn(&Snapshot) -> bool) -> Snapshot {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(15) {
        let s = e.snapshot().await.unwrap();
        if ok(&s) {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let p = e.snapshot().await.unwrap().presence;
    panic!(
        "timed out waiting for {what}: crm {:?} phone {:?} in sync {} pending {}\n{:#?}",
        p.crm, p.phone, p.in_sync, p.pending, p.history
    );
}

struct Setup {
    sb: Sandbox,
    e: EngineHandle,
    sim: AcdSimulator,
    /// The org as a second client sees it.
    org: SalesforceCrm,
}

async fn setup() -> Setup {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    // PRES-7: the admin turns sync on.
    sb.set_org_setting("Presence_Sync__c", json!("true"))
        .await
        .unwrap();
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let phone = PhoneSettings::Acd {
        url: sim.url.clone(),
        agent: "agent-42".into(),
    };
    let (connector, _) = spawn_phone(&phone).unwrap();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.phone = phone;
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.connect_crm(common::salesforce(&sb, true).await)
        .await
        .unwrap();
    let org = common::salesforce(&sb, true).await;
    until(&e, "both sides read", |s| {
        s.presence.mapping.enabled
            && s.presence.crm.as_deref() == Some("Available_for_Calls")
            && s.presence.phone == Some(PhoneStatus::Available)
            && !s.presence.phone_statuses.is_empty()
    })
    .await;
    Setup { sb, e, sim, org }
}

async fn omni(org: &SalesforceCrm) -> Option<String> {
    org.presence().unwrap().current().await.unwrap().status
}

/// The org's status, once it is `want` (5 s at most).
async fn omni_is(org: &SalesforceCrm, want: &str) {
    let began = Instant::now();
    loop {
        let now = omni(org).await;
        if now.as_deref() == Some(want) {
            return;
        }
        assert!(
            began.elapsed() < Duration::from_secs(5),
            "Omni is {now:?}, not {want}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn platform_is(sim: &AcdSimulator, want: &str) {
    let began = Instant::now();
    while sim.probe.state() != want {
        assert!(
            began.elapsed() < Duration::from_secs(5),
            "the platform is {}, not {want}",
            sim.probe.state()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn set_states(sim: &AcdSimulator) -> usize {
    sim.probe
        .commands()
        .iter()
        .filter(|c| matches!(c, RingsideMessage::SetState { .. }))
        .count()
}

#[tokio::test]
async fn the_platform_and_omni_follow_each_other_and_a_call_returns_both() {
    let Setup { sb, e, sim, org } = setup().await;
    let s = e.snapshot().await.unwrap();
    // The platform's own states are offered besides the standard ones.
    assert!(s.presence.phone_statuses.contains(&PhoneStatus::Platform {
        name: "Training".into()
    }));

    // The agent goes Away on the platform's own controls: Omni follows.
    sim.probe.change_state("away", WireStateCause::Agent);
    omni_is(&org, "Away_from_Desk").await;
    let s = until(&e, "in sync", |s| {
        s.presence.in_sync && s.presence.pending == 0
    })
    .await;
    assert!(s
        .presence
        .history
        .iter()
        .any(|c| c.cause == ChangeCause::Agent));
    assert_eq!(
        set_states(&sim),
        0,
        "the platform's own change is not sent back"
    );

    // A supervisor puts the agent on chat only in Salesforce: the platform
    // is asked for Busy and confirms it.
    sb.omni_change(AGENT_USERNAME, Some("Chat_Only"), reason::SUPERVISOR)
        .await
        .unwrap();
    platform_is(&sim, "busy").await;
    until(&e, "confirmed", |s| {
        s.presence.phone == Some(PhoneStatus::Busy) && s.presence.pending == 0
    })
    .await;
    // Confirmed once: its echo moved nothing in the org.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(omni(&org).await.as_deref(), Some("Chat_Only"));

    // A call: the platform puts the agent On a Call; Omni goes On a Call.
    let id = CallId("acd-presence-1".into());
    sim.probe.emit(
        &id,
        &CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: true,
            queue_name: None,
        },
    );
    until(&e, "ringing", |s| s.calls.iter().any(|c| c.id == id)).await;
    sim.probe.emit(&id, &CallSignal::Answered);
    omni_is(&org, "On_a_Call").await;
    assert_eq!(sim.probe.state(), "on_call");
    until(&e, "both on a call", |s| {
        s.presence.phone == Some(PhoneStatus::OnACall)
            && s.presence.crm.as_deref() == Some("On_a_Call")
    })
    .await;
    sim.probe.emit(
        &id,
        &CallSignal::Hangup {
            reason: Some("caller hung up".into()),
            by: Some(ringside_core::EndedBy::FarEnd),
        },
    );
    // PRES-6: both back where the agent was before the call (the
    // platform's After Call Work is overruled), not Available.
    platform_is(&sim, "busy").await;
    omni_is(&org, "Chat_Only").await;
    until(&e, "back and in sync", |s| {
        s.presence.in_sync
            && s.presence.pending == 0
            && s.presence.phone == Some(PhoneStatus::Busy)
            && s.presence.crm.as_deref() == Some("Chat_Only")
    })
    .await;

    // The agent picks a platform state in Ringside: the platform confirms
    // it, and its unmapped status sets Omni's default.
    e.request(Request::SetPresence {
        crm: None,
        phone: Some(PhoneStatus::Platform {
            name: "Training".into(),
        }),
    })
    .await
    .unwrap();
    platform_is(&sim, "Training").await;
    let s = until(&e, "the pick confirmed", |s| {
        s.presence.phone
            == Some(PhoneStatus::Platform {
                name: "Training".into(),
            })
            && s.presence.pending == 0
    })
    .await;
    let default = s.presence.mapping.to_crm_default.clone();
    if let Some(d) = default {
        omni_is(&org, &d).await;
    }
    // The org's own record of the status is what its API reports.
    assert_eq!(
        sb.omni_status(AGENT_USERNAME).await.unwrap(),
        omni(&org).await
    );
    sb.stop().await;
}

/// The platform's socket drops while Omni changes: the request is refused
/// at once, and after the reconnect the platform is brought to Omni's
/// status (the platform's unchanged state does not overrule it).
#[tokio::test]
async fn a_dropped_platform_socket_loses_no_change() {
    let Setup { sb, e, sim, org } = setup().await;
    sim.probe.set_apply_states(false);
    sb.omni_change(AGENT_USERNAME, Some("Lunch_Break"), reason::MANUAL)
        .await
        .unwrap();
    until(&e, "the request sent", |_| set_states(&sim) > 0).await;
    sim.probe.drop_sessions();
    sim.probe.set_apply_states(true);
    until(&e, "back", |s| s.connector.connected).await;
    platform_is(&sim, "away").await;
    until(&e, "in sync", |s| {
        s.presence.in_sync && s.presence.pending == 0 && s.presence.phone == Some(PhoneStatus::Away)
    })
    .await;
    assert_eq!(omni(&org).await.as_deref(), Some("Lunch_Break"));
    sb.stop().await;
}

/// A storm of 1,000 random changes on both sides, with the CRM stream
/// dropped, its batches reordered, the console closed a while, and the
/// platform's socket dropped and its requests lost a while: within 5 s of
/// the last change Ringside, the org and the platform agree with the
/// mapping, and Ringside wrote no more than one request per change on the
/// other side plus bounded retries (no ping-pong).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_on_both_sides_with_faults_converges_without_loops() {
    let Setup { sb, e, sim, org } = setup().await;
    const CRM: [&str; 5] = [
        "Available_for_Calls",
        "Online",
        "Away_from_Desk",
        "Lunch_Break",
        "Chat_Only",
    ];
    const PLATFORM: [&str; 5] = ["available", "away", "busy", "Lunch", "Training"];
    const OMNI_WHY: [&str; 3] = [reason::MANUAL, reason::SUPERVISOR, reason::PUSH_TIMEOUT];
    const PLATFORM_WHY: [WireStateCause; 3] = [
        WireStateCause::Agent,
        WireStateCause::Supervisor,
        WireStateCause::Timeout,
    ];
    // A fixed seed: the same storm every run.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let api_before = sb.api_requests();
    let (mut omni_changes, mut platform_changes) = (0u64, 0u64);
    for i in 0..1_000u64 {
        match i {
            200 => sb.streaming().reorder.store(true, Ordering::Relaxed),
            300 => sb.streaming().reorder.store(false, Ordering::Relaxed),
            400 => sb.set_console_open(AGENT_USERNAME, false).await.unwrap(),
            500 => sb.set_console_open(AGENT_USERNAME, true).await.unwrap(),
            600 => sim.probe.set_apply_states(false),
            700 => sim.probe.set_apply_states(true),
            _ if i % 150 == 0 => sb.streaming().drop_all_clients(),
            _ if i % 170 == 85 => sim.probe.drop_sessions(),
            _ => {}
        }
        let r = next();
        if r % 2 == 0 {
            omni_changes += 1;
            let status = CRM[(r >> 8) as usize % CRM.len()];
            let why = OMNI_WHY[(r >> 16) as usize % OMNI_WHY.len()];
            sb.omni_change(AGENT_USERNAME, Some(status), why)
                .await
                .unwrap();
        } else {
            platform_changes += 1;
            let state = PLATFORM[(r >> 8) as usize % PLATFORM.len()];
            let why = PLATFORM_WHY[(r >> 16) as usize % PLATFORM_WHY.len()];
            sim.probe.change_state(state, why);
        }
        if r % 7 == 0 {
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    }
    let last = Instant::now();
    let mut settled = None;
    while last.elapsed() < Duration::from_secs(5) {
        let s = e.snapshot().await.unwrap();
        let org_now = omni(&org).await;
        let platform_now = phone_status(&sim.probe.state());
        let agree = s.presence.in_sync
            && s.presence.pending == 0
            && s.presence.crm == org_now
            && s.presence.phone.as_ref() == Some(&platform_now);
        if agree {
            settled = Some(s);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let Some(s) = settled else {
        let p = e.snapshot().await.unwrap().presence;
        panic!(
            "not settled 5 s after the storm: crm {:?} (org {:?}) phone {:?} (platform {}) in sync {} pending {}",
            p.crm,
            omni(&org).await,
            p.phone,
            sim.probe.state(),
            p.in_sync,
            p.pending
        );
    };
    let settled_ms = last.elapsed().as_millis();
    let api = sb.api_requests() - api_before;
    let sent = set_states(&sim) as u64;
    println!(
        "storm: settled {settled_ms} ms after the last change; {api} org API requests for {platform_changes} platform changes, {sent} platform requests for {omni_changes} Omni changes"
    );
    // Each change is followed on the other side at most once, each retried
    // at most twice while a side was not carrying out requests.
    assert!(
        api <= platform_changes + 2 * 100 + 20,
        "{api} org API requests for {platform_changes} platform changes: a loop?"
    );
    assert!(
        sent <= omni_changes + 2 * 100 + 20,
        "{sent} platform requests for {omni_changes} Omni changes: a loop?"
    );
    assert!(s.presence.history.len() >= 100);
    sb.stop().await;
}
