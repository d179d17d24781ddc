use serde::Deserialize;

use crate::address::BadAddress;

/// One element of Salesforce's error array.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub message: String,
    /// `errorCode` in REST errors, `statusCode` in collection results.
    #[serde(alias = "statusCode")]
    pub error_code: String,
    #[serde(default)]
    pub fields: Vec<String>,
}

/// Everything that can go wrong talking to the CRM. Messages name what
/// happened; none ever includes a token (bodies are cut and never echoed
/// when they could hold one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrmError {
    /// `INVALID_SESSION_ID`: refresh the token once, then give up.
    #[error("the CRM session expired or is invalid")]
    InvalidSession,
    /// `REQUEST_LIMIT_EXCEEDED`: back off until the limit window passes.
    #[error("the CRM's API request limit is exceeded: {0}")]
    RequestLimit(String),
    /// `UNABLE_TO_LOCK_ROW` and 5xx: worth retrying later.
    #[error("the CRM is busy ({code}): {message}")]
    Transient { code: String, message: String },
    /// Any other error array from the API.
    #[error("the CRM refused the request ({status}): {}", summary(.errors))]
    Api { status: u16, errors: Vec<ApiError> },
    /// `{error, error_description}` from the OAuth endpoints.
    #[error("sign-in failed: {error} ({description})")]
    OAuth { error: String, description: String },
    /// An upsert key matched several records (HTTP 300).
    #[error("{} records match the external id", .0.len())]
    MultipleMatches(Vec<String>),
    /// The body is not what the API sends: HTML, truncated or wrong-typed
    /// JSON, or an error hidden in a 200.
    #[error("unexpected response from the CRM ({status}): {what}")]
    Malformed { status: u16, what: String },
    /// The request never got a whole answer.
    #[error("could not reach the CRM: {0}")]
    Transport(String),
    /// The token endpoint named an instance that tokens must not go to
    /// (plain http off the loopback, userinfo, a path): nothing is sent there.
    #[error("the CRM named an unsafe instance address: {0}")]
    UnsafeInstance(BadAddress),
}

fn summary(errors: &[ApiError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.error_code, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl CrmError {
    /// Whether the same request may succeed later unchanged.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            CrmError::InvalidSession
                | CrmError::RequestLimit(_)
                | CrmError::Transient { .. }
                | CrmError::Transport(_)
                | CrmError::Malformed { .. }
        )
    }

    /// A stable code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            CrmError::InvalidSession => "CrmSessionInvalid",
            CrmError::RequestLimit(_) => "CrmRequestLimit",
            CrmError::Transient { .. } => "CrmBusy",
            CrmError::Api { .. } => "CrmRefused",
            CrmError::OAuth { .. } => "CrmSignInFailed",
            CrmError::MultipleMatches(_) => "CrmMultipleMatches",
            CrmError::Malformed { .. } => "CrmBadResponse",
            CrmError::Transport(_) => "CrmUnreachable",
            CrmError::UnsafeInstance(_) => "CrmUnsafeInstance",
        }
    }
}
