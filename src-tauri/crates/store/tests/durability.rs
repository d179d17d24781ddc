#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Nothing lost at the store: call ends land while other connections commit,
//! a full disk is named as such and a retry lands, a damaged file is kept
//! aside at start, a hold/resume flood stays bounded, and the data folder is
//! private.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use ringside_core::{CallId, CallSignal, Desk, Effect, FinishedCall, Input, LoginEvent, Millis};
use ringside_core::{Phase, Settings};
use ringside_store::Store;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

mod common;
use common::one_call;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("ringside-durability-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

async fn outbox_rows(store_path: &std::path::Path) -> i64 {
    let mut conn = SqliteConnectOptions::new()
        .filename(store_path)
        .connect()
        .await
        .unwrap();
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    n
}

/// A deferred transaction that reads before it writes fails with
/// SQLITE_BUSY_SNAPSHOT when another connection commits in between; the
/// busy timeout cannot save it. Every call end must land regardless.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_ends_land_while_another_connection_commits_in_a_loop() {
    let path = temp_dir("hammer").join("ringside.db");
    let store = Store::open(&path).await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let hammer = tokio::spawn({
        let (path, stop) = (path.clone(), stop.clone());
        async move {
            let mut conn = SqliteConnectOptions::new()
                .filename(&path)
                .busy_timeout(std::time::Duration::from_secs(5))
                .connect()
                .await
                .unwrap();
            let mut commits = 0u64;
            while !stop.load(Ordering::Relaxed) {
                sqlx::query(
                    "INSERT INTO meta (key, value) VALUES ('hammer', ?)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(commits.to_string())
                .execute(&mut conn)
                .await
                .unwrap();
                commits += 1;
                tokio::task::yield_now().await;
            }
            commits
        }
    });
    const CALLS: usize = 150;
    for i in 0..CALLS {
        one_call(
            &store,
            &format!("hammered-{i}"),
            &[LoginEvent::CompanionOpened],
            false,
        )
        .await;
    }
    stop.store(true, Ordering::Relaxed);
    let commits = hammer.await.unwrap();
    assert!(commits > 0, "the other connection never committed");
    let history = store.history(1_000).await.unwrap();
    assert_eq!(history.len(), CALLS);
    assert!(history.iter().all(|h| h.ended_at.is_some()));
    store.close().await;
    assert_eq!(
        outbox_rows(&path).await,
        CALLS as i64,
        "one Task write each"
    );
}

/// Runs one answered call that Ringside logs, stopping before its end is
/// stored: returns the finish to store.
fn call_to_finish(desk: &mut Desk, id: &str, t: i64) -> (Vec<Effect>, FinishedCall) {
    let call = |signal| Input::Call {
        id: CallId(id.into()),
        signal,
    };
    let mut started = desk
        .handle(
            call(CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: false,
                queue_name: None,
            }),
            Millis(t),
        )
        .unwrap();
    started.extend(
        desk.handle(call(CallSignal::Answered), Millis(t + 1))
            .unwrap(),
    );
    let end = desk
        .handle(
            call(CallSignal::Hangup {
                reason: None,
                by: None,
            }),
            Millis(t + 2),
        )
        .unwrap();
    let finished = end
        .into_iter()
        .find_map(|e| match e {
            Effect::CallFinished(f) => Some(*f),
            _ => None,
        })
        .unwrap();
    (started, finished)
}

/// A full disk fails the end of a call with an error that says so, writes
/// nothing half, and the same finish lands once there is room again.
#[tokio::test]
async fn a_full_disk_is_named_and_the_held_finish_lands_after() {
    let path = temp_dir("full").join("ringside.db");
    let store = Store::open(&path).await.unwrap();
    let mut desk = Desk::new(Settings::default());
    desk.handle(Input::Login(LoginEvent::CompanionOpened), Millis(0))
        .unwrap();
    store.cap_pages(1).await.unwrap();
    let mut held = None;
    for i in 0..2_000 {
        let (started, finished) = call_to_finish(&mut desk, &format!("c{i}"), i * 10);
        for e in started {
            if let Effect::CallStarted(v) = e {
                // The start may fail on a full disk too; the finish covers it.
                let _ = store.call_started(&v.session).await;
            }
        }
        match store.call_finished(&finished).await {
            Ok(_) => {}
            Err(e) => {
                assert!(e.is_disk_full(), "not named as a full disk: {e}");
                held = Some(finished);
                break;
            }
        }
    }
    let held = held.expect("the capped store never filled");
    let before = store.history(10_000).await.unwrap();
    assert!(
        before
            .iter()
            .all(|h| h.call_id != held.session.id || h.ended_at.is_none()),
        "the failed finish wrote nothing half"
    );
    store.cap_pages(0).await.unwrap();
    store.call_finished(&held).await.unwrap();
    let history = store.history(10_000).await.unwrap();
    let row = history
        .iter()
        .find(|h| h.call_id == held.session.id)
        .expect("the held call is in history");
    assert_eq!(row.phase, Phase::Ended);
    assert_eq!(
        history.len(),
        before.len() + usize::from(!before.iter().any(|h| h.call_id == held.session.id))
    );
    let due = store
        .outbox_due(Millis(i64::MAX), 10_000, None)
        .await
        .unwrap();
    assert!(
        due.iter().any(|d| d.call.call_id == held.session.id.0),
        "the held call's Task write is queued"
    );
}

/// A garbage file and a truncated database are kept aside, renamed and
/// byte for byte intact, and a fresh store starts in their place.
#[tokio::test]
async fn an_unreadable_store_is_kept_aside_and_a_fresh_one_starts() {
    // Garbage.
    let dir = temp_dir("garbage");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ringside.db");
    let garbage: Vec<u8> = (0..64 * 1024u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let (store, aside) = Store::open_or_set_aside(&path).await.unwrap();
    let aside = aside.expect("the garbage file was set aside");
    assert_eq!(aside.kept, dir.join("ringside.db.unreadable-1"));
    assert_eq!(std::fs::read(&aside.kept).unwrap(), garbage);
    assert!(store.history(10).await.unwrap().is_empty());
    one_call(&store, "after", &[LoginEvent::CompanionOpened], false).await;
    assert_eq!(store.history(10).await.unwrap().len(), 1);
    store.close().await;

    // A real store cut in half.
    let dir = temp_dir("truncated");
    let path = dir.join("ringside.db");
    let store = Store::open(&path).await.unwrap();
    for i in 0..300 {
        one_call(
            &store,
            &format!("t{i}"),
            &[LoginEvent::CompanionOpened],
            false,
        )
        .await;
    }
    store.close().await;
    // Everything into the main file, so cutting it cuts the data.
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let _ = std::fs::remove_file(dir.join("ringside.db-wal"));
    let _ = std::fs::remove_file(dir.join("ringside.db-shm"));
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 8 * 4096, "too small to cut: {}", whole.len());
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let (store, aside) = Store::open_or_set_aside(&path).await.unwrap();
    let aside = aside.expect("the truncated file was set aside");
    assert_eq!(std::fs::read(&aside.kept).unwrap().len(), whole.len() / 2);
    assert!(aside.reason.contains("unreadable"), "{}", aside.reason);
    assert!(store.history(10).await.unwrap().is_empty());
    store.close().await;

    // A second damaged file never overwrites the first one kept.
    // (A new file, as damage found at a later start would be.)
    for name in ["ringside.db", "ringside.db-wal", "ringside.db-shm"] {
        let _ = std::fs::remove_file(dir.join(name));
    }
    std::fs::write(&path, b"not a database either, and longer than a header ......................................................").unwrap();
    let (_store, aside) = Store::open_or_set_aside(&path).await.unwrap();
    assert_eq!(
        aside.unwrap().kept,
        dir.join("ringside.db.unreadable-2"),
        "kept beside the first"
    );
    assert!(dir.join("ringside.db.unreadable-1").exists());
}

/// A healthy store is never set aside.
#[tokio::test]
async fn a_healthy_store_is_opened_as_it_is() {
    let path = temp_dir("healthy").join("ringside.db");
    let store = Store::open(&path).await.unwrap();
    one_call(&store, "kept", &[LoginEvent::CompanionOpened], false).await;
    store.close().await;
    let (store, aside) = Store::open_or_set_aside(&path).await.unwrap();
    assert_eq!(aside, None);
    assert_eq!(store.history(10).await.unwrap().len(), 1);
}

/// Each event of a hold/resume flood appends its phase instead of
/// rewriting the call's phases, and the stored phases are bounded.
#[tokio::test]
async fn a_hold_resume_flood_is_stored_incrementally_and_bounded() {
    let path = temp_dir("flood").join("ringside.db");
    let store = Store::open(&path).await.unwrap();
    let mut desk = Desk::new(Settings::default());
    let id = CallId("flood".into());
    let call = |signal| Input::Call {
        id: id.clone(),
        signal,
    };
    let mut t = 0;
    let mut inputs = vec![
        call(CallSignal::Incoming {
            from: "+13108675309".into(),
            queue: false,
            queue_name: None,
        }),
        call(CallSignal::Answered),
    ];
    for i in 0..3_000 {
        inputs.push(call(if i % 2 == 0 {
            CallSignal::Held
        } else {
            CallSignal::Resumed
        }));
    }
    inputs.push(call(CallSignal::Hangup {
        reason: None,
        by: None,
    }));
    for input in inputs {
        t += 1;
        for e in desk.handle(input, Millis(t)).unwrap() {
            match e {
                Effect::CallStarted(_) | Effect::PhaseChanged { .. } => {
                    if let Some(s) = desk.live_session(&id) {
                        if matches!(e, Effect::CallStarted(_)) {
                            store.call_started(s).await.unwrap();
                        } else {
                            store.call_progress(s).await.unwrap();
                        }
                    }
                }
                Effect::CallFinished(f) => {
                    store.call_finished(&f).await.unwrap();
                }
                _ => {}
            }
        }
    }
    store.close().await;
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    let (rows, max_seq, last): (i64, i64, String) = sqlx::query_as(
        "SELECT COUNT(*), MAX(seq), (SELECT phase FROM call_phases ORDER BY seq DESC LIMIT 1) FROM call_phases",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    // 1 ring + 1 answer + 3,000 hold/resume + 1 end = 3,003 phases.
    assert_eq!(max_seq, 3_002, "the end keeps its place among all phases");
    assert_eq!(last, "Ended");
    assert_eq!(
        rows,
        ringside_store::MAX_STORED_PHASES as i64 + 1,
        "the first 1,000 phases and the end"
    );
    let gaps: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM call_phases a WHERE a.seq > 0 AND a.seq < 1000
         AND NOT EXISTS (SELECT 1 FROM call_phases b WHERE b.seq = a.seq - 1)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(gaps, 0, "the phases kept are contiguous from the start");
    // How the call stood when it ended is kept: the last resume, not the
    // 1,000th phase.
    let before_end: (i64, String) =
        sqlx::query_as("SELECT seq, phase FROM call_phases ORDER BY seq DESC LIMIT 1 OFFSET 1")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(before_end, (3_001, "Answered".to_string()));
}

/// The data folder holds call history and numbers: owner-only, and a
/// folder that others could read is closed on open.
#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("private").join("data");
    let store = Store::open(&dir.join("ringside.db")).await.unwrap();
    store.close().await;
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "created as {mode:o}");

    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(&dir.join("ringside.db")).await.unwrap();
    store.close().await;
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "left open as {mode:o}");
}
