//! The org-settings part (CONF-1..3): with a real org connected, the admin
//! settings in force are the org's (its default, the agent's profile's and
//! the agent's own rows), read by `reader` and followed within a poll
//! interval; local edits of them are refused, and only an org admin saves
//! the org default, through the CRM. With no org (none, or the built-in
//! CRM) the locally saved settings apply and are shown as local.

mod reader;

use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use ringside_core::admin_config::{AdminHierarchy, AdminLayer, AdminSources};
use ringside_core::{CallerSettings, FieldError, Input, Millis, Settings};
use ringside_crm_port::{CrmLink, OrgConfig, PortError, PortErrorKind};
use ringside_store::OrgCode;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, watch};
use ts_rs::TS;

pub(crate) use reader::AdminReport;
use reader::{next_read, Reader};

use crate::actor::Actor;
use crate::dispatch::{store_error, Reply};
use crate::handle::Command;
use crate::ipc::{ErrorCode, IpcError, Response};

/// Where the admin settings in force come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SettingsSource {
    /// Saved on this machine: no org is connected (or the built-in CRM).
    Local,
    /// The connected org's, set by its admins.
    Org,
}

/// The admin settings' provenance, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminView {
    pub source: SettingsSource,
    /// CONF-2: the agent may change the org's settings.
    pub is_admin: bool,
    /// Which row each value in force came from (org settings only).
    pub sources: Option<AdminSources>,
    /// The org-default row as the org holds it (what an admin edits).
    pub org_default: Option<AdminLayer>,
    /// What the org default alone makes of the settings (no profile or user
    /// row; unset fields are Ringside's defaults): the admin's form.
    pub org_desk: Option<Settings>,
    pub org_callers: Option<CallerSettings>,
    /// Values in the org's rows Ringside could not use; they inherit.
    pub refused: Vec<FieldError>,
    /// Why the org's settings could not be read, when they could not.
    pub trouble: Option<AdminTrouble>,
    /// When the org's settings were last read.
    pub read_at: Option<Millis>,
}

pub(crate) struct OrgSettings {
    /// Read numbers, shared with the reader; `applied` is the last taken.
    reads: Arc<AtomicU64>,
    applied: u64,
    reader: tokio::task::JoinHandle<()>,
    /// The org's configuration in force, and the link it was read on.
    current: Option<(Arc<CrmLink>, OrgConfig, Millis)>,
    trouble: Option<AdminTrouble>,
}

/// The org's settings could not be read: what the CRM said, and which
/// settings apply meanwhile (the UI words it; `Display` is for logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminTrouble {
    pub kept: SettingsKept,
    pub detail: String,
}

/// Which settings apply while the org's cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SettingsKept {
    /// The last ones read from the org (CONF-2: agents still cannot edit).
    LastRead,
    /// The org has none for Ringside: the ones saved on this computer.
    Local,
    /// Not read yet: the ones saved on this computer, until they can be.
    LocalUntilRead,
}

impl std::fmt::Display for AdminTrouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = match self.kept {
            SettingsKept::LastRead => "the last settings read from the org apply",
            SettingsKept::Local => "the settings saved on this computer apply",
            SettingsKept::LocalUntilRead => {
                "the settings saved on this computer apply until they can be read"
            }
        };
        write!(
            f,
            "could not read the org's Ringside settings: {}; {kept}",
            self.detail
        )
    }
}

impl OrgSettings {
    pub fn start(
        link: watch::Receiver<Option<Arc<CrmLink>>>,
        engine: mpsc::WeakSender<Command>,
        poll: Duration,
    ) -> OrgSettings {
        let reads = Arc::new(AtomicU64::new(0));
        let reader = tokio::spawn(
            Reader {
                link,
                engine,
                poll,
                reads: reads.clone(),
            }
            .run(),
        );
        OrgSettings {
            reads,
            applied: 0,
            reader,
            current: None,
            trouble: None,
        }
    }

    pub fn stop(&self) {
        self.reader.abort();
    }

    pub fn in_org(&self) -> bool {
        self.current.is_some()
    }

    /// The org whose settings and codes are in force.
    pub fn org_id(&self) -> Option<&str> {
        self.current
            .as_ref()
            .map(|(l, _, _)| l.account.org_id.as_str())
    }

    pub fn view(&self) -> AdminView {
        match &self.current {
            Some((_, config, at)) => {
                let org_only = AdminHierarchy {
                    org: config.hierarchy.org.clone(),
                    ..AdminHierarchy::default()
                }
                .resolve();
                AdminView {
                    source: SettingsSource::Org,
                    is_admin: config.is_admin,
                    sources: Some(config.hierarchy.resolve().sources),
                    org_default: Some(config.hierarchy.org.clone()),
                    org_desk: Some(org_only.desk),
                    org_callers: Some(org_only.callers),
                    refused: config.refused.clone(),
                    trouble: self.trouble.clone(),
                    read_at: Some(*at),
                }
            }
            None => AdminView {
                source: SettingsSource::Local,
                is_admin: false,
                sources: None,
                org_default: None,
                org_desk: None,
                org_callers: None,
                refused: Vec::new(),
                trouble: self.trouble.clone(),
                read_at: None,
            },
        }
    }

    /// CONF-2: local edits of admin settings only while no org has them.
    pub fn check_local_edit(&self) -> Result<(), IpcError> {
        match &self.current {
            None => Ok(()),
            Some((_, config, _)) if config.is_admin => Err(IpcError::new(
                ErrorCode::SetInOrg,
                "these settings are your org's: save them for the org instead",
            )),
            Some(_) => Err(IpcError::new(
                ErrorCode::SetInOrg,
                "set by your admin in the org; ask them to change it",
            )),
        }
    }
}

impl Actor {
    pub(crate) async fn on_admin(&mut self, report: AdminReport) {
        let current = self.crm.link();
        let is_current = |l: &Arc<CrmLink>| current.as_ref().is_some_and(|c| Arc::ptr_eq(c, l));
        match report {
            AdminReport::NoOrg => {
                self.admin.trouble = None;
                if self.admin.current.take().is_some() {
                    self.apply_local_settings().await;
                }
            }
            AdminReport::Read(link, ..) if !is_current(&link) => return,
            // A reading that started before one already taken (a poll that
            // crossed an admin's write) would undo what the admin saw saved.
            AdminReport::Read(_, n, _) if n <= self.admin.applied => return,
            AdminReport::Read(link, n, result) => {
                let result = *result;
                self.admin.applied = n;
                // Nothing of another org stays in force once this one is in use.
                let other = self
                    .admin
                    .current
                    .as_ref()
                    .is_some_and(|(held, _, _)| !Arc::ptr_eq(held, &link));
                if other {
                    self.admin.current = None;
                    self.apply_local_settings().await;
                }
                self.take_reading(link, result).await;
            }
        }
        self.publish_snapshot();
    }

    async fn take_reading(&mut self, link: Arc<CrmLink>, result: Result<OrgConfig, PortError>) {
        match result {
            Ok(config) => {
                self.admin.trouble = None;
                let now = self.clock.now();
                let codes: Vec<OrgCode<'_>> = config
                    .dispositions
                    .iter()
                    .map(|d| OrgCode {
                        crm_id: &d.crm_id,
                        label: &d.label,
                        active: d.active,
                    })
                    .collect();
                if let Err(e) = self
                    .store
                    .mirror_org_dispositions(&link.account.org_id, &codes, now)
                    .await
                {
                    self.store_failed("keep the org's disposition codes", &e);
                }
                // Section 6: every agent follows the org's presence mapping.
                self.presence_mapping(config.presence.clone());
                self.contacts.set_share(config.api_share_percent);
                self.contacts.set_relay(config.relay_url.clone());
                self.admin.current = Some((link, config, now));
                self.apply_org_settings().await;
            }
            Err(e) => {
                tracing::warn!(error = %e.message, "the org's Ringside settings could not be read");
                // Once read, the org's settings stay in force through any
                // failed read (CONF-2: agents never get to edit them
                // meanwhile); before the first reading the local ones apply.
                let kept = if self.admin.in_org() {
                    SettingsKept::LastRead
                } else if e.kind == PortErrorKind::Refused {
                    SettingsKept::Local
                } else {
                    SettingsKept::LocalUntilRead
                };
                self.admin.trouble = Some(AdminTrouble {
                    kept,
                    detail: e.message,
                });
            }
        }
    }

    async fn apply_org_settings(&mut self) {
        let Some((_, config, _)) = &self.admin.current else {
            return;
        };
        let resolved = config.hierarchy.resolve();
        self.apply_admin_settings(resolved.desk, resolved.callers)
            .await;
    }

    /// Back to what was saved on this machine.
    async fn apply_local_settings(&mut self) {
        let desk = self.store.load_settings().await.unwrap_or_default();
        let callers = self
            .store
            .caller_settings()
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        self.apply_admin_settings(desk, callers).await;
    }

    async fn apply_admin_settings(&mut self, desk: Settings, callers: CallerSettings) {
        if *self.desk.settings() != desk {
            if let Err(e) = self.apply(Input::Settings(desk)).await {
                tracing::error!(error = %e, "cannot apply the admin settings to the desk");
            }
        }
        self.contacts.set_settings(callers);
    }

    /// The org's settings and link, for an admin's write; else the refusal.
    fn org_for_admin(&self) -> Result<(Arc<CrmLink>, &OrgConfig), IpcError> {
        let live = self.crm.link();
        let current = self
            .admin
            .current
            .as_ref()
            .filter(|(l, _, _)| live.as_ref().is_some_and(|c| Arc::ptr_eq(c, l)));
        let Some((link, config, _)) = current else {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "no org is connected: these settings are saved on this machine",
            ));
        };
        if !config.is_admin {
            return Err(IpcError::new(
                ErrorCode::SetInOrg,
                "only your org's Ringside admins change these settings",
            ));
        }
        Ok((link.clone(), config))
    }

    /// CONF-2: an org admin saves the org default.
    pub(crate) fn save_org_settings(&self, layer: AdminLayer, reply: Reply) {
        let link = match self.org_for_admin() {
            Ok((link, _)) => link,
            Err(e) => return drop(reply.send(Err(e))),
        };
        if let Some(bad) = layer.check().into_iter().next() {
            return drop(reply.send(Err(IpcError::invalid_field(bad))));
        }
        self.write_to_org(link, reply, Written::Done, |org| {
            Box::pin(async move { org.save_org_default(&layer).await })
        });
    }

    /// Section 6: an admin's mapping, refused beside its field before
    /// anything is written; the org refuses a user who may not.
    pub(crate) fn save_presence_mapping(
        &self,
        mapping: ringside_core::presence::PresenceMapping,
        reply: Reply,
    ) {
        let link = match self.org_for_admin() {
            Ok((link, _)) => link,
            Err(e) => return drop(reply.send(Err(e))),
        };
        if let Err(errors) = mapping.validate() {
            if let Some(bad) = errors.into_iter().next() {
                return drop(reply.send(Err(IpcError::invalid_field(bad))));
            }
        }
        self.write_to_org(link, reply, Written::Done, |org| {
            Box::pin(async move { org.save_presence_mapping(&mapping).await })
        });
    }

    /// WRAP-3 while an org keeps the codes: an admin's change goes there.
    pub(crate) async fn edit_org_disposition(&self, edit: CodeEdit, reply: Reply) {
        let link = match self.org_for_admin() {
            Ok((link, _)) => link,
            Err(e) => return drop(reply.send(Err(e))),
        };
        let target = match &edit {
            CodeEdit::Add(_) => None,
            CodeEdit::Rename(id, _) | CodeEdit::Retire(id, _) => {
                match self.store.org_disposition(*id).await {
                    Ok(Some((org, crm_id))) if org == link.account.org_id => Some(crm_id),
                    Ok(_) => {
                        return drop(reply.send(Err(IpcError::new(
                            ErrorCode::InvalidInput,
                            "that disposition code is not this org's",
                        ))))
                    }
                    Err(e) => return drop(reply.send(Err(store_error(e)))),
                }
            }
        };
        self.write_to_org(link, reply, Written::Dispositions, move |org| {
            Box::pin(async move {
                match (edit, target) {
                    (CodeEdit::Add(label), _) => org.add_disposition(&label).await,
                    (CodeEdit::Rename(_, label), Some(id)) => {
                        org.change_disposition(&id, Some(&label), None).await
                    }
                    (CodeEdit::Retire(_, retired), Some(id)) => {
                        org.change_disposition(&id, None, Some(!retired)).await
                    }
                    _ => Ok(()),
                }
            })
        });
    }

    /// Writes off the actor, reads the org again, and answers once the
    /// actor has the new reading (so the agent sees what they saved).
    fn write_to_org(
        &self,
        link: Arc<CrmLink>,
        reply: Reply,
        answer: Written,
        write: impl for<'a> FnOnce(
                &'a dyn ringside_crm_port::AdminConfig,
            ) -> std::pin::Pin<
                Box<
                    dyn std::future::Future<Output = Result<(), ringside_crm_port::PortError>>
                        + Send
                        + 'a,
                >,
            > + Send
            + 'static,
    ) {
        let me = self.myself.clone();
        let reads = self.admin.reads.clone();
        tokio::spawn(async move {
            let Some(org) = link.crm.admin_config() else {
                let _ = reply.send(Err(IpcError::new(
                    ErrorCode::CrmFailed,
                    "this CRM keeps no Ringside settings",
                )));
                return;
            };
            if let Err(e) = write(org).await {
                let _ = reply.send(Err(IpcError::new(ErrorCode::CrmFailed, e.message)));
                return;
            }
            let n = next_read(&reads);
            let read = org.read_config().await;
            let report = AdminReport::Read(link.clone(), n, Box::new(read));
            match me.upgrade() {
                Some(tx) => {
                    let _ = tx.send(Command::AdminWritten(report, reply, answer)).await;
                }
                None => {
                    let _ = reply.send(Err(IpcError::new(
                        ErrorCode::EngineStopped,
                        "Ringside is stopping",
                    )));
                }
            }
        });
    }

    pub(crate) async fn admin_written(
        &mut self,
        report: AdminReport,
        reply: Reply,
        answer: Written,
    ) {
        self.on_admin(report).await;
        let answer = match answer {
            Written::Done => Ok(Response::Done),
            Written::Dispositions => self.dispositions(true).await,
        };
        let _ = reply.send(answer);
    }
}

/// An admin's change to a disposition code.
#[derive(Debug)]
pub(crate) enum CodeEdit {
    Add(String),
    Rename(i64, String),
    Retire(i64, bool),
}

/// What an admin's write answers once the org is read again.
#[derive(Debug)]
pub(crate) enum Written {
    Done,
    Dispositions,
}
