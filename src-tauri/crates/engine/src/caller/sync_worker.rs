//! The contact sync worker (SYNC-1..4): one contact store per org, the first
//! full copy, then deltas on the admin's interval and on "sync now". It
//! reports health to the actor and never blocks a call: lookups read the
//! store while a sync writes it (WAL).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ringside_contacts::{ContactStore, Region};
use ringside_crm_port::{CopyProgress, CrmLink};
use tokio::sync::{mpsc, watch};

use super::view::{SyncHealth, SyncProgress, SyncState};
use crate::clock::Clock;
use crate::crm::CrmProblem;
use crate::handle::Command;
use ringside_core::CallerSettings;

/// The org a contact store belongs to, and the store.
pub(crate) type OrgStore = Option<(String, ContactStore)>;

/// Opens an org's contact store: `<dir>/<org id>.db`, or in memory.
pub(crate) async fn open_store(
    dir: Option<&Path>,
    org: &str,
) -> Result<ContactStore, ringside_contacts::ContactStoreError> {
    match dir {
        // Org ids are letters and digits; anything else never names a file.
        Some(dir) if org.bytes().all(|b| b.is_ascii_alphanumeric()) && !org.is_empty() => {
            ContactStore::open(&dir.join(format!("{org}.db"))).await
        }
        _ => ContactStore::open_in_memory().await,
    }
}

/// "Sync now" from the agent or admin.
pub(crate) struct SyncNow;

pub(crate) struct SyncWorker {
    pub link: watch::Receiver<Option<Arc<CrmLink>>>,
    /// The connected org's store, opened by the actor when it connects.
    pub store: watch::Receiver<OrgStore>,
    pub settings: watch::Receiver<CallerSettings>,
    pub requests: mpsc::Receiver<SyncNow>,
    pub engine: mpsc::WeakSender<Command>,
    pub clock: Arc<dyn Clock>,
    /// BUDGET-1: the org's share for every Ringside, in percent.
    pub share: watch::Receiver<u8>,
    pub budget: super::budget::Budget,
}

/// Longest wait after failures, however many.
const MAX_BACKOFF_SECS: u64 = 300;

impl SyncWorker {
    pub async fn run(mut self) {
        let mut current: Option<String> = None;
        let mut health = SyncHealth::default();
        let mut failures: u32 = 0;
        loop {
            let link = self.link.borrow_and_update().clone();
            let settings = self.settings.borrow_and_update().clone();
            let share = *self.share.borrow_and_update();
            let store = self.store.borrow_and_update().clone();
            let org = store.as_ref().map(|(o, _)| o.clone());
            if org != current {
                health = SyncHealth::default();
                if let Some((_, s)) = &store {
                    health.records = s.records().await.unwrap_or(0);
                    index_missing(s).await;
                }
                current = org;
                failures = 0;
            }
            // `None`: nothing to do until something changes.
            let mut wait = Some(Duration::from_secs(u64::from(settings.sync_interval_secs)));
            // The link and the store belong to the same org once both are set.
            let store =
                store.filter(|(o, _)| link.as_ref().is_some_and(|l| &l.account.org_id == o));
            match (&link, &store, settings.sync_enabled) {
                (_, _, false) => {
                    health.state = SyncState::Off;
                    health.progress = None;
                    health.next_sync_at = None;
                    self.health(&health).await;
                    wait = None;
                }
                (Some(link), Some((_, s)), true) => {
                    let api = link.crm.budget();
                    if let Some(b) = api {
                        self.budget.before(b, self.clock.now()).await;
                    }
                    let planned =
                        api.map(|b| self.budget.plan(b, share, settings.sync_interval_secs));
                    // BUDGET-2: the org's last tenth is not for polling.
                    let result = if planned.is_some_and(|p| p.paused.is_some()) {
                        Ok(false)
                    } else {
                        let complete = health.last_sync_at.is_some();
                        let before = api.map(|b| b.requests_made());
                        let result = self
                            .sync_once(link, s, settings.region(), &mut health)
                            .await;
                        if let (Some(b), Some(before), true) = (api, before, complete) {
                            self.budget
                                .measured(b.requests_made().saturating_sub(before));
                        }
                        result
                    };
                    if let Some(b) = api {
                        let p = self.budget.plan(b, share, settings.sync_interval_secs);
                        let secs = if p.paused.is_some() {
                            p.interval_secs.max(super::budget::RECHECK_SECS)
                        } else {
                            p.interval_secs
                        };
                        wait = Some(Duration::from_secs(secs));
                        health.budget = Some(self.budget.view(b, share, &p));
                    }
                    let now = self.clock.now();
                    health.progress = None;
                    health.state = SyncState::Idle;
                    match result {
                        Ok(changed) => {
                            // Counting a million rows takes tens of ms: only when it moved.
                            if changed {
                                health.records = s.records().await.unwrap_or(health.records);
                            }
                            failures = 0;
                            health.last_sync_at = Some(now);
                            health.last_error = None;
                        }
                        Err(e) => {
                            failures = failures.saturating_add(1);
                            tracing::warn!(error = %e, failures, "contact sync failed");
                            health.last_error = Some(e);
                            let backoff = 5u64.saturating_mul(1 << failures.min(6));
                            let backoff = Duration::from_secs(backoff.min(MAX_BACKOFF_SECS));
                            wait = wait.map(|w| w.min(backoff));
                        }
                    }
                    health.next_sync_at =
                        wait.map(|w| now.plus(i64::try_from(w.as_millis()).unwrap_or(i64::MAX)));
                    self.health(&health).await;
                }
                _ => {
                    health.state = SyncState::Waiting;
                    health.next_sync_at = None;
                    self.health(&health).await;
                    wait = None;
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(wait.unwrap_or_default()), if wait.is_some() => {}
                req = self.requests.recv() => match req {
                    Some(SyncNow) => {}
                    None => return,
                },
                changed = self.link.changed() => if changed.is_err() { return },
                changed = self.settings.changed() => if changed.is_err() { return },
                changed = self.share.changed() => if changed.is_err() { return },
                changed = self.store.changed() => if changed.is_err() { return },
            }
            // Several "sync now" in a row: one sync answers them all.
            while self.requests.try_recv().is_ok() {}
        }
    }

    /// The full copy if it is not done, then a delta. Returns whether the
    /// store may have changed.
    async fn sync_once(
        &self,
        link: &CrmLink,
        store: &ContactStore,
        region: Region,
        health: &mut SyncHealth,
    ) -> Result<bool, CrmProblem> {
        let copied = link
            .crm
            .copied(store)
            .await
            .map_err(|e| CrmProblem::of(&e))?;
        health.state = if copied {
            SyncState::Syncing
        } else {
            SyncState::Copying
        };
        self.health(health).await;
        if !copied {
            let engine = self.engine.clone();
            let base = health.clone();
            let progress = move |p: CopyProgress| {
                let mut h = base.clone();
                h.progress = Some(SyncProgress {
                    object: p.object,
                    done: p.done,
                    total: p.total,
                    per_second: p.per_second,
                    eta_seconds: p.eta_seconds,
                });
                if let Some(tx) = engine.upgrade() {
                    // Progress is advisory: a full channel skips a tick.
                    let _ = tx.try_send(Command::SyncHealth(h));
                }
            };
            link.crm
                .full_copy(store, region, &progress)
                .await
                .map_err(|e| CrmProblem::of(&e))?;
        }
        let delta = link
            .crm
            .delta(store, region)
            .await
            .map_err(|e| CrmProblem::of(&e))?;
        Ok(!copied || delta.records > 0 || delta.deleted > 0)
    }

    async fn health(&self, h: &SyncHealth) {
        if let Some(tx) = self.engine.upgrade() {
            let _ = tx.send(Command::SyncHealth(h.clone())).await;
        }
    }
}

/// A store from before the find-a-contact index is indexed once, in
/// batches (lookups by number work throughout; find-a-contact fills in).
async fn index_missing(store: &ContactStore) {
    let mut done = 0u64;
    loop {
        match store.index_missing(5_000).await {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) => {
                tracing::warn!(error = %e, "could not index the contact store for find-a-contact");
                break;
            }
        }
    }
    if done > 0 {
        if let Err(e) = store.compact_search_index().await {
            tracing::warn!(error = %e, "could not compact the find-a-contact index");
        }
        tracing::info!(records = done, "contact store indexed for find-a-contact");
    }
}
