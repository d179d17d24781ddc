//! How often a live call's phases reach the store. Hold and resume can come
//! in floods (a stuck ACD, a flapping phone): each is applied to the desk at
//! once, but written at most every `HOLD_WRITE_EVERY` per call, the rest
//! gathered into the next write (phases are appended, so nothing is lost;
//! the end of the call writes them all). The first ring, the answer and the
//! end are always written at once.

use std::collections::HashMap;
use std::time::Duration;

use ringside_core::{CallId, CallSession, Phase};
use tokio::time::Instant;

use crate::actor::Actor;
use crate::handle::EngineEvent;

pub(crate) const HOLD_WRITE_EVERY: Duration = Duration::from_millis(250);

/// When each live call's progress was last written, and when the gathered
/// hold/resume phases are due.
#[derive(Default)]
pub(crate) struct ProgressWrites {
    last: HashMap<CallId, Instant>,
    pub flush_at: Option<Instant>,
}

impl ProgressWrites {
    /// Whether this phase change of `session` is written now (else it is
    /// gathered into the next flush).
    pub fn write_now(&mut self, session: &CallSession, phase: Phase) -> bool {
        let now = Instant::now();
        let n = session.phases.len();
        let hold_or_resume = phase == Phase::Hold
            || (phase == Phase::Answered && n >= 2 && session.phases[n - 2].phase == Phase::Hold);
        let recent = self
            .last
            .get(&session.id)
            .is_some_and(|at| now.duration_since(*at) < HOLD_WRITE_EVERY);
        if hold_or_resume && recent {
            self.flush_at.get_or_insert(now + HOLD_WRITE_EVERY);
            return false;
        }
        self.last.insert(session.id.clone(), now);
        true
    }

    /// The call ended: its final write carries every phase.
    pub fn left(&mut self, id: &CallId) {
        self.last.remove(id);
    }
}

impl Actor {
    /// Writes the gathered phases of every live call.
    pub(crate) async fn flush_progress(&mut self) {
        self.records.progress.flush_at = None;
        let now = Instant::now();
        let ids: Vec<CallId> = self.desk.live_calls().map(|c| c.id).collect();
        for id in ids {
            let saved = match self.desk.live_session(&id) {
                Some(session) => self.store.call_progress(session).await,
                None => continue,
            };
            match saved {
                Ok(()) => {
                    self.records.progress.last.insert(id, now);
                }
                Err(e) => self.store_failed("record the call's phase", &e),
            }
        }
        self.emit(EngineEvent::HistoryChanged);
    }
}
