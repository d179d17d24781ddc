//! How a CRM call failed, in the terms the engine acts on.

/// What the engine does about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortErrorKind {
    /// The session is gone and could not be renewed: sign in again.
    SessionLost,
    /// The org's API allocation is used up: wait past the limit window.
    RequestLimit,
    /// Worth trying again unchanged (the network, a busy or failing server).
    Transient,
    /// Refused for good as sent (a validation rule, a missing field): not
    /// tried again unchanged.
    Refused,
    /// Cannot be tried here at all (no keychain, no such capability, a bad
    /// address): the message says what to do.
    Unavailable,
}

/// A failure with words for the agent (numbers already redacted by the
/// adapter where the CRM's own words are kept).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PortError {
    pub kind: PortErrorKind,
    pub message: String,
}

impl PortError {
    pub fn new(kind: PortErrorKind, message: impl Into<String>) -> PortError {
        PortError {
            kind,
            message: message.into(),
        }
    }

    pub fn unavailable(message: impl Into<String>) -> PortError {
        PortError::new(PortErrorKind::Unavailable, message)
    }

    /// The same request may succeed later.
    pub fn worth_retrying(&self) -> bool {
        matches!(
            self.kind,
            PortErrorKind::Transient | PortErrorKind::RequestLimit
        )
    }
}
