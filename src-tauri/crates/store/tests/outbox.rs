#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! LOG-2 at the store: a call Ringside must log gets exactly one outbox row,
//! in the transaction that ends it; others get none.

use ringside_core::Direction;
use ringside_core::{LoginEvent, Millis};
use ringside_store::{Delivery, RecordRef, Store, StoreError, WrapUp};

mod common;
use common::one_call;

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
    let due = store.outbox_due(Millis(i64::MAX), 10, None).await.unwrap();
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
        .outbox_due(Millis(10_000), 10, None)
        .await
        .unwrap()
        .remove(0);
    store
        .outbox_failed(
            &item,
            "the CRM is busy (UNABLE_TO_LOCK_ROW)",
            Millis(60_000),
            Millis(10_000),
        )
        .await
        .unwrap();
    assert!(
        store
            .outbox_due(Millis(59_999), 10, None)
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
    let again = store.outbox_due(Millis(20_000), 10, None).await.unwrap();
    assert_eq!(
        (again.len(), again[0].attempts, &again[0].external_id),
        (1, 1, &item.external_id),
        "same key on every attempt"
    );
    store
        .outbox_sent(&item, "00T000000000001AAA", Millis(21_000))
        .await
        .unwrap();
    assert!(store
        .outbox_due(Millis(i64::MAX), 10, None)
        .await
        .unwrap()
        .is_empty());
    // A late failure report cannot undo a success.
    store
        .outbox_failed(&item, "late", Millis(0), Millis(22_000))
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
        .outbox_due(Millis(i64::MAX), 1, None)
        .await
        .unwrap()
        .remove(0)
        .external_id;
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    one_call(&store, "b", &[LoginEvent::CompanionOpened], false).await;
    let keys: Vec<String> = store
        .outbox_due(Millis(i64::MAX), 10, None)
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

#[tokio::test]
async fn a_due_write_carries_the_call_facts_for_the_task() {
    let store = Store::open_in_memory().await.unwrap();
    one_call(&store, "fact-1", &[LoginEvent::CompanionOpened], false).await;
    let item = store
        .outbox_due(Millis(i64::MAX), 1, None)
        .await
        .unwrap()
        .remove(0);
    let c = &item.call;
    assert_eq!(c.call_id, "fact-1");
    assert_eq!(c.direction, Direction::Inbound);
    assert_eq!(c.remote, "+13108675309");
    // Login at 1s, ring at 2s, answer at 3s, hangup at 4s (one_call's clock).
    assert_eq!(
        (c.started_at, c.answered_at, c.ended_at),
        (Millis(2000), Some(Millis(3000)), Millis(4000))
    );
    assert_eq!(
        (
            c.disposition.as_deref(),
            c.notes.as_deref(),
            c.what_id.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(item.revision, 0);
    assert_eq!(store.outbox_backlog(None).await.unwrap(), (1, 0));
    assert_eq!(
        store.outbox_next_due(None).await.unwrap(),
        Some(Millis(4000))
    );
}

/// WRAP-1/4: a wrap-up after the Task was written makes it due again under
/// the same key, and a write of an older revision does not count as done.
#[tokio::test]
async fn a_wrap_up_rewrites_the_same_task_and_stale_writes_do_not_finish_it() {
    let store = Store::open_in_memory().await.unwrap();
    let row = one_call(&store, "w", &[LoginEvent::CompanionOpened], false).await;
    let first = store
        .outbox_due(Millis(i64::MAX), 1, None)
        .await
        .unwrap()
        .remove(0);
    store
        .outbox_sent(&first, "00T000000000001AAA", Millis(5000))
        .await
        .unwrap();
    assert!(store
        .outbox_due(Millis(i64::MAX), 1, None)
        .await
        .unwrap()
        .is_empty());

    let code = store.dispositions(None, false).await.unwrap()[0].clone();
    let wrap = WrapUp {
        disposition: Some(code.id),
        notes: "  Called about the invoice.  ".into(),
        case: Some(RecordRef {
            id: "500000000000001AAA".into(),
            label: "00001001 Invoice".into(),
        }),
    };
    store.wrap_up(row, &wrap, Millis(6000)).await.unwrap();
    let second = store
        .outbox_due(Millis(6000), 1, None)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        second.external_id, first.external_id,
        "same upsert key: updated, not doubled"
    );
    assert_eq!(second.revision, 1);
    assert_eq!(
        second.call.disposition.as_deref(),
        Some(code.label.as_str())
    );
    assert_eq!(
        second.call.notes.as_deref(),
        Some("Called about the invoice.")
    );
    assert_eq!(second.call.what_id.as_deref(), Some("500000000000001AAA"));

    // The agent edits again while revision 1 is on its way.
    store
        .wrap_up(
            row,
            &WrapUp {
                notes: "Second thoughts".into(),
                ..wrap.clone()
            },
            Millis(7000),
        )
        .await
        .unwrap();
    store
        .outbox_sent(&second, "00T000000000001AAA", Millis(7100))
        .await
        .unwrap();
    let third = store.outbox_due(Millis(i64::MAX), 1, None).await.unwrap();
    assert_eq!(third.len(), 1, "revision 2 is still due");
    assert_eq!(third[0].call.notes.as_deref(), Some("Second thoughts"));
    // A failure of the stale revision does not push the newer one back.
    store
        .outbox_failed(&second, "late", Millis(99_000), Millis(7200))
        .await
        .unwrap();
    assert_eq!(
        store.outbox_due(Millis(7300), 1, None).await.unwrap().len(),
        1
    );
    store
        .outbox_sent(&third[0], "00T000000000001AAA", Millis(7400))
        .await
        .unwrap();
    let h = store.history(1).await.unwrap().remove(0);
    assert_eq!(
        h.delivery,
        Some(Delivery::Logged {
            crm_record_id: "00T000000000001AAA".into()
        })
    );
    assert_eq!(h.disposition_code, Some(code.id));
    assert_eq!(h.case.map(|c| c.label), Some("00001001 Invoice".into()));
}

/// DNL-8 and LOG-1: only Ringside's own records take a wrap-up.
#[tokio::test]
async fn wrap_up_is_refused_where_ringside_writes_nothing() {
    let store = Store::open_in_memory().await.unwrap();
    let ticked = one_call(&store, "t", &[LoginEvent::CompanionOpened], true).await;
    let crm = one_call(
        &store,
        "c",
        &[LoginEvent::CompanionOpened, LoginEvent::CrmOrgLogin],
        false,
    )
    .await;
    let logged = one_call(&store, "l", &[LoginEvent::CompanionOpened], false).await;
    let plain = WrapUp {
        disposition: None,
        notes: "x".into(),
        case: None,
    };
    for row in [ticked, crm, 9_999] {
        assert!(
            matches!(
                store.wrap_up(row, &plain, Millis(9000)).await,
                Err(StoreError::NotWrappable(_))
            ),
            "row {row}"
        );
    }
    let bad: Vec<(WrapUp, &str)> = vec![
        (
            WrapUp {
                disposition: Some(424_242),
                ..plain.clone()
            },
            "disposition",
        ),
        (
            WrapUp {
                notes: "n".repeat(32_001),
                ..plain.clone()
            },
            "notes",
        ),
        (
            WrapUp {
                case: Some(RecordRef {
                    id: "500'; DROP".into(),
                    label: "x".into(),
                }),
                ..plain.clone()
            },
            "case",
        ),
    ];
    for (w, field) in bad {
        match store.wrap_up(logged, &w, Millis(9000)).await {
            Err(StoreError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    // Nothing was half-written by the refusals.
    assert_eq!(
        store.outbox_due(Millis(i64::MAX), 5, None).await.unwrap()[0].revision,
        0
    );
}

/// WRAP-3: add, rename, retire; a retired code stays valid on its old calls
/// and is refused on new ones.
#[tokio::test]
async fn disposition_codes_are_added_renamed_and_retired_without_breaking_old_calls() {
    let store = Store::open_in_memory().await.unwrap();
    let before = store.dispositions(None, false).await.unwrap().len();
    let sale = store
        .add_disposition("  Sale   closed ", Millis(1))
        .await
        .unwrap();
    assert_eq!(sale.label, "Sale closed");
    match store.add_disposition("sale CLOSED", Millis(2)).await {
        Err(StoreError::Invalid { field: "label", .. }) => {}
        other => panic!("duplicate active label: {other:?}"),
    }
    assert!(matches!(
        store.add_disposition("   ", Millis(2)).await,
        Err(StoreError::Invalid { field: "label", .. })
    ));
    store.rename_disposition(sale.id, "Sale").await.unwrap();

    let old = one_call(&store, "old", &[LoginEvent::CompanionOpened], false).await;
    let with_sale = WrapUp {
        disposition: Some(sale.id),
        notes: String::new(),
        case: None,
    };
    store.wrap_up(old, &with_sale, Millis(10)).await.unwrap();
    store
        .retire_disposition(sale.id, true, Millis(11))
        .await
        .unwrap();

    let active = store.dispositions(None, false).await.unwrap();
    assert_eq!(active.len(), before, "retired codes are not offered");
    let all = store.dispositions(None, true).await.unwrap();
    assert!(all
        .iter()
        .any(|c| c.id == sale.id && c.retired && c.label == "Sale"));

    // The old call keeps (and may re-save) its retired code…
    store
        .wrap_up(
            old,
            &WrapUp {
                notes: "edited".into(),
                ..with_sale.clone()
            },
            Millis(12),
        )
        .await
        .unwrap();
    assert_eq!(
        store.history(1).await.unwrap()[0].disposition.as_deref(),
        Some("Sale")
    );
    // …a new call may not take it.
    let new = one_call(&store, "new", &[LoginEvent::CompanionOpened], false).await;
    assert!(matches!(
        store.wrap_up(new, &with_sale, Millis(20)).await,
        Err(StoreError::Invalid {
            field: "disposition",
            ..
        })
    ));
    // A label freed by retiring can be reused; restoring then clashes and says so.
    let again = store.add_disposition("Sale", Millis(21)).await.unwrap();
    assert!(matches!(
        store.retire_disposition(sale.id, false, Millis(22)).await,
        Err(StoreError::Invalid { .. })
    ));
    store
        .retire_disposition(again.id, true, Millis(23))
        .await
        .unwrap();
    store
        .retire_disposition(sale.id, false, Millis(24))
        .await
        .unwrap();
    assert!(store
        .dispositions(None, false)
        .await
        .unwrap()
        .iter()
        .any(|c| c.id == sale.id));
}
