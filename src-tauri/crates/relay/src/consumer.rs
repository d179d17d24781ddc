//! A desktop following the org relay: a snapshot first (the latest version
//! of every record), then the changes stream from the sequence noted
//! before the snapshot began. An agent away for a day replays what changed;
//! one away longer than the retention (the stream no longer has the next
//! sequence) takes a new snapshot, and records gone meanwhile are deleted.
//! Many followers share one NATS connection (the simulation runs a
//! thousand in one process).

use std::collections::HashSet;
use std::time::Duration;

use async_nats::jetstream::consumer::{pull::OrderedConfig, DeliverPolicy};
use async_nats::jetstream::{self};
use futures_util::StreamExt;
use tokio::sync::watch;

use crate::names::Names;
use crate::sink::Sink;
use crate::streams::Streams;
use crate::wire::Change;
use crate::RelayError;

/// Changes applied together.
const BATCH: usize = 1_000;
/// How long a batch waits to fill once it has its first change.
const LINGER: Duration = Duration::from_millis(20);

/// Where a follower is, for the sync panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Following {
    Connecting,
    Snapshot {
        applied: u64,
    },
    Live {
        position: u64,
    },
    /// The relay's server cannot be reached: the caller falls back to
    /// direct mode and says so.
    Unreachable(String),
}

/// Follows the org's stream into `sink` until `stop` turns true.
/// Connection losses are retried; `report` hears every state change.
pub async fn follow<S: Sink>(
    js: jetstream::Context,
    names: Names,
    sink: &mut S,
    mut stop: watch::Receiver<bool>,
    report: &(dyn Fn(Following) + Send + Sync),
) -> Result<(), RelayError> {
    let mut backoff = Duration::from_millis(200);
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        report(Following::Connecting);
        match follow_once(&js, &names, sink, &mut stop, report).await {
            Ok(()) => return Ok(()),
            Err(RelayError::Sink(e)) => return Err(RelayError::Sink(e)),
            Err(e) => {
                tracing::warn!(error = %e, "the org relay is unreachable; retrying");
                report(Following::Unreachable(e.to_string()));
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => return Ok(()),
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        }
    }
}

fn nats(e: impl std::fmt::Display) -> RelayError {
    RelayError::Nats(e.to_string())
}

async fn follow_once<S: Sink>(
    js: &jetstream::Context,
    names: &Names,
    sink: &mut S,
    stop: &mut watch::Receiver<bool>,
    report: &(dyn Fn(Following) + Send + Sync),
) -> Result<(), RelayError> {
    let streams = Streams::existing(js.clone(), names.clone()).await?;
    let mut position = sink.position().await.map_err(RelayError::Sink)?;
    let state = streams.changes.get_info().await.map_err(nats)?.state;
    // The next change this sink needs is gone (past the retention, or a
    // first start): a snapshot. It stands for the sequence the relay said
    // it holds, read before it: a change published to the changes stream
    // but not yet to the snapshot is replayed, not lost.
    let missed = position.is_none_or(|p| p + 1 < state.first_sequence);
    if missed {
        let through = crate::checkpoint::snapshot_through(js, names)
            .await?
            .min(state.last_sequence);
        snapshot(&streams, sink, through, report).await?;
        position = Some(through);
    }
    // What aged out before the snapshot's point is in the snapshot.
    let mut next = (position.unwrap_or(0) + 1).max(if missed { state.first_sequence } else { 0 });
    report(Following::Live { position: next - 1 });
    let consumer = streams
        .changes
        .create_consumer(OrderedConfig {
            deliver_policy: DeliverPolicy::ByStartSequence {
                start_sequence: next,
            },
            ..Default::default()
        })
        .await
        .map_err(nats)?;
    let mut messages = consumer.messages().await.map_err(nats)?;
    loop {
        let first = tokio::select! {
            m = messages.next() => m,
            _ = stop.changed() => return Ok(()),
        };
        let mut batch = Vec::new();
        let mut last = None;
        let mut pending = vec![first];
        let deadline = tokio::time::Instant::now() + LINGER;
        while let Some(m) = pending.pop() {
            let m = m
                .ok_or_else(|| RelayError::Nats("the changes stream ended".into()))?
                .map_err(nats)?;
            let seq = m.info().map_err(nats)?.stream_sequence;
            if seq > next {
                // Aged out while we were connecting: a snapshot next time.
                return Err(RelayError::Nats(format!(
                    "changes {next}..{seq} are no longer kept"
                )));
            }
            if seq == next {
                next += 1;
                last = Some(seq);
                match Change::decode(&m.payload) {
                    Ok(c) => batch.push(c),
                    Err(e) => tracing::warn!(error = %e, seq, "a relay message was skipped"),
                }
            }
            if batch.len() >= BATCH {
                break;
            }
            if let Ok(m) = tokio::time::timeout_at(deadline, messages.next()).await {
                pending.push(m);
            }
        }
        if last.is_some() {
            sink.apply(&batch, last).await.map_err(RelayError::Sink)?;
            report(Following::Live { position: next - 1 });
        }
    }
}

async fn snapshot<S: Sink>(
    streams: &Streams,
    sink: &mut S,
    through: u64,
    report: &(dyn Fn(Following) + Send + Sync),
) -> Result<(), RelayError> {
    let info = streams.snapshot.get_info().await.map_err(nats)?.state;
    let mut live = HashSet::new();
    let mut applied = 0u64;
    report(Following::Snapshot { applied });
    if info.messages > 0 {
        let consumer = streams
            .snapshot
            .create_consumer(OrderedConfig {
                deliver_policy: DeliverPolicy::All,
                ..Default::default()
            })
            .await
            .map_err(nats)?;
        let mut messages = consumer.messages().await.map_err(nats)?;
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            let m = tokio::time::timeout(Duration::from_secs(30), messages.next())
                .await
                .map_err(|_| RelayError::Nats("the snapshot stopped arriving".into()))?
                .ok_or_else(|| RelayError::Nats("the snapshot stream ended".into()))?
                .map_err(nats)?;
            let meta = m.info().map_err(nats)?;
            let (seq, left) = (meta.stream_sequence, meta.pending);
            match Change::decode(&m.payload) {
                Ok(c) => {
                    if !c.is_tombstone() {
                        live.insert(c.id.clone());
                    }
                    batch.push(c);
                }
                Err(e) => tracing::warn!(error = %e, seq, "a snapshot message was skipped"),
            }
            let done = left == 0 || seq >= info.last_sequence;
            if batch.len() >= BATCH || done {
                applied += batch.len() as u64;
                sink.apply(&batch, None).await.map_err(RelayError::Sink)?;
                batch.clear();
                report(Following::Snapshot { applied });
            }
            if done {
                break;
            }
        }
    }
    sink.retain(&live, through).await.map_err(RelayError::Sink)
}
