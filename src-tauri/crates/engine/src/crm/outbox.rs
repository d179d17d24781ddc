//! The delivery part: what the actor knows of the outbox. Which org each
//! call's write is for: the org the agent works for is the write target,
//! every call that ends is queued for it, and the delivery worker writes
//! only what was queued for the org it is connected to. Writes for other
//! orgs wait (shown per org) until that org is back, or the agent discards
//! them with a reason. The worker owns the delivery status; the actor reads
//! it through a watch.

use std::sync::Arc;

use ringside_crm_port::{CrmAccount, CrmLink, SavedAccount};
use ringside_store::{CrmTarget, Store, WaitingWrites};
use tokio::sync::{mpsc, watch};

use super::backoff::DeliveryTuning;
use super::delivery::{Counted, DeliveryReport, DeliveryStatus, Worker};
use crate::actor::Actor;
use crate::clock::Clock;
use crate::dispatch::store_error;
use crate::handle::{Command, EngineEvent};
use crate::ipc::{ErrorCode, IpcError};

pub(crate) struct Delivery {
    /// Nudges the worker when a write becomes due (numbered, so the status
    /// can tell whether the worker has counted since).
    wake: watch::Sender<u64>,
    /// The worker's status (the worker is its one owner).
    status: watch::Receiver<Counted>,
    /// The org calls are queued for now (its row in the store), if any;
    /// the worker counts the backlog for it.
    target: watch::Sender<Option<i64>>,
    /// Writes waiting for other orgs, for the snapshot.
    waiting: Vec<WaitingWrites>,
    /// Stopped before the store closes; a write cut short stays queued and
    /// is sent again (same key) on the next start.
    worker: tokio::task::JoinHandle<()>,
}

impl Delivery {
    pub async fn start(
        store: &Store,
        link: watch::Receiver<Option<Arc<CrmLink>>>,
        engine: mpsc::WeakSender<Command>,
        tuning: DeliveryTuning,
        clock: Arc<dyn Clock>,
    ) -> Delivery {
        let write_target = store.write_target().await.unwrap_or(None);
        let waiting = store.outbox_waiting(write_target).await.unwrap_or_default();
        let (wake, wake_rx) = watch::channel(0);
        // What waits already shows before the worker first looks.
        let (pending, failed) = store.outbox_backlog(write_target).await.unwrap_or((0, 0));
        let (status_tx, status) = watch::channel(Counted {
            status: DeliveryStatus {
                pending,
                failed,
                ..DeliveryStatus::default()
            },
            through: 0,
        });
        let (target, target_rx) = watch::channel(write_target);
        let worker = tokio::spawn(
            Worker {
                store: store.clone(),
                link,
                wake: wake_rx,
                engine,
                tuning,
                clock,
                status: status_tx,
                target: target_rx,
            }
            .run(),
        );
        Delivery {
            wake,
            status,
            target,
            waiting,
            worker,
        }
    }

    /// A write became due (or its count changed): the worker looks again.
    pub fn wake(&self) {
        self.wake.send_modify(|n| *n += 1);
    }

    /// The worker's counts, marked `counting` while a nudge is not yet in
    /// them.
    pub fn status(&self) -> DeliveryStatus {
        let counted = self.status.borrow();
        DeliveryStatus {
            counting: counted.through < *self.wake.borrow(),
            ..counted.status.clone()
        }
    }

    /// Until the worker's status changes (`false`: the worker is gone).
    pub async fn status_changed(&mut self) -> bool {
        self.status.changed().await.is_ok()
    }

    pub fn write_target(&self) -> Option<i64> {
        *self.target.borrow()
    }

    pub fn waiting(&self) -> &[WaitingWrites] {
        &self.waiting
    }

    pub fn stop(&self) {
        self.worker.abort();
    }
}

/// The org and user behind a live connection.
pub(crate) fn target_of(account: &CrmAccount) -> CrmTarget {
    CrmTarget {
        org_id: account.org_id.clone(),
        user_id: account.user_id.clone(),
        instance_url: account.instance_url.clone(),
        username: account.username.clone(),
        sandbox: account.sandbox,
    }
}

/// The saved org being reconnected (not yet connected).
pub(crate) fn target_of_saved(account: &SavedAccount) -> CrmTarget {
    CrmTarget {
        org_id: account.org_id.clone(),
        user_id: account.user_id.clone(),
        instance_url: account.instance_url.clone(),
        username: account.username.clone(),
        sandbox: false,
    }
}

impl Actor {
    /// From now on calls are queued for `target` (`None`: no CRM in use).
    pub(crate) async fn set_write_target(&mut self, target: Option<CrmTarget>) {
        match self.store.set_write_target(target.as_ref()).await {
            Ok(id) => {
                self.delivery.target.send_replace(id);
            }
            Err(e) => self.store_failed("remember which org calls are logged to", &e),
        }
        self.outbox_changed();
        self.refresh_waiting().await;
    }

    /// Re-reads what waits for other orgs. Only the write target, a discard
    /// or an assignment change it (a call ends for the current target).
    pub(crate) async fn refresh_waiting(&mut self) {
        match self
            .store
            .outbox_waiting(self.delivery.write_target())
            .await
        {
            Ok(waiting) => self.delivery.waiting = waiting,
            Err(e) => tracing::error!(error = %e, "cannot count the writes waiting for other orgs"),
        }
    }

    pub(crate) async fn discard_waiting(
        &mut self,
        target_id: Option<i64>,
        reason: &str,
    ) -> Result<(), IpcError> {
        if target_id.is_some() && target_id == self.delivery.write_target() {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "these calls are for the org in use and are being sent",
            ));
        }
        let now = self.clock.now();
        let n = self
            .store
            .outbox_discard(target_id, reason, now)
            .await
            .map_err(store_error)?;
        tracing::warn!(calls = n, "waiting Task writes discarded by the agent");
        self.outbox_changed();
        self.refresh_waiting().await;
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }

    pub(crate) async fn send_unassigned_here(&mut self) -> Result<(), IpcError> {
        let account = self.crm.link().map(|l| l.account.clone());
        let Some(account) = account else {
            return Err(IpcError::new(
                ErrorCode::CrmNotConnected,
                "connect the CRM these calls should be logged to first",
            ));
        };
        // The connected org itself, whatever the remembered target says.
        let target = self
            .store
            .crm_target(&target_of(&account))
            .await
            .map_err(store_error)?;
        let now = self.clock.now();
        self.store
            .outbox_assign_unassigned(target, now)
            .await
            .map_err(store_error)?;
        self.outbox_changed();
        self.refresh_waiting().await;
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }
}

impl Actor {
    /// WRAP-4: a case comes from the connected CRM's list, so it may go only
    /// on a call whose Task is for that same org.
    pub(crate) async fn check_case_org(
        &self,
        row: i64,
        wrap_up: &ringside_store::WrapUp,
    ) -> Result<(), IpcError> {
        if wrap_up.case.is_none() {
            return Ok(());
        }
        let connected = self.crm.link().map(|l| l.account.org_id.clone());
        let task_org = self.store.task_org(row).await.map_err(store_error)?;
        match (task_org, connected) {
            (Some(task), Some(here)) if task != here => Err(IpcError {
                field: Some("case".into()),
                ..IpcError::new(
                    ErrorCode::InvalidInput,
                    "this call is logged to another org than the one connected, so its cases are not offered here",
                )
            }),
            _ => Ok(()),
        }
    }
}

impl Actor {
    /// A write became due: the worker counts it and sends it.
    pub(crate) fn outbox_changed(&self) {
        self.delivery.wake();
    }

    /// What the worker reports besides its status.
    pub(crate) async fn on_delivery(&mut self, report: DeliveryReport) {
        match report {
            DeliveryReport::CallerCreated { calls, record } => {
                self.caller_created(calls, record).await;
            }
            DeliveryReport::CallerNotCreated { calls, error } => {
                self.caller_not_created(calls, error).await;
            }
            DeliveryReport::SessionLost(link, reason) => {
                if self.crm.session_lost(&link, reason) {
                    self.publish_snapshot();
                }
            }
        }
    }
}
