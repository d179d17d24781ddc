//! The contact sync worker (SYNC-1..4): one contact store per org, the first
//! full copy, then deltas on the admin's interval and on "sync now". It
//! reports health to the actor and never blocks a call: lookups read the
//! store while a sync writes it (WAL).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ringside_contacts::{ContactStore, Region};
use ringside_crm_port::{ContactFeed, CopyProgress, CrmLink};
use tokio::sync::{mpsc, watch};

use super::relay_follower::Follower;
use super::view::{RelayLink, SyncHealth, SyncProgress, SyncState};
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
    /// BUDGET-3: how to follow an org relay, and the one the admin named.
    pub feed: Option<Arc<dyn ContactFeed>>,
    pub relay: watch::Receiver<Option<String>>,
}

/// While the relay is followed, the panel's record count and freshness are
/// brought up to date this often.
const RELAY_REFRESH: Duration = Duration::from_secs(30);

/// Longest wait after failures, however many.
const MAX_BACKOFF_SECS: u64 = 300;

impl SyncWorker {
    pub async fn run(mut self) {
        let mut current: Option<String> = None;
        let mut health = SyncHealth::default();
        let mut failures: u32 = 0;
        let mut follower: Option<Follower> = None;
        loop {
            let link = self.link.borrow_and_update().clone();
            let settings = self.settings.borrow_and_update().clone();
            let share = *self.share.borrow_and_update();
            let relay_url = self.relay.borrow_and_update().clone();
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
            // BUDGET-3: follow the org's relay while the admin names one.
            match (&self.feed, &relay_url, &store, settings.sync_enabled) {
                (Some(feed), Some(url), Some((org, s)), true) => {
                    if !follower.as_ref().is_some_and(|f| f.is_for(url, org)) {
                        tracing::info!("following the org relay instead of polling the CRM");
                        follower = Some(Follower::start(
                            feed.clone(),
                            url,
                            org,
                            s.clone(),
                            settings.region(),
                        ));
                    }
                }
                _ => follower = None,
            }
            health.relay = follower.as_mut().map(Follower::health);
            let relayed = follower
                .as_ref()
                .is_some_and(|f| f.link() != RelayLink::Unreachable);
            match (&link, &store, settings.sync_enabled) {
                (_, _, false) => {
                    health.state = SyncState::Off;
                    health.progress = None;
                    health.next_sync_at = None;
                    self.health(&health).await;
                    wait = None;
                }
                (Some(_), Some((_, s)), true) if relayed => {
                    // The relay keeps the store current: nothing to poll.
                    let link = follower
                        .as_ref()
                        .map_or(RelayLink::Connecting, Follower::link);
                    health.budget = None;
                    health.last_error = None;
                    health.progress = None;
                    health.next_sync_at = None;
                    health.state = match link {
                        RelayLink::Snapshot => SyncState::Copying,
                        RelayLink::Live => SyncState::Idle,
                        _ => SyncState::Syncing,
                    };
                    wait = None;
                    if link == RelayLink::Live {
                        health.records = s.records().await.unwrap_or(health.records);
                        health.last_sync_at = Some(self.clock.now());
                        failures = 0;
                        wait = Some(RELAY_REFRESH);
                    } else if link == RelayLink::Snapshot {
                        wait = Some(Duration::from_secs(2));
                    }
                    self.health(&health).await;
                }
                (Some(link), Some((_, s)), true) => {
                    // Direct mode, or the fallback while the relay is away:
                    // then a store the relay never filled is not copied
                    // from the CRM (a thousand desktops copying at once would
                    // spend the org's day); the live search finds callers.
                    let may_copy = follower.is_none();
                    let api = link.crm.budget();
                    if let Some(b) = api {
                        self.budget.before(b, self.clock.now()).await;
                    }
                    let planned =
                        api.map(|b| self.budget.plan(b, share, settings.sync_interval_secs));
                    // BUDGET-2: the org's last tenth is not for polling.
                    let result = if planned.is_some_and(|p| p.paused.is_some()) {
                        Ok(Some(false))
                    } else {
                        let complete = health.last_sync_at.is_some();
                        let before = api.map(|b| b.requests_made());
                        let result = self
                            .sync_once(link, s, settings.region(), may_copy, &mut health)
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
                        Ok(None) => health.last_error = None,
                        Ok(Some(changed)) => {
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
                changed = self.relay.changed() => if changed.is_err() { return },
                _ = relay_moved(&mut follower) => {}
            }
            // Several "sync now" in a row: one sync answers them all.
            while self.requests.try_recv().is_ok() {}
        }
    }

    /// The full copy if it is not done (and `may_copy`), then a delta.
    /// Returns whether the store may have changed; `None`: nothing synced
    /// (not copied, and no copy allowed).
    async fn sync_once(
        &self,
        link: &CrmLink,
        store: &ContactStore,
        region: Region,
        may_copy: bool,
        health: &mut SyncHealth,
    ) -> Result<Option<bool>, CrmProblem> {
        let copied = link
            .crm
            .copied(store)
            .await
            .map_err(|e| CrmProblem::of(&e))?;
        if !copied && !may_copy {
            return Ok(None);
        }
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
        Ok(Some(!copied || delta.records > 0 || delta.deleted > 0))
    }

    async fn health(&self, h: &SyncHealth) {
        if let Some(tx) = self.engine.upgrade() {
            let _ = tx.send(Command::SyncHealth(h.clone())).await;
        }
    }
}

/// Resolves when the relay follower's state changes kind (never without one).
async fn relay_moved(follower: &mut Option<Follower>) {
    match follower {
        Some(f) => {
            if f.state.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        None => std::future::pending::<()>().await,
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
