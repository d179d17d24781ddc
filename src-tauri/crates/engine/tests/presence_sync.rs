#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Section 6 end to end in the engine, against the sandbox org (Omni-Channel
//! and Ringside's console component played by it) and the demo softphone
//! (whose telephony status Ringside holds): a change on either side moves
//! the other through the org's mapping, a call holds both busy and returns
//! both to where they were after its wrap-up, and STATE-2's presence
//! logout comes from the org.

mod common;

use ringside_engine::ipc::Snapshot;

/// As `common::until`, showing presence and its history when it times out.
async fn until(e: &EngineHandle, what: &str, ok: impl Fn(&Snapshot) -> bool) -> Snapshot {
    for _ in 0..2_000 {
        let s = e.snapshot().await.unwrap();
        if ok(&s) {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let p = e.snapshot().await.unwrap().presence;
    panic!(
        "timed out waiting for {what}: crm {:?} phone {:?} in sync {} pending {}\n{:#?}",
        p.crm, p.phone, p.in_sync, p.pending, p.history
    );
}
use ringside_core::presence::{ChangeCause, PhoneStatus};
use ringside_core::{CallId, CallSignal, CrmLogin, LoginEvent};
use ringside_engine::ipc::{CallControl, Request};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use serde_json::json;

async fn setup() -> (Sandbox, EngineHandle, SimulatorProbe) {
    let sb = org().await;
    let (e, probe) = engine_on(&sb, StoreLocation::Memory).await;
    (sb, e, probe)
}

async fn org() -> Sandbox {
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
    sb
}

async fn engine_on(sb: &Sandbox, store: StoreLocation) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(store);
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.connect_crm(common::salesforce(sb, true).await)
        .await
        .unwrap();
    (e, probe)
}

#[tokio::test]
async fn pres_1_6_both_sides_follow_each_other_and_a_call_returns_them_to_before() {
    let (sb, e, probe) = setup().await;
    let s = until(&e, "sync on, both sides read", |s| {
        s.presence.mapping.enabled && s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    assert_eq!(s.presence.phone, Some(PhoneStatus::Available));
    assert!(s.presence.available);
    assert!(!s.presence.statuses.is_empty());

    // A supervisor sends the agent to lunch in Salesforce: the phone is Away.
    sb.omni_change(AGENT_USERNAME, Some("Lunch_Break"), reason::SUPERVISOR)
        .await
        .unwrap();
    let s = until(&e, "the phone follows", |s| {
        s.presence.phone == Some(PhoneStatus::Away)
    })
    .await;
    assert!(s
        .presence
        .history
        .iter()
        .any(|c| c.cause == ChangeCause::Supervisor));

    // The agent goes Busy on the phone side: Omni goes Away_from_Desk.
    e.request(Request::SetPresence {
        crm: None,
        phone: Some(PhoneStatus::Busy),
    })
    .await
    .unwrap();
    until(&e, "Omni follows", |s| {
        s.presence.crm.as_deref() == Some("Away_from_Desk") && s.presence.in_sync
    })
    .await;

    // A call the agent makes (a busy agent's phone does not ring): Omni
    // goes On a Call, the phone too.
    let id = CallId("presence-call".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Dialing {
                to: "+13108675309".into(),
                dialback: false,
            },
        )
        .await;
    until(&e, "dialling", |s| s.calls.iter().any(|c| c.id == id)).await;
    until(&e, "busy for the call", |s| {
        s.presence.crm.as_deref() == Some("On_a_Call")
            && s.presence.phone == Some(PhoneStatus::OnACall)
    })
    .await;
    probe.emit(id.clone(), CallSignal::Answered).await;
    e.request(Request::CallControl {
        action: CallControl::Hangup {
            call_id: id.clone(),
        },
    })
    .await
    .unwrap();
    // Online in Omni is logged in to the CRM: its softphone logs this call
    // (LOG-1), so no wrap-up of Ringside's holds the agent.
    // PRES-6: back to where the agent was before the call, not Available.
    until(&e, "returned to before", |s| {
        s.presence.crm.as_deref() == Some("Away_from_Desk")
            && s.presence.phone == Some(PhoneStatus::Busy)
            && s.presence.in_sync
    })
    .await;
    sb.stop().await;
}

#[tokio::test]
async fn state_2_offline_in_omni_is_the_presence_logout_read_from_the_org() {
    let (sb, e, _probe) = setup().await;
    until(&e, "read", |s| s.presence.crm.is_some()).await;
    until(&e, "logged in to the CRM", |s| {
        s.login.crm == CrmLogin::LoggedIn
    })
    .await;
    sb.omni_change(AGENT_USERNAME, None, reason::LOGOUT)
        .await
        .unwrap();
    let s = until(&e, "the presence logout", |s| {
        s.login.crm == CrmLogin::LoggedOut
    })
    .await;
    assert_eq!(s.presence.phone, Some(PhoneStatus::Offline));
    // PRES-4: the phone going somewhere never logs the agent into or out of Omni.
    e.request(Request::SetPresence {
        crm: None,
        phone: Some(PhoneStatus::Available),
    })
    .await
    .unwrap();
    until(&e, "Omni follows the phone back", |s| {
        s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    until(&e, "logged in again", |s| s.login.crm == CrmLogin::LoggedIn).await;
    sb.stop().await;
}

#[tokio::test]
async fn pres_6_a_stop_mid_call_returns_the_agent_to_the_status_before_it() {
    let sb = org().await;
    let dir =
        std::env::temp_dir().join(format!("ringside-presence-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("ringside.db");
    let (e, probe) = engine_on(&sb, StoreLocation::File(db.clone())).await;
    until(&e, "read", |s| {
        s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    sb.omni_change(AGENT_USERNAME, Some("Lunch_Break"), reason::MANUAL)
        .await
        .unwrap();
    until(&e, "on a break", |s| {
        s.presence.phone == Some(PhoneStatus::Away)
    })
    .await;
    let id = CallId("cut-short".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Dialing {
                to: "+13108675309".into(),
                dialback: false,
            },
        )
        .await;
    until(&e, "busy for the call", |s| {
        s.presence.crm.as_deref() == Some("On_a_Call")
    })
    .await;
    // Ringside stops with the call going on; the call never ends for it.
    e.shutdown().await;
    drop(probe);
    let (e, _probe) = engine_on(&sb, StoreLocation::File(db)).await;
    let s = until(&e, "back from the cut-short call to the break", |s| {
        s.presence.crm.as_deref() == Some("Lunch_Break")
            && s.presence.phone == Some(PhoneStatus::Away)
    })
    .await;
    assert!(
        s.presence
            .history
            .iter()
            .any(|c| c.cause == ChangeCause::CallEnd),
        "the history from before the stop is kept, and the return recorded"
    );
    e.shutdown().await;
    sb.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_away_agents_phone_does_not_ring() {
    let (sb, e, probe) = setup().await;
    until(&e, "read", |s| {
        s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    sb.omni_change(AGENT_USERNAME, Some("Lunch_Break"), reason::MANUAL)
        .await
        .unwrap();
    until(&e, "away", |s| s.presence.phone == Some(PhoneStatus::Away)).await;
    let id = CallId("while-away".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
    until(&e, "declined at once", |s| {
        s.calls.iter().all(|c| c.id != id)
    })
    .await;
    let entry = loop {
        let h = e.history(10).await.unwrap();
        if let Some(x) = h.into_iter().find(|h| h.call_id == id && h.end.is_some()) {
            break x;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    };
    assert_eq!(entry.end, Some(ringside_core::CallEnd::Declined));
    // The break is still the agent's status.
    let s = e.snapshot().await.unwrap();
    assert_eq!(s.presence.crm.as_deref(), Some("Lunch_Break"));
    sb.stop().await;
}

/// A storm of 1,000 random status changes on both sides, with the stream
/// dropped, batches delivered out of order and the console closed for a
/// while: within 5 s of the last change both sides agree with the mapping,
/// Ringside's view is the org's, and Ringside wrote no more than one
/// request per change plus its bounded retries (no ping-pong).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_changes_with_faults_converges_without_loops() {
    use std::sync::atomic::Ordering;
    let (sb, e, _probe) = setup().await;
    until(&e, "read", |s| {
        s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    const CRM: [&str; 5] = [
        "Available_for_Calls",
        "Online",
        "Away_from_Desk",
        "Lunch_Break",
        "Chat_Only",
    ];
    const PHONE: [PhoneStatus; 3] = [PhoneStatus::Available, PhoneStatus::Away, PhoneStatus::Busy];
    const REASONS: [&str; 3] = [reason::MANUAL, reason::SUPERVISOR, reason::PUSH_TIMEOUT];
    // A fixed seed: the same storm every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let before = sb.api_requests();
    let mut phone_picks = 0u64;
    for i in 0..1_000u64 {
        match i {
            300 => sb.streaming().reorder.store(true, Ordering::Relaxed),
            400 => sb.streaming().reorder.store(false, Ordering::Relaxed),
            500 => sb.set_console_open(AGENT_USERNAME, false).await.unwrap(),
            600 => sb.set_console_open(AGENT_USERNAME, true).await.unwrap(),
            _ if i % 150 == 0 => sb.streaming().drop_all_clients(),
            _ => {}
        }
        let r = next();
        if r % 2 == 0 {
            let status = CRM[(r >> 8) as usize % CRM.len()];
            let why = REASONS[(r >> 16) as usize % REASONS.len()];
            sb.omni_change(AGENT_USERNAME, Some(status), why)
                .await
                .unwrap();
        } else {
            phone_picks += 1;
            e.request(Request::SetPresence {
                crm: None,
                phone: Some(PHONE[(r >> 8) as usize % PHONE.len()].clone()),
            })
            .await
            .unwrap();
        }
        if r % 7 == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        }
    }
    let last = std::time::Instant::now();
    let crm = ringside_salesforce::SalesforceCrm::establish(common::client(&sb).await, true)
        .await
        .unwrap();
    let p = ringside_crm_port::Crm::presence(&crm).unwrap();
    let mut settled = None;
    while last.elapsed() < std::time::Duration::from_secs(5) {
        let s = e.snapshot().await.unwrap();
        let org = p.current().await.unwrap().status;
        if s.presence.in_sync && s.presence.pending == 0 && s.presence.crm == org {
            settled = Some((s, org));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let Some((s, _)) = settled else {
        let s = e.snapshot().await.unwrap().presence;
        panic!(
            "not settled 5 s after the storm: crm {:?} phone {:?} in sync {} pending {}",
            s.crm, s.phone, s.in_sync, s.pending
        );
    };
    let written = sb.api_requests() - before;
    println!(
        "storm: settled {} ms after the last change; {written} org API requests for {phone_picks} telephony changes",
        last.elapsed().as_millis()
    );
    // Each phone pick is followed by at most one request, each retried at
    // most twice while the console was closed; the CRM side's changes are
    // followed on the phone, which costs the org nothing.
    assert!(
        written <= phone_picks + 2 * 100 + 20,
        "{written} org API requests for {phone_picks} telephony changes: a loop?"
    );
    assert!(s.presence.history.len() >= 100);
    sb.stop().await;
}

#[tokio::test]
async fn every_crm_status_the_agent_picks_in_ringside_is_applied() {
    let (_sb, e, _probe) = setup().await;
    until(&e, "read", |s| {
        s.presence.crm.as_deref() == Some("Available_for_Calls")
    })
    .await;
    for (crm, phone) in [
        ("Lunch_Break", PhoneStatus::Away),
        ("Online", PhoneStatus::Available),
        ("Away_from_Desk", PhoneStatus::Away),
    ] {
        e.request(Request::SetPresence {
            crm: Some(crm.into()),
            phone: None,
        })
        .await
        .unwrap();
        let s = until(&e, crm, |s| {
            s.presence.crm.as_deref() == Some(crm) && s.presence.phone.as_ref() == Some(&phone)
        })
        .await;
        assert!(s
            .presence
            .history
            .iter()
            .any(|c| c.cause == ChangeCause::Agent));
    }
}

#[tokio::test]
async fn pres_1_an_admin_saves_the_mapping_in_ringside_and_it_applies_at_once() {
    use ringside_core::presence::{CrmRule, PresenceMapping};
    use ringside_sandbox::seed::ADMIN_USERNAME;
    let sb = org().await;
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe);
    let e = start(options, connector).await.unwrap();
    e.connect_crm(common::org_as(&sb, ADMIN_USERNAME).await)
        .await
        .unwrap();
    let s = until(&e, "the org's mapping", |s| s.presence.mapping.enabled).await;
    let mut mapping: PresenceMapping = s.presence.mapping.clone();
    mapping.to_phone.push(CrmRule {
        crm: "On_a_Call".into(),
        phone: PhoneStatus::Away,
    });
    mapping.to_phone.retain(|r| r.crm != "Chat_Only");
    mapping.ring_while_away = true;
    e.request(Request::SavePresenceMapping {
        mapping: mapping.clone(),
    })
    .await
    .unwrap();
    // Answered once the org was read again: what the admin saved is in force.
    assert_eq!(e.snapshot().await.unwrap().presence.mapping, mapping);
    // A mapping the editor refuses is refused beside its field.
    let mut bad = mapping.clone();
    bad.next_status = Some("Online".into());
    let err = e
        .request(Request::SavePresenceMapping { mapping: bad })
        .await
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("next_status"));
    sb.stop().await;
}

/// STATE-2a from the org: a UI logout (the org's LogoutEventStream, as
/// Ringside's trigger records it on the agent's row) logs the agent out of
/// the CRM when the admin's presence-state logout check is on, and not when
/// it is off; presence sync plays no part.
#[tokio::test]
async fn state_2a_an_org_logout_counts_only_with_the_logout_check_on() {
    for check in [true, false] {
        let sb = Sandbox::start(SandboxConfig {
            seed: Seed::UsersOnly,
            ..Default::default()
        })
        .await
        .unwrap();
        sb.set_org_setting("Presence_Logout_Check__c", json!(check.to_string()))
            .await
            .unwrap();
        let (connector, probe) = spawn_simulator();
        let mut options = EngineOptions::new(StoreLocation::Memory);
        options.simulator = Some(probe.clone());
        let e = start(options, connector).await.unwrap();
        e.login(LoginEvent::CompanionOpened).await.unwrap();
        e.connect_crm(common::org_as(&sb, AGENT_USERNAME).await)
            .await
            .unwrap();
        until(&e, "the org's settings and presence read", |s| {
            s.presence.crm_known && s.settings.presence_logout_check == check
        })
        .await;
        e.login(LoginEvent::CrmOrgLogin).await.unwrap();
        until(&e, "logged in", |s| s.login.crm == CrmLogin::LoggedIn).await;
        sb.org_logout(AGENT_USERNAME).await.unwrap();
        until(&e, "the logout heard", |s| {
            s.presence.crm_known && s.presence.crm.is_none()
        })
        .await;
        if check {
            until(&e, "logged out of the CRM", |s| {
                s.login.crm == CrmLogin::LoggedOut
            })
            .await;
        } else {
            // The same event as above, which took effect there within this.
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let s = e.snapshot().await.unwrap();
            assert_eq!(s.login.crm, CrmLogin::LoggedIn, "the check is off");
        }
        e.shutdown().await;
        sb.stop().await;
    }
}
