//! BUDGET-3 in the engine: while the admin names an org relay, the sync
//! worker follows it (through the shell's [`ContactFeed`]) instead of
//! polling; the follower runs on its own task and only its state changes
//! wake the worker.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ringside_contacts::{ContactStore, Region};
use ringside_crm_port::{ContactFeed, FeedState};
use tokio::sync::watch;

use super::view::{RelayHealth, RelayLink};

/// How long after the store refused the relay's changes it is tried again.
const AFTER_FAILURE: Duration = Duration::from_secs(60);

pub(crate) struct Follower {
    url: String,
    org: String,
    /// The state as it last changed kind (not every batch).
    pub state: watch::Receiver<(RelayLink, Option<String>)>,
    applied: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Follower {
    pub fn start(
        feed: Arc<dyn ContactFeed>,
        url: &str,
        org: &str,
        store: ContactStore,
        region: Region,
    ) -> Follower {
        let (tx, state) = watch::channel((RelayLink::Connecting, None));
        let tx = Arc::new(tx);
        let applied = Arc::new(AtomicU64::new(0));
        let report = {
            let (tx, applied) = (tx.clone(), applied.clone());
            Arc::new(move |s: FeedState| {
                let next = match s {
                    FeedState::Connecting => (RelayLink::Connecting, None),
                    FeedState::Snapshot { applied: n } => {
                        applied.store(n, Ordering::Relaxed);
                        (RelayLink::Snapshot, None)
                    }
                    FeedState::Live { .. } => (RelayLink::Live, None),
                    FeedState::Unreachable(why) => (RelayLink::Unreachable, Some(why)),
                };
                tx.send_if_modified(|cur| {
                    let moved = *cur != next;
                    *cur = next;
                    moved
                });
            })
        };
        let (u, o) = (url.to_string(), org.to_string());
        let task = tokio::spawn(async move {
            loop {
                let r = feed
                    .follow(&u, &o, store.clone(), region, report.clone())
                    .await;
                if let Err(e) = r {
                    tracing::warn!(error = %e.message, "the org relay's changes could not be kept");
                    report(FeedState::Unreachable(e.message));
                }
                tokio::time::sleep(AFTER_FAILURE).await;
            }
        });
        Follower {
            url: url.to_string(),
            org: org.to_string(),
            state,
            applied,
            task,
        }
    }

    pub fn is_for(&self, url: &str, org: &str) -> bool {
        self.url == url && self.org == org
    }

    pub fn link(&self) -> RelayLink {
        self.state.borrow().0
    }

    /// The state now, marked as seen (so the worker wakes only on the next
    /// change).
    pub fn health(&mut self) -> RelayHealth {
        let (link, why) = self.state.borrow_and_update().clone();
        RelayHealth {
            url: self.url.clone(),
            link,
            why,
            applied: self.applied.load(Ordering::Relaxed),
        }
    }
}
