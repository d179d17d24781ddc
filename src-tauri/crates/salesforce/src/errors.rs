//! Salesforce client errors in the ports' terms.

use ringside_crm::CrmError;
use ringside_crm_port::{PortError, PortErrorKind};

/// What the engine does about a client error, in the client's words (a
/// Task write's error is redacted where it is kept: see `writes.rs`).
pub fn port_error(e: &CrmError) -> PortError {
    let kind = match e {
        CrmError::InvalidSession => PortErrorKind::SessionLost,
        CrmError::RequestLimit(_) => PortErrorKind::RequestLimit,
        e if e.is_retryable() => PortErrorKind::Transient,
        _ => PortErrorKind::Refused,
    };
    PortError::new(kind, e.to_string())
}

impl From<crate::org::SignInError> for PortError {
    fn from(e: crate::org::SignInError) -> Self {
        use crate::org::SignInError;
        match &e {
            SignInError::Crm(c) => {
                let mut p = port_error(c);
                // A sign-in the org refused for good asks to sign in again.
                if p.kind == PortErrorKind::Refused {
                    p.kind = PortErrorKind::Unavailable;
                }
                p
            }
            _ => PortError::unavailable(e.to_string()),
        }
    }
}
