//! A sandbox, an engine on it and calls from the simulator, for the caller
//! matching and contact sync tests.

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_crm::SalesforceClient;
use ringside_engine::caller::{AutoCreate, CallerMatch, CallerSettings, MatchState, SyncState};
use ringside_engine::crm::DeliveryTuning;
use ringside_engine::ipc::{Request, Snapshot};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::seed::Seed;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use serde_json::{Map, Value};

use super::{salesforce, until};

pub async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap()
}

/// An engine on the sandbox with `settings`, its first sync finished.
pub async fn engine(sb: &Sandbox, settings: CallerSettings) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    options.delivery = DeliveryTuning {
        batch: 200,
        retry_base_ms: 5,
        retry_max_ms: 40,
        limit_pause_ms: 50,
        idle_check_ms: 50,
    };
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    let sync = settings.sync_enabled;
    e.request(Request::UpdateCallerSettings { settings })
        .await
        .unwrap();
    e.connect_crm(salesforce(sb, true).await).await.unwrap();
    if sync {
        until(&e, "the first sync", |s| {
            s.sync.state == SyncState::Idle && s.sync.last_sync_at.is_some()
        })
        .await;
    }
    (e, probe)
}

pub fn pop<'a>(s: &'a Snapshot, id: &str) -> Option<&'a CallerMatch> {
    s.callers.iter().find(|c| c.call_id.0 == id)
}

/// The pop once it has settled (found, nothing, or being created).
pub async fn settled(e: &EngineHandle, id: &str) -> CallerMatch {
    let s = until(e, "the screen pop", |s| {
        pop(s, id).is_some_and(|p| p.state != MatchState::Searching)
    })
    .await;
    pop(&s, id).unwrap().clone()
}

pub async fn ring(probe: &SimulatorProbe, id: &str, from: &str) {
    probe
        .emit(
            CallId(id.into()),
            CallSignal::Incoming {
                from: from.into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
}

pub async fn end(probe: &SimulatorProbe, id: &str) {
    probe.emit(CallId(id.into()), CallSignal::Answered).await;
    probe
        .emit(
            CallId(id.into()),
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
}

pub async fn create(c: &SalesforceClient, object: &str, fields: Value) -> String {
    c.create(object, &fields).await.unwrap().id.unwrap()
}

pub async fn drained(e: &EngineHandle, written: u64) {
    until(e, "the outbox to drain", |s| {
        s.delivery.pending == 0 && s.delivery.failed == 0 && s.delivery.written >= written
    })
    .await;
}

pub async fn task_who(c: &SalesforceClient, call_id: &str) -> Option<String> {
    let t = c
        .query_all_pages(&format!(
            "SELECT WhoId FROM Task WHERE CallObject = '{call_id}'"
        ))
        .await
        .unwrap();
    assert_eq!(t.len(), 1, "one Task for {call_id}");
    t[0].get("WhoId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

pub async fn records(c: &SalesforceClient, soql: &str) -> Vec<Map<String, Value>> {
    c.query_all_pages(soql).await.unwrap()
}

pub fn no_create() -> CallerSettings {
    CallerSettings {
        auto_create: AutoCreate::Off,
        ..CallerSettings::default()
    }
}
