//! `SalesforceCrm` behind the ports: contacts through the contact crate's
//! Salesforce sync (Bulk API copy, deltas with deletions and merges, SOSL
//! search), calls as Tasks, new callers as Leads or Contacts, and cases.

use ringside_contacts::sync::{delta_sync, full_sync, recent_callers, Progress, SyncOptions, PAGE};
use ringside_contacts::{live::search_into, ContactRecord, ContactStore, Region};
use ringside_core::admin_config::AdminLayer;
use ringside_core::screen_pop::CallerKind;
use ringside_core::RecordRef;
use ringside_crm_port::{
    async_trait, ActivityWriter, AdminConfig, Cases, ContactSource, CopyProgress, Crm, Delta,
    NewCaller, OrgConfig, PortError, WriteOutcome,
};
use ringside_store::{CreationItem, OutboxItem};

use crate::caller_record::{create_caller, kind_of_id, label_of, new_caller_fields};
use crate::errors::port_error;
use crate::link::SalesforceCrm;

/// The sync's own errors (a store write, a CRM refusal) in the ports' terms.
fn sync_error(e: ringside_contacts::sync::SyncError) -> PortError {
    match e {
        ringside_contacts::sync::SyncError::Crm(c) => port_error(&c),
        other => PortError::new(
            ringside_crm_port::PortErrorKind::Transient,
            other.to_string(),
        ),
    }
}

impl SalesforceCrm {
    fn sync_options(&self, region: Region) -> SyncOptions {
        SyncOptions {
            region,
            person_accounts: self.person_accounts,
            page: PAGE,
            poll_ms: 250,
        }
    }
}

#[async_trait]
impl ContactSource for SalesforceCrm {
    async fn copied(&self, store: &ContactStore) -> Result<bool, PortError> {
        // Leads are copied last: their switch to deltas ends the first copy.
        let state = store.sync_state("Lead").await.map_err(|e| {
            PortError::new(ringside_crm_port::PortErrorKind::Transient, e.to_string())
        })?;
        Ok(state.is_some_and(|(phase, _)| phase == "delta"))
    }

    async fn full_copy(
        &self,
        store: &ContactStore,
        region: Region,
        progress: &(dyn Fn(CopyProgress) + Send + Sync),
    ) -> Result<(), PortError> {
        let each = |p: Progress| {
            progress(CopyProgress {
                object: p.object.to_string(),
                done: p.done,
                total: p.total,
                per_second: p.per_second,
                eta_seconds: p.eta_seconds,
            })
        };
        full_sync(&self.client, store, &self.sync_options(region), &each)
            .await
            .map(|_| ())
            .map_err(sync_error)
    }

    async fn delta(&self, store: &ContactStore, region: Region) -> Result<Delta, PortError> {
        let r = delta_sync(&self.client, store, &self.sync_options(region))
            .await
            .map_err(sync_error)?;
        Ok(Delta {
            records: r.records,
            deleted: r.deleted,
        })
    }

    async fn search_number(
        &self,
        store: &ContactStore,
        e164: &str,
        region: Region,
    ) -> Result<(), PortError> {
        search_into(&self.client, store, e164, &self.sync_options(region))
            .await
            .map_err(sync_error)
    }

    async fn recent_callers(&self, store: &ContactStore, region: Region) -> Result<(), PortError> {
        recent_callers(&self.client, store, &self.sync_options(region))
            .await
            .map(|_| ())
            .map_err(sync_error)
    }

    fn caller_kind(&self, record_id: &str) -> Option<CallerKind> {
        kind_of_id(record_id)
    }
}

#[async_trait]
impl ActivityWriter for SalesforceCrm {
    async fn write_calls(&self, items: &[OutboxItem]) -> Vec<WriteOutcome> {
        crate::writes::deliver(self, items).await
    }

    fn new_caller(&self, object: &str, e164: &str) -> NewCaller {
        let fields = new_caller_fields(object, e164);
        NewCaller {
            label: format!("{} (new {object})", label_of(&fields)),
            fields: fields.to_string(),
        }
    }

    async fn create_caller(
        &self,
        item: &CreationItem,
        now_ms: i64,
    ) -> Result<ContactRecord, PortError> {
        create_caller(&self.client, item, &self.account.user_id, now_ms)
            .await
            .map_err(|e| port_error(&e))
    }
}

#[async_trait]
impl Cases for SalesforceCrm {
    async fn recent_open_cases(
        &self,
        record_id: Option<&str>,
    ) -> Result<Vec<RecordRef>, PortError> {
        crate::cases::recent_open_cases(&self.client, record_id)
            .await
            .map_err(|e| port_error(&e))
    }
}

#[async_trait]
impl AdminConfig for SalesforceCrm {
    async fn read_config(&self) -> Result<OrgConfig, PortError> {
        crate::admin_config::read_config(&self.client, &self.account).await
    }

    async fn save_org_default(&self, layer: &AdminLayer) -> Result<(), PortError> {
        crate::admin_config::save_org_default(&self.client, &self.account, layer).await
    }

    async fn save_presence_mapping(
        &self,
        mapping: &ringside_core::presence::PresenceMapping,
    ) -> Result<(), PortError> {
        let row = crate::admin_config::org_default_row(&self.client, &self.account).await?;
        crate::presence_config::save_mapping(&self.client, &row, mapping).await
    }

    async fn add_disposition(&self, label: &str) -> Result<(), PortError> {
        crate::admin_config::add_disposition(&self.client, label).await
    }

    async fn change_disposition(
        &self,
        crm_id: &str,
        label: Option<&str>,
        active: Option<bool>,
    ) -> Result<(), PortError> {
        crate::admin_config::change_disposition(&self.client, crm_id, label, active).await
    }
}

#[async_trait]
impl Crm for SalesforceCrm {
    fn keyed_writes(&self) -> bool {
        self.external_id_field.is_some()
    }

    fn cases(&self) -> Option<&dyn Cases> {
        Some(self)
    }

    fn admin_config(&self) -> Option<&dyn AdminConfig> {
        Some(self)
    }

    fn presence(&self) -> Option<&dyn ringside_crm_port::Presence> {
        Some(self)
    }

    fn list_views(&self) -> Option<&dyn ringside_crm_port::ListViews> {
        Some(self)
    }

    fn budget(&self) -> Option<&dyn ringside_crm_port::ApiBudget> {
        Some(self)
    }

    async fn revoke(&self) -> Result<(), PortError> {
        self.client.revoke().await.map_err(|e| port_error(&e))
    }
}
