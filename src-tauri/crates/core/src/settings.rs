//! Admin and agent settings that the logging policy reads.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Settings {
    /// Admin: *Show option: Do not save* (DNL-1).
    pub show_do_not_save: bool,
    /// Admin-set default for the agent: `true` = calls are not logged unless
    /// the agent unticks the checkbox (DNL-5).
    pub default_do_not_log: bool,
    /// ACD config 1: the ACD may save missed queue calls (LOG-1 row 1).
    pub acd_config1_missed_queue_calls: bool,
    /// ACD config 2: the ACD may save inbound calls while logged out (LOG-1 row 1).
    pub acd_config2_inbound_while_logged_out: bool,
    /// Admin: *presence-state user logout check* (STATE-2a).
    pub presence_logout_check: bool,
    /// Admin: answering a second call puts the one in conversation on hold;
    /// off = Ringside asks the agent first.
    pub hold_first_call: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            show_do_not_save: true,
            default_do_not_log: false,
            acd_config1_missed_queue_calls: false,
            acd_config2_inbound_while_logged_out: false,
            presence_logout_check: true,
            hold_first_call: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("unknown setting `{0}`")]
    UnknownField(String),
    #[error("setting `{field}` must be on or off (true/false), not `{value}`")]
    NotABool { field: String, value: String },
}

impl SettingsError {
    pub fn field(&self) -> &str {
        match self {
            SettingsError::UnknownField(f) => f,
            SettingsError::NotABool { field, .. } => field,
        }
    }
}

impl Settings {
    pub const FIELDS: [&'static str; 6] = [
        "show_do_not_save",
        "default_do_not_log",
        "acd_config1_missed_queue_calls",
        "acd_config2_inbound_while_logged_out",
        "presence_logout_check",
        "hold_first_call",
    ];

    fn slot(&mut self, field: &str) -> Option<&mut bool> {
        Some(match field {
            "show_do_not_save" => &mut self.show_do_not_save,
            "default_do_not_log" => &mut self.default_do_not_log,
            "acd_config1_missed_queue_calls" => &mut self.acd_config1_missed_queue_calls,
            "acd_config2_inbound_while_logged_out" => {
                &mut self.acd_config2_inbound_while_logged_out
            }
            "presence_logout_check" => &mut self.presence_logout_check,
            "hold_first_call" => &mut self.hold_first_call,
            _ => return None,
        })
    }

    /// The settings as `(field, "true"|"false")` pairs, in `FIELDS` order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut copy = self.clone();
        Settings::FIELDS
            .iter()
            .map(|f| (*f, copy.slot(f).is_some_and(|v| *v).to_string()))
            .collect()
    }

    /// Applies `(field, value)` pairs over `self`. All or nothing: on the first
    /// bad pair `self` is left as it was and the error names the field.
    pub fn with_pairs<'a>(
        &self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Settings, SettingsError> {
        let mut next = self.clone();
        for (field, value) in pairs {
            let field = field.trim();
            let slot = next
                .slot(field)
                .ok_or_else(|| SettingsError::UnknownField(field.to_string()))?;
            *slot = parse_bool(value).ok_or_else(|| SettingsError::NotABool {
                field: field.to_string(),
                value: value.to_string(),
            })?;
        }
        Ok(next)
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Some(true),
        "false" | "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip() {
        let s = Settings {
            show_do_not_save: false,
            default_do_not_log: true,
            acd_config1_missed_queue_calls: true,
            acd_config2_inbound_while_logged_out: false,
            presence_logout_check: true,
            hold_first_call: false,
        };
        let pairs = s.to_pairs();
        let back = Settings::default()
            .with_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
            .unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn a_bad_pair_names_its_field_and_changes_nothing() {
        let base = Settings::default();
        let err = base
            .with_pairs([("show_do_not_save", "off"), ("default_do_not_log", "maybe")])
            .unwrap_err();
        assert_eq!(err.field(), "default_do_not_log");
        assert!(err.to_string().contains("maybe"));
        let err = base.with_pairs([("colour", "on")]).unwrap_err();
        assert_eq!(err, SettingsError::UnknownField("colour".into()));
    }
}
