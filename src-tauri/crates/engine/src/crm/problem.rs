//! Why the CRM is not connected or did not do what was asked, as data the
//! UI words in the agent's language. `detail` is what the CRM or its
//! adapter said, shown beside it as it came; the English `Display` is for
//! logs and the CLI.

use std::fmt;

use ringside_crm_port::{PortError, PortErrorKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of trouble, whatever the CRM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum CrmCause {
    /// The session ended and could not be renewed: sign in again.
    SessionLost,
    /// The org's daily API allowance is used up.
    RequestLimit,
    /// The org did not answer (the network, a busy or failing server).
    NotAnswering,
    /// The org refused the request as sent.
    Refused,
    /// Not possible here (no keychain, a port in use, a sign-in not
    /// finished in time, a bad address): `detail` says what to do.
    Unavailable,
    /// Ringside's own outbox could not be read (the disk, not the CRM).
    OutboxUnreadable,
}

/// A cause and the words that came with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrmProblem {
    pub cause: CrmCause,
    pub detail: String,
}

impl CrmProblem {
    pub fn new(cause: CrmCause, detail: impl Into<String>) -> CrmProblem {
        CrmProblem {
            cause,
            detail: detail.into(),
        }
    }

    /// A port's error, in the engine's terms.
    pub fn of(e: &PortError) -> CrmProblem {
        let cause = match e.kind {
            PortErrorKind::SessionLost => CrmCause::SessionLost,
            PortErrorKind::RequestLimit => CrmCause::RequestLimit,
            PortErrorKind::Transient => CrmCause::NotAnswering,
            PortErrorKind::Refused => CrmCause::Refused,
            PortErrorKind::Unavailable => CrmCause::Unavailable,
        };
        CrmProblem::new(cause, e.message.clone())
    }
}

impl fmt::Display for CrmProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.cause {
            CrmCause::SessionLost => "the CRM session ended",
            CrmCause::RequestLimit => "the org's API allowance is used up",
            CrmCause::NotAnswering => "the org is not answering",
            CrmCause::Refused => "the org refused",
            CrmCause::Unavailable => "not possible here",
            CrmCause::OutboxUnreadable => "cannot read the outbox",
        };
        if self.detail.is_empty() {
            f.write_str(what)
        } else {
            write!(f, "{what}: {}", self.detail)
        }
    }
}

/// Why no CRM is connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind")]
pub enum NotConnectedWhy {
    /// The agent disconnected: calls for that org wait in the outbox until
    /// it is signed in to again.
    Disconnected,
    /// Disconnecting: the org's grant is being ended and its keychain entry
    /// deleted.
    Disconnecting,
    /// Signing in did not work.
    SignInFailed { problem: CrmProblem },
    /// The built-in sandbox CRM did not start.
    SandboxFailed { problem: CrmProblem },
}

impl fmt::Display for NotConnectedWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotConnectedWhy::Disconnected => f.write_str(
                "disconnected; calls for that org wait in the outbox until you sign in to it again",
            ),
            NotConnectedWhy::Disconnecting => {
                f.write_str("disconnecting: ending the org's grant and deleting its keychain entry")
            }
            NotConnectedWhy::SignInFailed { problem } => write!(f, "sign-in failed: {problem}"),
            NotConnectedWhy::SandboxFailed { problem } => {
                write!(f, "the built-in sandbox CRM did not start: {problem}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_port_kind_has_a_cause_and_keeps_its_words() {
        for (kind, cause) in [
            (PortErrorKind::SessionLost, CrmCause::SessionLost),
            (PortErrorKind::RequestLimit, CrmCause::RequestLimit),
            (PortErrorKind::Transient, CrmCause::NotAnswering),
            (PortErrorKind::Refused, CrmCause::Refused),
            (PortErrorKind::Unavailable, CrmCause::Unavailable),
        ] {
            let p = CrmProblem::of(&PortError::new(kind, "as the org said"));
            assert_eq!(p.cause, cause, "{kind:?}");
            assert_eq!(p.detail, "as the org said");
        }
    }

    #[test]
    fn the_wire_shape_is_a_kind_and_data() {
        let why = NotConnectedWhy::SignInFailed {
            problem: CrmProblem::new(CrmCause::Refused, "access_denied"),
        };
        let json = serde_json::to_value(&why).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "SignInFailed", "problem": {"cause": "Refused", "detail": "access_denied"}})
        );
        assert_eq!(
            why.to_string(),
            "sign-in failed: the org refused: access_denied"
        );
    }
}
