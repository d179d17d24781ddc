#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The engine end to end in-process: simulator phone, real SQLite store.

use std::time::Duration;

use ringside_core::{CallId, CallSignal, DecisionReason, LoginEvent, Phase, Writer};
use ringside_engine::ipc::{CallControl, DemoAction, ErrorCode, Request, Response};
use ringside_engine::{start, EngineEvent, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use ringside_store::HistoryStatus;
use tokio::sync::broadcast::Receiver;

async fn engine(store: StoreLocation) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(store);
    options.simulator = Some(probe.clone());
    (start(options, connector).await.unwrap(), probe)
}

/// Waits (bounded) for an event matching `pred`.
async fn wait_for(
    rx: &mut Receiver<EngineEvent>,
    pred: impl Fn(&EngineEvent) -> bool,
) -> EngineEvent {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match rx.recv().await {
                Ok(e) if pred(&e) => return e,
                Ok(_) => {}
                Err(e) => panic!("event stream ended: {e}"),
            }
        }
    })
    .await
    .expect("timed out waiting for an engine event")
}

async fn ring(engine: &EngineHandle, rx: &mut Receiver<EngineEvent>) -> CallId {
    engine
        .request(Request::Demo {
            action: DemoAction::IncomingCall { queue: false },
        })
        .await
        .unwrap();
    match wait_for(rx, |e| matches!(e, EngineEvent::Ringing { .. })).await {
        EngineEvent::Ringing { call_id, .. } => call_id,
        _ => unreachable!(),
    }
}

async fn control(engine: &EngineHandle, action: CallControl) {
    engine
        .request(Request::CallControl { action })
        .await
        .unwrap();
}

async fn phase(rx: &mut Receiver<EngineEvent>, want: Phase) {
    wait_for(
        rx,
        |e| matches!(e, EngineEvent::Phase { phase, .. } if *phase == want),
    )
    .await;
}

#[tokio::test]
async fn the_e2e_story_through_the_engine() {
    let (engine, probe) = engine(StoreLocation::Memory).await;
    let mut rx = engine.subscribe();
    engine.login(LoginEvent::CompanionOpened).await.unwrap();

    let id = ring(&engine, &mut rx).await;
    let snap = engine.snapshot().await.unwrap();
    assert!(snap.calls[0].checkbox_visible, "DNL-2 Ringing");
    assert!(!snap.calls[0].do_not_log);

    engine
        .request(Request::ToggleDoNotLog {
            call_id: id.clone(),
        })
        .await
        .unwrap();
    control(
        &engine,
        CallControl::Answer {
            call_id: id.clone(),
        },
    )
    .await;
    phase(&mut rx, Phase::Answered).await;
    control(
        &engine,
        CallControl::Hold {
            call_id: id.clone(),
        },
    )
    .await;
    phase(&mut rx, Phase::Hold).await;
    let snap = engine.snapshot().await.unwrap();
    assert!(
        snap.calls[0].checkbox_visible && snap.calls[0].do_not_log,
        "DNL-2 Hold, still ticked"
    );
    control(
        &engine,
        CallControl::Resume {
            call_id: id.clone(),
        },
    )
    .await;
    phase(&mut rx, Phase::Answered).await;
    control(
        &engine,
        CallControl::Hangup {
            call_id: id.clone(),
        },
    )
    .await;
    let fin = wait_for(&mut rx, |e| matches!(e, EngineEvent::Finished { .. })).await;
    assert_eq!(
        fin,
        EngineEvent::Finished {
            call_id: id.clone(),
            phase: Phase::Ended,
            end: Some(ringside_core::CallEnd::Talked),
            writer: None,
            reason: DecisionReason::AgentChoseDoNotLog
        }
    );
    // DNL-6: the ACD got the flag once.
    assert_eq!(probe.acd_flags(), vec![(id.clone(), true)]);

    let history = engine.history(10).await.unwrap();
    assert_eq!(history[0].reason, Some(DecisionReason::AgentChoseDoNotLog));
    assert_eq!(history[0].status, HistoryStatus::Decided);

    // DNL-5: the next call starts unticked.
    let next = ring(&engine, &mut rx).await;
    assert_ne!(next, id);
    let snap = engine.snapshot().await.unwrap();
    assert!(!snap.calls[0].do_not_log);
    engine.shutdown().await;
}

#[tokio::test]
async fn agent_errors_come_back_as_codes() {
    let (engine, _probe) = engine(StoreLocation::Memory).await;
    let mut rx = engine.subscribe();
    let err = engine
        .request(Request::ToggleDoNotLog {
            call_id: CallId("nope".into()),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownCall);
    // Companion not logged in → the checkbox is not offered (DNL-1 needs the companion).
    let id = ring(&engine, &mut rx).await;
    let err = engine
        .request(Request::ToggleDoNotLog { call_id: id })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::CheckboxNotOffered);
    let err = engine
        .request(Request::CallControl {
            action: CallControl::Dial {
                number: "call me".into(),
                record: None,
            },
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidNumber);
}

#[tokio::test]
async fn nonsense_from_the_phone_is_recorded_and_the_call_goes_on() {
    let (engine, probe) = engine(StoreLocation::Memory).await;
    let mut rx = engine.subscribe();
    engine.login(LoginEvent::CompanionOpened).await.unwrap();
    let id = ring(&engine, &mut rx).await;
    assert!(probe.emit_malformed("{\"event\":42").await);
    probe.emit(id.clone(), CallSignal::Held).await; // hold before answer
    probe
        .emit(CallId("ghost".into()), CallSignal::Resumed)
        .await;
    wait_for(
        &mut rx,
        |e| matches!(e, EngineEvent::Anomaly { call_id, .. } if call_id.0 == "ghost"),
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
    let fin = wait_for(&mut rx, |e| matches!(e, EngineEvent::Finished { .. })).await;
    assert!(matches!(
        fin,
        EngineEvent::Finished {
            writer: Some(Writer::Companion),
            ..
        }
    ));
    let h = engine.history(1).await.unwrap();
    assert_eq!(h[0].anomalies, ["cannot hold a call that is Ringing"]);
}

#[tokio::test]
async fn a_restart_keeps_history_and_closes_interrupted_calls() {
    let dir = std::env::temp_dir().join(format!("ringside-engine-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("ringside.db");
    let (engine1, _p) = engine(StoreLocation::File(db.clone())).await;
    let mut rx = engine1.subscribe();
    engine1.login(LoginEvent::CompanionOpened).await.unwrap();
    let _live = ring(&engine1, &mut rx).await;
    engine1.shutdown().await; // stops mid-call

    let (engine2, _p) = engine(StoreLocation::File(db)).await;
    let h = engine2.history(10).await.unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].status, HistoryStatus::Interrupted);
    assert_eq!(h[0].phase, Phase::Missed);
}

#[tokio::test]
async fn settings_are_saved_and_applied() {
    let dir = std::env::temp_dir().join(format!("ringside-engine-settings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("ringside.db");
    let (engine1, _p) = engine(StoreLocation::File(db.clone())).await;
    let mut s = engine1.snapshot().await.unwrap().settings;
    s.default_do_not_log = true;
    s.show_do_not_save = false;
    let r = engine1
        .request(Request::UpdateSettings {
            settings: s.clone(),
        })
        .await
        .unwrap();
    assert!(matches!(r, Response::Snapshot { ref snapshot } if snapshot.settings == s));
    engine1.shutdown().await;
    let (engine2, _p) = engine(StoreLocation::File(db)).await;
    assert_eq!(engine2.snapshot().await.unwrap().settings, s);
}

/// Each problem is cleared by what fixes it, by its code: saving the desk
/// settings does not hide that the stored caller-matching settings are
/// invalid; saving those does.
#[tokio::test]
async fn a_settings_save_clears_only_its_own_problem() {
    use ringside_engine::problems::ProblemCode;
    let dir = std::env::temp_dir().join(format!("ringside-engine-problems-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("ringside.db");
    let store = ringside_store::Store::open(&db).await.unwrap();
    let bad = ringside_core::CallerSettings {
        default_region: "XX".into(),
        ..Default::default()
    };
    store.save_caller_settings(&bad).await.unwrap();
    store.close().await;

    let (e, _p) = engine(StoreLocation::File(db)).await;
    let codes = |s: &ringside_engine::ipc::Snapshot| -> Vec<ProblemCode> {
        s.problems.iter().map(|p| p.code).collect()
    };
    let s = e.snapshot().await.unwrap();
    assert_eq!(codes(&s), [ProblemCode::CallerSettingsInvalid]);
    assert_eq!(s.caller_settings, Default::default(), "the defaults apply");
    e.request(Request::UpdateSettings {
        settings: s.settings.clone(),
    })
    .await
    .unwrap();
    let s = e.snapshot().await.unwrap();
    assert_eq!(codes(&s), [ProblemCode::CallerSettingsInvalid]);
    e.request(Request::UpdateCallerSettings {
        settings: s.caller_settings.clone(),
    })
    .await
    .unwrap();
    assert_eq!(codes(&e.snapshot().await.unwrap()), []);
}

/// The agent points Ringside at baresip: the choice is saved, the demo's
/// actions go, the new phone's events reach the desk, and the next start
/// (as the app does it) connects the saved phone. Not while a call is live.
#[tokio::test]
async fn switching_to_baresip_is_saved_and_takes_up_the_new_phone() {
    use ringside_engine::phone::PhoneSettings;
    use ringside_softphone::baresip::netstring::encode;
    use tokio::io::AsyncWriteExt;

    let dir = std::env::temp_dir().join(format!("ringside-engine-phone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("ringside.db");
    // A stand-in for baresip's ctrl_tcp: Ringside connects and hears a call.
    let ctrl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let baresip = PhoneSettings::Baresip {
        ctrl: ctrl.local_addr().unwrap().to_string(),
        dial_domain: "127.0.0.1:5060".into(),
    };

    let (e, _probe) = engine(StoreLocation::File(db.clone())).await;
    let mut rx = e.subscribe();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let live = ring(&e, &mut rx).await;
    let refused = e
        .request(Request::SetPhone {
            phone: baresip.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::CallsInProgress);
    control(&e, CallControl::Hangup { call_id: live }).await;
    wait_for(&mut rx, |ev| matches!(ev, EngineEvent::Finished { .. })).await;

    let bad = e
        .request(Request::SetPhone {
            phone: PhoneSettings::Baresip {
                ctrl: "localhost".into(),
                dial_domain: "pbx".into(),
            },
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::InvalidSetting);
    // Named by its field for the form; the words are a plain sentence.
    assert_eq!(bad.field.as_deref(), Some("ctrl"), "{}", bad.message);
    assert!(!bad.message.starts_with("ctrl"), "{}", bad.message);

    e.request(Request::SetPhone {
        phone: baresip.clone(),
    })
    .await
    .unwrap();
    let (mut sock, _) = tokio::time::timeout(Duration::from_secs(5), ctrl.accept())
        .await
        .expect("Ringside connects to the new phone")
        .unwrap();
    let s = e.snapshot().await.unwrap();
    assert_eq!(
        (s.phone.clone(), s.connector.name.as_str(), s.demo),
        (baresip.clone(), "baresip", false)
    );
    let demo = e
        .request(Request::Demo {
            action: DemoAction::IncomingCall { queue: false },
        })
        .await
        .unwrap_err();
    assert_eq!(demo.code, ErrorCode::DemoUnavailable);
    let event = r#"{"event":true,"type":"CALL_INCOMING","class":"call","accountaor":"sip:agent@127.0.0.1","direction":"incoming","peeruri":"sip:+13105550100@127.0.0.1","id":"sip-call-1"}"#;
    sock.write_all(&encode(event.as_bytes())).await.unwrap();
    let ringing = wait_for(&mut rx, |ev| matches!(ev, EngineEvent::Ringing { .. })).await;
    assert!(
        matches!(&ringing, EngineEvent::Ringing { call_id, .. } if call_id.0 == "sip-call-1"),
        "{ringing:?}"
    );
    e.shutdown().await;

    // The app starts on the saved phone; the CLI's given connector otherwise.
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::File(db.clone()));
    options.simulator = Some(probe);
    options.saved_phone = true;
    let again = start(options, connector).await.unwrap();
    let s = again.snapshot().await.unwrap();
    assert_eq!((s.phone, s.demo), (baresip, false));
    again.shutdown().await;
    let (plain, _p) = engine(StoreLocation::File(db)).await;
    assert_eq!(plain.snapshot().await.unwrap().phone, PhoneSettings::Demo);
    plain.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The keyboard shortcuts drive a whole call through the engine, and say
/// so when there is nothing for them to act on.
#[tokio::test]
async fn shortcuts_answer_hold_resume_tick_and_hang_up_the_call_in_focus() {
    use ringside_core::shortcut::Shortcut;
    let (e, _probe) = engine(StoreLocation::Memory).await;
    let mut rx = e.subscribe();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let press = |shortcut| e.request(Request::Shortcut { shortcut });

    let none = press(Shortcut::Answer).await.unwrap_err();
    assert_eq!(
        (none.code, none.message.as_str()),
        (ErrorCode::NothingToDo, "no call is ringing")
    );
    let id = ring(&e, &mut rx).await;
    press(Shortcut::Answer).await.unwrap();
    phase(&mut rx, Phase::Answered).await;
    press(Shortcut::HoldResume).await.unwrap();
    phase(&mut rx, Phase::Hold).await;
    press(Shortcut::HoldResume).await.unwrap();
    phase(&mut rx, Phase::Answered).await;
    press(Shortcut::ToggleDoNotLog).await.unwrap();
    let s = e.snapshot().await.unwrap();
    assert!(
        s.calls.iter().any(|c| c.id == id && c.do_not_log),
        "DNL-3 ticked"
    );
    press(Shortcut::Hangup).await.unwrap();
    let finished = wait_for(&mut rx, |ev| matches!(ev, EngineEvent::Finished { .. })).await;
    assert!(
        matches!(&finished, EngineEvent::Finished { call_id, reason: DecisionReason::AgentChoseDoNotLog, .. } if *call_id == id),
        "{finished:?}"
    );
    let none = press(Shortcut::ToggleDoNotLog).await.unwrap_err();
    assert_eq!(none.code, ErrorCode::NothingToDo);
}

/// The demo softphone's far end answers a call the agent placed, and either
/// side can hang up; an inbound call cannot be "answered by the far end".
#[tokio::test]
async fn the_demo_far_end_answers_and_hangs_up_outbound_calls() {
    let (engine, _probe) = engine(StoreLocation::Memory).await;
    let mut rx = engine.subscribe();
    engine.login(LoginEvent::CompanionOpened).await.unwrap();
    for far_end_hangs_up in [true, false] {
        control(
            &engine,
            CallControl::Dial {
                number: "+13105550100".into(),
                record: None,
            },
        )
        .await;
        phase(&mut rx, Phase::Outbound).await;
        let id = engine.snapshot().await.unwrap().calls[0].id.clone();
        engine
            .request(Request::Demo {
                action: DemoAction::RemoteAnswer {
                    call_id: id.clone(),
                },
            })
            .await
            .unwrap();
        phase(&mut rx, Phase::Answered).await;
        // Answered already: the far end cannot answer again.
        let err = engine
            .request(Request::Demo {
                action: DemoAction::RemoteAnswer {
                    call_id: id.clone(),
                },
            })
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        if far_end_hangs_up {
            engine
                .request(Request::Demo {
                    action: DemoAction::RemoteHangup {
                        call_id: id.clone(),
                    },
                })
                .await
                .unwrap();
        } else {
            control(
                &engine,
                CallControl::Hangup {
                    call_id: id.clone(),
                },
            )
            .await;
        }
        wait_for(&mut rx, |e| matches!(e, EngineEvent::Finished { .. })).await;
        let h = engine.history(1).await.unwrap();
        assert_eq!(h[0].call_id, id);
        assert!(h[0].answered_at.is_some(), "talked, not missed");
    }
    let id = ring(&engine, &mut rx).await;
    let err = engine
        .request(Request::Demo {
            action: DemoAction::RemoteAnswer { call_id: id },
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    engine.shutdown().await;
}
