//! Reads the org's admin configuration off the actor: at once for each new
//! link, then every poll interval (CONF-3: a change reaches every agent
//! within a minute). One API
//! request per read; nothing is read for the built-in CRM or no CRM.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ringside_crm_port::{CrmLink, OrgConfig, PortError};
use tokio::sync::{mpsc, watch};

use crate::handle::Command;

/// What the reader tells the actor.
#[derive(Debug)]
pub(crate) enum AdminReport {
    /// No org: none connected, the built-in CRM, or a CRM that keeps no
    /// admin configuration. Local settings apply.
    NoOrg,
    /// A read of this link's org, numbered in the order reads started (a
    /// reading older than one already applied is dropped).
    Read(Arc<CrmLink>, u64, Box<Result<OrgConfig, PortError>>),
}

pub(crate) struct Reader {
    pub link: watch::Receiver<Option<Arc<CrmLink>>>,
    pub engine: mpsc::WeakSender<Command>,
    pub poll: Duration,
    /// Numbers each read as it starts (shared with an admin's writes).
    pub reads: Arc<AtomicU64>,
}

/// The next read's number.
pub(crate) fn next_read(reads: &AtomicU64) -> u64 {
    reads.fetch_add(1, Ordering::SeqCst) + 1
}

impl Reader {
    pub async fn run(mut self) {
        loop {
            let link = self.link.borrow_and_update().clone();
            let report = match &link {
                None => AdminReport::NoOrg,
                Some(l) if l.account.sandbox => AdminReport::NoOrg,
                Some(l) => match l.crm.admin_config() {
                    None => AdminReport::NoOrg,
                    Some(config) => {
                        let n = next_read(&self.reads);
                        AdminReport::Read(l.clone(), n, Box::new(config.read_config().await))
                    }
                },
            };
            let polls = matches!(report, AdminReport::Read(..));
            let Some(engine) = self.engine.upgrade() else {
                return;
            };
            if engine.send(Command::Admin(report)).await.is_err() {
                return;
            }
            drop(engine);
            let gone = tokio::select! {
                changed = self.link.changed() => changed.is_err(),
                _ = tokio::time::sleep(self.poll), if polls => false,
            };
            if gone {
                return;
            }
        }
    }
}
