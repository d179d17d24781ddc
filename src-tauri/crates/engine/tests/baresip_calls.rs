#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Ringside on a real softphone: two baresip instances on loopback (customer
//! and agent), the engine on the agent's `ctrl_tcp`, the sandbox CRM behind
//! it. Calls are controlled through the engine's IPC, as the app does, and
//! the CRM is checked for the Tasks (LOG-1, LOG-2, DNL-4, DNL-8, MATCH-7).
//! Needs `baresip` (Debian `baresip-core`): run by `scripts/baresip-tests.sh`.

mod common;

use common::{client, salesforce, until};

use std::time::Duration;

use ringside_core::{CallId, LoginEvent, Phase};
use ringside_engine::ipc::{CallControl, Request, Snapshot};
use ringside_engine::phone::{spawn_phone, PhoneSettings};
use ringside_engine::{start, EngineEvent, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::seed::{demo_phone, Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::baresip::testkit::{sip_port, tcp_port, Driver, Phone};
use serde_json::{Map, Value};

/// The customer's number: the first seeded Contact's, `(310) 555-0100`.
const CUSTOMER: &str = "+13105550100";

fn phase_of(s: &Snapshot, id: &CallId) -> Option<Phase> {
    s.calls.iter().find(|c| &c.id == id).map(|c| c.phase)
}

async fn control(e: &EngineHandle, action: CallControl) {
    e.request(Request::CallControl { action }).await.unwrap();
}

async fn tick(e: &EngineHandle, id: &CallId) {
    e.request(Request::SetDoNotLog {
        call_id: id.clone(),
        ticked: true,
    })
    .await
    .unwrap();
}

/// The agent's and the customer's baresip, and the engine on the agent's
/// ctrl_tcp with the companion open (LOG-1: Ringside writes), connected.
struct Rig {
    e: EngineHandle,
    customer: Driver,
    phone: PhoneSettings,
    agent: Phone,
    _cust: Phone,
}

impl Rig {
    async fn start() -> Rig {
        let (a_sip, c_sip) = (sip_port(), sip_port());
        let agent = Phone::start("agent", a_sip, tcp_port(), Phone::rtp_base(a_sip, 21000));
        let cust = Phone::start(CUSTOMER, c_sip, tcp_port(), Phone::rtp_base(c_sip, 31000));
        let phone = PhoneSettings::Baresip {
            ctrl: format!("127.0.0.1:{}", agent.ctrl),
            dial_domain: format!("127.0.0.1:{}", cust.sip),
        };
        let (connector, _) = spawn_phone(&phone).unwrap();
        let mut options = EngineOptions::new(StoreLocation::Memory);
        options.phone = phone.clone();
        let e = start(options, connector).await.unwrap();
        e.login(LoginEvent::CompanionOpened).await.unwrap();
        until(&e, "baresip connected", |s| s.connector.connected).await;
        let customer = Driver::connect(cust.ctrl).await;
        Rig {
            e,
            customer,
            phone,
            agent,
            _cust: cust,
        }
    }

    /// The customer calls the agent; the ringing call's id.
    async fn customer_calls(&mut self) -> CallId {
        let to = format!("sip:agent@127.0.0.1:{}", self.agent.sip);
        self.customer.send("dial", Some(&to)).await;
        let s = until(&self.e, "the call rings", |s| !s.calls.is_empty()).await;
        s.calls[0].id.clone()
    }
}

/// Until the phone's own list of calls has been read twice since now (the
/// first answer may have been asked for before the last command).
async fn reconciled(e: &EngineHandle) {
    let mut events = e.subscribe();
    tokio::time::timeout(Duration::from_secs(10), async {
        let mut seen = 0;
        while seen < 2 {
            if let Ok(EngineEvent::PhoneReconciled) = events.recv().await {
                seen += 1;
            }
        }
    })
    .await
    .expect("baresip's calls were read");
}

/// The customer calls; the agent answers, holds, resumes and hangs up from
/// Ringside, then calls the customer back. With `do_not_log` the agent
/// ticks the checkbox on both calls.
async fn two_calls(do_not_log: bool) -> Outcome {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::Demo,
        ..Default::default()
    })
    .await
    .unwrap();
    let mut rig = Rig::start().await;
    rig.e
        .connect_crm(salesforce(&sb, true).await)
        .await
        .unwrap();
    let s = rig.e.snapshot().await.unwrap();
    assert_eq!(s.connector.name, "baresip");
    assert_eq!(s.phone, rig.phone);
    assert!(!s.demo, "no demo actions on a real phone");

    let inbound = rig.customer_calls().await;
    let s = rig.e.snapshot().await.unwrap();
    assert_eq!(s.calls[0].phase, Phase::Ringing);
    assert_eq!(s.calls[0].remote, CUSTOMER);
    assert!(s.calls[0].checkbox_visible, "DNL-2: offered while ringing");
    let (e, customer) = (&rig.e, &mut rig.customer);
    if do_not_log {
        tick(e, &inbound).await;
    }
    control(
        e,
        CallControl::Answer {
            call_id: inbound.clone(),
        },
    )
    .await;
    until(e, "answered", |s| {
        phase_of(s, &inbound) == Some(Phase::Answered)
    })
    .await;
    customer.event("CALL_ESTABLISHED").await;
    control(
        e,
        CallControl::Hold {
            call_id: inbound.clone(),
        },
    )
    .await;
    until(e, "on hold", |s| phase_of(s, &inbound) == Some(Phase::Hold)).await;
    // A listcalls poll confirms the hold rather than undoing it.
    reconciled(e).await;
    assert_eq!(
        phase_of(&e.snapshot().await.unwrap(), &inbound),
        Some(Phase::Hold)
    );
    control(
        e,
        CallControl::Resume {
            call_id: inbound.clone(),
        },
    )
    .await;
    until(e, "resumed", |s| {
        phase_of(s, &inbound) == Some(Phase::Answered)
    })
    .await;
    control(
        e,
        CallControl::Hangup {
            call_id: inbound.clone(),
        },
    )
    .await;
    until(e, "hung up", |s| s.calls.is_empty()).await;
    customer.event("CALL_CLOSED").await;

    // Dialback from the history entry's number: phase Dialback (DNL-2).
    control(
        e,
        CallControl::Dialback {
            number: CUSTOMER.into(),
            record: None,
        },
    )
    .await;
    let s = until(e, "dialling back", |s| !s.calls.is_empty()).await;
    let back = s.calls[0].id.clone();
    assert_eq!(s.calls[0].phase, Phase::Dialback);
    assert!(s.calls[0].checkbox_visible, "DNL-2: offered on a dialback");
    if do_not_log {
        tick(e, &back).await;
    }
    customer.event("CALL_INCOMING").await;
    customer.send("accept", None).await;
    customer.event("CALL_ESTABLISHED").await;
    until(e, "the dialback answered", |s| {
        phase_of(s, &back) == Some(Phase::Answered)
    })
    .await;
    // The poll keeps the established dialback as it is.
    reconciled(e).await;
    assert_eq!(
        phase_of(&e.snapshot().await.unwrap(), &back),
        Some(Phase::Answered)
    );
    customer.send("hangup", None).await;
    until(e, "the dialback ended", |s| s.calls.is_empty()).await;

    // Both calls are in history; wait until the outbox has nothing left.
    let expect = if do_not_log { 0 } else { 2 };
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let s = e.snapshot().await.unwrap();
            if s.delivery.pending == 0 && s.delivery.written >= expect {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the outbox drained");
    let history = e.history(10).await.unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history.iter().all(|h| h.do_not_log == do_not_log));
    let check = client(&sb).await;
    let tasks = check
        .query_all_pages(
            "SELECT Id, Subject, Status, CallType, CallObject, CallDurationInSeconds, WhoId, OwnerId, TaskSubtype FROM Task",
        )
        .await
        .unwrap();
    let contact = check
        .query_all_pages(&format!(
            "SELECT Id FROM Contact WHERE Phone = '{}'",
            demo_phone(0)
        ))
        .await
        .unwrap();
    let agent = check
        .query_all_pages(&format!(
            "SELECT Id FROM User WHERE Username = '{AGENT_USERNAME}'"
        ))
        .await
        .unwrap();
    e.shutdown().await;
    Outcome {
        tasks,
        calls: [inbound, back],
        contact: contact[0]["Id"].as_str().unwrap().to_string(),
        agent: agent[0]["Id"].as_str().unwrap().to_string(),
    }
}

struct Outcome {
    tasks: Vec<Map<String, Value>>,
    calls: [CallId; 2],
    /// The caller's Contact and the agent's User id in the CRM.
    contact: String,
    agent: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn log_1_calls_on_baresip_become_one_task_each_with_the_right_fields() {
    let Outcome {
        tasks,
        calls: [inbound, back],
        contact,
        agent,
    } = two_calls(false).await;
    assert_eq!(tasks.len(), 2, "LOG-2: one Task per call: {tasks:?}");
    for (id, call_type, subject) in [
        (&inbound, "Inbound", "Inbound call"),
        (&back, "Outbound", "Outbound call"),
    ] {
        let t = tasks
            .iter()
            .find(|t| t["CallObject"] == id.0.as_str())
            .unwrap_or_else(|| panic!("no Task for {id:?}: {tasks:?}"));
        assert_eq!(t["CallType"], call_type, "{t:?}");
        assert_eq!(t["Subject"], subject, "{t:?}");
        assert_eq!(t["TaskSubtype"], "Call");
        assert_eq!(t["Status"], "Completed");
        assert_eq!(
            t["WhoId"],
            contact.as_str(),
            "MATCH-7: the caller's Contact"
        );
        assert_eq!(t["OwnerId"], agent.as_str());
        assert!(
            t["CallDurationInSeconds"].as_i64().unwrap() >= 1,
            "talk time counted from the answer: {t:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn dnl_8_ticked_calls_on_baresip_create_no_task() {
    let out = two_calls(true).await;
    assert!(out.tasks.is_empty(), "DNL-8: {:?}", out.tasks);
}

/// The customer gives up before the agent answers: the call is Missed with
/// baresip's reason, and the agent calls back from it (phase Dialback).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn a_call_the_customer_gives_up_on_is_missed_with_the_reason_and_called_back() {
    let mut rig = Rig::start().await;
    rig.customer_calls().await;
    let (e, customer) = (&rig.e, &mut rig.customer);
    customer.event("CALL_RINGING").await;
    customer.send("hangup", None).await;
    until(e, "the call ended", |s| s.calls.is_empty()).await;
    let missed = &e.history(5).await.unwrap()[0];
    assert_eq!(missed.phase, Phase::Missed, "{missed:?}");
    assert!(missed.answered_at.is_none());
    assert_eq!(
        missed.end_reason.as_deref(),
        Some("the other party hung up"),
        "baresip's reason, in words: {missed:?}"
    );
    control(
        e,
        CallControl::Dialback {
            number: missed.remote.clone(),
            record: None,
        },
    )
    .await;
    let s = until(e, "dialling back", |s| !s.calls.is_empty()).await;
    assert_eq!(s.calls[0].phase, Phase::Dialback);
    customer.event("CALL_INCOMING").await;
    customer.send("hangup", None).await;
    until(e, "the dialback ended", |s| s.calls.is_empty()).await;
    e.shutdown().await;
}

/// The control link drops mid-call (another program took baresip's socket
/// for a moment) while baresip keeps the call: Ringside says so, reconnects,
/// and the call in progress is still there and still controllable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn a_call_in_progress_survives_the_control_link_dropping() {
    let mut rig = Rig::start().await;
    let id = rig.customer_calls().await;
    let (e, customer) = (&rig.e, &mut rig.customer);
    control(
        e,
        CallControl::Answer {
            call_id: id.clone(),
        },
    )
    .await;
    until(e, "answered", |s| phase_of(s, &id) == Some(Phase::Answered)).await;
    customer.event("CALL_ESTABLISHED").await;

    // Another program connects to the agent's control socket, then leaves.
    let intruder = Driver::connect(rig.agent.ctrl).await;
    until(e, "the drop said", |s| !s.connector.connected).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(intruder);
    let s = until(e, "reconnected", |s| s.connector.connected).await;
    assert_eq!(phase_of(&s, &id), Some(Phase::Answered), "the call is kept");
    control(
        e,
        CallControl::Hangup {
            call_id: id.clone(),
        },
    )
    .await;
    until(e, "hung up from Ringside", |s| s.calls.is_empty()).await;
    customer.event("CALL_CLOSED").await;
    let h = e.history(5).await.unwrap();
    assert_eq!((h.len(), h[0].phase), (1, Phase::Ended));
    e.shutdown().await;
}
