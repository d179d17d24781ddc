//! Which softphone the desk listens to, and what makes its settings valid.
//! Saved with the settings, so a user who points Ringside at baresip once
//! stays there; the engine starts the connector they name.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::field_error::FieldError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind")]
pub enum PhoneSettings {
    /// The built-in demo softphone: simulated calls, no account needed.
    #[default]
    Demo,
    /// baresip's `ctrl_tcp` module.
    Baresip {
        /// baresip's `ctrl_tcp_listen` address, e.g. `127.0.0.1:4444`.
        ctrl: String,
        /// Where a typed number is dialled: `sip:<number>@<dial_domain>`.
        dial_domain: String,
    },
    /// A contact-centre platform's ACD event socket (docs/ACD-PROTOCOL.md).
    Acd {
        /// The platform's socket, `wss://…` (or `ws://` on this machine).
        url: String,
        /// The agent's id on the platform.
        agent: String,
    },
}

impl PhoneSettings {
    /// `Err((field, message))` names what to fix.
    pub fn check(&self) -> Result<(), FieldError> {
        match self {
            PhoneSettings::Demo => Ok(()),
            PhoneSettings::Baresip { ctrl, dial_domain } => {
                ctrl_addr(ctrl)?;
                let domain = dial_domain.trim();
                if domain.is_empty()
                    || domain.len() > 253
                    || domain
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || "@<>;\"".contains(c))
                {
                    return Err(FieldError::new(
                        "dial_domain",
                        "a host name or address, with an optional :port (e.g. pbx.example.com or 127.0.0.1:5060)",
                    ));
                }
                Ok(())
            }
            PhoneSettings::Acd { url, agent } => {
                let url = url.trim();
                let host = url
                    .strip_prefix("wss://")
                    .or_else(|| url.strip_prefix("ws://"))
                    .map(|rest| rest.split(['/', '?']).next().unwrap_or_default());
                if host.is_none_or(|h| h.is_empty())
                    || url.len() > 2048
                    || url.chars().any(|c| c.is_whitespace() || c.is_control())
                {
                    return Err(FieldError::new(
                        "url",
                        "the platform's socket address, starting wss:// (or ws://), e.g. wss://acd.example.com/agent",
                    ));
                }
                let agent = agent.trim();
                if agent.is_empty() || agent.len() > 256 || agent.chars().any(char::is_control) {
                    return Err(FieldError::new(
                        "agent",
                        "the agent's id on the platform (1 to 256 characters)",
                    ));
                }
                Ok(())
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            PhoneSettings::Demo => "demo softphone",
            PhoneSettings::Baresip { .. } => "baresip",
            PhoneSettings::Acd { .. } => "acd",
        }
    }
}

/// baresip's control address, as the connector needs it.
pub fn ctrl_addr(ctrl: &str) -> Result<SocketAddr, FieldError> {
    ctrl.trim().parse::<SocketAddr>().map_err(|_| {
        FieldError::new(
            "ctrl",
            "baresip's ctrl_tcp_listen address, an IP and port (e.g. 127.0.0.1:4444)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baresip_settings_are_checked_field_by_field() {
        let cases = [
            ("127.0.0.1:4444", "127.0.0.1:5060", None),
            ("[::1]:4444", "pbx.example.com", None),
            ("localhost", "pbx", Some("ctrl")),
            ("127.0.0.1", "pbx", Some("ctrl")),
            ("127.0.0.1:4444", "", Some("dial_domain")),
            ("127.0.0.1:4444", "a b", Some("dial_domain")),
            ("127.0.0.1:4444", "x@y", Some("dial_domain")),
        ];
        for (ctrl, dial_domain, want) in cases {
            let s = PhoneSettings::Baresip {
                ctrl: ctrl.into(),
                dial_domain: dial_domain.into(),
            };
            assert_eq!(
                s.check().err().as_ref().map(|e| e.field.as_str()),
                want,
                "{ctrl} {dial_domain}"
            );
        }
    }

    #[test]
    fn acd_settings_are_checked_field_by_field() {
        let cases = [
            ("wss://acd.example.com/agent", "agent-42", None),
            ("ws://127.0.0.1:9000/agent", "a", None),
            ("wss://acd.example.com", "a", None),
            ("https://acd.example.com", "a", Some("url")),
            ("wss://", "a", Some("url")),
            ("wss:///agent", "a", Some("url")),
            ("wss://acd.example.com/a b", "a", Some("url")),
            ("wss://acd.example.com", "", Some("agent")),
            ("wss://acd.example.com", "a\nb", Some("agent")),
        ];
        for (url, agent, want) in cases {
            let s = PhoneSettings::Acd {
                url: url.into(),
                agent: agent.into(),
            };
            assert_eq!(
                s.check().err().as_ref().map(|e| e.field.as_str()),
                want,
                "{url} {agent}"
            );
        }
    }

    #[test]
    fn settings_read_back_as_written() {
        let s = PhoneSettings::Baresip {
            ctrl: "127.0.0.1:4444".into(),
            dial_domain: "pbx".into(),
        };
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"kind":"Baresip","ctrl":"127.0.0.1:4444","dial_domain":"pbx"}"#
        );
        assert_eq!(serde_json::from_str::<PhoneSettings>(&json).ok(), Some(s));
    }
}
