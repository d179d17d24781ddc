//! The delivery worker: drains the outbox into the CRM through its activity
//! writer. Every write is keyed by the call's external id, so a write
//! repeated after a crash, a lost response or a retry updates the same
//! record instead of adding one (LOG-2). The worker owns the delivery
//! status: it counts the backlog (for its link's org while connected, else
//! for the write target) each time it looks, and publishes it through a
//! watch.

use std::sync::Arc;
use std::time::Duration;

use ringside_crm_port::{CrmLink, PortErrorKind, WriteOutcome};
use ringside_store::{RecordRef, Settlement, Store};
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, watch};
use ts_rs::TS;

use super::backoff::{DeliveryTuning, Jitter};
use super::outbox::target_of;
use super::problem::{CrmCause, CrmProblem};
use crate::clock::Clock;
use crate::handle::Command;

/// The outbox at a glance, for the UI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeliveryStatus {
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub failed: u64,
    /// CRM writes done since Ringside started (a wrap-up or a changed caller
    /// writes the same Task again, so this can exceed the calls logged).
    #[ts(type = "number")]
    pub written: u64,
    /// Why the last write failed, if the last round did not go through.
    pub last_error: Option<CrmProblem>,
    /// A write was queued that these counts do not show yet (the worker
    /// is about to look): "nothing waiting" is not final while this is set.
    pub counting: bool,
}

/// The worker's status and the last nudge it had seen when it counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Counted {
    pub status: DeliveryStatus,
    pub through: u64,
}

/// What the worker tells the engine besides its status.
#[derive(Debug)]
pub(crate) enum DeliveryReport {
    /// The session of this link is gone and refreshing it was refused:
    /// sign in again.
    SessionLost(Arc<CrmLink>, CrmProblem),
    /// A caller record was created (or adopted) and these calls attributed.
    CallerCreated {
        calls: Vec<String>,
        record: ringside_contacts::ContactRecord,
    },
    /// A caller record could not be created; these calls go without one.
    CallerNotCreated { calls: Vec<String>, error: String },
}

pub(crate) struct Worker {
    pub store: Store,
    pub link: watch::Receiver<Option<Arc<CrmLink>>>,
    /// Nudges, numbered: the worker counts the backlog after each.
    pub wake: watch::Receiver<u64>,
    /// Weak, so the engine can stop while the worker still runs.
    pub engine: mpsc::WeakSender<Command>,
    pub tuning: DeliveryTuning,
    pub clock: Arc<dyn Clock>,
    /// The status, for the actor (this worker is its one owner).
    pub status: watch::Sender<Counted>,
    /// The write target the backlog is counted for while no CRM is in use.
    pub target: watch::Receiver<Option<i64>>,
}

impl Worker {
    pub async fn run(mut self) {
        let mut jitter = Jitter::new(u64::try_from(self.clock.now().0).unwrap_or(1));
        let mut status = DeliveryStatus::default();
        let mut target_of_link: Option<(Arc<CrmLink>, i64)> = None;
        loop {
            let link = self.link.borrow_and_update().clone();
            let Some(link) = link else {
                // Calls still end and wait: their count is shown.
                let target = *self.target.borrow_and_update();
                self.recount(target, &mut status).await;
                let gone = tokio::select! {
                    changed = self.link.changed() => changed.is_err(),
                    changed = self.target.changed() => changed.is_err(),
                    _ = self.wake.changed() => false,
                };
                if gone {
                    return;
                }
                continue;
            };
            // Only what was queued for this org and user is written here
            // (looked up once per connection, not every round).
            let known = target_of_link
                .as_ref()
                .filter(|(l, _)| Arc::ptr_eq(l, &link));
            let target = match known {
                Some((_, id)) => Ok(*id),
                None => self.store.crm_target(&target_of(&link.account)).await,
            };
            let target = match target {
                Ok(id) => {
                    target_of_link = Some((link.clone(), id));
                    Some(id)
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot tell which writes are for this org");
                    status.last_error =
                        Some(CrmProblem::new(CrmCause::OutboxUnreadable, e.to_string()));
                    self.publish(&status);
                    if !self.idle(Duration::from_secs(5)).await {
                        return;
                    }
                    continue;
                }
            };
            // Counted before the round, so a call that just ended shows.
            self.recount(target, &mut status).await;
            if let Some(lost) = self.create_callers(&link, target, &mut jitter).await {
                self.report(DeliveryReport::SessionLost(link.clone(), lost))
                    .await;
                if !self.until_new_link(target, &mut status).await {
                    return;
                }
                continue;
            }
            let now = self.clock.now();
            let due = match self.store.outbox_due(now, self.tuning.batch, target).await {
                Ok(due) => due,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the outbox");
                    status.last_error =
                        Some(CrmProblem::new(CrmCause::OutboxUnreadable, e.to_string()));
                    self.publish(&status);
                    if !self.idle(Duration::from_secs(5)).await {
                        return;
                    }
                    continue;
                }
            };
            if due.is_empty() {
                let next = [
                    self.store.outbox_next_due(target).await,
                    self.store.creations_next_due(target).await,
                ]
                .into_iter()
                .filter_map(|r| r.ok().flatten())
                .min();
                let wait = match next {
                    Some(at) => u64::try_from(at.saturating_sub(now)).unwrap_or(0),
                    None => self.tuning.idle_check_ms,
                };
                let wait = wait.clamp(1, self.tuning.idle_check_ms);
                if !self.idle(Duration::from_millis(wait)).await {
                    return;
                }
                continue;
            }
            let sending = std::time::Instant::now();
            let mut outcomes = link.crm.write_calls(&due).await;
            if outcomes.len() != due.len() {
                // One answer per call, or the rest are tried again later.
                tracing::error!(
                    calls = due.len(),
                    answers = outcomes.len(),
                    "the CRM adapter answered for a different number of calls"
                );
                outcomes.truncate(due.len());
                outcomes.resize_with(due.len(), || {
                    WriteOutcome::Failed(ringside_crm_port::PortError::new(
                        PortErrorKind::Transient,
                        "the CRM gave no answer for this record",
                    ))
                });
            }
            let sent_in = sending.elapsed();
            let now = self.clock.now();
            let mut session_lost = None;
            let mut failures = Vec::new();
            let mut batch = Vec::with_capacity(due.len());
            for (item, outcome) in due.iter().zip(&outcomes) {
                match outcome {
                    WriteOutcome::Written(id) => {
                        status.written += 1;
                        batch.push(Settlement::Sent {
                            item,
                            crm_record_id: id,
                        });
                    }
                    WriteOutcome::Failed(e) => {
                        let limit = e.kind == PortErrorKind::RequestLimit;
                        let delay = self.retry_in(limit, item.attempts, &mut jitter);
                        if e.kind == PortErrorKind::SessionLost {
                            session_lost = Some(CrmProblem::of(e));
                        }
                        status.last_error = Some(CrmProblem::of(e));
                        failures.push((item, &e.message, now.plus(delay)));
                    }
                }
            }
            batch.extend(failures.iter().map(|(item, error, at)| Settlement::Failed {
                item,
                error,
                next_attempt_at: *at,
            }));
            if let Err(e) = self.store.outbox_settle(&batch, now).await {
                // The CRM has them; the next round re-sends under the same keys.
                tracing::error!(error = %e, "cannot record delivery outcomes");
            }
            tracing::debug!(
                records = due.len(),
                send_ms = sent_in.as_millis() as u64,
                total_ms = sending.elapsed().as_millis() as u64,
                "delivery round"
            );
            self.recount(target, &mut status).await;
            if let Some(reason) = session_lost {
                self.report(DeliveryReport::SessionLost(link.clone(), reason))
                    .await;
                // Wait for a new sign-in; the old link is dead.
                if !self.until_new_link(target, &mut status).await {
                    return;
                }
            }
        }
    }

    /// MATCH-2: caller records due, before the Tasks that wait for them.
    /// Returns why, if the session is gone.
    async fn create_callers(
        &mut self,
        link: &CrmLink,
        target: Option<i64>,
        jitter: &mut Jitter,
    ) -> Option<CrmProblem> {
        let now = self.clock.now();
        let due = match self
            .store
            .creations_due(now, self.tuning.batch, target)
            .await
        {
            Ok(due) => due,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the caller records to create");
                return None;
            }
        };
        for item in due {
            let made = link.crm.create_caller(&item, now.0).await;
            let now = self.clock.now();
            match made {
                Ok(record) => {
                    let who = RecordRef {
                        id: record.id.clone(),
                        label: record.name.clone(),
                    };
                    match self.store.creation_done(item.id, &who, now).await {
                        Ok(calls) => {
                            tracing::info!(object = %item.object, calls = calls.len(), "caller record created");
                            self.report(DeliveryReport::CallerCreated { calls, record })
                                .await;
                        }
                        // Found again (adopted) on the next round.
                        Err(e) => tracing::error!(error = %e, "cannot record a created caller"),
                    }
                }
                Err(e) => {
                    // Refused for good: not tried again unchanged.
                    let give_up = !e.worth_retrying() && e.kind != PortErrorKind::SessionLost;
                    let limit = e.kind == PortErrorKind::RequestLimit;
                    let delay = self.retry_in(limit, item.attempts, jitter);
                    let error = e.message.clone();
                    tracing::warn!(%error, give_up, "caller record not created");
                    let calls = match self
                        .store
                        .creation_failed(item.id, &error, now.plus(delay), give_up, now)
                        .await
                    {
                        Ok(calls) => calls,
                        Err(se) => {
                            tracing::error!(error = %se, "cannot record a failed caller record");
                            Vec::new()
                        }
                    };
                    if e.kind == PortErrorKind::SessionLost {
                        return Some(CrmProblem::of(&e));
                    }
                    if give_up {
                        self.report(DeliveryReport::CallerNotCreated { calls, error })
                            .await;
                    }
                }
            }
        }
        None
    }

    /// How long until a failed write is tried again: past the limit window
    /// when the org's API limit was hit, else backing off by attempts.
    fn retry_in(&self, limit: bool, attempts: u32, jitter: &mut Jitter) -> i64 {
        if limit {
            jitter.spread(self.tuning.limit_pause_ms)
        } else {
            self.tuning.retry_delay(attempts, jitter)
        }
    }

    /// After a lost session: calls still end and are counted (for the org
    /// they wait for) until another link comes; `false` once the engine is
    /// gone.
    async fn until_new_link(&mut self, target: Option<i64>, status: &mut DeliveryStatus) -> bool {
        loop {
            tokio::select! {
                changed = self.link.changed() => return changed.is_ok(),
                _ = self.wake.changed() => self.recount(target, status).await,
            }
        }
    }

    /// Counts what is left for `target` and publishes the status if it moved.
    async fn recount(&mut self, target: Option<i64>, status: &mut DeliveryStatus) {
        // Read before counting: a nudge after this is counted next time.
        let through = *self.wake.borrow_and_update();
        if let Ok((pending, failed)) = self.store.outbox_backlog(target).await {
            status.pending = pending;
            status.failed = failed;
            if failed == 0 {
                status.last_error = None;
            }
        }
        self.publish_counted(status, through);
    }

    fn publish(&self, status: &DeliveryStatus) {
        let through = self.status.borrow().through;
        self.publish_counted(status, through);
    }

    fn publish_counted(&self, status: &DeliveryStatus, through: u64) {
        self.status.send_if_modified(|c| {
            let moved = c.status != *status || c.through != through;
            if moved {
                c.status.clone_from(status);
                c.through = through;
            }
            moved
        });
    }

    async fn report(&self, report: DeliveryReport) {
        if let Some(engine) = self.engine.upgrade() {
            let _ = engine.send(Command::Delivery(report)).await;
        }
    }

    /// Waits for a nudge, the time, or a new link; `false` once the engine
    /// is gone.
    async fn idle(&mut self, wait: Duration) -> bool {
        tokio::select! {
            _ = self.wake.changed() => true,
            _ = tokio::time::sleep(wait) => true,
            changed = self.link.changed() => changed.is_ok(),
        }
    }
}
