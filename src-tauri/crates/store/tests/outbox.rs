#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! LOG-2 at the store: a call Ringside must log gets exactly one outbox row,
//! in the transaction that ends it; others get none.

use ringside_core::{CallId, CallSignal, Desk, Effect, Input, LoginEvent, Millis, Settings};
use ringside_store::{Delivery, Store};

async fn one_call(store: &Store, id: &str, login: &[LoginEvent], tick: bool) -> i64 {
    let mut desk = Desk::new(Settings::default());
    let mut row = 0;
    let mut t = 0;
    let mut inputs: Vec<Input> = login.iter().map(|e| Input::Login(*e)).collect();
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Incoming {
            from: "+13108675309".into(),
            queue: false,
        },
    });
    if tick {
        inputs.push(Input::SetDoNotLog {
            id: CallId(id.into()),
            ticked: true,
        });
    }
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Answered,
    });
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Hangup { reason: None },
    });
    for input in inputs {
        t += 1000;
        for e in desk.handle(input, Millis(t)).unwrap() {
            match e {
                Effect::CallStarted(v) => {
                    store
                        .call_started(desk.live_session(&v.id).unwrap())
                        .await
                        .unwrap();
                }
                Effect::CallFinished(f) => row = store.call_finished(&f).await.unwrap(),
                _ => {}
            }
        }
    }
    row
}

#[tokio::test]
async fn only_calls_ringside_writes_are_queued() {
    let store = Store::open_in_memory().await.unwrap();
    let logged = one_call(&store, "a", &[LoginEvent::CompanionOpened], false).await;
    let ticked = one_call(&store, "b", &[LoginEvent::CompanionOpened], true).await;
    let crm = one_call(
        &store,
        "c",
        &[LoginEvent::CompanionOpened, LoginEvent::CrmOrgLogin],
        false,
    )
    .await;
    let due = store.outbox_due(Millis(i64::MAX), 10).await.unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].call_row, logged);
    assert!(
        due[0].external_id.starts_with("rs") && due[0].external_id.ends_with(&format!("-{logged}"))
    );
    let h = store.history(10).await.unwrap();
    let delivery = |row: i64| h.iter().find(|e| e.row == row).unwrap().delivery.clone();
    assert_eq!(delivery(logged), Some(Delivery::Pending));
    assert_eq!(delivery(ticked), None, "DNL-8: no CRM task");
    assert_eq!(delivery(crm), None, "the CRM softphone writes it");
}

#[tokio::test]
async fn failures_retry_and_success_is_final() {
    let store = Store::open_in_memory().await.unwrap();
    let row = one_call(&store, "a", &[LoginEvent::CompanionOpened], false).await;
    let item = store
        .outbox_due(Millis(10_000), 10)
        .await
        .unwrap()
        .remove(0);
    store
        .outbox_failed(
            item.id,
            "the CRM is busy (UNABLE_TO_LOCK_ROW)",
            Millis(60_000),
            Millis(10_000),
        )
        .await
        .unwrap();
    assert!(
        store
            .outbox_due(Millis(59_999), 10)
            .await
            .unwrap()
            .is_empty(),
        "not before its time"
    );
    let h = store.history(1).await.unwrap();
    assert_eq!(
        h[0].delivery,
        Some(Delivery::Retrying {
            error: "the CRM is busy (UNABLE_TO_LOCK_ROW)".into(),
            attempts: 1,
            next_attempt_at: Millis(60_000)
        })
    );
    assert!(store.outbox_retry_now(row, Millis(20_000)).await.unwrap());
    let again = store.outbox_due(Millis(20_000), 10).await.unwrap();
    assert_eq!(
        (again.len(), again[0].attempts, &again[0].external_id),
        (1, 1, &item.external_id),
        "same key on every attempt"
    );
    store
        .outbox_sent(item.id, "00T000000000001AAA", Millis(21_000))
        .await
        .unwrap();
    assert!(store
        .outbox_due(Millis(i64::MAX), 10)
        .await
        .unwrap()
        .is_empty());
    // A late failure report cannot undo a success.
    store
        .outbox_failed(item.id, "late", Millis(0), Millis(22_000))
        .await
        .unwrap();
    assert_eq!(
        store.history(1).await.unwrap()[0].delivery,
        Some(Delivery::Logged {
            crm_record_id: "00T000000000001AAA".into()
        })
    );
}

#[tokio::test]
async fn the_install_id_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("ringside-outbox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("r.db");
    let store = Store::open(&path).await.unwrap();
    one_call(&store, "a", &[LoginEvent::CompanionOpened], false).await;
    let first = store
        .outbox_due(Millis(i64::MAX), 1)
        .await
        .unwrap()
        .remove(0)
        .external_id;
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    one_call(&store, "b", &[LoginEvent::CompanionOpened], false).await;
    let keys: Vec<String> = store
        .outbox_due(Millis(i64::MAX), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.external_id)
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], first);
    assert_eq!(
        keys[0].split('-').next(),
        keys[1].split('-').next(),
        "one install id"
    );
}
