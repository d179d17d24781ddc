#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! MATCH-2/4/7 at the store: the caller a call is attributed to, and the
//! records created for unknown callers, one per number, with the Task
//! waiting for its caller.

mod common;

use common::one_call;
use ringside_core::{LoginEvent, Millis};
use ringside_store::{RecordRef, Store, StoreError};

const OPEN: &[LoginEvent] = &[LoginEvent::CompanionOpened];

fn who(id: &str, label: &str) -> RecordRef {
    RecordRef {
        id: id.into(),
        label: label.into(),
    }
}

#[tokio::test]
async fn match_7_a_changed_caller_makes_the_written_task_due_again() {
    let store = Store::open_in_memory().await.unwrap();
    let row = one_call(&store, "a", OPEN, false).await;
    store
        .set_caller(
            row,
            Some(&who("003000000000001AAA", "Ada Lovelace")),
            Millis(1),
        )
        .await
        .unwrap();
    let item = store
        .outbox_due(Millis(10_000), 10, None)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(item.call.who_id.as_deref(), Some("003000000000001AAA"));
    store
        .outbox_sent(&item, "00T000000000001AAA", Millis(10_000))
        .await
        .unwrap();
    assert!(store
        .outbox_due(Millis(20_000), 10, None)
        .await
        .unwrap()
        .is_empty());

    // The same caller again: nothing to rewrite.
    store
        .set_caller(
            row,
            Some(&who("003000000000001AAA", "Ada Lovelace")),
            Millis(20_000),
        )
        .await
        .unwrap();
    assert!(store
        .outbox_due(Millis(20_000), 10, None)
        .await
        .unwrap()
        .is_empty());

    // MATCH-4: the agent picks another match after the Task was written.
    store
        .set_caller(
            row,
            Some(&who("00Q000000000002AAA", "Ada Byron")),
            Millis(30_000),
        )
        .await
        .unwrap();
    let again = store.outbox_due(Millis(30_000), 10, None).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].call.who_id.as_deref(), Some("00Q000000000002AAA"));
    assert!(again[0].revision > item.revision);
    let h = store.history(1).await.unwrap();
    assert_eq!(h[0].who_label.as_deref(), Some("Ada Byron"));

    for bad in ["", "not-an-id", "003000000000001AAA; DROP"] {
        let e = store
            .set_caller(row, Some(&who(bad, "x")), Millis(40_000))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Invalid { .. }), "{bad}: {e}");
    }
}

#[tokio::test]
async fn match_2_one_creation_per_new_number_and_the_task_waits_for_it() {
    let store = Store::open_in_memory().await.unwrap();
    let a = one_call(&store, "a", OPEN, false).await;
    let b = one_call(&store, "b", OPEN, false).await;
    let fields = r#"{"LastName":"Caller +13108675309","Company":"Unknown"}"#;
    let first = store
        .queue_caller_creation(a, "Lead", "+13108675309", fields, "New Lead", Millis(1))
        .await
        .unwrap();
    let second = store
        .queue_caller_creation(b, "Lead", "+13108675309", fields, "New Lead", Millis(2))
        .await
        .unwrap();
    assert_eq!(
        first, second,
        "two calls from one new number share one record"
    );
    assert_eq!(
        store
            .creations_due(Millis(10), 10, None)
            .await
            .unwrap()
            .len(),
        1
    );
    // The Tasks wait for their caller, and the worker is not woken for them.
    assert!(store
        .outbox_due(Millis(i64::MAX), 10, None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.outbox_next_due(None).await.unwrap(), None);
    assert_eq!(
        store.creations_next_due(None).await.unwrap(),
        Some(Millis(1))
    );

    store
        .creation_failed(first, "the CRM is busy", Millis(5_000), false, Millis(3))
        .await
        .unwrap();
    assert!(store
        .creations_due(Millis(4_999), 10, None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.creations_backlog(None).await.unwrap(), (1, 1));
    let item = store
        .creations_due(Millis(5_000), 10, None)
        .await
        .unwrap()
        .remove(0);
    assert_eq!((item.object.as_str(), item.attempts), ("Lead", 1));

    let calls = store
        .creation_done(
            first,
            &who("00Q000000000009AAA", "Caller +13108675309"),
            Millis(6_000),
        )
        .await
        .unwrap();
    assert_eq!(calls, vec!["a".to_string(), "b".to_string()]);
    let due = store.outbox_due(Millis(6_000), 10, None).await.unwrap();
    assert_eq!(due.len(), 2, "both Tasks are released at once");
    assert!(due
        .iter()
        .all(|d| d.call.who_id.as_deref() == Some("00Q000000000009AAA")));
    assert_eq!(store.creations_backlog(None).await.unwrap(), (0, 0));

    // The number is free again: a later creation is a new one.
    let c = one_call(&store, "c", OPEN, false).await;
    let third = store
        .queue_caller_creation(
            c,
            "Contact",
            "+13108675309",
            fields,
            "New Contact",
            Millis(7_000),
        )
        .await
        .unwrap();
    assert_ne!(third, first);
}

#[tokio::test]
async fn a_creation_given_up_lets_the_task_go_without_a_caller() {
    let store = Store::open_in_memory().await.unwrap();
    let a = one_call(&store, "a", OPEN, false).await;
    let id = store
        .queue_caller_creation(
            a,
            "Contact",
            "+442079460958",
            "{}",
            "New Contact",
            Millis(1),
        )
        .await
        .unwrap();
    store
        .creation_failed(
            id,
            "Required fields are missing: [LastName]",
            Millis(1),
            true,
            Millis(2),
        )
        .await
        .unwrap();
    assert!(store
        .creations_due(Millis(i64::MAX), 10, None)
        .await
        .unwrap()
        .is_empty());
    let due = store.outbox_due(Millis(i64::MAX), 10, None).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].call.who_id, None);
    assert_eq!(store.history(1).await.unwrap()[0].who_label, None);
    let e = store
        .queue_caller_creation(a, "Account", "+442079460958", "{}", "x", Millis(3))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid { .. }));
}
