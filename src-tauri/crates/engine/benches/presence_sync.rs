//! Presence sync, change → the other side confirmed, both directions,
//! against the sandbox org over loopback (Omni-Channel and the console
//! component played by it; Ringside's CometD client on its streaming
//! endpoint) and the demo softphone, whose telephony status Ringside holds.
//!
//! - CRM → telephony: a status changed "in Salesforce" until the snapshot
//!   shows the telephony status the mapping gives (the PushTopic event, the
//!   long poll, the engine).
//! - Telephony → CRM: the agent picks a telephony status until the snapshot
//!   shows the CRM status confirmed by the component's report (Ringside's
//!   upsert, the component applying it, its report streamed back).
//!
//! Then the same against a contact-centre platform (the ACD socket's
//! simulator), which keeps the agent's state itself:
//!
//! - CRM → platform: a status changed in Salesforce until the snapshot shows
//!   the state the platform confirmed (`agent.set_state`, its `agent.state`
//!   with `re`).
//! - Platform → CRM: the agent changes state on the platform until the
//!   snapshot shows the CRM status the component confirmed.
//!
//! Also the org API requests each change costs, and those made while idle.
//! Prints its figures; no assertions.
//!
//! `cargo bench -p ringside-engine --bench presence_sync [-- CHANGES]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::{Duration, Instant};

use ringside_core::presence::PhoneStatus;
use ringside_core::LoginEvent;
use ringside_engine::ipc::Request;
use ringside_engine::{start, EngineEvent, EngineOptions, StoreLocation};
use ringside_salesforce::embedded::agent_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::spawn_simulator;
use tokio::sync::broadcast::error::RecvError;

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[(((sorted.len() as f64) - 1.0) * p).round() as usize]
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{what}: n={} p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.95),
        pct(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

fn main() {
    let changes: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(run(changes));
}

async fn run(changes: usize) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    sb.set_org_setting("Presence_Sync__c", serde_json::json!("true"))
        .await
        .unwrap();
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe);
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let crm = SalesforceCrm::establish(agent_client(&sb, &sb.http_url, None).await.unwrap(), true)
        .await
        .unwrap();
    e.connect_crm(crm).await.unwrap();
    let mut rx = e.subscribe();
    let settled = |s: &ringside_engine::ipc::Snapshot, crm: &str, phone: &PhoneStatus| {
        s.presence.mapping.enabled
            && s.presence.crm.as_deref() == Some(crm)
            && s.presence.phone.as_ref() == Some(phone)
            && s.presence.pending == 0
    };
    // Until sync is on and both sides are read.
    loop {
        let s = e.snapshot().await.unwrap();
        if settled(&s, "Available_for_Calls", &PhoneStatus::Available) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    async fn until(
        rx: &mut tokio::sync::broadcast::Receiver<EngineEvent>,
        ok: impl Fn(&ringside_engine::ipc::Snapshot) -> bool,
    ) {
        loop {
            match rx.recv().await {
                Ok(EngineEvent::Snapshot(s)) if ok(&s) => return,
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(e) => panic!("engine stopped: {e}"),
            }
        }
    }

    // CRM → telephony.
    let before = sb.api_requests();
    let mut to_phone = Vec::with_capacity(changes);
    for i in 0..changes {
        let (crm, phone) = if i % 2 == 0 {
            ("Lunch_Break", PhoneStatus::Away)
        } else {
            ("Available_for_Calls", PhoneStatus::Available)
        };
        let t = Instant::now();
        sb.omni_change(AGENT_USERNAME, Some(crm), reason::MANUAL)
            .await
            .unwrap();
        until(&mut rx, |s| settled(s, crm, &phone)).await;
        to_phone.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let crm_side_calls = sb.api_requests() - before;
    report("CRM → telephony confirmed", to_phone);
    println!(
        "  org API requests: {crm_side_calls} for {changes} changes ({:.2} each)",
        crm_side_calls as f64 / changes as f64
    );

    // Telephony → CRM (Busy → Away_from_Desk, Available → Available_for_Calls).
    let before = sb.api_requests();
    let mut to_crm = Vec::with_capacity(changes);
    for i in 0..changes {
        let (phone, crm) = if i % 2 == 0 {
            (PhoneStatus::Busy, "Away_from_Desk")
        } else {
            (PhoneStatus::Available, "Available_for_Calls")
        };
        let t = Instant::now();
        e.request(Request::SetPresence {
            crm: None,
            phone: Some(phone.clone()),
        })
        .await
        .unwrap();
        until(&mut rx, |s| settled(s, crm, &phone)).await;
        to_crm.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let phone_side_calls = sb.api_requests() - before;
    report("telephony → CRM confirmed", to_crm);
    println!(
        "  org API requests: {phone_side_calls} for {changes} changes ({:.2} each)",
        phone_side_calls as f64 / changes as f64
    );

    // Idle: the reconcile compares what is known; nothing polls.
    let before = sb.api_requests();
    tokio::time::sleep(Duration::from_secs(30)).await;
    println!(
        "idle 30 s with sync on: {} org API requests (the built-in CRM's mapping is read once a minute; an org's comes with its admin settings)",
        sb.api_requests() - before
    );
    e.shutdown().await;
    platform(&sb, changes).await;
    sb.stop().await;
}

/// The same org, with the phone a contact-centre platform on the ACD socket.
async fn platform(sb: &Sandbox, changes: usize) {
    use ringside_engine::phone::{spawn_phone, PhoneSettings};
    use ringside_softphone::acd::protocol::WireStateCause;
    use ringside_softphone::acd::simulator::start_acd_simulator;

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
    sb.omni_change(AGENT_USERNAME, Some("Available_for_Calls"), reason::MANUAL)
        .await
        .unwrap();
    let crm = SalesforceCrm::establish(agent_client(sb, &sb.http_url, None).await.unwrap(), true)
        .await
        .unwrap();
    e.connect_crm(crm).await.unwrap();
    let mut rx = e.subscribe();
    let settled = |s: &ringside_engine::ipc::Snapshot, crm: &str, phone: &PhoneStatus| {
        s.presence.mapping.enabled
            && s.presence.crm.as_deref() == Some(crm)
            && s.presence.phone.as_ref() == Some(phone)
            && s.presence.pending == 0
    };
    loop {
        let s = e.snapshot().await.unwrap();
        if settled(&s, "Available_for_Calls", &PhoneStatus::Available) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    async fn until(
        rx: &mut tokio::sync::broadcast::Receiver<EngineEvent>,
        ok: impl Fn(&ringside_engine::ipc::Snapshot) -> bool,
    ) {
        loop {
            match rx.recv().await {
                Ok(EngineEvent::Snapshot(s)) if ok(&s) => return,
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(e) => panic!("engine stopped: {e}"),
            }
        }
    }

    // CRM → platform: Chat_Only → busy, Available_for_Calls → available.
    let before = sb.api_requests();
    let mut to_platform = Vec::with_capacity(changes);
    for i in 0..changes {
        let (crm, phone) = if i % 2 == 0 {
            ("Chat_Only", PhoneStatus::Busy)
        } else {
            ("Available_for_Calls", PhoneStatus::Available)
        };
        let t = Instant::now();
        sb.omni_change(AGENT_USERNAME, Some(crm), reason::SUPERVISOR)
            .await
            .unwrap();
        until(&mut rx, |s| settled(s, crm, &phone)).await;
        to_platform.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let calls = sb.api_requests() - before;
    report("CRM → platform confirmed", to_platform);
    println!(
        "  org API requests: {calls} for {changes} changes ({:.2} each)",
        calls as f64 / changes as f64
    );

    // Platform → CRM: away → Away_from_Desk, available → Available_for_Calls.
    let before = sb.api_requests();
    let mut to_crm = Vec::with_capacity(changes);
    for i in 0..changes {
        let (state, phone, crm) = if i % 2 == 0 {
            ("away", PhoneStatus::Away, "Away_from_Desk")
        } else {
            ("available", PhoneStatus::Available, "Available_for_Calls")
        };
        let t = Instant::now();
        sim.probe.change_state(state, WireStateCause::Agent);
        until(&mut rx, |s| settled(s, crm, &phone)).await;
        to_crm.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let calls = sb.api_requests() - before;
    report("platform → CRM confirmed", to_crm);
    println!(
        "  org API requests: {calls} for {changes} changes ({:.2} each)",
        calls as f64 / changes as f64
    );
    e.shutdown().await;
}
