//! Screen-pop benchmark (MATCH-1/3): a ringing event from the phone to the
//! engine's first snapshot that shows the caller, with a contact store of
//! RECORDS synthetic records (default 1,000,000) on disk, as the app uses
//! it. Also: a local miss until the live CRM search has answered. Prints
//! its figures; no assertions.
//!
//! `cargo bench -p ringside-engine --bench screen_pop [-- RECORDS CALLS]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::{Duration, Instant};

use ringside_contacts::{normalize, ContactRecord, ContactStore, Kind, Region};
use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::caller::{AutoCreate, CallerSettings, MatchState, SyncState};
use ringside_engine::ipc::Request;
use ringside_engine::{start, EngineEvent, EngineOptions, StoreLocation};
use ringside_salesforce::embedded::agent_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::seed::Seed;
use ringside_sandbox::synthetic::synthetic_phone as number;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::{spawn_simulator, SimulatorProbe};

fn record(i: u64) -> ContactRecord {
    ContactRecord {
        id: format!("003{i:015}"),
        kind: if i % 3 == 0 {
            Kind::Lead
        } else {
            Kind::Contact
        },
        name: format!("Person {i}"),
        company: Some(format!("Company {}", i % 5000)),
        owner_id: Some("005000000000001AAA".into()),
        account_id: None,
        created_at: 1_700_000_000_000 + i as i64,
        modstamp: 1_700_000_000_000 + i as i64,
        phones: vec![("Phone".to_string(), number(i, i))],
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[(((sorted.len() as f64) - 1.0) * p).round() as usize]
}

fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{what}: n={} p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.95),
        pct(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

/// Rings, waits for the first snapshot with the caller settled, hangs up.
async fn pop(
    probe: &SimulatorProbe,
    rx: &mut tokio::sync::broadcast::Receiver<EngineEvent>,
    id: String,
    from: String,
    want_live: bool,
) -> f64 {
    let call = CallId(id.clone());
    let t = Instant::now();
    probe
        .emit(
            call.clone(),
            CallSignal::Incoming {
                from,
                queue: false,
                queue_name: None,
            },
        )
        .await;
    let ms = loop {
        match rx.recv().await {
            Ok(EngineEvent::Snapshot(s)) => {
                if let Some(p) = s.callers.iter().find(|c| c.call_id == call) {
                    let done = match (&p.state, want_live) {
                        (MatchState::Found, false) | (MatchState::NotFound { .. }, true) => true,
                        (MatchState::Searching, false) => panic!("call {id}: not found locally"),
                        (MatchState::Found, true) => panic!("call {id}: unexpectedly known"),
                        _ => false,
                    };
                    if done {
                        break t.elapsed().as_secs_f64() * 1000.0;
                    }
                }
            }
            Ok(_) => {}
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(err) => panic!("engine stopped: {err}"),
        }
    };
    probe
        .emit(
            call,
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    ms
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<u64>().ok());
    let records = args.next().unwrap_or(1_000_000);
    let calls = args.next().unwrap_or(1_000) as usize;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(records, calls));
}

async fn run(records: u64, calls: usize) {
    let dir = std::env::temp_dir().join(format!("ringside-bench-pop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let client = agent_client(&sb, &sb.http_url, None).await.unwrap();
    let link = SalesforceCrm::establish(client, true).await.unwrap();

    // The org's contact store, as a finished first copy leaves it.
    let t = Instant::now();
    let store = ContactStore::open(
        &dir.join("contacts")
            .join(format!("{}.db", link.account.org_id)),
    )
    .await
    .unwrap();
    for start in (0..records).step_by(5_000) {
        let batch: Vec<ContactRecord> = (start..(start + 5_000).min(records)).map(record).collect();
        store.upsert(&batch, Region::US).await.unwrap();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    for object in ["User", "Account", "Contact", "Lead"] {
        store
            .set_sync_state(object, "delta", Some(&now.to_string()), now)
            .await
            .unwrap();
    }
    store.close().await;
    println!(
        "store: {records} records loaded in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::File(dir.join("ringside.db")));
    options.simulator = Some(probe.clone());
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.request(Request::UpdateCallerSettings {
        settings: CallerSettings {
            auto_create: AutoCreate::Off,
            ..CallerSettings::default()
        },
    })
    .await
    .unwrap();
    e.connect_crm(link).await.unwrap();
    loop {
        let s = e.snapshot().await.unwrap();
        if s.sync.state == SyncState::Idle && s.sync.last_sync_at.is_some() {
            println!("engine: {} records in its store, synced", s.sync.records);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let mut events = e.subscribe();
    let mut local = Vec::with_capacity(calls);
    for i in 0..calls {
        let k = (i as u64 * 7_919) % records;
        // The phone reports E.164; the store holds the CRM's formats.
        let from = normalize(&number(k, k), Region::US).unwrap().e164;
        local.push(pop(&probe, &mut events, format!("pop-{i}"), from, false).await);
    }
    report("ringing -> caller on the snapshot (local store)", local);

    let misses = (calls / 10).max(10);
    let mut live = Vec::with_capacity(misses);
    for i in 0..misses {
        // Numbers the synthetic generator never makes: a local miss.
        let from = format!("+1646555{:04}", i % 10_000);
        live.push(pop(&probe, &mut events, format!("miss-{i}"), from, true).await);
    }
    report("ringing -> live CRM search answered (local miss)", live);
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
