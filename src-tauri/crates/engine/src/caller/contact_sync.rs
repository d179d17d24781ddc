//! The contact-sync part: the connected org's contact store (kept while
//! disconnected, so calls still pop offline), the admin's caller-matching
//! settings (one owner: their watch, which the sync worker reads too), the
//! sync worker, and its health as the sync panel shows it.

use std::path::PathBuf;
use std::sync::Arc;

use ringside_contacts::{ContactStore, Region};
use ringside_core::found_contact::{ContactNumber, FoundContact};
use ringside_core::phone_number::display;
use ringside_core::CallerSettings;
use ringside_crm_port::{ContactFeed, CrmLink};
use tokio::sync::{mpsc, oneshot, watch};

use super::sync_worker::{open_store, OrgStore, SyncNow, SyncWorker};
use super::view::SyncHealth;
use crate::actor::Actor;
use crate::clock::Clock;
use crate::dispatch::store_error;
use crate::handle::Command;
use crate::ipc::{ErrorCode, IpcError, Response};
use crate::problems::ProblemCode;

pub(crate) struct ContactSync {
    store: watch::Sender<OrgStore>,
    /// Where per-org contact stores live; `None` keeps them in memory.
    dir: Option<PathBuf>,
    settings: watch::Sender<CallerSettings>,
    /// BUDGET-1: the org's share for every Ringside, in percent.
    share: watch::Sender<u8>,
    /// BUDGET-3: the org relay the admin named, if any.
    relay: watch::Sender<Option<String>>,
    sync_now: mpsc::Sender<SyncNow>,
    health: SyncHealth,
    worker: tokio::task::JoinHandle<()>,
}

impl ContactSync {
    /// Starts the sync worker on `link`'s org.
    pub fn start(
        dir: Option<PathBuf>,
        settings: CallerSettings,
        link: watch::Receiver<Option<Arc<CrmLink>>>,
        engine: mpsc::WeakSender<Command>,
        clock: Arc<dyn Clock>,
        install: String,
        feed: Option<Arc<dyn ContactFeed>>,
    ) -> ContactSync {
        let (settings, settings_rx) = watch::channel(settings);
        let (share, share_rx) = watch::channel(ringside_core::budget::DEFAULT_SHARE_PERCENT);
        let (relay, relay_rx) = watch::channel(None);
        let (sync_now, requests) = mpsc::channel(8);
        let (store, store_rx) = watch::channel(None);
        let worker = tokio::spawn(
            SyncWorker {
                link,
                store: store_rx,
                settings: settings_rx,
                requests,
                engine,
                clock,
                share: share_rx,
                budget: super::budget::Budget::new(install),
                feed,
                relay: relay_rx,
            }
            .run(),
        );
        ContactSync {
            store,
            dir,
            settings,
            share,
            relay,
            sync_now,
            health: SyncHealth::default(),
            worker,
        }
    }

    pub fn settings(&self) -> CallerSettings {
        self.settings.borrow().clone()
    }

    /// The caller settings in force change (the org's, or back to local).
    pub fn set_settings(&self, settings: CallerSettings) {
        self.settings.send_if_modified(|s| {
            let moved = *s != settings;
            *s = settings;
            moved
        });
    }

    /// BUDGET-1: the org's share for Ringside changed (or back to the default).
    pub fn set_share(&self, percent: u8) {
        self.share.send_if_modified(|s| {
            let moved = *s != percent;
            *s = percent;
            moved
        });
    }

    /// BUDGET-3: the org's relay (or none: direct mode).
    pub fn set_relay(&self, url: Option<String>) {
        self.relay.send_if_modified(|r| {
            let moved = *r != url;
            *r = url;
            moved
        });
    }

    pub fn region(&self) -> Region {
        self.settings.borrow().region()
    }

    /// MATCH-2 as the admin set it: what an unknown caller becomes, and when.
    pub fn create_policy(&self) -> ringside_core::screen_pop::CreatePolicy {
        let s = self.settings.borrow();
        ringside_core::screen_pop::CreatePolicy {
            what: s.auto_create,
            when: s.create_when,
        }
    }

    pub fn health(&self) -> &SyncHealth {
        &self.health
    }

    /// Until a sync has finished on this run (or with sync off) the local
    /// copy may lack records; a live search completes what it shows.
    pub fn copy_complete(&self) -> bool {
        self.settings.borrow().sync_enabled && self.health.last_sync_at.is_some()
    }

    /// The connected org's contact store, as the sync worker sees it too.
    pub fn contacts(&self) -> Option<ContactStore> {
        self.store.borrow().as_ref().map(|(_, s)| s.clone())
    }

    /// Opens `org`'s store unless it is the one open.
    pub async fn open_for(&self, org: &str) -> Result<(), String> {
        let open = self.store.borrow().as_ref().map(|(o, _)| o.clone());
        if open.as_deref() == Some(org) {
            return Ok(());
        }
        let store = open_store(self.dir.as_deref(), org)
            .await
            .map_err(|e| e.to_string())?;
        self.store.send_replace(Some((org.to_string(), store)));
        Ok(())
    }

    /// Returns whether the panel changed.
    pub fn health_changed(&mut self, health: SyncHealth) -> bool {
        let changed = health != self.health;
        self.health = health;
        changed
    }

    /// Stops the worker and closes the store.
    pub async fn stop(&self) {
        self.worker.abort();
        if let Some(contacts) = self.contacts() {
            contacts.close().await;
        }
    }
}

impl Actor {
    /// The admin's caller-matching settings: checked, saved, then in force.
    pub(crate) async fn update_caller_settings(
        &mut self,
        settings: CallerSettings,
    ) -> Result<(), IpcError> {
        self.admin.check_local_edit()?;
        settings.check().map_err(IpcError::invalid_field)?;
        self.store
            .save_caller_settings(&settings)
            .await
            .map_err(store_error)?;
        self.problems.clear(ProblemCode::CallerSettingsInvalid);
        self.contacts.settings.send_replace(settings);
        self.publish_snapshot();
        Ok(())
    }

    /// SYNC-2: a sync now; one already asked for covers this one too.
    pub(crate) fn sync_now(&self) -> Result<(), IpcError> {
        if !self.contacts.settings.borrow().sync_enabled {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "contact sync is switched off; switch it on to sync",
            ));
        }
        let _ = self.contacts.sync_now.try_send(SyncNow);
        Ok(())
    }

    /// Searches the local copy off the actor, so a ring is never held up.
    pub(crate) fn find_contacts(
        &self,
        query: String,
        reply: oneshot::Sender<Result<Response, IpcError>>,
    ) {
        const MAX_ROWS: u32 = 20;
        if query.chars().count() > 100 {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::InvalidInput,
                "a search is at most 100 characters",
            )));
            return;
        }
        let Some(store) = self.contacts.contacts() else {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::CrmNotConnected,
                "connect a CRM to find its contacts",
            )));
            return;
        };
        let region = self.contacts.region();
        tokio::spawn(async move {
            let answer = store
                .find(&query, region, MAX_ROWS)
                .await
                .map(|page| Response::Contacts {
                    contacts: page
                        .records
                        .into_iter()
                        .map(|f| found_contact(f, region))
                        .collect(),
                    more: page.more,
                })
                .map_err(|e| IpcError::new(ErrorCode::StoreFailed, e.to_string()));
            let _ = reply.send(answer);
        });
    }

    pub(crate) fn sync_health_changed(&mut self, health: SyncHealth) {
        if self.contacts.health_changed(health) {
            self.publish_snapshot();
        }
    }

    /// The org's contact store, open before any call can ring against it.
    pub(crate) async fn open_contacts_for(&mut self, org: &str) {
        match self.contacts.open_for(org).await {
            Ok(()) => self.problems.clear(ProblemCode::ContactStoreUnavailable),
            Err(e) => {
                tracing::error!(error = %e, "cannot open the contact store");
                self.problem(
                    ProblemCode::ContactStoreUnavailable,
                    format!(
                        "cannot open the contact store; calls are matched by a live search: {e}"
                    ),
                );
            }
        }
    }
}

/// A record found, as the UI lists it: every number in the display format.
fn found_contact(f: ringside_contacts::Found, region: Region) -> FoundContact {
    FoundContact {
        id: f.id,
        kind: f.kind,
        name: f.name,
        company: f.company,
        owner: f.owner,
        numbers: f
            .numbers
            .into_iter()
            .map(|n| ContactNumber {
                display: display(&n.raw, region),
                field: n.field,
                raw: n.raw,
                matched: n.matched,
            })
            .collect(),
    }
}
