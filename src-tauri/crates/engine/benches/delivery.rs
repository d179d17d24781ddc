//! Delivery benchmarks: call end → Task committed in the sandbox CRM, and a
//! backlog drained after an outage. Prints its figures; no assertions.
//!
//! `cargo bench -p ringside-engine --bench delivery [-- CALLS BACKLOG]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::{Duration, Instant};

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::{start, EngineEvent, EngineHandle, EngineOptions, StoreLocation};
use ringside_salesforce::embedded::start_embedded;
use ringside_softphone::{spawn_simulator, SimulatorProbe};

async fn engine(db: std::path::PathBuf) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::File(db));
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    (e, probe)
}

async fn ring_and_answer(probe: &SimulatorProbe, id: &CallId) {
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
}

async fn written_at_least(rx: &mut tokio::sync::broadcast::Receiver<EngineEvent>, n: u64) {
    loop {
        match rx.recv().await {
            Ok(EngineEvent::Snapshot(s)) if s.delivery.written >= n => return,
            Ok(_) => {}
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(e) => panic!("engine stopped: {e}"),
        }
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn latency(dir: &std::path::Path, calls: usize) {
    let (sandbox, link) = start_embedded(Some(&dir.join("sandbox-latency")))
        .await
        .unwrap();
    let (e, probe) = engine(dir.join("latency.db")).await;
    e.connect_crm(link).await.unwrap();
    let mut rx = e.subscribe();
    let mut ms = Vec::with_capacity(calls);
    for i in 0..calls {
        let id = CallId(format!("lat-{i}"));
        ring_and_answer(&probe, &id).await;
        let t = Instant::now();
        probe
            .emit(
                id,
                CallSignal::Hangup {
                    reason: None,
                    by: None,
                },
            )
            .await;
        written_at_least(&mut rx, i as u64 + 1).await;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "call end -> Task committed ({calls} calls, HTTPS loopback, file-backed stores): \
         p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(&ms, 0.50),
        pct(&ms, 0.90),
        pct(&ms, 0.99),
        ms[ms.len() - 1]
    );
    e.shutdown().await;
    drop(sandbox);
}

async fn backlog(dir: &std::path::Path, calls: usize) {
    let (e, probe) = engine(dir.join("backlog.db")).await;
    // The outage: calls end while no CRM is in use; the outbox fills.
    let t = Instant::now();
    for i in 0..calls {
        let id = CallId(format!("bl-{i}"));
        ring_and_answer(&probe, &id).await;
        probe
            .emit(
                id,
                CallSignal::Hangup {
                    reason: None,
                    by: None,
                },
            )
            .await;
    }
    loop {
        let s = e.snapshot().await.unwrap();
        if s.delivery.pending as usize >= calls {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!(
        "outage: {calls} calls ended and queued in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let (sandbox, link) = start_embedded(Some(&dir.join("sandbox-backlog")))
        .await
        .unwrap();
    let mut rx = e.subscribe();
    let t = Instant::now();
    e.connect_crm(link).await.unwrap();
    // Calls that ended while no CRM was in use go where the agent says.
    e.request(ringside_engine::ipc::Request::SendUnassignedHere)
        .await
        .unwrap();
    written_at_least(&mut rx, calls as u64).await;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "backlog drain: {calls} Tasks in {secs:.2} s = {:.0} Tasks/s ({} requests of up to 200)",
        calls as f64 / secs,
        sandbox.sandbox.api_requests()
    );
    e.shutdown().await;
}

fn main() {
    if let Ok(filter) = std::env::var("RINGSIDE_LOG") {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .init();
    }
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let calls = args.first().copied().unwrap_or(1_000);
    let queued = args.get(1).copied().unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("ringside-bench-delivery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        latency(&dir, calls).await;
        backlog(&dir, queued).await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
