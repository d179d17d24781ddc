//! Errors in Salesforce's wire shapes: REST errors are a JSON array of
//! `{message, errorCode, fields}`; OAuth errors are `{error, error_description}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SfError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<String>,
}

impl SfError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> SfError {
        SfError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn with_fields(mut self, fields: Vec<String>) -> SfError {
        self.fields = fields;
        self
    }

    pub fn invalid_session() -> SfError {
        SfError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_SESSION_ID",
            "Session expired or invalid",
        )
    }

    pub fn not_found(message: impl Into<String>) -> SfError {
        SfError::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    pub fn not_found_resource() -> SfError {
        SfError::not_found("The requested resource does not exist")
    }

    pub fn malformed_query(message: impl Into<String>) -> SfError {
        SfError::new(StatusCode::BAD_REQUEST, "MALFORMED_QUERY", message)
    }

    pub fn invalid_field(message: impl Into<String>) -> SfError {
        SfError::new(StatusCode::BAD_REQUEST, "INVALID_FIELD", message)
    }

    pub fn json_parser(message: impl Into<String>) -> SfError {
        SfError::new(StatusCode::BAD_REQUEST, "JSON_PARSER_ERROR", message)
    }

    pub fn invalid_type(sobject: &str) -> SfError {
        SfError::new(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            format!(
                "The requested resource does not exist: sObject type '{sobject}' is not supported."
            ),
        )
    }

    pub fn internal(message: impl Into<String>) -> SfError {
        SfError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "UNKNOWN_EXCEPTION",
            message,
        )
    }

    /// The element Salesforce puts in error arrays and composite results.
    pub fn to_json(&self) -> serde_json::Value {
        json!({"message": self.message, "errorCode": self.code, "fields": self.fields})
    }
}

impl From<sqlx::Error> for SfError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "sandbox database error");
        SfError::internal("An unexpected error occurred. Please include this ErrorId if you contact support: sandbox-db")
    }
}

impl IntoResponse for SfError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!([self.to_json()]))).into_response()
    }
}

/// OAuth endpoint errors (`/services/oauth2/*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub fn invalid_grant(description: impl Into<String>) -> OAuthError {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_grant",
            description: description.into(),
        }
    }

    pub fn invalid_request(description: impl Into<String>) -> OAuthError {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description: description.into(),
        }
    }

    pub fn unsupported_grant_type() -> OAuthError {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            description: "grant type not supported".into(),
        }
    }

    pub fn invalid_client_id() -> OAuthError {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_client_id",
            description: "client identifier invalid".into(),
        }
    }
}

impl From<sqlx::Error> for OAuthError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "sandbox database error");
        OAuthError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: "internal server error".into(),
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(json!({"error": self.error, "error_description": self.description})),
        )
            .into_response()
    }
}
