//! From an HTTP status, content type and body to a typed value or a typed
//! error. Nothing here panics, whatever the bytes.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, CrmError};

/// A response as received.
pub struct Body<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub bytes: &'a [u8],
}

/// Longest piece of an unexpected body quoted in an error message.
const QUOTE: usize = 80;

fn describe_garbage(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lower = text.trim_start().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return if lower.contains("login") {
            "an HTML login page instead of JSON".into()
        } else {
            "an HTML page instead of JSON".into()
        };
    }
    if bytes.is_empty() {
        return "an empty body".into();
    }
    // Quote only a short, printable prefix, and never anything token-like.
    let cut: String = text
        .chars()
        .take(QUOTE)
        .filter(|c| !c.is_control())
        .collect();
    if cut.contains('!') && cut.len() > 40 {
        return "a body that is not JSON".into();
    }
    format!("a body that is not valid JSON: `{cut}`")
}

fn api_errors(status: u16, v: &Value) -> Option<CrmError> {
    let errors: Vec<ApiError> = serde_json::from_value(v.clone()).ok()?;
    if errors.is_empty() {
        return None;
    }
    let first = &errors[0];
    Some(match first.error_code.as_str() {
        "INVALID_SESSION_ID" => CrmError::InvalidSession,
        "REQUEST_LIMIT_EXCEEDED" => CrmError::RequestLimit(first.message.clone()),
        "UNABLE_TO_LOCK_ROW" | "SERVER_UNAVAILABLE" | "UNKNOWN_EXCEPTION" => CrmError::Transient {
            code: first.error_code.clone(),
            message: first.message.clone(),
        },
        _ if status >= 500 => CrmError::Transient {
            code: first.error_code.clone(),
            message: first.message.clone(),
        },
        _ => CrmError::Api { status, errors },
    })
}

/// OAuth error codes that say "try again later", not "this grant is bad".
const OAUTH_TRANSIENT: [&str; 3] = ["server_error", "temporarily_unavailable", "unknown_error"];

fn oauth_error(status: u16, v: &Value) -> Option<CrmError> {
    let error = v.get("error")?.as_str()?.to_string();
    let description = v
        .get("error_description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // A busy or failing token endpoint has not refused the grant: retrying
    // later must stay possible, rather than asking the agent to sign in again.
    if status >= 500 || status == 429 || OAUTH_TRANSIENT.contains(&error.as_str()) {
        return Some(CrmError::Transient {
            code: error,
            message: description,
        });
    }
    Some(CrmError::OAuth { error, description })
}

/// Parses a success body into `T`, or turns the response into a `CrmError`.
/// `204 No Content` parses as JSON `null` (use `Option<T>` or `()`).
pub fn classify<T: DeserializeOwned>(body: Body<'_>) -> Result<T, CrmError> {
    let Body {
        status,
        content_type,
        bytes,
    } = body;
    let value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(bytes) {
            Ok(v) => v,
            Err(e) => {
                if status >= 500 {
                    return Err(CrmError::Transient {
                        code: format!("HTTP {status}"),
                        message: describe_garbage(bytes),
                    });
                }
                let is_json = content_type.is_some_and(|c| c.contains("json"));
                let what = if is_json && e.is_eof() {
                    "a truncated JSON body".to_string()
                } else {
                    describe_garbage(bytes)
                };
                return Err(CrmError::Malformed { status, what });
            }
        }
    };
    if status == 300 {
        let urls: Vec<String> = serde_json::from_value(value).unwrap_or_default();
        return Err(CrmError::MultipleMatches(urls));
    }
    if !(200..300).contains(&status) {
        if let Some(e) = api_errors(status, &value).or_else(|| oauth_error(status, &value)) {
            return Err(e);
        }
        if status >= 500 {
            return Err(CrmError::Transient {
                code: format!("HTTP {status}"),
                message: "server error with no error body".into(),
            });
        }
        return Err(CrmError::Malformed {
            status,
            what: "an error status without an error body".into(),
        });
    }
    // A 200 that carries an error array or OAuth error is still an error.
    if value.is_array() && value.get(0).is_some_and(|e| e.get("errorCode").is_some()) {
        if let Some(e) = api_errors(status, &value) {
            return Err(e);
        }
    }
    if value.get("error").is_some() && value.get("error_description").is_some() {
        if let Some(e) = oauth_error(status, &value) {
            return Err(e);
        }
    }
    serde_json::from_value(value).map_err(|e| CrmError::Malformed {
        status,
        what: format!("JSON of the wrong shape ({})", shape_error(&e)),
    })
}

/// serde's message without echoing values (which could be tokens).
fn shape_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.find(", expected") {
        Some(i) => msg[i + 2..].to_string(),
        None => msg
            .split(" at line")
            .next()
            .unwrap_or("")
            .chars()
            .take(QUOTE)
            .collect(),
    }
}
