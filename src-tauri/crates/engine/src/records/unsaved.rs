//! Calls that ended while the store could not take them (a full disk, a
//! file locked too long): held in memory, saved again with backoff, and
//! shown to the agent until they land, so a failed write never loses a call
//! or its Task.

use std::time::Duration;

use ringside_core::FinishedCall;
use ringside_store::StoreError;
use tokio::time::Instant;

use crate::actor::Actor;
use crate::handle::EngineEvent;
use crate::problems::ProblemCode;

/// Backoff between tries: a disk is freed by a person, not in microseconds.
const FIRST_RETRY: Duration = Duration::from_secs(1);
const LAST_RETRY: Duration = Duration::from_secs(30);

/// What the agent sees while the store's writes fail for want of space.
pub(crate) const DISK_FULL: &str =
    "The disk is full: Ringside cannot save to its data file. Free some disk space; calls are kept meanwhile.";

fn problem_text(n: usize, e: &StoreError) -> String {
    let calls = if n == 1 {
        "1 finished call is".to_string()
    } else {
        format!("{n} finished calls are")
    };
    if e.is_disk_full() {
        format!("The disk is full: {calls} kept in memory and saved as soon as there is room. Free some disk space; do not quit Ringside meanwhile.")
    } else {
        format!(
            "{calls} not saved yet ({e}); Ringside keeps trying. Do not quit Ringside meanwhile."
        )
    }
}

/// Finished calls held in memory, oldest first, each with the org its
/// Task is for; and when to try the store again.
#[derive(Default)]
pub(crate) struct Unsaved {
    held: Vec<(FinishedCall, Option<i64>)>,
    retry_at: Option<Instant>,
    attempts: u32,
}

impl Unsaved {
    pub fn count(&self) -> usize {
        self.held.len()
    }

    pub fn retry_at(&self) -> Option<Instant> {
        self.retry_at
    }

    /// Another try failed: back off (a disk is freed by a person).
    fn failed(&mut self) {
        let delay = FIRST_RETRY
            .saturating_mul(2u32.saturating_pow(self.attempts.min(8)))
            .min(LAST_RETRY);
        self.attempts = self.attempts.saturating_add(1);
        self.retry_at = Some(Instant::now() + delay);
    }

    fn saved_all(&mut self) {
        self.retry_at = None;
        self.attempts = 0;
    }
}

impl Actor {
    /// Holds a finish with the org its Task is for.
    pub(crate) fn hold_unsaved(&mut self, f: FinishedCall, target: Option<i64>, e: &StoreError) {
        tracing::error!(call = %f.session.id, error = %e, "the end of a call could not be saved; held in memory");
        self.records.unsaved.held.push((f, target));
        self.unsaved_failed(e);
    }

    fn unsaved_failed(&mut self, e: &StoreError) {
        self.records.unsaved.failed();
        let text = problem_text(self.records.unsaved.count(), e);
        self.problems.set(ProblemCode::CallsUnsaved, text);
    }

    /// A write landed: a full-disk warning no longer holds (held calls keep
    /// their own until they are saved).
    pub(crate) fn disk_has_room(&mut self) {
        self.problems.clear(ProblemCode::DiskFull);
    }

    /// Tries every held call again, oldest first.
    pub(crate) async fn save_unsaved(&mut self) {
        let held = std::mem::take(&mut self.records.unsaved.held);
        let mut error = None;
        let mut saved = 0;
        for (f, target) in held {
            if error.is_none() {
                match self.store.call_finished_for(&f, target).await {
                    Ok(_) => {
                        saved += 1;
                        continue;
                    }
                    Err(e) => error = Some(e),
                }
            }
            self.records.unsaved.held.push((f, target));
        }
        match error {
            Some(e) => self.unsaved_failed(&e),
            None => {
                tracing::info!(saved, "held calls saved");
                self.records.unsaved.saved_all();
                self.problems.clear(ProblemCode::CallsUnsaved);
                self.disk_has_room();
            }
        }
        if saved > 0 {
            self.outbox_changed();
            // A held call may be for an org no longer in use.
            self.refresh_waiting().await;
            self.emit(EngineEvent::HistoryChanged);
        }
        self.publish_snapshot();
    }
}
