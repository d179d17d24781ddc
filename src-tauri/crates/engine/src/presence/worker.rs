//! The presence listener of one CRM link: the org's statuses and the
//! agent's current one first, then every change the CRM reports, read
//! afresh whenever the stream (re)starts or may have missed something.
//! A stream that fails is listened to again with backoff. For the built-in
//! CRM (whose admin settings are local) the org's presence mapping is read
//! here too, every minute.

use std::sync::Arc;
use std::time::Duration;

use ringside_core::presence::{CrmPresenceStatus, PresenceMapping};
use ringside_crm_port::{CrmLink, PresenceNews, PresenceReport};

use crate::handle::Command;

/// What the listener reports to the actor, for the link it works for.
#[derive(Debug)]
pub(crate) enum PresenceEvent {
    Statuses(Arc<CrmLink>, Vec<CrmPresenceStatus>),
    Heard(Arc<CrmLink>, PresenceReport),
    Mapping(Arc<CrmLink>, PresenceMapping),
    RequestFailed(Arc<CrmLink>, u64),
    /// The stream is live (again): what was given up on is tried again.
    Live(Arc<CrmLink>),
    /// STATE-2a: the agent logged out of the org's UI.
    OrgLogout(Arc<CrmLink>),
}

const BACKOFF_FIRST: Duration = Duration::from_secs(1);
const BACKOFF_LAST: Duration = Duration::from_secs(60);
const MAPPING_EVERY: Duration = Duration::from_secs(60);

type Back = Arc<dyn Fn(Command) + Send + Sync>;

/// Sends the link's requests one at a time, in the order asked: two
/// writes of the agent's row never race each other to the org.
pub(crate) fn requests(
    link: Arc<CrmLink>,
    back: impl Fn(Command) + Send + Sync + 'static,
) -> tokio::sync::mpsc::UnboundedSender<(String, u64)> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, u64)>();
    tokio::spawn(async move {
        while let Some((status, tag)) = rx.recv().await {
            let Some(p) = link.crm.presence() else { return };
            if let Err(e) = p.request(&status, tag).await {
                tracing::warn!(error = %e.message, "the presence request was not sent");
                back(Command::Presence(PresenceEvent::RequestFailed(
                    link.clone(),
                    tag,
                )));
            }
        }
    });
    tx
}

/// Reads the agent's status now and reports it.
pub(crate) fn read_current(link: Arc<CrmLink>, back: impl Fn(Command) + Send + Sync + 'static) {
    tokio::spawn(async move {
        if let Some(p) = link.crm.presence() {
            match p.current().await {
                Ok(r) => back(Command::Presence(PresenceEvent::Heard(link.clone(), r))),
                Err(e) => {
                    tracing::warn!(error = %e.message, "the CRM's presence could not be read")
                }
            }
        }
    });
}

pub(crate) fn spawn(
    link: Arc<CrmLink>,
    back: impl Fn(Command) + Send + Sync + 'static,
) -> tokio::task::JoinHandle<()> {
    let back: Back = Arc::new(back);
    // One task: aborting it ends the mapping reads too.
    tokio::spawn(async move {
        let mapping = async {
            if link.account.sandbox {
                follow_mapping(link.clone(), back.clone()).await;
            }
        };
        tokio::join!(mapping, listen(link.clone(), back.clone()));
    })
}

async fn listen(link: Arc<CrmLink>, back: Back) {
    {
        let mut wait = BACKOFF_FIRST;
        loop {
            let Some(p) = link.crm.presence() else { return };
            match p.statuses().await {
                Ok(s) => back(Command::Presence(PresenceEvent::Statuses(link.clone(), s))),
                Err(e) => {
                    tracing::warn!(error = %e.message, "the CRM's presence statuses could not be read")
                }
            }
            let heard = {
                let link = link.clone();
                let back = back.clone();
                Arc::new(move |news: PresenceNews| {
                    match news {
                        PresenceNews::Changed(r) => {
                            back(Command::Presence(PresenceEvent::Heard(link.clone(), r)))
                        }
                        // Live again, or something may be missed: read now.
                        PresenceNews::OrgLogout { .. } => {
                            back(Command::Presence(PresenceEvent::OrgLogout(link.clone())))
                        }
                        PresenceNews::Live | PresenceNews::Gap => {
                            back(Command::Presence(PresenceEvent::Live(link.clone())));
                            let back = back.clone();
                            read_current(link.clone(), move |c| back(c));
                        }
                    }
                    true
                })
            };
            match p.listen(heard).await {
                Ok(()) => return,
                Err(e) => {
                    tracing::warn!(error = %e.message, wait_s = wait.as_secs(), "the CRM's presence stream failed; listening again");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(BACKOFF_LAST);
                }
            }
        }
    }
}

/// The built-in CRM's mapping, followed as an org's admin settings are.
async fn follow_mapping(link: Arc<CrmLink>, back: Back) {
    loop {
        if let Some(admin) = link.crm.admin_config() {
            match admin.read_config().await {
                Ok(config) => back(Command::Presence(PresenceEvent::Mapping(
                    link.clone(),
                    config.presence,
                ))),
                Err(e) => {
                    tracing::warn!(error = %e.message, "the presence mapping could not be read")
                }
            }
        }
        tokio::time::sleep(MAPPING_EVERY).await;
    }
}
