//! Event on the softphone's socket → phase change delivered to the UI: from
//! the moment a call event is written to the socket until the engine has
//! published the snapshot showing the new phase and it is serialised as the
//! window receives it (the app forwards snapshots to the webview unchanged).
//! The engine runs as the app runs it: a store file on disk, the companion
//! open. Two sockets: the ACD event socket (WebSocket, against the platform
//! simulator) and baresip's ctrl_tcp (netstrings, from a stand-in server on
//! loopback, since a real baresip cannot be told to emit events on cue).
//! Prints its figures; no assertions.
//!
//! A third figure: ringing → UI while another call floods the ACD socket
//! with hold/resume events.
//!
//! `cargo bench -p ringside-engine --bench socket_to_ui [-- CALLS]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::Instant;

use ringside_core::{CallId, CallSignal, LoginEvent, Phase};
use ringside_engine::phone::{spawn_phone, PhoneSettings};
use ringside_engine::{start, EngineEvent, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::acd::simulator::{start_acd_simulator, AcdSimulator};
use ringside_softphone::baresip::netstring::encode;
use tokio::io::AsyncWriteExt;
use tokio::sync::broadcast::{error::RecvError, Receiver};

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[(((sorted.len() as f64) - 1.0) * p).round() as usize]
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{what}: n={} p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.95),
        pct(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

/// Waits for the snapshot in which `id` is in `phase` (`None`: no longer
/// live), serialises it as the window gets it, and returns the ms since `t`.
async fn delivered(
    rx: &mut Receiver<EngineEvent>,
    id: &CallId,
    phase: Option<Phase>,
    t: Instant,
) -> f64 {
    loop {
        match rx.recv().await {
            Ok(EngineEvent::Snapshot(s)) => {
                let now = s.calls.iter().find(|c| &c.id == id).map(|c| c.phase);
                if now == phase {
                    let json = serde_json::to_string(&s).unwrap();
                    std::hint::black_box(json);
                    return t.elapsed().as_secs_f64() * 1000.0;
                }
            }
            Ok(_) => {}
            Err(RecvError::Lagged(_)) => {}
            Err(e) => panic!("engine stopped: {e}"),
        }
    }
}

async fn engine(dir: &std::path::Path, phone: PhoneSettings) -> EngineHandle {
    let (connector, _) = spawn_phone(&phone).unwrap();
    let mut options = EngineOptions::new(StoreLocation::File(dir.join("ringside.db")));
    options.phone = phone;
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    while !e.snapshot().await.unwrap().connector.connected {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    e
}

/// The platform simulator and an engine on its socket, with a fresh folder.
async fn on_acd(name: &str) -> (std::path::PathBuf, AcdSimulator, EngineHandle) {
    let dir = std::env::temp_dir().join(format!("ringside-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let e = engine(
        &dir,
        PhoneSettings::Acd {
            url: sim.url.clone(),
            agent: "agent-42".into(),
        },
    )
    .await;
    (dir, sim, e)
}

async fn acd(calls: usize) {
    let (dir, sim, e) = on_acd("acd").await;
    let mut rx = e.subscribe();
    let mut all = Vec::new();
    let mut ring = Vec::new();
    for n in 0..calls {
        let id = CallId(format!("bench-{n}"));
        let steps = [
            (
                CallSignal::Incoming {
                    from: format!("+1310555{:04}", n % 10_000),
                    queue: false,
                    queue_name: None,
                },
                Some(Phase::Ringing),
            ),
            (CallSignal::Answered, Some(Phase::Answered)),
            (CallSignal::Held, Some(Phase::Hold)),
            (CallSignal::Resumed, Some(Phase::Answered)),
            (
                CallSignal::Hangup {
                    reason: None,
                    by: None,
                },
                None,
            ),
        ];
        for (i, (signal, phase)) in steps.into_iter().enumerate() {
            let t = Instant::now();
            sim.probe.emit(&id, &signal);
            let ms = delivered(&mut rx, &id, phase, t).await;
            if i == 0 {
                ring.push(ms);
            }
            all.push(ms);
        }
    }
    report("ACD socket, ringing → UI", ring);
    report("ACD socket, every phase change → UI", all);
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ringing → UI while another call floods the socket with hold/resume:
/// 10,000 flood events, a new call ringing behind every 100 of them.
async fn acd_flood() {
    let (dir, sim, e) = on_acd("flood").await;
    let mut rx = e.subscribe();
    let flood = CallId("flood".into());
    sim.probe.emit(
        &flood,
        &CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: false,
            queue_name: None,
        },
    );
    sim.probe.emit(&flood, &CallSignal::Answered);
    delivered(&mut rx, &flood, Some(Phase::Answered), Instant::now()).await;
    let mut ring = Vec::new();
    let started = Instant::now();
    for n in 0..100 {
        for i in 0..100 {
            let signal = if i % 2 == 0 {
                CallSignal::Held
            } else {
                CallSignal::Resumed
            };
            sim.probe.emit(&flood, &signal);
        }
        let id = CallId(format!("behind-{n}"));
        let t = Instant::now();
        sim.probe.emit(
            &id,
            &CallSignal::Incoming {
                from: format!("+1310556{:04}", n),
                queue: false,
                queue_name: None,
            },
        );
        ring.push(delivered(&mut rx, &id, Some(Phase::Ringing), t).await);
        sim.probe.emit(
            &id,
            &CallSignal::Hangup {
                reason: None,
                by: None,
            },
        );
        delivered(&mut rx, &id, None, Instant::now()).await;
    }
    println!(
        "ACD flood: 10,000 hold/resume events and 100 calls in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    report("ACD socket, ringing → UI behind 100 flood events", ring);
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn baresip(calls: usize) {
    let dir = std::env::temp_dir().join(format!("ringside-bench-baresip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ctrl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let phone = PhoneSettings::Baresip {
        ctrl: ctrl.local_addr().unwrap().to_string(),
        dial_domain: "127.0.0.1".into(),
    };
    let (connector, _) = spawn_phone(&phone).unwrap();
    let mut options = EngineOptions::new(StoreLocation::File(dir.join("ringside.db")));
    options.phone = phone;
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let (mut sock, _) = ctrl.accept().await.unwrap();
    sock.set_nodelay(true).unwrap();
    // The connector's listcalls polls go unanswered: no reconcile interferes.
    let mut rx = e.subscribe();
    let mut all = Vec::new();
    let mut ring = Vec::new();
    for n in 0..calls {
        let id = format!("sip-bench-{n}");
        let peer = format!("sip:+1310555{:04}@127.0.0.1:5070", n % 10_000);
        let steps = [
            ("CALL_INCOMING", Some(Phase::Ringing)),
            ("CALL_ESTABLISHED", Some(Phase::Answered)),
            ("CALL_CLOSED", None),
        ];
        for (i, (kind, phase)) in steps.into_iter().enumerate() {
            let event = serde_json::json!({
                "event": true, "type": kind, "class": "call",
                "accountaor": "sip:agent@127.0.0.1:5060", "direction": "incoming",
                "peeruri": peer, "id": id, "param": "",
            });
            let frame = encode(event.to_string().as_bytes());
            let t = Instant::now();
            sock.write_all(&frame).await.unwrap();
            let ms = delivered(&mut rx, &CallId(id.clone()), phase, t).await;
            if i == 0 {
                ring.push(ms);
            }
            all.push(ms);
        }
    }
    report("baresip ctrl_tcp, ringing → UI", ring);
    report("baresip ctrl_tcp, every phase change → UI", all);
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let calls = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(1_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        acd(calls).await;
        acd_flood().await;
        baresip(calls).await;
    });
}
