//! What durability costs: the transaction that ends a call (its last phases,
//! the decision and the Task's outbox row) with `synchronous = FULL`, as
//! Ringside runs, against WAL's default `NORMAL`. Prints its figures; no
//! assertions.
//!
//! `cargo bench -p ringside-store --bench call_end [-- CALLS]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::Instant;

use ringside_core::{CallId, CallSignal, Desk, Effect, Input, LoginEvent, Millis, Settings};
use ringside_store::{Durability, Store};

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[(((sorted.len() as f64) - 1.0) * p).round() as usize]
}

async fn run(durability: Durability, calls: usize) {
    let dir = std::env::temp_dir().join(format!(
        "ringside-bench-call-end-{}-{durability:?}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open_with(&dir.join("ringside.db"), durability)
        .await
        .unwrap();
    let mut desk = Desk::new(Settings::default());
    desk.handle(Input::Login(LoginEvent::CompanionOpened), Millis(0))
        .unwrap();
    let mut ends = Vec::with_capacity(calls);
    let mut t = 1;
    for n in 0..calls {
        let id = CallId(format!("c{n}"));
        let call = |signal| Input::Call {
            id: id.clone(),
            signal,
        };
        for e in desk
            .handle(
                call(CallSignal::Incoming {
                    from: "+13108675309".into(),
                    queue: false,
                    queue_name: None,
                }),
                Millis(t),
            )
            .unwrap()
        {
            if let Effect::CallStarted(v) = e {
                store.call_started(&v.session).await.unwrap();
            }
        }
        desk.handle(call(CallSignal::Answered), Millis(t + 1))
            .unwrap();
        for e in desk
            .handle(
                call(CallSignal::Hangup {
                    reason: None,
                    by: None,
                }),
                Millis(t + 2),
            )
            .unwrap()
        {
            if let Effect::CallFinished(f) = e {
                let started = Instant::now();
                store.call_finished(&f).await.unwrap();
                ends.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        t += 10;
    }
    ends.sort_by(f64::total_cmp);
    let mean = ends.iter().sum::<f64>() / ends.len() as f64;
    println!(
        "call end, synchronous = {:?}: n={} mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        durability,
        ends.len(),
        mean,
        pct(&ends, 0.5),
        pct(&ends, 0.99),
        ends[ends.len() - 1]
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let calls = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(2_000);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        for d in [
            Durability::Normal,
            Durability::Full,
            Durability::Normal,
            Durability::Full,
        ] {
            run(d, calls).await;
        }
    });
}
