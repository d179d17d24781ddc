#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! A store that fails under the desk loses nothing: a full disk holds
//! finished calls in memory (and says so) until they are saved with their
//! Task writes; an unreadable data file is kept aside at start and the desk
//! opens on a fresh one, saying where the old one is.

mod common;

use common::until;

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::problems::ProblemCode;
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use ringside_store::Store;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "ringside-store-faults-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn engine(db: &std::path::Path) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::File(db.to_path_buf()));
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    (e, probe)
}

/// An answered inbound call that Ringside logs, ended; waits until the
/// desk has let it go.
async fn logged_call(e: &EngineHandle, probe: &SimulatorProbe, id: &str) {
    let id = CallId(id.into());
    let from = "+13108675309".to_string();
    probe
        .emit(
            id.clone(),
            CallSignal::Incoming {
                from,
                queue: false,
                queue_name: None,
            },
        )
        .await;
    probe.emit(id.clone(), CallSignal::Answered).await;
    probe
        .emit(
            id.clone(),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    until(e, "the call ended", |s| s.calls.iter().all(|c| c.id != id)).await;
}

#[tokio::test]
async fn a_full_disk_holds_finished_calls_tells_the_agent_and_saves_them_after() {
    let dir = temp_dir("full");
    let db = dir.join("ringside.db");
    let (e, probe) = engine(&db).await;
    e.cap_store_pages(1).await.unwrap();
    let mut placed = 0;
    while e.snapshot().await.unwrap().unsaved_calls == 0 {
        assert!(placed < 500, "the capped store never filled");
        logged_call(&e, &probe, &format!("full-{placed}")).await;
        placed += 1;
    }
    let s = e.snapshot().await.unwrap();
    assert!(
        s.problems
            .iter()
            .any(|p| p.code == ProblemCode::CallsUnsaved),
        "the agent is told: {:?}",
        s.problems
    );
    // More calls while the disk is full are held too.
    for i in 0..3 {
        logged_call(&e, &probe, &format!("while-full-{i}")).await;
    }
    placed += 3;
    assert!(e.snapshot().await.unwrap().unsaved_calls >= 1);

    // Room again: every held call lands, and the warning goes.
    e.cap_store_pages(0).await.unwrap();
    let s = until(&e, "the held calls saved", |s| s.unsaved_calls == 0).await;
    assert!(
        !s.problems
            .iter()
            .any(|p| matches!(p.code, ProblemCode::CallsUnsaved | ProblemCode::DiskFull)),
        "{:?}",
        s.problems
    );
    e.shutdown().await;

    let store = Store::open(&db).await.unwrap();
    let history = store.history(1_000).await.unwrap();
    assert_eq!(history.len(), placed, "every call is in history");
    assert!(history
        .iter()
        .all(|h| h.ended_at.is_some() && h.delivery.is_some()));
    let due = store
        .outbox_due(ringside_core::Millis(i64::MAX), 1_000, None)
        .await
        .unwrap();
    assert_eq!(due.len(), placed, "each call keeps its Task write");
}

#[tokio::test]
async fn an_unreadable_data_file_is_kept_aside_and_the_desk_opens_on_a_fresh_one() {
    let dir = temp_dir("garbage");
    let db = dir.join("ringside.db");
    let garbage =
        b"this is not a database, it is an old spreadsheet export........................."
            .repeat(64);
    std::fs::write(&db, &garbage).unwrap();
    let (e, probe) = engine(&db).await;
    let s = e.snapshot().await.unwrap();
    let kept = dir.join("ringside.db.unreadable-1");
    assert!(
        s.problems
            .iter()
            .any(|p| p.code == ProblemCode::DataFileSetAside
                && p.message.contains(&kept.display().to_string())),
        "the agent is told where the old file is: {:?}",
        s.problems
    );
    assert_eq!(std::fs::read(&kept).unwrap(), garbage, "kept byte for byte");
    logged_call(&e, &probe, "after").await;
    assert_eq!(
        e.history(10).await.unwrap().len(),
        1,
        "the desk works on the fresh store"
    );
    e.shutdown().await;
}
