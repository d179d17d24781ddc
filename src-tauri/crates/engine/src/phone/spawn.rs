//! Starts the connector a softphone setting names (the setting and its
//! checks are the core's `PhoneSettings`).

use std::time::Duration;

use ringside_core::softphone_settings::ctrl_addr;
use ringside_core::FieldError;
use ringside_core::PhoneSettings;
use ringside_softphone::acd::connector::{spawn_acd, AcdConfig};
use ringside_softphone::baresip::connector::{spawn_baresip, BaresipConfig};
use ringside_softphone::{spawn_simulator, ConnectorHandle, SimulatorProbe};

/// How often baresip's `listcalls` reconciles hold and vanished calls.
const BARESIP_POLL: Duration = Duration::from_secs(1);

/// Starts the connector these settings name; the demo also yields the probe
/// its demo actions drive.
pub fn spawn_phone(
    settings: &PhoneSettings,
) -> Result<(ConnectorHandle, Option<SimulatorProbe>), FieldError> {
    settings.check()?;
    Ok(match settings {
        PhoneSettings::Demo => {
            let (handle, probe) = spawn_simulator();
            (handle, Some(probe))
        }
        PhoneSettings::Baresip { ctrl, dial_domain } => (
            spawn_baresip(BaresipConfig {
                ctrl: ctrl_addr(ctrl)?,
                dial_domain: dial_domain.trim().to_string(),
                poll: BARESIP_POLL,
            }),
            None,
        ),
        PhoneSettings::Acd { url, agent } => (
            spawn_acd(AcdConfig {
                url: url.trim().to_string(),
                agent: agent.trim().to_string(),
            }),
            None,
        ),
    })
}
