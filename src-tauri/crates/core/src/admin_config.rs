//! Admin configuration kept in the CRM org (CONF-1..3): the org default, a
//! profile's row and a user's row, each setting only what it overrides. A
//! user's value wins over the profile's, the profile's over the org's; what
//! no row sets keeps Ringside's default. The result is the desk's settings
//! and the caller settings, with where each value came from, so the agent
//! sees "set by your admin" and an admin sees which row to change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::caller_settings::{AutoCreate, CallerSettings, CreateWhen};
use crate::field_error::FieldError;
use crate::settings::Settings;

/// One row of the hierarchy: `None` inherits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminLayer {
    pub offer_do_not_log: Option<bool>,
    pub default_do_not_log: Option<bool>,
    pub log_missed_queue_calls: Option<bool>,
    pub log_inbound_while_logged_out: Option<bool>,
    pub presence_logout_check: Option<bool>,
    pub hold_first_call: Option<bool>,
    pub unknown_callers_become: Option<AutoCreate>,
    pub create_unknown_callers: Option<CreateWhen>,
    pub default_country: Option<String>,
    pub keep_contact_copy: Option<bool>,
    pub sync_interval_secs: Option<u32>,
}

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Source {
    /// No row sets it: Ringside's default.
    #[default]
    Default,
    Org,
    Profile,
    User,
}

/// The source of each setting, field for field with [`AdminLayer`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminSources {
    pub offer_do_not_log: Source,
    pub default_do_not_log: Source,
    pub log_missed_queue_calls: Source,
    pub log_inbound_while_logged_out: Source,
    pub presence_logout_check: Source,
    pub hold_first_call: Source,
    pub unknown_callers_become: Source,
    pub create_unknown_callers: Source,
    pub default_country: Source,
    pub keep_contact_copy: Source,
    pub sync_interval_secs: Source,
}

/// The org's three rows for one user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminHierarchy {
    pub org: AdminLayer,
    pub profile: AdminLayer,
    pub user: AdminLayer,
}

/// What applies to this user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub desk: Settings,
    pub callers: CallerSettings,
    pub sources: AdminSources,
}

/// The first row, user first, that sets the field.
fn pick<T: Clone>(
    h: &AdminHierarchy,
    get: impl Fn(&AdminLayer) -> &Option<T>,
) -> Option<(T, Source)> {
    [
        (&h.user, Source::User),
        (&h.profile, Source::Profile),
        (&h.org, Source::Org),
    ]
    .into_iter()
    .find_map(|(layer, source)| get(layer).clone().map(|v| (v, source)))
}

impl AdminHierarchy {
    /// CONF-1: per field, the user's value, else the profile's, else the
    /// org's, else Ringside's default. A row's value that does not check
    /// (see [`AdminLayer::check`]) has been dropped before it gets here.
    pub fn resolve(&self) -> Resolved {
        let mut desk = Settings::default();
        let mut callers = CallerSettings::default();
        let mut sources = AdminSources::default();
        macro_rules! take {
            ($field:ident, $slot:expr) => {
                if let Some((v, s)) = pick(self, |l| &l.$field) {
                    $slot = v;
                    sources.$field = s;
                }
            };
        }
        take!(offer_do_not_log, desk.show_do_not_save);
        take!(default_do_not_log, desk.default_do_not_log);
        take!(log_missed_queue_calls, desk.acd_config1_missed_queue_calls);
        take!(
            log_inbound_while_logged_out,
            desk.acd_config2_inbound_while_logged_out
        );
        take!(presence_logout_check, desk.presence_logout_check);
        take!(hold_first_call, desk.hold_first_call);
        take!(unknown_callers_become, callers.auto_create);
        take!(create_unknown_callers, callers.create_when);
        take!(default_country, callers.default_region);
        take!(keep_contact_copy, callers.sync_enabled);
        take!(sync_interval_secs, callers.sync_interval_secs);
        Resolved {
            desk,
            callers,
            sources,
        }
    }
}

impl AdminLayer {
    /// Every field set: what an admin saves as the org default.
    pub fn full(desk: &Settings, callers: &CallerSettings) -> AdminLayer {
        AdminLayer {
            offer_do_not_log: Some(desk.show_do_not_save),
            default_do_not_log: Some(desk.default_do_not_log),
            log_missed_queue_calls: Some(desk.acd_config1_missed_queue_calls),
            log_inbound_while_logged_out: Some(desk.acd_config2_inbound_while_logged_out),
            presence_logout_check: Some(desk.presence_logout_check),
            hold_first_call: Some(desk.hold_first_call),
            unknown_callers_become: Some(callers.auto_create),
            create_unknown_callers: Some(callers.create_when),
            default_country: Some(callers.default_region.trim().to_ascii_uppercase()),
            keep_contact_copy: Some(callers.sync_enabled),
            sync_interval_secs: Some(callers.sync_interval_secs),
        }
    }

    /// The values it sets that a user could not work with (a country that
    /// is not one, an interval out of range), with the field named.
    pub fn check(&self) -> Vec<FieldError> {
        let mut bad = Vec::new();
        let base = CallerSettings::default();
        if let Some(country) = &self.default_country {
            let probe = CallerSettings {
                default_region: country.clone(),
                ..base.clone()
            };
            if let Err(e) = probe.check() {
                bad.push(FieldError::new("default_country", e.message));
            }
        }
        if let Some(secs) = self.sync_interval_secs {
            let probe = CallerSettings {
                sync_interval_secs: secs,
                ..base
            };
            if let Err(e) = probe.check() {
                bad.push(FieldError::new("sync_interval_secs", e.message));
            }
        }
        bad
    }

    /// Drops the values [`AdminLayer::check`] refuses, so they inherit.
    pub fn without_bad_values(mut self) -> AdminLayer {
        for e in self.check() {
            match e.field.as_str() {
                "default_country" => self.default_country = None,
                "sync_interval_secs" => self.sync_interval_secs = None,
                _ => {}
            }
        }
        self
    }
}

#[cfg(test)]
mod tests;
