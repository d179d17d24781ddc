//! Delivery tests' shared parts: a fast-retrying engine on the simulator,
//! one answered call, and waiting for the outbox to drain.

use std::time::Duration;

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_engine::caller::{AutoCreate, CallerSettings};
use ringside_engine::crm::DeliveryTuning;
use ringside_engine::ipc::Request;
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::seed::Seed;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::{spawn_simulator, SimulatorProbe};

pub fn fast() -> DeliveryTuning {
    DeliveryTuning {
        batch: 200,
        retry_base_ms: 5,
        retry_max_ms: 40,
        limit_pause_ms: 50,
        idle_check_ms: 50,
    }
}

pub async fn sandbox(seed: Seed) -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed,
        ..Default::default()
    })
    .await
    .unwrap()
}

pub async fn engine(tuning: DeliveryTuning) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    options.delivery = tuning;
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    // These tests count Task writes; a caller created for the unknown test
    // number would rewrite a Task (tests/caller_matching.rs covers that).
    e.request(Request::UpdateCallerSettings {
        settings: CallerSettings {
            auto_create: AutoCreate::Off,
            ..CallerSettings::default()
        },
    })
    .await
    .unwrap();
    (e, probe)
}

/// One answered inbound call; `tick` = do not log (DNL-4).
pub async fn call(e: &EngineHandle, probe: &SimulatorProbe, id: &str, tick: bool) {
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
    if tick {
        // Wait until the engine has the call, then tick.
        for _ in 0..100 {
            if e.snapshot().await.unwrap().calls.iter().any(|c| c.id == id) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        e.request(Request::SetDoNotLog {
            call_id: id.clone(),
            ticked: true,
        })
        .await
        .unwrap();
    }
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

/// Waits (bounded) until nothing is left to write.
pub async fn drained(e: &EngineHandle, expect_written: u64) {
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let s = e.snapshot().await.unwrap();
            if s.delivery.pending == 0
                && s.delivery.failed == 0
                && s.delivery.written >= expect_written
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the outbox did not drain");
}
