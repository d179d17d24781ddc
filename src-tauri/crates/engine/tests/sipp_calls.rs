#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Load on a real softphone: SIPp places 200 calls in sequence to the agent's
//! baresip, Ringside answers each from its `ctrl_tcp`. Every call must be in
//! history, answered and ended, and neither Ringside nor baresip may keep a
//! session afterwards. Needs `baresip` and `sipp` (Debian `baresip-core`,
//! `sip-tester`): run by `./test.sh`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use ringside_core::{LoginEvent, Phase};
use ringside_engine::ipc::{CallControl, Request};
use ringside_engine::phone::{spawn_phone, PhoneSettings};
use ringside_engine::{start, EngineEvent, EngineOptions, StoreLocation};
use ringside_softphone::baresip::testkit::{sip_port, tcp_port, Driver, Phone};

const CALLS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip and sipp (Debian baresip-core, sip-tester): run by ./test.sh"]
async fn sipp_200_calls_in_sequence_all_reach_history_and_leave_no_session() {
    let a_sip = sip_port();
    let agent = Phone::start("agent", a_sip, tcp_port(), Phone::rtp_base(a_sip, 21000));
    let phone = PhoneSettings::Baresip {
        ctrl: format!("127.0.0.1:{}", agent.ctrl),
        dial_domain: "127.0.0.1".into(),
    };
    let (connector, _) = spawn_phone(&phone).unwrap();
    let e = start(EngineOptions::new(StoreLocation::Memory), connector)
        .await
        .unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    tokio::time::timeout(Duration::from_secs(15), async {
        while !e.snapshot().await.unwrap().connector.connected {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("baresip connected");

    // The agent answers whatever rings, as `ringside run --auto-answer` does.
    let answerer = {
        let e = e.clone();
        let mut events = e.subscribe();
        tokio::spawn(async move {
            let mut answered = 0usize;
            while let Ok(ev) = events.recv().await {
                if let EngineEvent::Ringing { call_id, .. } = ev {
                    let action = CallControl::Answer { call_id };
                    e.request(Request::CallControl { action }).await.unwrap();
                    answered += 1;
                }
            }
            answered
        })
    };

    let scenario =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/sipp/inbound_call.xml");
    let (sipp_port, media_port) = (sip_port(), sip_port());
    let dir = std::env::temp_dir().join(format!("ringside-sipp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let status = tokio::task::spawn_blocking({
        let dir = dir.clone();
        move || {
            Command::new("sipp")
                .current_dir(&dir)
                .arg(format!("127.0.0.1:{a_sip}"))
                .args(["-sf", scenario.to_str().unwrap(), "-s", "agent"])
                .args(["-m", &CALLS.to_string(), "-l", "1", "-i", "127.0.0.1"])
                .args(["-p", &sipp_port.to_string(), "-mp", &media_port.to_string()])
                .args(["-nostdin", "-recv_timeout", "10000", "-timeout", "300"])
                .args(["-timeout_error", "-trace_err"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("sipp is installed (Debian package sip-tester)")
        }
    })
    .await
    .unwrap();
    let errors: String = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        status.success(),
        "every SIPp call succeeded: {status}\n{errors}"
    );

    // Ringside: no call left live, and every call in history, answered and ended.
    let s = tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            let s = e.snapshot().await.unwrap();
            if s.calls.is_empty() {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("no call left live in Ringside");
    assert!(s.connector.connected);
    let history = e.history(1_000).await.unwrap();
    assert_eq!(history.len(), CALLS, "every call in history");
    let ids: HashSet<_> = history.iter().map(|h| &h.call_id).collect();
    assert_eq!(ids.len(), CALLS, "one entry per call");
    let numbers: HashSet<_> = history.iter().map(|h| h.remote.as_str()).collect();
    assert_eq!(numbers.len(), CALLS, "each call's own caller: {numbers:?}");
    for h in &history {
        assert_eq!(h.phase, Phase::Ended, "{h:?}");
        assert!(h.answered_at.is_some(), "answered by Ringside: {h:?}");
    }
    e.shutdown().await;
    answerer.abort();

    // baresip: no call left behind (asked once Ringside has let go of ctrl_tcp).
    let mut ctrl = Driver::connect(agent.ctrl).await;
    ctrl.send("listcalls", None).await;
    let listed = ctrl.response().await;
    let data = listed["data"].as_str().unwrap_or_default();
    assert!(!data.contains("sip:"), "baresip still lists calls: {data}");
}
