//! What the shell (app, CLI, tests) chooses when it starts the engine.

use std::path::PathBuf;
use std::sync::Arc;

use ringside_crm_port::{ContactFeed, CrmProvider};
use ringside_softphone::SimulatorProbe;

use crate::clock::{Clock, SystemClock};
use crate::crm::DeliveryTuning;
use crate::phone::PhoneSettings;

pub enum StoreLocation {
    File(PathBuf),
    Memory,
}

impl StoreLocation {
    /// A folder beside the store for one of its companions (contact
    /// stores, the built-in CRM); `None` for an in-memory engine, which
    /// keeps everything in memory and never writes to the user's profile.
    pub(crate) fn beside(&self, name: &str) -> Option<PathBuf> {
        match self {
            StoreLocation::File(path) => Some(
                path.parent()
                    .map_or_else(|| PathBuf::from(name), |d| d.join(name)),
            ),
            StoreLocation::Memory => None,
        }
    }
}

pub struct EngineOptions {
    pub store: StoreLocation,
    /// Present when the connector is the simulator: enables demo actions.
    pub simulator: Option<SimulatorProbe>,
    /// Show phone numbers in logs (off by default: they are personal data).
    pub reveal_pii: bool,
    pub clock: Arc<dyn Clock>,
    pub delivery: DeliveryTuning,
    /// How to sign in to an org and start the built-in CRM (the app and
    /// the CLI hand the Salesforce adapter's); `None`: only `connect_crm`.
    pub crm: Option<Arc<dyn CrmProvider>>,
    /// At start: reconnect the saved org, else use the built-in sandbox.
    pub auto_connect: bool,
    /// What the connector given to `start` is (shown in the settings).
    pub phone: PhoneSettings,
    /// Connect the softphone saved in the settings instead of the given
    /// connector, when one other than the demo was saved (the app does).
    pub saved_phone: bool,
    /// CONF-3: how often the org's admin settings are read again.
    pub admin_poll: std::time::Duration,
    /// BUDGET-3: how to follow an org relay, when the org names one
    /// (`None`: every org is polled directly).
    pub feed: Option<Arc<dyn ContactFeed>>,
}

impl EngineOptions {
    pub fn new(store: StoreLocation) -> EngineOptions {
        EngineOptions {
            store,
            simulator: None,
            reveal_pii: false,
            clock: Arc::new(SystemClock),
            delivery: DeliveryTuning::default(),
            crm: None,
            auto_connect: false,
            phone: PhoneSettings::Demo,
            saved_phone: false,
            admin_poll: std::time::Duration::from_secs(60),
            feed: None,
        }
    }
}
