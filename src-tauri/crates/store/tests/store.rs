#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use ringside_core::{
    CallId, CallSignal, Desk, Effect, FinishedCall, Input, LoginEvent, Millis, Settings,
};
use ringside_store::{HistoryStatus, Store, StoreError};

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ringside-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("ringside.db")
}

/// Runs inputs through a desk and persists the effects the way the engine does.
async fn drive(store: &Store, desk: &mut Desk, inputs: Vec<(i64, Input)>) -> Vec<FinishedCall> {
    let mut done = Vec::new();
    for (at, input) in inputs {
        let fx = desk.handle(input, Millis(at)).unwrap();
        for e in fx {
            match e {
                Effect::CallStarted(v) => {
                    store.call_started(&v.session).await.unwrap();
                }
                Effect::PhaseChanged { id, .. } => {
                    if let Some(s) = desk.live_session(&id) {
                        store.call_progress(s).await.unwrap();
                    }
                }
                Effect::CallFinished(f) => {
                    store.call_finished(&f).await.unwrap();
                    done.push(*f);
                }
                Effect::Login {
                    at,
                    event,
                    state,
                    changed,
                } => {
                    store.record_login(at, event, state, changed).await.unwrap();
                }
                _ => {}
            }
        }
    }
    done
}

fn call(id: &str, signal: CallSignal) -> Input {
    Input::Call {
        id: CallId(id.into()),
        signal,
    }
}

#[tokio::test]
async fn opens_in_wal_mode_and_reopens() {
    let path = temp_db("wal");
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.journal_mode().await.unwrap(), "wal");
    store.close().await;
    let again = Store::open(&path).await.unwrap();
    assert_eq!(again.load_settings().await.unwrap(), Settings::default());
}

#[tokio::test]
async fn settings_round_trip() {
    let store = Store::open_in_memory().await.unwrap();
    let s = Settings {
        show_do_not_save: false,
        default_do_not_log: true,
        acd_config1_missed_queue_calls: true,
        acd_config2_inbound_while_logged_out: true,
        presence_logout_check: false,
        hold_first_call: false,
    };
    store.save_settings(&s).await.unwrap();
    assert_eq!(store.load_settings().await.unwrap(), s);
}

#[tokio::test]
async fn a_corrupt_stored_setting_names_its_field() {
    let path = temp_db("corrupt-setting");
    let store = Store::open(&path).await.unwrap();
    store.save_settings(&Settings::default()).await.unwrap();
    store.close().await;
    // Someone edits the file by hand.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    sqlx::query("UPDATE settings SET value = 'sometimes' WHERE key = 'show_do_not_save'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let store = Store::open(&path).await.unwrap();
    match store.load_settings().await {
        Err(StoreError::Settings(e)) => assert_eq!(e.field(), "show_do_not_save"),
        other => panic!("expected a settings error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_call_is_kept_with_its_phases_login_states_and_decision() {
    let store = Store::open_in_memory().await.unwrap();
    let mut desk = Desk::new(Settings::default());
    let id = CallId("c1".into());
    drive(
        &store,
        &mut desk,
        vec![
            (0, Input::Login(LoginEvent::CompanionOpened)),
            (
                1_000,
                call(
                    "c1",
                    CallSignal::Incoming {
                        from: "+13108675309".into(),
                        queue: false,
                        queue_name: None,
                    },
                ),
            ),
            (2_000, call("c1", CallSignal::Answered)),
            (3_000, Input::ToggleDoNotLog { id: id.clone() }),
            (4_000, call("c1", CallSignal::Held)),
            (5_000, call("c1", CallSignal::Resumed)),
            (
                62_000,
                call(
                    "c1",
                    CallSignal::Hangup {
                        reason: Some("remote hung up".into()),
                        by: None,
                    },
                ),
            ),
        ],
    )
    .await;
    let h = store.history(10).await.unwrap();
    assert_eq!(h.len(), 1);
    let e = &h[0];
    assert_eq!(e.status, HistoryStatus::Decided);
    assert_eq!(e.writer, None);
    assert_eq!(
        e.reason,
        Some(ringside_core::DecisionReason::AgentChoseDoNotLog)
    );
    assert!(e.do_not_log);
    assert_eq!(e.talk_seconds, 60);
    let phases: Vec<_> = e.phases.iter().map(|p| p.phase.as_str()).collect();
    assert_eq!(phases, ["Ringing", "Answered", "Hold", "Answered", "Ended"]);
    // DNL-8: the local entry exists, disposition and notes empty.
    assert_eq!((e.disposition.as_deref(), e.notes.as_deref()), (None, None));
    assert_eq!(store.login_change_count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_crash_mid_call_leaves_an_interrupted_entry_not_a_lost_one() {
    let path = temp_db("crash");
    let store = Store::open(&path).await.unwrap();
    let mut desk = Desk::new(Settings::default());
    drive(
        &store,
        &mut desk,
        vec![
            (0, Input::Login(LoginEvent::CompanionOpened)),
            (
                10,
                call(
                    "a",
                    CallSignal::Incoming {
                        from: "+34911234567".into(),
                        queue: true,
                        queue_name: None,
                    },
                ),
            ),
            (
                20,
                call(
                    "b",
                    CallSignal::Dialing {
                        to: "+34911234568".into(),
                        dialback: true,
                    },
                ),
            ),
            (30, call("b", CallSignal::Answered)),
        ],
    )
    .await;
    store.close().await;
    drop(desk); // the process dies here
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.recover_interrupted(Millis(99)).await.unwrap(), 2);
    assert_eq!(
        store.recover_interrupted(Millis(100)).await.unwrap(),
        0,
        "idempotent"
    );
    let h = store.history(10).await.unwrap();
    assert!(h.iter().all(|e| e.status == HistoryStatus::Interrupted));
    let phases: Vec<_> = h.iter().map(|e| e.phase.as_str()).collect();
    assert_eq!(phases, ["Ended", "Missed"]);
    // The same telephony id may be used again after recovery.
    let mut desk = Desk::new(Settings::default());
    drive(
        &store,
        &mut desk,
        vec![(
            200,
            call(
                "a",
                CallSignal::Incoming {
                    from: "1".into(),
                    queue: false,
                    queue_name: None,
                },
            ),
        )],
    )
    .await;
    assert_eq!(store.history(10).await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_finish_whose_start_was_never_stored_is_written_whole() {
    let store = Store::open_in_memory().await.unwrap();
    let mut desk = Desk::new(Settings::default());
    let fx = desk
        .handle(
            call(
                "x",
                CallSignal::Incoming {
                    from: "1".into(),
                    queue: false,
                    queue_name: None,
                },
            ),
            Millis(1),
        )
        .unwrap();
    assert!(matches!(fx[1], Effect::CallStarted(_)));
    let fx = desk
        .handle(
            call(
                "x",
                CallSignal::Hangup {
                    reason: None,
                    by: None,
                },
            ),
            Millis(2),
        )
        .unwrap();
    let Some(Effect::CallFinished(f)) = fx
        .into_iter()
        .find(|e| matches!(e, Effect::CallFinished(_)))
    else {
        panic!("no finish")
    };
    // The start was never stored (say the disk was full then): the finish
    // writes the whole call, so it is not lost.
    store.call_finished(&f).await.unwrap();
    let history = store.history(10).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].call_id.0, "x");
    assert_eq!(history[0].phase, ringside_core::Phase::Missed);
    assert_eq!(history[0].started_at, Millis(1));
    assert_eq!(history[0].ended_at, Some(Millis(2)));
}

#[tokio::test]
async fn anomalies_attach_to_the_call() {
    let store = Store::open_in_memory().await.unwrap();
    let mut desk = Desk::new(Settings::default());
    drive(
        &store,
        &mut desk,
        vec![(
            1,
            call(
                "a",
                CallSignal::Incoming {
                    from: "1".into(),
                    queue: false,
                    queue_name: None,
                },
            ),
        )],
    )
    .await;
    assert!(store
        .record_anomaly("a", Millis(2), "cannot hold a call that is Ringing")
        .await
        .unwrap());
    assert!(!store.record_anomaly("zzz", Millis(2), "x").await.unwrap());
    let h = store.history(1).await.unwrap();
    assert_eq!(h[0].anomalies, ["cannot hold a call that is Ringing"]);
}

#[tokio::test]
async fn a_corrupt_enum_is_a_named_error() {
    let path = temp_db("corrupt-enum");
    let store = Store::open(&path).await.unwrap();
    let mut desk = Desk::new(Settings::default());
    drive(
        &store,
        &mut desk,
        vec![(
            1,
            call(
                "a",
                CallSignal::Incoming {
                    from: "1".into(),
                    queue: false,
                    queue_name: None,
                },
            ),
        )],
    )
    .await;
    store.close().await;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    sqlx::query("UPDATE calls SET direction = 'Sideways'")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let store = Store::open(&path).await.unwrap();
    match store.history(10).await {
        Err(StoreError::Corrupt {
            table,
            column,
            value,
        }) => {
            assert_eq!(
                (table, column, value.as_str()),
                ("calls", "direction", "Sideways")
            );
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}
