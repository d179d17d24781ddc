#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Call records reach the CRM exactly once (LOG-2): the engine, its outbox
//! and the delivery worker against the sandbox CRM over loopback.

mod common;

use common::delivery::{call, drained, engine, fast, sandbox};
use common::{client, salesforce, until};

use std::sync::Arc;
use std::time::Duration;

use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_engine::caller::CallerSettings;
use ringside_engine::ipc::{CrmStatus, ErrorCode, Request, Response};
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::Seed;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_store::{Delivery, RecordRef, WrapUp};
use serde_json::{Map, Value};

async fn tasks(c: &SalesforceClient) -> Vec<Map<String, Value>> {
    c.query_all_pages(
        "SELECT Id, Subject, CallType, CallObject, CallDisposition, Description, WhatId, OwnerId, TaskSubtype, Ringside_Call_Id__c FROM Task",
    )
    .await
    .unwrap()
}

fn count_by<'a>(
    tasks: &'a [Map<String, Value>],
    field: &str,
) -> std::collections::HashMap<&'a str, usize> {
    let mut m = std::collections::HashMap::new();
    for t in tasks {
        if let Some(v) = t.get(field).and_then(Value::as_str) {
            *m.entry(v).or_insert(0) += 1;
        }
    }
    m
}

/// LOG-1/LOG-2/DNL-8 and WRAP-1..4: one Task for the logged call, none for
/// the ticked one; the wrap-up updates that same Task.
#[tokio::test]
async fn a_logged_call_becomes_one_task_and_its_wrap_up_updates_it() {
    let sb = sandbox(Seed::Demo).await;
    let (e, probe) = engine(fast()).await;
    let link = salesforce(&sb, true).await;
    let owner = link.account.user_id.clone();
    assert!(link.external_id_field.is_some());
    e.connect_crm(link).await.unwrap();
    assert!(matches!(
        e.snapshot().await.unwrap().crm,
        CrmStatus::Connected {
            external_id: true,
            ..
        }
    ));

    call(&e, &probe, "logged-1", false).await;
    call(&e, &probe, "ticked-1", true).await;
    drained(&e, 1).await;

    let check = client(&sb).await;
    let all = tasks(&check).await;
    assert_eq!(all.len(), 1, "{all:?}");
    let t = &all[0];
    assert_eq!(t["CallObject"], "logged-1");
    assert_eq!(t["Subject"], "Inbound call");
    assert_eq!(t["TaskSubtype"], "Call");
    assert_eq!(t["CallType"], "Inbound");
    assert_eq!(t["OwnerId"], owner.as_str());
    let task_id = t["Id"].as_str().unwrap().to_string();

    let history = e.history(10).await.unwrap();
    let logged = history.iter().find(|h| h.call_id.0 == "logged-1").unwrap();
    assert_eq!(
        logged.delivery,
        Some(Delivery::Logged {
            crm_record_id: task_id.clone()
        })
    );
    let ticked = history.iter().find(|h| h.call_id.0 == "ticked-1").unwrap();
    assert_eq!(ticked.delivery, None, "DNL-8: no Task");

    // WRAP-4: the agent's open cases, most recently viewed first.
    let Response::Cases { cases } = e
        .request(Request::RecentCases { contact_id: None })
        .await
        .unwrap()
    else {
        panic!("cases")
    };
    assert!(!cases.is_empty());
    let Response::Dispositions { codes } = e
        .request(Request::Dispositions {
            with_retired: false,
        })
        .await
        .unwrap()
    else {
        panic!("codes")
    };
    let wrap = WrapUp {
        disposition: Some(codes[1].id),
        notes: "Asked for a refund".into(),
        case: Some(RecordRef {
            id: cases[0].id.clone(),
            label: cases[0].label.clone(),
        }),
    };
    e.request(Request::WrapUp {
        row: logged.row,
        wrap_up: wrap,
    })
    .await
    .unwrap();
    drained(&e, 2).await;
    let all = tasks(&check).await;
    assert_eq!(
        all.len(),
        1,
        "the wrap-up updated the Task, it did not add one"
    );
    assert_eq!(all[0]["Id"], task_id.as_str());
    assert_eq!(all[0]["CallDisposition"], codes[1].label.as_str());
    assert_eq!(all[0]["Description"], "Asked for a refund");
    assert_eq!(all[0]["WhatId"], cases[0].id.as_str());
    assert_eq!(
        all[0]["Subject"],
        format!("Inbound call: {}", codes[1].label).as_str()
    );

    // Ringside's own rules refuse the rest with codes the UI can act on.
    let refused = e
        .request(Request::WrapUp {
            row: ticked.row,
            wrap_up: WrapUp {
                disposition: None,
                notes: String::new(),
                case: None,
            },
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotWrappable);
}

/// LOG-2 under faults: 5xx, resets, lost responses after commit, row locks
/// and a request-limit window delay writes but never double or drop them.
#[tokio::test]
async fn faults_delay_writes_but_never_double_or_drop_them() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    sb.set_faults(FaultPlan {
        seed: 11,
        server_error_rate: 0.15,
        drop_rate: 0.1,
        lost_response_rate: 0.25,
        row_lock_rate: 0.1,
        limit_window: Some((5, 3)),
        ..Default::default()
    });
    for i in 0..40 {
        call(&e, &probe, &format!("f-{i}"), i % 5 == 4).await;
    }
    drained(&e, 32).await;
    sb.set_faults(FaultPlan::default());
    let all = tasks(&client(&sb).await).await;
    let by_key = count_by(&all, "Ringside_Call_Id__c");
    assert_eq!(all.len(), 32, "every logged call once, no ticked call");
    assert!(by_key.values().all(|n| *n == 1), "{by_key:?}");
    let mut got: Vec<&str> = count_by(&all, "CallObject").into_keys().collect();
    got.sort_unstable();
    let mut want: Vec<String> = (0..40)
        .filter(|i| i % 5 != 4)
        .map(|i| format!("f-{i}"))
        .collect();
    want.sort_unstable();
    assert_eq!(got, want, "exactly the logged calls");
}

/// "Nothing waiting" is never shown while a call that just ended is queued
/// but not yet counted by the worker: every snapshot after a call ends
/// counts it as waiting or written, or says it is still counting (a CLI
/// that exits on "nothing waiting" lost the last call so).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_just_ended_is_never_shown_as_nothing_waiting() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    let mut events = e.subscribe();
    for n in 1..=20u64 {
        let id = format!("c-{n}");
        call(&e, &probe, &id, false).await;
        // The first snapshot without the call, once it had been shown.
        let s = tokio::time::timeout(Duration::from_secs(10), async {
            let mut shown = false;
            loop {
                if let Ok(ringside_engine::EngineEvent::Snapshot(s)) = events.recv().await {
                    let here = s.calls.iter().any(|c| c.id.0 == id);
                    if shown && !here {
                        return s;
                    }
                    shown |= here;
                }
            }
        })
        .await
        .expect("a snapshot after the call ended");
        let d = &s.delivery;
        assert!(
            d.counting || d.pending + d.failed + d.written >= n,
            "call {n}: shown as {d:?}"
        );
    }
    drained(&e, 20).await;
}

/// A feature or short code the agent dials reaches the phone but becomes
/// no Task and no caller record; the call is in history with its reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dialled_service_code_is_not_logged() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, _probe) = engine(fast()).await;
    e.request(Request::UpdateCallerSettings {
        settings: CallerSettings::default(),
    })
    .await
    .unwrap();
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    for number in ["*72#", "+1 310 867 5309"] {
        e.request(Request::CallControl {
            action: ringside_engine::ipc::CallControl::Dial {
                number: number.into(),
                record: None,
            },
        })
        .await
        .unwrap();
        let s = until(&e, "the dialled call", |s| s.calls.len() == 1).await;
        let call_id = s.calls[0].id.clone();
        e.request(Request::CallControl {
            action: ringside_engine::ipc::CallControl::Hangup { call_id },
        })
        .await
        .unwrap();
        until(&e, "the call's end", |s| s.calls.is_empty()).await;
    }
    drained(&e, 1).await;
    let all = tasks(&client(&sb).await).await;
    assert_eq!(all.len(), 1, "only the subscriber's call: {all:?}");
    let history = e.history(10).await.unwrap();
    let code = history.iter().find(|h| h.remote == "*72#").unwrap();
    assert_eq!(
        code.reason,
        Some(ringside_core::DecisionReason::ServiceCode)
    );
    assert!(code.delivery.is_none());
    // The unknown subscriber becomes a Lead (MATCH-2); the code, which
    // MATCH-1 never looks up, becomes nothing.
    let c = client(&sb).await;
    let leads = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let leads = c
                .query_all_pages("SELECT Id, Phone FROM Lead")
                .await
                .unwrap();
            if !leads.is_empty() {
                return leads;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the subscriber's Lead");
    until(&e, "the creations to settle", |s| {
        s.delivery.pending == 0 && !s.delivery.counting
    })
    .await;
    let leads = c
        .query_all_pages("SELECT Id, Phone FROM Lead")
        .await
        .unwrap_or(leads);
    assert_eq!(leads.len(), 1, "{leads:?}");
    assert_eq!(leads[0]["Phone"], "+13108675309");
    e.shutdown().await;
}

/// Without Ringside's external-id field the worker looks up CallObject
/// before creating: lost responses still do not double a Task.
#[tokio::test]
async fn without_the_external_id_field_call_object_prevents_doubles() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    let mut link = salesforce(&sb, true).await;
    link.external_id_field = None;
    e.connect_crm(link).await.unwrap();
    assert!(matches!(
        e.snapshot().await.unwrap().crm,
        CrmStatus::Connected {
            external_id: false,
            ..
        }
    ));
    sb.set_faults(FaultPlan {
        seed: 5,
        lost_response_rate: 0.4,
        server_error_rate: 0.1,
        ..Default::default()
    });
    for i in 0..15 {
        call(&e, &probe, &format!("nokey-{i}"), false).await;
    }
    drained(&e, 15).await;
    sb.set_faults(FaultPlan::default());
    let all = tasks(&client(&sb).await).await;
    assert_eq!(all.len(), 15);
    assert!(count_by(&all, "CallObject").values().all(|n| *n == 1));
    assert!(all.iter().all(|t| t["Ringside_Call_Id__c"].is_null()));
}

/// A refused refresh: the agent is asked to sign in again, calls wait in the
/// outbox, and a new sign-in writes them.
#[tokio::test]
async fn a_dead_session_asks_for_sign_in_and_keeps_calls_queued() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    let c = client(&sb).await;
    let link = SalesforceCrm::establish(c, true).await.unwrap();
    let dead = Arc::clone(&link.client);
    e.connect_crm(link).await.unwrap();
    dead.revoke().await.unwrap();
    call(&e, &probe, "while-out", false).await;
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let CrmStatus::SignInNeeded { why, .. } = e.snapshot().await.unwrap().crm {
                // Said as a cause the UI words, not an English sentence.
                assert_eq!(why.cause, ringside_engine::crm::CrmCause::SessionLost);
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("sign-in is asked for");
    let s = e.snapshot().await.unwrap();
    assert_eq!(s.delivery.pending + s.delivery.failed, 1, "the call waits");
    assert!(tasks(&client(&sb).await).await.is_empty());

    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    e.request(Request::RetryNow {
        row: e.history(1).await.unwrap()[0].row,
    })
    .await
    .unwrap();
    drained(&e, 1).await;
    assert_eq!(tasks(&client(&sb).await).await.len(), 1);
}

/// A CRM that answers every request with the same broken response.
async fn hostile(status: u16, content_type: &'static str, body: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let _ = s.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(head.as_bytes()).await;
                let _ = s.write_all(body.as_bytes()).await;
            });
        }
    });
    url
}

/// Broken CRM responses (not JSON, truncated JSON, wrong types, an HTML
/// login page, a 200 with an error body): a typed error on the call, the
/// call stays queued, and it is written once a sane CRM answers.
#[tokio::test]
async fn broken_crm_responses_keep_the_call_queued_with_a_typed_error() {
    let sb = sandbox(Seed::UsersOnly).await;
    let good = salesforce(&sb, true).await;
    let owner = good.account.clone();
    let field = good.external_id_field.clone();
    let cases: [(u16, &str, &str, &str); 5] = [
        (
            200,
            "text/plain",
            "this is not JSON",
            "unexpected response from the CRM",
        ),
        (
            200,
            "application/json",
            "[{\"id\":\"00T0000000",
            "unexpected response from the CRM",
        ),
        (
            200,
            "application/json",
            "{\"id\": 42, \"success\": \"yes\"}",
            "unexpected response from the CRM",
        ),
        (
            200,
            "text/html",
            "<html><title>Login | Salesforce</title></html>",
            "HTML login page",
        ),
        (
            200,
            "application/json",
            "[{\"message\":\"bad field\",\"errorCode\":\"INVALID_FIELD\"}]",
            "INVALID_FIELD",
        ),
    ];
    let (e, probe) = engine(fast()).await;
    for (i, (status, ct, body, want)) in cases.into_iter().enumerate() {
        let url = hostile(status, ct, body).await;
        let broken = SalesforceClient::new(
            http_client(None).unwrap(),
            &url,
            &url,
            "ringside-desktop",
            Credentials {
                access: Sensitive::new("00Dx!not-a-real-token"),
                refresh: None,
            },
        );
        e.connect_crm(SalesforceCrm {
            client: Arc::new(broken),
            account: owner.clone(),
            external_id_field: field.clone(),
            person_accounts: false,
            presence: Default::default(),
        })
        .await
        .unwrap();
        if i == 0 {
            call(&e, &probe, "hostile-1", false).await;
        } else {
            let row = e.history(1).await.unwrap()[0].row;
            e.request(Request::RetryNow { row }).await.unwrap();
        }
        let entry = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                let Some(h) = e.history(1).await.unwrap().pop() else {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                if let Some(Delivery::Retrying {
                    error, attempts, ..
                }) = &h.delivery
                {
                    // Retries with the previous link may still be landing:
                    // wait for this server's answer.
                    assert!(!error.contains("not-a-real-token"), "no token in errors");
                    if *attempts as usize > i && error.contains(want) {
                        return h;
                    }
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the failure is recorded on the call");
        assert_eq!(entry.call_id.0, "hostile-1");
    }
    // Nothing lost: the first sane CRM gets the call, once.
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    let row = e.history(1).await.unwrap()[0].row;
    e.request(Request::RetryNow { row }).await.unwrap();
    drained(&e, 1).await;
    let all = tasks(&client(&sb).await).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["CallObject"], "hostile-1");
}

/// WRAP-4: the cases offered for a contact are that contact's open cases,
/// most recently viewed first.
#[tokio::test]
async fn wrap_4_recent_cases_are_the_contacts_open_cases_latest_viewed_first() {
    let sb = sandbox(Seed::Demo).await;
    let (e, _probe) = engine(fast()).await;
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    let c = client(&sb).await;
    let all = c
        .query_all_pages("SELECT Id, ContactId, IsClosed, LastViewedDate FROM Case")
        .await
        .unwrap();
    let contact = all
        .iter()
        .find(|r| r["IsClosed"] == false)
        .and_then(|r| r["ContactId"].as_str())
        .unwrap()
        .to_string();
    let mut want: Vec<&Map<String, Value>> = all
        .iter()
        .filter(|r| r["ContactId"] == contact.as_str() && r["IsClosed"] == false)
        .collect();
    want.sort_by(|a, b| {
        b["LastViewedDate"]
            .as_str()
            .cmp(&a["LastViewedDate"].as_str())
    });
    let Response::Cases { cases } = e
        .request(Request::RecentCases {
            contact_id: Some(contact.clone()),
        })
        .await
        .unwrap()
    else {
        panic!("cases")
    };
    let got: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    let want: Vec<&str> = want.iter().map(|r| r["Id"].as_str().unwrap()).collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // A malformed contact id never reaches the query.
    let Response::Cases { cases } = e
        .request(Request::RecentCases {
            contact_id: Some("x' OR Id != '".into()),
        })
        .await
        .unwrap()
    else {
        panic!("cases")
    };
    assert!(cases.is_empty());
}

async fn org(number: u64) -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        org_number: number,
        ..Default::default()
    })
    .await
    .unwrap()
}

async fn call_objects(sb: &Sandbox) -> Vec<String> {
    let mut got: Vec<String> = tasks(&client(sb).await)
        .await
        .iter()
        .filter_map(|t| t["CallObject"].as_str().map(str::to_string))
        .collect();
    got.sort();
    got
}

/// Calls queued while org A is away are written only to A: not to the
/// sandbox CRM used meanwhile, not to a second org B signed in after, and
/// each exactly once when A is back. Meanwhile the agent sees what waits
/// for A.
#[tokio::test]
async fn queued_calls_are_written_only_to_the_org_they_were_made_for() {
    let (a, sandbox_org, b) = (org(3).await, org(1).await, org(2).await);
    let (e, probe) = engine(fast()).await;
    let link_a = salesforce(&a, false).await;
    let org_a = link_a.account.org_id.clone();
    e.connect_crm(link_a).await.unwrap();
    // A is away: every request fails.
    a.set_faults(FaultPlan {
        seed: 1,
        server_error_rate: 1.0,
        ..Default::default()
    });
    for i in 0..3 {
        call(&e, &probe, &format!("for-a-{i}"), false).await;
    }
    until(&e, "A's writes failing", |s| s.delivery.failed == 3).await;
    e.request(Request::CrmDisconnect).await.unwrap();
    let s = e.snapshot().await.unwrap();
    assert_eq!(s.waiting.len(), 1, "{:?}", s.waiting);
    assert_eq!(s.waiting[0].calls, 3);

    // The sandbox CRM, connected as the built-in one is, then org B.
    e.connect_crm(salesforce(&sandbox_org, true).await)
        .await
        .unwrap();
    call(&e, &probe, "for-sandbox", false).await;
    drained(&e, 1).await;
    e.connect_crm(salesforce(&b, false).await).await.unwrap();
    call(&e, &probe, "for-b", false).await;
    drained(&e, 2).await;
    let s = until(&e, "A's calls shown as waiting", |s| {
        s.waiting
            .iter()
            .any(|w| w.calls == 3 && w.target.as_ref().is_some_and(|t| t.org_id == org_a))
    })
    .await;
    assert_eq!(s.waiting.len(), 1, "only A's calls wait: {:?}", s.waiting);
    assert_eq!(call_objects(&sandbox_org).await, ["for-sandbox"]);
    assert_eq!(call_objects(&b).await, ["for-b"]);
    a.set_faults(FaultPlan::default());
    assert!(call_objects(&a).await.is_empty());

    // A is back: its calls, each once; nothing more anywhere else.
    e.connect_crm(salesforce(&a, false).await).await.unwrap();
    drained(&e, 5).await;
    assert_eq!(call_objects(&a).await, ["for-a-0", "for-a-1", "for-a-2"]);
    assert_eq!(call_objects(&sandbox_org).await, ["for-sandbox"]);
    assert_eq!(call_objects(&b).await, ["for-b"]);
    let s = until(&e, "nothing waiting", |s| s.waiting.is_empty()).await;
    assert_eq!(s.delivery.pending + s.delivery.failed, 0);
}

/// Calls for an org that is gone for good are discarded only on the agent's
/// word with a reason, kept in history; calls made while no CRM was in use
/// go where the agent says, never on their own.
#[tokio::test]
async fn waiting_calls_are_discarded_or_sent_only_when_the_agent_says() {
    let (a, b) = (org(3).await, org(2).await);
    let (e, probe) = engine(fast()).await;
    e.connect_crm(salesforce(&a, false).await).await.unwrap();
    a.set_faults(FaultPlan {
        seed: 2,
        server_error_rate: 1.0,
        ..Default::default()
    });
    call(&e, &probe, "for-gone-org", false).await;
    until(&e, "the write failing", |s| s.delivery.failed == 1).await;
    e.request(Request::CrmDisconnect).await.unwrap();
    call(&e, &probe, "while-offline", false).await;
    // Ended before B is connected (the phone's events and the connect
    // travel separately), so its write belongs to no org.
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let h = e.history(10).await.unwrap();
            if h.iter()
                .any(|c| c.call_id.0 == "while-offline" && c.ended_at.is_some())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the offline call ended");
    e.connect_crm(salesforce(&b, false).await).await.unwrap();
    // The worker counts for B once it has taken B up: nothing is due there.
    let s = until(&e, "two kinds of waiting calls, nothing due for B", |s| {
        s.waiting.len() == 2 && (s.delivery.pending, s.delivery.failed) == (0, 0)
    })
    .await;
    let gone = s
        .waiting
        .iter()
        .find(|w| w.target.is_some())
        .unwrap()
        .target_id;

    let err = e
        .request(Request::DiscardWaiting {
            target_id: gone,
            reason: " ".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    e.request(Request::DiscardWaiting {
        target_id: gone,
        reason: "the trial org was deleted".into(),
    })
    .await
    .unwrap();
    e.request(Request::SendUnassignedHere).await.unwrap();
    drained(&e, 1).await;
    assert_eq!(call_objects(&b).await, ["while-offline"]);
    let history = match e.request(Request::History { limit: 10 }).await.unwrap() {
        Response::History { entries } => entries,
        other => panic!("{other:?}"),
    };
    let discarded = history
        .iter()
        .find(|h| h.call_id.0 == "for-gone-org")
        .unwrap();
    assert_eq!(
        discarded.delivery,
        Some(Delivery::Discarded {
            reason: "the trial org was deleted".into()
        })
    );
    a.set_faults(FaultPlan::default());
    assert!(call_objects(&a).await.is_empty());
    assert!(e.snapshot().await.unwrap().waiting.is_empty());
}

/// Without the external-id field, telephony ids that repeat (a restarted
/// demo, an ACD's own ids) never make one call update another call's Task,
/// lost responses included: one Task per call, each written once.
#[tokio::test]
async fn fallback_mode_keys_tasks_on_ringsides_id_when_telephony_ids_repeat() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    let mut link = salesforce(&sb, true).await;
    link.external_id_field = None;
    e.connect_crm(link).await.unwrap();
    sb.set_faults(FaultPlan {
        seed: 11,
        lost_response_rate: 0.4,
        ..Default::default()
    });
    for _round in 0..2 {
        for i in 0..5 {
            call(&e, &probe, &format!("reused-{i}"), false).await;
        }
    }
    drained(&e, 10).await;
    sb.set_faults(FaultPlan::default());
    let all = tasks(&client(&sb).await).await;
    assert_eq!(all.len(), 10, "one Task per call");
    assert!(count_by(&all, "CallObject").values().all(|n| *n == 2));
    let keys: std::collections::HashSet<&str> = all
        .iter()
        .filter_map(|t| t["Description"].as_str())
        .collect();
    assert_eq!(keys.len(), 10, "each Task carries its own call's key");
}

/// An admin adds Ringside's external-id field after Tasks were written
/// without it: a wrap-up then updates the same Task (by its id, filling in
/// the key), it does not upsert a second one.
#[tokio::test]
async fn a_task_written_before_the_key_field_existed_is_updated_not_doubled() {
    let sb = sandbox(Seed::UsersOnly).await;
    let (e, probe) = engine(fast()).await;
    let mut link = salesforce(&sb, true).await;
    link.external_id_field = None;
    e.connect_crm(link).await.unwrap();
    call(&e, &probe, "before-the-field", false).await;
    drained(&e, 1).await;
    // The field is there now (the sandbox always had it): connect again.
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    let row = e
        .history(10)
        .await
        .unwrap()
        .into_iter()
        .find(|h| h.call_id.0 == "before-the-field")
        .unwrap()
        .row;
    e.request(Request::WrapUp {
        row,
        wrap_up: WrapUp {
            disposition: None,
            notes: "Wants a callback".into(),
            case: None,
        },
    })
    .await
    .unwrap();
    drained(&e, 2).await;
    let all = tasks(&client(&sb).await).await;
    assert_eq!(all.len(), 1, "updated, not doubled: {all:?}");
    assert_eq!(all[0]["Description"], "Wants a callback");
    assert!(
        all[0]["Ringside_Call_Id__c"].is_string(),
        "the key is filled in"
    );
}
