//! Which org each Task write is for. The org the agent works for is the
//! write target: every call that ends is queued for it, and the delivery
//! worker writes only what was queued for the org it is connected to.
//! Writes for other orgs wait (shown per org) until that org is back, or the
//! agent discards them with a reason.

use ringside_store::CrmTarget;

use crate::actor::Actor;
use crate::handle::EngineEvent;
use crate::ipc::{ErrorCode, IpcError};
use ringside_crm_port::{CrmAccount, SavedAccount};

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
            Ok(id) => self.write_target = id,
            Err(e) => self.store_failed("remember which org calls are logged to", &e),
        }
        self.outbox_changed().await;
        self.refresh_waiting().await;
    }

    /// Re-reads what waits for other orgs. Only the write target, a discard
    /// or an assignment change it (a call ends for the current target).
    pub(crate) async fn refresh_waiting(&mut self) {
        match self.store.outbox_waiting(self.write_target).await {
            Ok(waiting) => self.waiting = waiting,
            Err(e) => tracing::error!(error = %e, "cannot count the writes waiting for other orgs"),
        }
    }

    pub(crate) async fn discard_waiting(
        &mut self,
        target_id: Option<i64>,
        reason: &str,
    ) -> Result<(), IpcError> {
        if target_id.is_some() && target_id == self.write_target {
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
            .map_err(crate::apply::store_error)?;
        tracing::warn!(calls = n, "waiting Task writes discarded by the agent");
        self.outbox_changed().await;
        self.refresh_waiting().await;
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }

    pub(crate) async fn send_unassigned_here(&mut self) -> Result<(), IpcError> {
        let account = self.link.borrow().as_ref().map(|l| l.account.clone());
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
            .map_err(crate::apply::store_error)?;
        let now = self.clock.now();
        self.store
            .outbox_assign_unassigned(target, now)
            .await
            .map_err(crate::apply::store_error)?;
        self.outbox_changed().await;
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
        let connected = self
            .link
            .borrow()
            .as_ref()
            .map(|l| l.account.org_id.clone());
        let task_org = self
            .store
            .task_org(row)
            .await
            .map_err(crate::apply::store_error)?;
        match (task_org, connected) {
            (Some(task), Some(here)) if task != here => Err(IpcError::new(
                ErrorCode::InvalidInput,
                "case: this call is logged to another org than the one connected; its cases are not offered here",
            )),
            _ => Ok(()),
        }
    }
}
