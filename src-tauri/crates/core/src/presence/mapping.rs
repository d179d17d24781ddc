//! PRES-1..6: the admin's mapping between CRM presence statuses (keyed by
//! their API name, e.g. Omni-Channel's `DeveloperName`) and telephony
//! statuses, both ways, with an explicit default for whatever is unmapped.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::field_error::FieldError;

/// A telephony status: the standard ones, or one from the platform's own
/// list (named as the platform names it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum PhoneStatus {
    Available,
    Away,
    Busy,
    AfterCallWork,
    /// PRES-3: only while a call is in progress.
    OnACall,
    Offline,
    /// A status of the platform's own list ("Training", "Coaching" …).
    Platform {
        name: String,
    },
}

impl PhoneStatus {
    /// The standard statuses, in the order the editor lists them.
    pub const STANDARD: [PhoneStatus; 6] = [
        PhoneStatus::Available,
        PhoneStatus::Away,
        PhoneStatus::Busy,
        PhoneStatus::AfterCallWork,
        PhoneStatus::OnACall,
        PhoneStatus::Offline,
    ];

    /// The status as stored in the org: `Available` … or `Platform:Name`.
    pub fn code(&self) -> String {
        match self {
            PhoneStatus::Available => "Available".into(),
            PhoneStatus::Away => "Away".into(),
            PhoneStatus::Busy => "Busy".into(),
            PhoneStatus::AfterCallWork => "AfterCallWork".into(),
            PhoneStatus::OnACall => "OnACall".into(),
            PhoneStatus::Offline => "Offline".into(),
            PhoneStatus::Platform { name } => format!("Platform:{name}"),
        }
    }

    /// The inverse of [`PhoneStatus::code`]; `None` for anything else.
    pub fn from_code(code: &str) -> Option<PhoneStatus> {
        let code = code.trim();
        if let Some(name) = code.strip_prefix("Platform:") {
            let name = name.trim();
            let ok = !name.is_empty() && name.len() <= 80 && !name.chars().any(char::is_control);
            return ok.then(|| PhoneStatus::Platform {
                name: name.to_string(),
            });
        }
        PhoneStatus::STANDARD.into_iter().find(|s| s.code() == code)
    }

    /// Whether incoming calls are offered in this status (Ringside holds
    /// the status itself for a phone without agent states).
    pub fn takes_calls(&self) -> bool {
        matches!(self, PhoneStatus::Available)
    }
}

impl std::fmt::Display for PhoneStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhoneStatus::Available => f.write_str("Available"),
            PhoneStatus::Away => f.write_str("Away"),
            PhoneStatus::Busy => f.write_str("Busy"),
            PhoneStatus::AfterCallWork => f.write_str("After Call Work"),
            PhoneStatus::OnACall => f.write_str("On a Call"),
            PhoneStatus::Offline => f.write_str("Offline"),
            PhoneStatus::Platform { name } => f.write_str(name),
        }
    }
}

/// A CRM presence status as the org defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrmPresenceStatus {
    /// The API name the mapping is keyed on (`DeveloperName`): stable when
    /// the label is translated or renamed.
    pub api_name: String,
    pub label: String,
    /// The service channels it carries (`sfdc_phone`, `sfdc_liveagent` …);
    /// none makes it a busy status, which stops new work (PRES-1).
    pub channels: Vec<String>,
}

impl CrmPresenceStatus {
    /// PRES-1: busy (away) statuses carry no channel and stop new work.
    pub fn is_busy(&self) -> bool {
        self.channels.is_empty()
    }

    /// PRES-5: the real-time channels it carries.
    pub fn urgent_channels(&self) -> Vec<&str> {
        self.channels
            .iter()
            .map(String::as_str)
            .filter(|c| is_urgent_channel(c))
            .collect()
    }
}

/// Channels where a customer waits live: voice, chat, messaging.
pub fn is_urgent_channel(api_name: &str) -> bool {
    let c = api_name.to_ascii_lowercase();
    [
        "phone",
        "voice",
        "liveagent",
        "chat",
        "livemessage",
        "messaging",
    ]
    .iter()
    .any(|u| c.contains(u))
}

/// One CRM → telephony rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrmRule {
    pub crm: String,
    pub phone: PhoneStatus,
}

/// One telephony → CRM rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhoneRule {
    pub phone: PhoneStatus,
    pub crm: String,
}

/// The admin's presence configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresenceMapping {
    /// PRES-7: sync runs as soon as this is on.
    pub enabled: bool,
    /// PRES-1/2: many-to-one allowed; each CRM status at most once.
    pub to_phone: Vec<CrmRule>,
    /// What an unmapped CRM status becomes (never *On a Call*).
    pub to_phone_default: PhoneStatus,
    /// What the phone becomes when the agent is offline in the CRM.
    pub crm_offline: PhoneStatus,
    /// Telephony → CRM; *Offline* and *On a Call* are not keys (PRES-4, the
    /// call's own status is `on_call`).
    pub to_crm: Vec<PhoneRule>,
    /// What an unmapped telephony status sets in the CRM; `None` leaves the
    /// CRM as it is.
    pub to_crm_default: Option<String>,
    /// The CRM's busy status while a call is in progress, so work stops
    /// being routed; `None` leaves it as it is. A hand-set change to it
    /// maps to telephony *Away* (PRES-3).
    pub on_call: Option<String>,
    /// PRES-6: after a call and its wrap-up, the status held before it.
    pub return_to_previous: bool,
    /// The *next agent status* preference: after a call, this status.
    /// Refused together with `return_to_previous` (PRES-6).
    pub next_status: Option<String>,
    /// For a phone without agent states (baresip): whether calls still ring
    /// while the agent is Away or Busy, or are declined.
    pub ring_while_away: bool,
}

impl Default for PresenceMapping {
    fn default() -> Self {
        PresenceMapping {
            enabled: false,
            to_phone: Vec::new(),
            to_phone_default: PhoneStatus::Busy,
            crm_offline: PhoneStatus::Offline,
            to_crm: Vec::new(),
            to_crm_default: None,
            on_call: None,
            return_to_previous: true,
            next_status: None,
            ring_while_away: false,
        }
    }
}

/// A mapping the editor accepts but warns about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum MappingWarning {
    /// PRES-5: a status that carries more than one urgent channel.
    MixedUrgentChannels { crm: String, channels: Vec<String> },
    /// A rule names a CRM status the org no longer has.
    UnknownCrmStatus { crm: String },
    /// A CRM status of the org no rule names: it takes the default.
    Unmapped { crm: String, becomes: PhoneStatus },
    /// The status used during calls still routes work.
    OnCallNotBusy { crm: String },
}

impl PresenceMapping {
    /// CRM → telephony. `None` is offline in the CRM. `ours` says the CRM
    /// status was set by Ringside for a call (PRES-3: set by hand, the
    /// *On a Call* status means Away).
    pub fn phone_for(&self, crm: Option<&str>, ours: bool) -> PhoneStatus {
        let Some(crm) = crm else {
            return self.crm_offline.clone();
        };
        if self.on_call.as_deref() == Some(crm) {
            return if ours {
                PhoneStatus::OnACall
            } else {
                PhoneStatus::Away
            };
        }
        let mapped = self
            .to_phone
            .iter()
            .find(|r| r.crm == crm)
            .map(|r| r.phone.clone())
            .unwrap_or_else(|| self.to_phone_default.clone());
        // A rule cannot name it (validate refuses), nor can the default.
        if mapped == PhoneStatus::OnACall {
            PhoneStatus::Away
        } else {
            mapped
        }
    }

    /// Telephony → CRM: the status to set, or `None` to leave the CRM as it
    /// is. PRES-4: Offline never logs the agent out of the CRM.
    pub fn crm_for(&self, phone: &PhoneStatus) -> Option<String> {
        match phone {
            PhoneStatus::Offline => None,
            PhoneStatus::OnACall => self.on_call.clone(),
            _ => self
                .to_crm
                .iter()
                .find(|r| &r.phone == phone)
                .map(|r| Some(r.crm.clone()))
                .unwrap_or_else(|| self.to_crm_default.clone()),
        }
    }

    /// What the editor refuses, each beside its field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (i, r) in self.to_phone.iter().enumerate() {
            if r.crm.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("to_phone.{i}.crm"),
                    "choose the CRM status this rule is for",
                ));
            }
            if r.phone == PhoneStatus::OnACall {
                errors.push(FieldError::new(
                    format!("to_phone.{i}.phone"),
                    "On a Call is set only while a call is in progress; choose another telephony status",
                ));
            }
            if self.to_phone[..i].iter().any(|o| o.crm == r.crm) {
                errors.push(FieldError::new(
                    format!("to_phone.{i}.crm"),
                    "this CRM status already has a rule; each maps to one telephony status",
                ));
            }
        }
        if self.to_phone_default == PhoneStatus::OnACall {
            errors.push(FieldError::new(
                "to_phone_default",
                "On a Call is set only while a call is in progress; choose another telephony status",
            ));
        }
        if self.crm_offline == PhoneStatus::OnACall {
            errors.push(FieldError::new(
                "crm_offline",
                "On a Call is set only while a call is in progress; choose another telephony status",
            ));
        }
        for (i, r) in self.to_crm.iter().enumerate() {
            match r.phone {
                PhoneStatus::Offline => errors.push(FieldError::new(
                    format!("to_crm.{i}.phone"),
                    "going Offline on the phone never changes the CRM status; remove this rule",
                )),
                PhoneStatus::OnACall => errors.push(FieldError::new(
                    format!("to_crm.{i}.phone"),
                    "the CRM status during calls is set under \"While on a call\"; remove this rule",
                )),
                _ => {}
            }
            if r.crm.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("to_crm.{i}.crm"),
                    "choose the CRM status this telephony status sets",
                ));
            }
            if self.to_crm[..i].iter().any(|o| o.phone == r.phone) {
                errors.push(FieldError::new(
                    format!("to_crm.{i}.phone"),
                    "this telephony status already has a rule; each sets one CRM status",
                ));
            }
        }
        if self.return_to_previous && self.next_status.is_some() {
            errors.push(FieldError::new(
                "next_status",
                "a next status after calls cannot be used with \"Return to the previous status\"; turn one off",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// What the editor shows beside a mapping it accepts (PRES-5, and every
    /// unmapped status with the default it takes).
    pub fn warnings(&self, org: &[CrmPresenceStatus]) -> Vec<MappingWarning> {
        let mut out = Vec::new();
        for s in org {
            let urgent = s.urgent_channels();
            if urgent.len() > 1 {
                out.push(MappingWarning::MixedUrgentChannels {
                    crm: s.api_name.clone(),
                    channels: urgent.iter().map(|c| c.to_string()).collect(),
                });
            }
            let named = self.to_phone.iter().any(|r| r.crm == s.api_name)
                || self.on_call.as_deref() == Some(s.api_name.as_str());
            if !named {
                out.push(MappingWarning::Unmapped {
                    crm: s.api_name.clone(),
                    becomes: self.phone_for(Some(&s.api_name), false),
                });
            }
        }
        let named = self
            .to_phone
            .iter()
            .map(|r| &r.crm)
            .chain(self.to_crm.iter().map(|r| &r.crm))
            .chain(self.to_crm_default.iter())
            .chain(self.on_call.iter())
            .chain(self.next_status.iter());
        let mut unknown: Vec<&String> = named
            .filter(|c| !org.iter().any(|s| &s.api_name == *c))
            .collect();
        unknown.sort();
        unknown.dedup();
        out.extend(
            unknown
                .into_iter()
                .map(|c| MappingWarning::UnknownCrmStatus { crm: c.clone() }),
        );
        if let Some(on_call) = &self.on_call {
            if org.iter().any(|s| &s.api_name == on_call && !s.is_busy()) {
                out.push(MappingWarning::OnCallNotBusy {
                    crm: on_call.clone(),
                });
            }
        }
        out
    }
}
