//! A setting or form field the agent or admin must correct, named so the
//! UI can point at it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The field's name as the IPC types spell it (e.g. `default_region`).
    pub field: String,
    /// What a valid value looks like, in words an admin can act on.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}
