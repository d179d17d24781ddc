//! The admin's caller-matching settings: sync on or off (SYNC-4) and how
//! often (SYNC-2), the default region for national numbers (MATCH-1), and
//! what to create for a caller nobody knows (MATCH-2).

use crate::field_error::FieldError;
use crate::phone_number::Region;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum AutoCreate {
    Off,
    Contact,
    Lead,
}

impl AutoCreate {
    pub fn object(self) -> Option<&'static str> {
        match self {
            AutoCreate::Off => None,
            AutoCreate::Contact => Some("Contact"),
            AutoCreate::Lead => Some("Lead"),
        }
    }
}

/// MATCH-2: when a record is made for a caller nobody knows. Only ever for
/// a call Ringside logs: where the CRM softphone logs, it makes its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum CreateWhen {
    /// As soon as the search says nobody has the number (the call rings).
    #[default]
    Ring,
    /// When the agent answers (or, placing a call, the far end does).
    Answer,
    /// When the call ends and Ringside logs it.
    Logged,
}

impl CreateWhen {
    pub const ALL: [CreateWhen; 3] = [CreateWhen::Ring, CreateWhen::Answer, CreateWhen::Logged];

    pub fn as_str(self) -> &'static str {
        match self {
            CreateWhen::Ring => "Ring",
            CreateWhen::Answer => "Answer",
            CreateWhen::Logged => "Logged",
        }
    }

    pub fn parse(s: &str) -> Option<CreateWhen> {
        CreateWhen::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallerSettings {
    /// SYNC-4: off = every call is matched by a live CRM search.
    pub sync_enabled: bool,
    /// SYNC-2: seconds between delta syncs.
    pub sync_interval_secs: u32,
    /// MATCH-1: ISO country code for numbers typed without `+`.
    pub default_region: String,
    /// MATCH-2: what an unknown caller becomes.
    pub auto_create: AutoCreate,
    /// MATCH-2: and when.
    #[serde(default)]
    pub create_when: CreateWhen,
}

impl Default for CallerSettings {
    fn default() -> Self {
        CallerSettings {
            sync_enabled: true,
            sync_interval_secs: 60,
            default_region: "US".into(),
            auto_create: AutoCreate::Lead,
            create_when: CreateWhen::Ring,
        }
    }
}

pub const MIN_INTERVAL_SECS: u32 = 10;
pub const MAX_INTERVAL_SECS: u32 = 86_400;

impl CallerSettings {
    /// Names the first bad field, in words an admin can act on.
    pub fn check(&self) -> Result<Region, FieldError> {
        if !(MIN_INTERVAL_SECS..=MAX_INTERVAL_SECS).contains(&self.sync_interval_secs) {
            return Err(FieldError::new(
                "sync_interval_secs",
                format!("the sync interval is {MIN_INTERVAL_SECS} to {MAX_INTERVAL_SECS} seconds"),
            ));
        }
        let code = self.default_region.trim();
        match Region::parse(code).filter(|_| code.len() == 2) {
            Some(r) => Ok(r),
            None => Err(FieldError::new(
                "default_region",
                format!("`{code}` is not a two-letter country code such as US, GB or DE"),
            )),
        }
    }

    /// The region to read numbers with; the default if the stored one is bad.
    pub fn region(&self) -> Region {
        self.check().unwrap_or(Region::US)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_field_by_field() {
        let ok = CallerSettings::default();
        assert_eq!(ok.check().map(|r| r.code().to_string()), Ok("US".into()));
        let table: [(CallerSettings, Option<&str>); 6] = [
            (
                CallerSettings {
                    default_region: "gb".into(),
                    ..ok.clone()
                },
                None,
            ),
            (
                CallerSettings {
                    default_region: "XX".into(),
                    ..ok.clone()
                },
                Some("default_region"),
            ),
            (
                CallerSettings {
                    default_region: "USA".into(),
                    ..ok.clone()
                },
                Some("default_region"),
            ),
            (
                CallerSettings {
                    default_region: "".into(),
                    ..ok.clone()
                },
                Some("default_region"),
            ),
            (
                CallerSettings {
                    sync_interval_secs: 9,
                    ..ok.clone()
                },
                Some("sync_interval_secs"),
            ),
            (
                CallerSettings {
                    sync_interval_secs: 86_401,
                    ..ok.clone()
                },
                Some("sync_interval_secs"),
            ),
        ];
        for (s, bad) in table {
            assert_eq!(
                s.check().err().as_ref().map(|e| e.field.as_str()),
                bad,
                "{s:?}"
            );
        }
    }
}
