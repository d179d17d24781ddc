#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Every queued write carries the org and user it was made for and is due
//! only there; writes for an org that is not in use wait, shown per org, and
//! are discarded only by the agent's explicit choice, with a reason.

use ringside_core::{LoginEvent, Millis};
use ringside_store::{CrmTarget, Delivery, Store, StoreError};

mod common;
use common::one_call;

fn org(org: &str, user: &str) -> CrmTarget {
    CrmTarget {
        org_id: org.into(),
        user_id: user.into(),
        instance_url: format!("https://{org}.my.salesforce.com"),
        username: format!("{user}@{org}.example"),
        sandbox: false,
    }
}

async fn logged(store: &Store, id: &str) -> i64 {
    one_call(store, id, &[LoginEvent::CompanionOpened], false).await
}

async fn due(store: &Store, target: Option<i64>) -> Vec<String> {
    store
        .outbox_due(Millis(i64::MAX), 100, target)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.call.call_id)
        .collect()
}

#[tokio::test]
async fn writes_are_due_only_for_the_org_and_user_they_were_made_for() {
    let store = Store::open_in_memory().await.unwrap();
    let a = store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap()
        .unwrap();
    logged(&store, "for-a").await;
    // Same org, another user: a different target (the Task's owner differs).
    let a2 = store.crm_target(&org("acme", "joe")).await.unwrap();
    assert_ne!(a, a2);
    store.set_write_target(None).await.unwrap();
    logged(&store, "for-nobody").await;
    let b = store
        .set_write_target(Some(&org("beta", "bob")))
        .await
        .unwrap()
        .unwrap();
    logged(&store, "for-b").await;

    assert_eq!(due(&store, Some(a)).await, ["for-a"]);
    assert_eq!(due(&store, Some(b)).await, ["for-b"]);
    assert!(due(&store, Some(a2)).await.is_empty());
    assert_eq!(due(&store, None).await, ["for-nobody"]);
    assert_eq!(store.outbox_backlog(Some(a)).await.unwrap(), (1, 0));
    assert_eq!(store.write_target().await.unwrap(), Some(b));

    // Seen from B: A's call and the unassigned one wait.
    let waiting = store.outbox_waiting(Some(b)).await.unwrap();
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    let for_a = waiting.iter().find(|w| w.target_id == Some(a)).unwrap();
    assert_eq!(for_a.calls, 1);
    assert_eq!(
        for_a.target.as_ref().unwrap().instance_url,
        "https://acme.my.salesforce.com"
    );
    let unassigned = waiting.iter().find(|w| w.target_id.is_none()).unwrap();
    assert_eq!((unassigned.calls, unassigned.target.clone()), (1, None));
}

#[tokio::test]
async fn waiting_writes_are_discarded_only_with_a_reason_and_stay_in_history() {
    let store = Store::open_in_memory().await.unwrap();
    let a = store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap();
    let row = logged(&store, "gone-org").await;
    for blank in ["", "   "] {
        assert!(matches!(
            store.outbox_discard(a, blank, Millis(5)).await,
            Err(StoreError::Invalid {
                field: "reason",
                ..
            })
        ));
    }
    assert_eq!(
        due(&store, a).await.len(),
        1,
        "a refused discard changes nothing"
    );
    let n = store
        .outbox_discard(a, "the acme trial org was deleted", Millis(5))
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(due(&store, a).await.is_empty());
    assert!(store.outbox_waiting(None).await.unwrap().is_empty());
    let h = store.history(10).await.unwrap();
    let entry = h.iter().find(|e| e.row == row).unwrap();
    assert_eq!(
        entry.delivery,
        Some(Delivery::Discarded {
            reason: "the acme trial org was deleted".into()
        })
    );
}

#[tokio::test]
async fn calls_made_while_no_crm_was_in_use_go_where_the_agent_says() {
    let store = Store::open_in_memory().await.unwrap();
    logged(&store, "offline-1").await;
    logged(&store, "offline-2").await;
    let b = store
        .set_write_target(Some(&org("beta", "bob")))
        .await
        .unwrap()
        .unwrap();
    assert!(
        due(&store, Some(b)).await.is_empty(),
        "never sent without the agent's word"
    );
    assert_eq!(
        store.outbox_assign_unassigned(b, Millis(9)).await.unwrap(),
        2
    );
    assert_eq!(due(&store, Some(b)).await.len(), 2);
    assert!(due(&store, None).await.is_empty());
}
