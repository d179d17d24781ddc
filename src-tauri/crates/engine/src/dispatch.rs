//! The IPC dispatcher: every request from the UI (or a shell) goes through
//! the one match in `dispatch`, which hands it to the part that owns it.
//! Requests that wait on the network or a large local search are answered
//! from a task, so the desk never waits; the rest answer at once. Errors
//! stay typed until here, where they become `{code, message}`.

use ringside_core::{DeskError, Input};
use ringside_store::StoreError;
use tokio::sync::oneshot;

use crate::actor::Actor;
use crate::admin::CodeEdit;
use crate::handle::EngineEvent;
use crate::ipc::{ErrorCode, IpcError, Request, Response};
use crate::problems::ProblemCode;

/// Longest history page the UI may ask for.
const MAX_HISTORY: u32 = 1_000;

pub(crate) type Reply = oneshot::Sender<Result<Response, IpcError>>;

impl From<DeskError> for IpcError {
    fn from(e: DeskError) -> Self {
        let code = match e {
            DeskError::UnknownCall(_) => ErrorCode::UnknownCall,
            DeskError::CheckboxNotOffered { .. } => ErrorCode::CheckboxNotOffered,
        };
        IpcError::new(code, e.to_string())
    }
}

/// Store errors the agent can act on keep their own code.
pub(crate) fn store_error(e: StoreError) -> IpcError {
    if let StoreError::Invalid { field, message } = e {
        return IpcError {
            code: ErrorCode::InvalidInput,
            message,
            field: Some(field.to_string()),
        };
    }
    let code = match &e {
        StoreError::Invalid { .. } => ErrorCode::InvalidInput,
        StoreError::NotWrappable(_) => ErrorCode::NotWrappable,
        e if e.is_disk_full() => ErrorCode::DiskFull,
        _ => ErrorCode::StoreFailed,
    };
    IpcError::new(code, e.to_string())
}

impl Actor {
    /// Answers one request, now or from a task.
    pub(crate) async fn dispatch(&mut self, request: Request, reply: Reply) {
        // `Ok(None)`: the answer is the desk as it is now.
        let answer: Result<Option<Response>, IpcError> = match request {
            // Off the actor: they wait on the CRM or search a large copy.
            Request::RecentCases { contact_id } => return self.recent_cases(contact_id, reply),
            Request::FindContacts { query } => return self.find_contacts(query, reply),
            Request::SaveOrgSettings { layer } => return self.save_org_settings(layer, reply),
            Request::SavePresenceMapping { mapping } => {
                return self.save_presence_mapping(mapping, reply)
            }
            Request::AddDisposition { label } if self.admin.in_org() => {
                return self.edit_org_disposition(CodeEdit::Add(label), reply).await
            }
            Request::RenameDisposition { id, label } if self.admin.in_org() => {
                return self
                    .edit_org_disposition(CodeEdit::Rename(id, label), reply)
                    .await
            }
            Request::RetireDisposition { id, retired } if self.admin.in_org() => {
                return self
                    .edit_org_disposition(CodeEdit::Retire(id, retired), reply)
                    .await
            }
            Request::Snapshot => Ok(None),
            Request::History { limit } => self
                .store
                .history(limit.min(MAX_HISTORY))
                .await
                .map(|mut entries| {
                    let region = self.contacts.region();
                    for e in &mut entries {
                        e.remote_display = self.shown.show(&e.remote, region);
                    }
                    Some(Response::History { entries })
                })
                .map_err(store_error),
            Request::SetDoNotLog { call_id, ticked } => self
                .apply(Input::SetDoNotLog {
                    id: call_id,
                    ticked,
                })
                .await
                .map(|()| None)
                .map_err(IpcError::from),
            Request::ToggleDoNotLog { call_id } => self
                .apply(Input::ToggleDoNotLog { id: call_id })
                .await
                .map(|()| None)
                .map_err(IpcError::from),
            Request::UpdateSettings { settings } => {
                self.update_settings(settings).await.map(|()| None)
            }
            Request::Login { event } => self
                .apply(Input::Login(event))
                .await
                .map(|()| None)
                .map_err(IpcError::from),
            Request::CallControl { action } => self.call_control(action).await.map(|()| None),
            Request::Demo { action } => self.demo(action).await.map(|()| None),
            Request::Shortcut { shortcut } => self.shortcut(shortcut).await.map(|()| None),
            Request::SetPhone { phone } => self.set_phone(phone).await.map(|()| None),
            Request::WrapUp { row, wrap_up } => self.wrap_up(row, &wrap_up).await.map(|()| None),
            Request::LogAfterwards { row } => self.log_afterwards(row).await.map(|()| None),
            Request::RetryNow { row } => self.retry_now(row).await.map(|()| None),
            Request::Dispositions { with_retired } => {
                self.dispositions(with_retired).await.map(Some)
            }
            Request::AddDisposition { label } => {
                let now = self.clock.now();
                match self.store.add_disposition(&label, now).await {
                    Ok(_) => self.dispositions(true).await.map(Some),
                    Err(e) => Err(store_error(e)),
                }
            }
            Request::RenameDisposition { id, label } => {
                match self.store.rename_disposition(id, &label).await {
                    Ok(()) => self.dispositions(true).await.map(Some),
                    Err(e) => Err(store_error(e)),
                }
            }
            Request::RetireDisposition { id, retired } => {
                let now = self.clock.now();
                match self.store.retire_disposition(id, retired, now).await {
                    Ok(()) => self.dispositions(true).await.map(Some),
                    Err(e) => Err(store_error(e)),
                }
            }
            Request::CrmSignIn {
                login_url,
                client_id,
                redirect_port,
            } => self
                .sign_in(login_url, client_id, redirect_port)
                .map(|()| None),
            Request::CrmUseSandbox => self.use_sandbox_now().map(|()| None),
            Request::CrmDisconnect => self.disconnect().await.map(|()| None),
            Request::PickCaller { call_id, record_id } => {
                self.pick_caller(&call_id, &record_id).await.map(|()| None)
            }
            Request::SyncNow => self.sync_now().map(|()| None),
            Request::SetPresence { crm, phone } => {
                self.presence_set(crm, phone);
                Ok(None)
            }
            Request::PresenceSyncNow => {
                self.presence_sync_now();
                Ok(None)
            }
            Request::UpdateCallerSettings { settings } => {
                self.update_caller_settings(settings).await.map(|()| None)
            }
            Request::DiscardWaiting { target_id, reason } => self
                .discard_waiting(target_id, &reason)
                .await
                .map(|()| None),
            Request::SendUnassignedHere => self.send_unassigned_here().await.map(|()| None),
        };
        let answer = answer.map(|r| {
            r.unwrap_or_else(|| Response::Snapshot {
                snapshot: Box::new(self.snapshot()),
            })
        });
        let _ = reply.send(answer);
    }

    /// The desk settings: saved first (a setting the agent saw accepted must
    /// survive a crash), then applied; their own problem goes.
    async fn update_settings(&mut self, settings: ringside_core::Settings) -> Result<(), IpcError> {
        self.admin.check_local_edit()?;
        self.store
            .save_settings(&settings)
            .await
            .map_err(store_error)?;
        self.problems.clear(ProblemCode::SettingsInvalid);
        self.apply(Input::Settings(settings)).await?;
        Ok(())
    }

    /// WRAP-1: disposition, notes and case, written again to the same Task.
    async fn wrap_up(
        &mut self,
        row: i64,
        wrap_up: &ringside_store::WrapUp,
    ) -> Result<(), IpcError> {
        self.check_case_org(row, wrap_up).await?;
        let now = self.clock.now();
        let call_id = self
            .store
            .wrap_up(row, wrap_up, now)
            .await
            .map_err(store_error)?;
        self.outbox_changed();
        // The wrap-up is done: presence may return from after-call work.
        self.presence_wrap_up_ended(&ringside_core::CallId(call_id));
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }

    /// DNL-4 undone from history: the call's Task is queued, once.
    async fn log_afterwards(&mut self, row: i64) -> Result<(), IpcError> {
        let now = self.clock.now();
        self.store
            .log_afterwards(row, now)
            .await
            .map_err(store_error)?;
        self.outbox_changed();
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }

    async fn retry_now(&mut self, row: i64) -> Result<(), IpcError> {
        let now = self.clock.now();
        self.store
            .outbox_retry_now(row, now)
            .await
            .map_err(store_error)?;
        self.outbox_changed();
        self.emit(EngineEvent::HistoryChanged);
        Ok(())
    }

    /// The org's codes while an org keeps them (CONF-1), else the local ones.
    pub(crate) async fn dispositions(&self, with_retired: bool) -> Result<Response, IpcError> {
        let codes = self
            .store
            .dispositions(self.admin.org_id(), with_retired)
            .await
            .map_err(store_error)?;
        Ok(Response::Dispositions { codes })
    }

    /// WRAP-4: asks the CRM off the actor, so the desk never waits on the network.
    fn recent_cases(&self, contact_id: Option<String>, reply: Reply) {
        let Some(link) = self.crm.link() else {
            let _ = reply.send(Err(IpcError::new(
                ErrorCode::CrmNotConnected,
                "connect a CRM to see its cases",
            )));
            return;
        };
        tokio::spawn(async move {
            let answer = match link.crm.cases() {
                Some(cases) => cases
                    .recent_open_cases(contact_id.as_deref())
                    .await
                    .map(|cases| Response::Cases { cases })
                    .map_err(|e| IpcError::new(ErrorCode::CrmFailed, e.message)),
                None => Err(IpcError::new(
                    ErrorCode::CrmFailed,
                    "this CRM has no cases to relate a call to",
                )),
            };
            let _ = reply.send(answer);
        });
    }
}
