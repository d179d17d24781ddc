#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The engine with a CRM that is not Salesforce: an in-memory adapter that
//! implements only the contact source and the activity writer. Contacts are
//! copied into the local store, a known caller pops and is attributed, an
//! unknown one is created once, each logged call is written once under its
//! external id even when the first write fails, and a capability the CRM
//! lacks (cases) is said plainly.

mod common;

use common::until;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use ringside_contacts::{ContactRecord, ContactStore, Kind, Region};
use ringside_core::screen_pop::CallerKind;
use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_crm_port::{
    async_trait, ActivityWriter, ContactSource, CopyProgress, Crm, CrmAccount, CrmLink, Delta,
    NewCaller, PortError, PortErrorKind, WriteOutcome,
};
use ringside_engine::caller::{AutoCreate, CallerSettings, ChosenBy, MatchState};
use ringside_engine::crm::DeliveryTuning;
use ringside_engine::ipc::{CrmStatus, ErrorCode, Request};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_softphone::{spawn_simulator, SimulatorProbe};
use ringside_store::{CreationItem, OutboxItem};

const KNOWN: &str = "+442079460958";
const UNKNOWN: &str = "+13108675309";

/// One call's record in the memory CRM: its id, its caller, its writes.
type Activity = (String, Option<String>, u32);

/// A CRM of its own: people with numbers, and activities by external id.
#[derive(Default)]
struct MemoryCrm {
    people: Vec<ContactRecord>,
    activities: Mutex<HashMap<String, Activity>>,
    created: Mutex<Vec<ContactRecord>>,
    /// The first write of each batch fails, as a flaky network would.
    fail_first_write: AtomicBool,
    writes: AtomicU32,
    copied: AtomicBool,
}

fn person(id: &str, name: &str, phone: &str) -> ContactRecord {
    ContactRecord {
        id: id.into(),
        kind: Kind::Contact,
        name: name.into(),
        company: Some("Memory Ltd".into()),
        owner_id: None,
        account_id: None,
        created_at: 1,
        modstamp: 1,
        phones: vec![("Mobile".into(), phone.into())],
    }
}

#[async_trait]
impl ContactSource for MemoryCrm {
    async fn copied(&self, _store: &ContactStore) -> Result<bool, PortError> {
        Ok(self.copied.load(Ordering::SeqCst))
    }

    async fn full_copy(
        &self,
        store: &ContactStore,
        region: Region,
        progress: &(dyn Fn(CopyProgress) + Send + Sync),
    ) -> Result<(), PortError> {
        store
            .upsert(&self.people, region)
            .await
            .map_err(|e| PortError::new(PortErrorKind::Transient, e.to_string()))?;
        progress(CopyProgress {
            object: "people".into(),
            done: self.people.len() as u64,
            total: Some(self.people.len() as u64),
            per_second: 0.0,
            eta_seconds: None,
        });
        self.copied.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn delta(&self, _store: &ContactStore, _region: Region) -> Result<Delta, PortError> {
        Ok(Delta::default())
    }

    async fn search_number(
        &self,
        store: &ContactStore,
        e164: &str,
        region: Region,
    ) -> Result<(), PortError> {
        let hits: Vec<ContactRecord> = self
            .people
            .iter()
            .chain(self.created.lock().unwrap().iter())
            .filter(|p| p.phones.iter().any(|(_, n)| n == e164))
            .cloned()
            .collect();
        store
            .upsert(&hits, region)
            .await
            .map(|_| ())
            .map_err(|e| PortError::new(PortErrorKind::Transient, e.to_string()))
    }

    async fn recent_callers(
        &self,
        _store: &ContactStore,
        _region: Region,
    ) -> Result<(), PortError> {
        Ok(())
    }

    fn caller_kind(&self, _record_id: &str) -> Option<CallerKind> {
        Some(CallerKind::Contact)
    }
}

#[async_trait]
impl ActivityWriter for MemoryCrm {
    async fn write_calls(&self, items: &[OutboxItem]) -> Vec<WriteOutcome> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        if self.fail_first_write.swap(false, Ordering::SeqCst) {
            return items
                .iter()
                .map(|_| {
                    WriteOutcome::Failed(PortError::new(
                        PortErrorKind::Transient,
                        "the network dropped",
                    ))
                })
                .collect();
        }
        let mut all = self.activities.lock().unwrap();
        items
            .iter()
            .map(|item| {
                let n = all.len();
                let entry = all
                    .entry(item.external_id.clone())
                    .or_insert_with(|| (format!("act{n:012}"), None, 0));
                entry.1.clone_from(&item.call.who_id);
                entry.2 += 1;
                WriteOutcome::Written(entry.0.clone())
            })
            .collect()
    }

    fn new_caller(&self, object: &str, e164: &str) -> NewCaller {
        NewCaller {
            fields: format!("{{\"kind\":\"{object}\",\"phone\":\"{e164}\"}}"),
            label: format!("new {object} for {e164}"),
        }
    }

    async fn create_caller(
        &self,
        item: &CreationItem,
        now_ms: i64,
    ) -> Result<ContactRecord, PortError> {
        let mut made = self.created.lock().unwrap();
        let mut record = person(&format!("new{:012}", made.len()), "New caller", &item.e164);
        record.created_at = now_ms;
        made.push(record.clone());
        Ok(record)
    }
}

#[async_trait]
impl Crm for MemoryCrm {
    fn keyed_writes(&self) -> bool {
        true
    }

    async fn revoke(&self) -> Result<(), PortError> {
        Ok(())
    }
}

fn link(crm: Arc<MemoryCrm>) -> CrmLink {
    CrmLink {
        account: CrmAccount {
            instance_url: "memory://crm".into(),
            org_id: "00Dmemory000001".into(),
            user_id: "005memory000001".into(),
            username: "agent@memory.example".into(),
            name: "Memory Agent".into(),
            sandbox: false,
        },
        crm,
    }
}

async fn engine(auto_create: AutoCreate) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe.clone());
    options.delivery = DeliveryTuning {
        batch: 50,
        retry_base_ms: 5,
        retry_max_ms: 20,
        limit_pause_ms: 20,
        idle_check_ms: 20,
    };
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e.request(Request::UpdateCallerSettings {
        settings: CallerSettings {
            default_region: "GB".into(),
            auto_create,
            ..CallerSettings::default()
        },
    })
    .await
    .unwrap();
    (e, probe)
}

async fn answered_call(probe: &SimulatorProbe, id: &str, from: &str) -> CallId {
    let id = CallId(id.into());
    probe
        .emit(
            id.clone(),
            CallSignal::Incoming {
                from: from.into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
    probe.emit(id.clone(), CallSignal::Answered).await;
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_runs_with_a_crm_that_is_not_salesforce() {
    let crm = Arc::new(MemoryCrm {
        people: vec![person("mem000000000001", "Ada Memory", KNOWN)],
        fail_first_write: AtomicBool::new(true),
        ..Default::default()
    });
    let (e, probe) = engine(AutoCreate::Contact).await;
    e.connect_crm(link(crm.clone())).await.unwrap();
    let s = until(&e, "the first copy", |s| s.sync.last_sync_at.is_some()).await;
    assert_eq!(
        s.sync.records, 1,
        "SYNC-1: the copy reached the local store"
    );
    assert!(matches!(
        s.crm,
        CrmStatus::Connected {
            external_id: true,
            ..
        }
    ));

    // MATCH-3/7: a known caller pops from the local copy and is the call's.
    let known = answered_call(&probe, "mem-1", KNOWN).await;
    let s = until(&e, "the known caller's pop", |s| {
        s.callers
            .iter()
            .any(|p| p.call_id == known && p.state == MatchState::Found)
    })
    .await;
    let pop = s.callers.iter().find(|p| p.call_id == known).unwrap();
    assert_eq!(pop.chosen.as_deref(), Some("mem000000000001"));
    assert_eq!(pop.chosen_by, Some(ChosenBy::FirstCreated));
    assert!(!pop.searched_live, "a complete copy answers alone");
    probe
        .emit(
            known,
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;

    // MATCH-2: nobody has this number; the CRM creates one record for it.
    let unknown = answered_call(&probe, "mem-2", UNKNOWN).await;
    let s = until(&e, "the created caller", |s| {
        s.callers
            .iter()
            .any(|p| p.call_id == unknown && p.chosen_by == Some(ChosenBy::Created))
    })
    .await;
    let pop = s.callers.iter().find(|p| p.call_id == unknown).unwrap();
    assert_eq!(pop.chosen.as_deref(), Some("new000000000000"));
    probe
        .emit(
            unknown,
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;

    // LOG-2: each call written once under its key, the failed first write
    // retried into the same record; each carries its caller.
    until(&e, "both calls written", |s| {
        s.delivery.pending == 0 && s.delivery.failed == 0 && s.delivery.written >= 2
    })
    .await;
    let activities = crm.activities.lock().unwrap().clone();
    assert_eq!(activities.len(), 2, "{activities:?}");
    let mut who: Vec<_> = activities.values().map(|a| a.1.clone()).collect();
    who.sort();
    assert_eq!(
        who,
        [
            Some("mem000000000001".to_string()),
            Some("new000000000000".to_string())
        ]
    );
    assert!(
        crm.writes.load(Ordering::SeqCst) >= 2,
        "the failed write was tried again"
    );
    assert_eq!(
        crm.created.lock().unwrap().len(),
        1,
        "one record for the unknown caller"
    );

    // A capability this CRM does not have is said, with a code.
    let err = e
        .request(Request::RecentCases { contact_id: None })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::CrmFailed);
    e.shutdown().await;
}
