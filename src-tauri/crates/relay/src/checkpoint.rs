//! The relay's checkpoint, kept in the org's state bucket on JetStream (not
//! on the relay's disk), so a restarted or replaced relay resumes where the
//! last one stopped: the copy's job and page, the change events' replay id,
//! and how far each object's deltas have come.

use std::collections::BTreeMap;

use async_nats::jetstream::{self, kv};
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::names::Names;
use crate::RelayError;

const KEY: &str = "checkpoint";
/// The changes stream's sequence through which every change is in the
/// snapshot too (a change goes to the changes stream first): a follower
/// that takes the snapshot replays the changes after it, so a change in
/// flight while it reads is never missed.
const THROUGH: &str = "snapshot-through";

/// A copy under way: one object's Bulk API job and the next page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CopyState {
    pub object: String,
    pub job: String,
    pub locator: Option<String>,
    /// When the job started (ms): the object's deltas start there.
    pub since: i64,
    /// Records published so far by this job.
    pub published: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Checkpoint {
    /// Objects whose copy is done.
    pub copied: Vec<String>,
    pub copy: Option<CopyState>,
    /// Whether this copy started on an empty snapshot (no version checks).
    pub fresh: bool,
    /// The last change event handled on `/data/ChangeEvents`.
    pub replay_id: Option<i64>,
    /// Per object: the newest SystemModstamp (ms) a delta or copy has seen.
    pub high: BTreeMap<String, i64>,
    /// A delta is owed from this time (ms): events were missed or could
    /// not be read (the org's budget spent, the CRM down).
    pub delta_due: Option<i64>,
    /// When the last delta ran (ms).
    pub last_delta: i64,
}

impl Checkpoint {
    /// Owes a delta from `since` (the earliest of what is owed).
    pub fn owe_delta(&mut self, since: i64) {
        self.delta_due = Some(self.delta_due.map_or(since, |d| d.min(since)));
    }
}

pub struct Store {
    bucket: kv::Store,
}

impl Store {
    pub async fn open(js: &jetstream::Context, names: &Names) -> Result<Store, RelayError> {
        let bucket = match js.get_key_value(names.state_bucket()).await {
            Ok(b) => b,
            Err(_) => js
                .create_key_value(kv::Config {
                    bucket: names.state_bucket(),
                    description: "Ringside: the org relay's checkpoint".into(),
                    history: 5,
                    storage: jetstream::stream::StorageType::File,
                    ..Default::default()
                })
                .await
                .map_err(|e| RelayError::Nats(format!("the state bucket: {e}")))?,
        };
        Ok(Store { bucket })
    }

    /// The checkpoint, or a fresh one; an unreadable one starts over (a
    /// full copy again, version-checked, so nothing is lost).
    pub async fn load(&self) -> Result<Checkpoint, RelayError> {
        let raw = self
            .bucket
            .get(KEY)
            .await
            .map_err(|e| RelayError::Nats(format!("reading the checkpoint: {e}")))?;
        Ok(match raw {
            None => Checkpoint::default(),
            Some(b) => serde_json::from_slice(&b).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the relay's checkpoint is unreadable; copying again");
                Checkpoint::default()
            }),
        })
    }

    pub async fn through(&self) -> Result<u64, RelayError> {
        read_through(&self.bucket).await
    }

    pub async fn set_through(&self, seq: u64) -> Result<(), RelayError> {
        self.bucket
            .put(THROUGH, Bytes::from(seq.to_string()))
            .await
            .map_err(|e| RelayError::Nats(format!("saving the snapshot's position: {e}")))?;
        Ok(())
    }

    pub async fn save(&self, cp: &Checkpoint) -> Result<(), RelayError> {
        let bytes = serde_json::to_vec(cp).map_err(|e| RelayError::Nats(e.to_string()))?;
        self.bucket
            .put(KEY, Bytes::from(bytes))
            .await
            .map_err(|e| RelayError::Nats(format!("saving the checkpoint: {e}")))?;
        Ok(())
    }
}

async fn read_through(bucket: &kv::Store) -> Result<u64, RelayError> {
    let raw = bucket
        .get(THROUGH)
        .await
        .map_err(|e| RelayError::Nats(format!("reading the snapshot's position: {e}")))?;
    Ok(raw
        .and_then(|b| std::str::from_utf8(&b).ok()?.trim().parse().ok())
        .unwrap_or(0))
}

/// For a follower (read only): the sequence the snapshot stands for; 0
/// where no relay has said (then every change kept is replayed).
pub async fn snapshot_through(js: &jetstream::Context, names: &Names) -> Result<u64, RelayError> {
    match js.get_key_value(names.state_bucket()).await {
        Ok(bucket) => read_through(&bucket).await,
        Err(_) => Ok(0),
    }
}
