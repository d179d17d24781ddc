#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Every queued write carries the org and user it was made for and is due
//! only there; writes for an org that is not in use wait, shown per org, and
//! are discarded only by the agent's explicit choice, with a reason.

use ringside_core::{LoginEvent, Millis};
use ringside_store::{CrmTarget, Delivery, Store, StoreError};

mod common;
use common::{hang_up, logging_desk, one_call, ring};

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

/// A caller matched in org A's copy is not sent to org B: a Task for B
/// would name a record B does not have and be refused for ever.
#[tokio::test]
async fn a_caller_from_another_org_is_dropped_from_the_task() {
    let store = Store::open_in_memory().await.unwrap();
    store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap();
    let mut desk = logging_desk();
    let row = ring(&store, &mut desk, "switched", 1).await;
    let acme_contact = ringside_store::RecordRef {
        id: "003000000000001AAA".into(),
        label: "Ana Ruiz".into(),
    };
    store
        .set_caller(row, Some(&acme_contact), Millis(2))
        .await
        .unwrap();
    // The agent signs in to beta before the call ends.
    let beta = store
        .set_write_target(Some(&org("beta", "bob")))
        .await
        .unwrap();
    let f = hang_up(&mut desk, "switched", 3);
    store.call_finished(&f).await.unwrap();
    let due = store.outbox_due(Millis(i64::MAX), 10, beta).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        due[0].call.who_id, None,
        "acme's Contact is not sent to beta"
    );

    // The same call's Task had it been for acme keeps the caller.
    let store = Store::open_in_memory().await.unwrap();
    let acme = store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap();
    let row = logged(&store, "kept").await;
    store
        .set_caller(row, Some(&acme_contact), Millis(9))
        .await
        .unwrap();
    let due = store.outbox_due(Millis(i64::MAX), 10, acme).await.unwrap();
    assert_eq!(due[0].call.who_id.as_deref(), Some("003000000000001AAA"));
}

/// A held finish is queued for the org in use when the call ended, not the
/// one in use when the store finally takes it.
#[tokio::test]
async fn a_late_finish_keeps_the_org_of_its_call() {
    let store = Store::open_in_memory().await.unwrap();
    let acme = store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap();
    let mut desk = logging_desk();
    // Its start was never stored, and its end is held until now.
    desk.handle(
        ringside_core::Input::Call {
            id: ringside_core::CallId("held".into()),
            signal: ringside_core::CallSignal::Incoming {
                from: "+1".into(),
                queue: false,
                queue_name: None,
            },
        },
        Millis(1),
    )
    .unwrap();
    let f = hang_up(&mut desk, "held", 2);
    // Meanwhile the agent moved to beta; the finish lands now, for acme.
    let beta = store
        .set_write_target(Some(&org("beta", "bob")))
        .await
        .unwrap();
    store.call_finished_for(&f, acme).await.unwrap();
    assert_eq!(due(&store, acme).await, ["held"]);
    assert!(due(&store, beta).await.is_empty());
}

/// A discarded write stays discarded: a later wrap-up or caller change does
/// not quietly make it due again.
#[tokio::test]
async fn a_discarded_write_is_not_revived_by_a_wrap_up() {
    let store = Store::open_in_memory().await.unwrap();
    let a = store
        .set_write_target(Some(&org("acme", "jane")))
        .await
        .unwrap();
    let row = logged(&store, "gone").await;
    store
        .outbox_discard(a, "org deleted", Millis(5))
        .await
        .unwrap();
    let w = ringside_store::WrapUp {
        disposition: None,
        notes: "called back later".into(),
        case: None,
    };
    store.wrap_up(row, &w, Millis(6)).await.unwrap();
    assert!(due(&store, a).await.is_empty());
    let h = store.history(10).await.unwrap();
    assert!(
        matches!(h[0].delivery, Some(Delivery::Discarded { .. })),
        "{:?}",
        h[0].delivery
    );
}

/// Databases made before writes carried their org: pending writes belong
/// to the org that was saved then, and callers keep their org.
#[tokio::test]
async fn writes_queued_before_the_upgrade_belong_to_the_saved_org() {
    let dir = std::env::temp_dir().join(format!("ringside-upgrade-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ringside.db");
    {
        let mut conn = common::database_at_version(&path, 4).await;
        for sql in [
            "INSERT INTO meta (key, value) VALUES ('install_id', 'rsold')",
            r#"INSERT INTO meta (key, value) VALUES ('crm_account', '{"target":{"login_url":"https://login.salesforce.com","client_id":"ringside-desktop","redirect_port":53682},"instance_url":"https://acme.my.salesforce.com","org_id":"00DACME","user_id":"005JANE","username":"jane@acme.example"}')"#,
            "INSERT INTO calls (call_id, direction, remote, queue, started_at, ended_at, final_phase, writer, reason, who_id, who_label)
             VALUES ('old-1', 'Inbound', '+13108675309', 0, 1, 2, 'Ended', 'Companion', 'CompanionLogged', '003000000000001AAA', 'Ana')",
            "INSERT INTO outbox (call_row, kind, external_id, state, next_attempt_at, created_at, updated_at)
             VALUES (1, 'task', 'rsold-1', 'pending', 0, 0, 0)",
        ] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
    }
    let store = Store::open(&path).await.unwrap();
    let acme = store.write_target().await.unwrap();
    assert!(acme.is_some(), "the saved org is the write target");
    let due = store.outbox_due(Millis(i64::MAX), 10, acme).await.unwrap();
    assert_eq!(due.len(), 1, "the old pending write is for the saved org");
    assert_eq!(due[0].call.who_id.as_deref(), Some("003000000000001AAA"));
    assert_eq!(store.task_org(1).await.unwrap().as_deref(), Some("00DACME"));
}
