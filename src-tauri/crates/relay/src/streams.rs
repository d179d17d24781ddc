//! The org's two streams on JetStream: the snapshot (latest version of
//! each record, tombstones included: one message per subject) and the
//! changes (every change, kept for the retention period). A change goes to
//! the changes stream first, then to the snapshot, so a desktop that reads
//! the snapshot and then replays the changes from the sequence it noted
//! before always ends on the latest version.

use std::time::Duration;

use async_nats::jetstream::{self, context::Publish, stream};

use crate::names::Names;
use crate::wire::{Change, MAX_MESSAGE};
use crate::RelayError;

/// How long a desktop may be away and still catch up by replay; longer,
/// and it takes a new snapshot.
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(7 * 86_400);
/// Publishing one version twice within this window stores it once.
const DUPLICATE_WINDOW: Duration = Duration::from_secs(600);

#[derive(Clone)]
pub struct Streams {
    pub js: jetstream::Context,
    pub names: Names,
    pub snapshot: stream::Stream,
    pub changes: stream::Stream,
}

fn nats<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> RelayError {
    move |e| RelayError::Nats(format!("{what}: {e}"))
}

impl Streams {
    /// The org's streams, created on first use; a changed retention is
    /// applied to the existing changes stream.
    pub async fn open(
        js: jetstream::Context,
        names: Names,
        retention: Duration,
    ) -> Result<Streams, RelayError> {
        let snapshot = js
            .get_or_create_stream(stream::Config {
                name: names.snapshot_stream(),
                subjects: vec![names.snapshot_subjects()],
                max_messages_per_subject: 1,
                storage: stream::StorageType::File,
                duplicate_window: DUPLICATE_WINDOW,
                max_message_size: MAX_MESSAGE as i32,
                description: Some(format!(
                    "Ringside: the latest version of each record of org {}",
                    names.org()
                )),
                ..Default::default()
            })
            .await
            .map_err(nats("the snapshot stream"))?;
        let config = stream::Config {
            name: names.changes_stream(),
            subjects: vec![names.changes_subjects()],
            max_age: retention,
            storage: stream::StorageType::File,
            duplicate_window: DUPLICATE_WINDOW.min(retention),
            max_message_size: MAX_MESSAGE as i32,
            description: Some(format!(
                "Ringside: every record change of org {}",
                names.org()
            )),
            ..Default::default()
        };
        let mut changes = js
            .get_or_create_stream(config.clone())
            .await
            .map_err(nats("the changes stream"))?;
        let current = changes
            .info()
            .await
            .map_err(nats("the changes stream"))?
            .config
            .max_age;
        if current != retention {
            js.update_stream(config)
                .await
                .map_err(nats("the changes stream's retention"))?;
            changes = js
                .get_stream(names.changes_stream())
                .await
                .map_err(nats("the changes stream"))?;
        }
        Ok(Streams {
            js,
            names,
            snapshot,
            changes,
        })
    }

    /// Only the streams, as a desktop opens them (it never creates them).
    pub async fn existing(js: jetstream::Context, names: Names) -> Result<Streams, RelayError> {
        let snapshot = js
            .get_stream(names.snapshot_stream())
            .await
            .map_err(nats("the org's snapshot stream"))?;
        let changes = js
            .get_stream(names.changes_stream())
            .await
            .map_err(nats("the org's changes stream"))?;
        Ok(Streams {
            js,
            names,
            snapshot,
            changes,
        })
    }

    /// The latest published version of a record (a tombstone included).
    pub async fn last(&self, object: &str, id: &str) -> Result<Option<Change>, RelayError> {
        use async_nats::jetstream::stream::LastRawMessageErrorKind as K;
        match self
            .snapshot
            .get_last_raw_message_by_subject(&self.names.snapshot_subject(object, id))
            .await
        {
            Ok(m) => Ok(Change::decode(&m.payload).ok()),
            Err(e) if e.kind() == K::NoMessageFound => Ok(None),
            Err(e) => Err(RelayError::Nats(format!("reading the snapshot: {e}"))),
        }
    }

    /// Whether the snapshot holds nothing yet (a first copy needs no
    /// version checks).
    pub async fn snapshot_is_empty(&self) -> Result<bool, RelayError> {
        let info = self
            .snapshot
            .get_info()
            .await
            .map_err(nats("the snapshot stream"))?;
        Ok(info.state.messages == 0)
    }

    /// Publishes changes: all to the changes stream (acknowledged), then
    /// all to the snapshot. The message id makes a repeat within the
    /// duplicate window a no-op.
    /// Returns the highest changes-stream sequence among them.
    pub async fn publish(&self, changes: &[Change]) -> Result<Option<u64>, RelayError> {
        let mut highest = None;
        for (subject, stream) in [(true, "changes"), (false, "snapshot")] {
            let mut acks = Vec::with_capacity(changes.len());
            for c in changes {
                let to = if subject {
                    self.names.changes_subject(&c.object, &c.id)
                } else {
                    self.names.snapshot_subject(&c.object, &c.id)
                };
                let msg = Publish::build()
                    .payload(c.encode())
                    .message_id(format!("{}.{}@{}", c.object, c.id, c.version));
                acks.push(self.js.send_publish(to, msg).await.map_err(|e| {
                    RelayError::Nats(format!("publishing to the {stream} stream: {e}"))
                })?);
            }
            for ack in acks {
                let ack = ack.await.map_err(|e| {
                    RelayError::Nats(format!("the {stream} stream did not take a change: {e}"))
                })?;
                if subject {
                    // A repeat's acknowledgement names the first one's sequence.
                    highest = highest.max(Some(ack.sequence));
                }
            }
        }
        Ok(highest)
    }

    /// Publishes what is newer than the snapshot's version of each record;
    /// a tombstone only for a record published live. Returns how many.
    pub async fn publish_newer(
        &self,
        changes: Vec<Change>,
    ) -> Result<(usize, Option<u64>), RelayError> {
        let mut newer = Vec::with_capacity(changes.len());
        for c in changes {
            let keep = match self.last(&c.object, &c.id).await? {
                None => !c.is_tombstone(),
                Some(last) => {
                    c.version > last.version
                        || (c.version == last.version
                            && c.record != last.record
                            && !c.is_tombstone())
                }
            };
            if keep {
                newer.push(c);
            }
        }
        let highest = self.publish(&newer).await?;
        Ok((newer.len(), highest))
    }
}
