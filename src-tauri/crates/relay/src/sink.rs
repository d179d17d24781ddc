//! Where a desktop applies the relay's changes. The rule is the same for
//! every sink: a change replaces what is stored only if its version is not
//! older, and a tombstone deletes only what is not newer — so a snapshot
//! read while changes arrive, or a change seen twice, never goes back in
//! time.

use std::collections::{HashMap, HashSet};
use std::future::Future;

use ringside_contacts::sync::{apply_records, Source};
use ringside_contacts::{ContactStore, Region};
use serde_json::{Map, Value};

use crate::wire::Change;

#[derive(Debug, thiserror::Error)]
#[error("the local store refused the relay's changes: {0}")]
pub struct SinkError(pub String);

pub trait Sink: Send {
    /// The last change sequence applied; `None` before the first snapshot.
    fn position(&mut self) -> impl Future<Output = Result<Option<u64>, SinkError>> + Send;
    /// Applies changes (version-checked) and, when `through` is given,
    /// records that everything up to that sequence is applied.
    fn apply(
        &mut self,
        changes: &[Change],
        through: Option<u64>,
    ) -> impl Future<Output = Result<(), SinkError>> + Send;
    /// After a snapshot: drops every record not in `live`, and records the
    /// sequence the snapshot stands for.
    fn retain(
        &mut self,
        live: &HashSet<String>,
        through: u64,
    ) -> impl Future<Output = Result<(), SinkError>> + Send;
}

/// Records in memory: the simulation's desktops, and tests.
#[derive(Debug, Default, Clone)]
pub struct MemorySink {
    pub records: HashMap<String, (i64, Map<String, Value>)>,
    /// Tombstone versions, so a late older change cannot bring a record back.
    pub deleted: HashMap<String, i64>,
    pub position: Option<u64>,
    /// Changes refused as older than what was stored.
    pub stale: u64,
}

impl MemorySink {
    pub fn apply_one(&mut self, c: &Change) {
        let stored = self
            .records
            .get(&c.id)
            .map(|(v, _)| *v)
            .or_else(|| self.deleted.get(&c.id).copied());
        if stored.is_some_and(|v| v > c.version) {
            self.stale += 1;
            return;
        }
        match &c.record {
            Some(r) => {
                self.deleted.remove(&c.id);
                self.records.insert(c.id.clone(), (c.version, r.clone()));
            }
            None => {
                self.records.remove(&c.id);
                self.deleted.insert(c.id.clone(), c.version);
            }
        }
    }
}

impl Sink for MemorySink {
    async fn position(&mut self) -> Result<Option<u64>, SinkError> {
        Ok(self.position)
    }

    async fn apply(&mut self, changes: &[Change], through: Option<u64>) -> Result<(), SinkError> {
        for c in changes {
            self.apply_one(c);
        }
        if let Some(t) = through {
            self.position = Some(t);
        }
        Ok(())
    }

    async fn retain(&mut self, live: &HashSet<String>, through: u64) -> Result<(), SinkError> {
        self.records.retain(|id, _| live.contains(id));
        self.position = Some(through);
        Ok(())
    }
}

/// The desktop's contact store: the screen pop reads it as it reads a
/// direct copy. The position is kept in the store's sync state.
pub struct StoreSink {
    pub store: ContactStore,
    pub region: Region,
    /// The newest version applied per object on this run (the snapshot's
    /// handover checkpoints).
    seen: HashMap<Source, i64>,
}

const POSITION: &str = "relay";

fn store_err(e: impl std::fmt::Display) -> SinkError {
    SinkError(e.to_string())
}

impl Sink for StoreSink {
    async fn position(&mut self) -> Result<Option<u64>, SinkError> {
        Ok(
            match self.store.sync_state(POSITION).await.map_err(store_err)? {
                Some((_, Some(cp))) => cp.parse().ok(),
                _ => None,
            },
        )
    }

    async fn apply(&mut self, changes: &[Change], through: Option<u64>) -> Result<(), SinkError> {
        let ids: Vec<String> = changes.iter().map(|c| c.id.clone()).collect();
        let stored = self.store.modstamps(&ids).await.map_err(store_err)?;
        // The newest change per record wins within a batch.
        let mut latest: HashMap<&str, &Change> = HashMap::new();
        for c in changes {
            match latest.get(c.id.as_str()) {
                Some(prev) if prev.version > c.version => {}
                _ => {
                    latest.insert(&c.id, c);
                }
            }
        }
        let mut gone = Vec::new();
        let mut live: HashMap<Source, Vec<Map<String, Value>>> = HashMap::new();
        for c in latest.into_values() {
            if stored.get(&c.id).is_some_and(|v| *v > c.version) {
                continue;
            }
            let Some(source) = c.source() else { continue };
            match &c.record {
                None => gone.push(c.id.clone()),
                Some(r) => {
                    let mut r = r.clone();
                    r.insert("Id".into(), Value::String(c.id.clone()));
                    live.entry(source).or_default().push(r);
                }
            }
        }
        // Owners and accounts first: callers name them.
        for source in Source::ALL {
            if let Some(records) = live.get(&source) {
                apply_records(&self.store, source, records, self.region)
                    .await
                    .map_err(store_err)?;
            }
        }
        if !gone.is_empty() {
            self.store.delete(&gone).await.map_err(store_err)?;
        }
        self.hand_over(changes, false).await?;
        if let Some(t) = through {
            self.store
                .set_sync_state(
                    POSITION,
                    "relay",
                    Some(&t.to_string()),
                    crate::crm_read::now_ms(),
                )
                .await
                .map_err(store_err)?;
        }
        Ok(())
    }

    async fn retain(&mut self, live: &HashSet<String>, through: u64) -> Result<(), SinkError> {
        let gone: Vec<String> = self
            .store
            .ids()
            .await
            .map_err(store_err)?
            .into_iter()
            .filter(|id| !live.contains(id))
            .collect();
        if !gone.is_empty() {
            self.store.delete(&gone).await.map_err(store_err)?;
        }
        self.apply(&[], Some(through)).await?;
        self.hand_over(&[], true).await
    }
}

impl StoreSink {
    pub fn new(store: ContactStore, region: Region) -> StoreSink {
        StoreSink {
            store,
            region,
            seen: HashMap::new(),
        }
    }

    /// Keeps each object's delta checkpoint at the newest version the relay
    /// brought, so that if the relay becomes unreachable the direct mode's
    /// delta starts from there instead of copying the org again. After a
    /// snapshot (`snapshot_done`) every object counts as copied, one with no
    /// record from the newest version seen.
    async fn hand_over(
        &mut self,
        changes: &[Change],
        snapshot_done: bool,
    ) -> Result<(), SinkError> {
        let mut newest: HashMap<Source, i64> = HashMap::new();
        for c in changes {
            if let Some(source) = c.source() {
                let v = newest.entry(source).or_insert(c.version);
                *v = (*v).max(c.version);
                let s = self.seen.entry(source).or_insert(c.version);
                *s = (*s).max(c.version);
            }
        }
        if snapshot_done {
            let overall = self.seen.values().copied().max().unwrap_or(0);
            for source in Source::ALL {
                newest.insert(source, self.seen.get(&source).copied().unwrap_or(overall));
            }
        }
        for (source, version) in newest {
            let object = source.object();
            let current = self.store.sync_state(object).await.map_err(store_err)?;
            let (in_delta, at) = match &current {
                Some((phase, cp)) if phase == "delta" => (
                    true,
                    cp.as_deref()
                        .and_then(|c| c.parse::<i64>().ok())
                        .unwrap_or(0),
                ),
                _ => (false, 0),
            };
            // Mid-stream only objects already handed over move on: the
            // snapshot decides when a store counts as copied.
            if (in_delta || snapshot_done) && (!in_delta || version > at) {
                self.store
                    .set_sync_state(
                        object,
                        "delta",
                        Some(&version.max(at).to_string()),
                        crate::crm_read::now_ms(),
                    )
                    .await
                    .map_err(store_err)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn change(id: u8, version: i64, live: bool) -> Change {
        Change {
            object: "Contact".into(),
            id: format!("003{:012}AAA", id),
            version,
            record: live.then(|| {
                let mut m = Map::new();
                m.insert("Name".into(), Value::String(format!("v{version}")));
                m
            }),
        }
    }

    proptest! {
        /// Whatever order a record's versions arrive in, and however often,
        /// the sink ends on the newest one (live or deleted).
        #[test]
        fn the_newest_version_wins_in_any_order(
            versions in prop::collection::vec((0u8..4, 1i64..50, any::<bool>()), 1..40),
            seed in any::<u64>(),
        ) {
            let changes: Vec<Change> = versions.iter().map(|(id, v, live)| change(*id, *v, *live)).collect();
            let mut shuffled = changes.clone();
            let mut x = seed;
            for i in (1..shuffled.len()).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (x >> 33) as usize % (i + 1));
            }
            let mut sink = MemorySink::default();
            for c in shuffled.iter().chain(changes.iter()) {
                sink.apply_one(c);
            }
            for id in 0u8..4 {
                let key = format!("003{:012}AAA", id);
                // Ties: a live version and a tombstone of the same version
                // do not occur (a delete moves the modstamp on).
                let newest = changes.iter().filter(|c| c.id == key).map(|c| c.version).max();
                if let Some(v) = newest {
                    let at_v: Vec<&Change> = changes.iter().filter(|c| c.id == key && c.version == v).collect();
                    if at_v.iter().all(|c| c.is_tombstone()) {
                        prop_assert!(!sink.records.contains_key(&key));
                    } else if at_v.iter().all(|c| !c.is_tombstone()) {
                        prop_assert_eq!(sink.records.get(&key).map(|(v, _)| *v), Some(v));
                    }
                }
            }
        }
    }
}
