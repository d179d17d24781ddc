#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Broken and hostile responses: a typed error, never a panic, never a token.

use proptest::prelude::*;
use ringside_crm::wire::{QueryResponse, SaveResult, TokenResponse};
use ringside_crm::{classify, Body, CrmError};
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(status: u16, ct: &str, body: &str) -> Result<T, CrmError> {
    classify(Body {
        status,
        content_type: Some(ct),
        bytes: body.as_bytes(),
    })
}

#[test]
fn broken_bodies_are_typed_errors() {
    let rows: Vec<(u16, &str, &str, &str)> = vec![
        (
            200,
            "text/html",
            "<!DOCTYPE html><html><title>Login | Salesforce</title><form action=\"/login\">",
            "HTML login page",
        ),
        (
            200,
            "application/json",
            "{\"totalSize\": 3, \"done\": tr",
            "truncated JSON",
        ),
        (200, "application/json", "not json at all", "not valid JSON"),
        (
            200,
            "application/json",
            "{\"totalSize\": \"three\", \"done\": true, \"records\": []}",
            "wrong shape",
        ),
        (200, "application/json", "", "wrong shape"),
        (
            404,
            "application/json",
            "{}",
            "error status without an error body",
        ),
    ];
    for (status, ct, body, want) in rows {
        match parse::<QueryResponse>(status, ct, body) {
            Err(CrmError::Malformed { what, .. }) => assert!(what.contains(want), "{body}: {what}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn an_error_inside_a_200_is_still_an_error() {
    let e = parse::<Value>(
        200,
        "application/json",
        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
    )
    .unwrap_err();
    assert_eq!(e, CrmError::InvalidSession);
    let e = parse::<TokenResponse>(
        200,
        "application/json",
        "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}",
    )
    .unwrap_err();
    assert!(matches!(e, CrmError::OAuth { .. }));
}

#[test]
fn transient_and_limits_are_retryable() {
    let e = parse::<Value>(503, "text/html", "<html>Service Unavailable</html>").unwrap_err();
    assert!(matches!(e, CrmError::Transient { .. }) && e.is_retryable());
    let e = parse::<Value>(403, "application/json", "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]").unwrap_err();
    assert!(matches!(e, CrmError::RequestLimit(_)) && e.is_retryable());
    let e = parse::<Value>(400, "application/json", "[{\"message\":\"unable to obtain exclusive access\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\"}]").unwrap_err();
    assert!(e.is_retryable());
    let e = parse::<Value>(
        400,
        "application/json",
        "[{\"message\":\"No such column\",\"errorCode\":\"INVALID_FIELD\"}]",
    )
    .unwrap_err();
    assert!(!e.is_retryable(), "a refused request will be refused again");
}

#[test]
fn errors_never_echo_a_token() {
    let token =
        "00Dx0000000BV7z!AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcgKFmxOtvxjTrKW19ye6PE3Ds1eQz3z";
    let bodies = [
        format!("{{\"access_token\": 42, \"instance_url\": \"{token}\"}}"),
        format!("garbage {token} garbage"),
        format!("{{\"totalSize\": \"{token}\", \"done\": true, \"records\": []}}"),
    ];
    for b in &bodies {
        let e = parse::<TokenResponse>(200, "application/json", b)
            .err()
            .or_else(|| parse::<QueryResponse>(200, "application/json", b).err())
            .unwrap();
        assert!(!e.to_string().contains("AR8AQAxo9U"), "{e}");
        assert!(!format!("{e:?}").contains("AR8AQAxo9U"), "{e:?}");
    }
}

proptest! {
    /// Arbitrary bytes and statuses: always Ok or a typed error, never a panic.
    #[test]
    fn never_panics(status in 100u16..600, body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = classify::<SaveResult>(Body { status, content_type: Some("application/json"), bytes: &body });
        let _ = classify::<QueryResponse>(Body { status, content_type: None, bytes: &body });
    }

    /// Every strict prefix of a valid body is refused, not half-read.
    #[test]
    fn truncations_are_refused(cut in 1usize..60) {
        let body = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"Id\":\"003000000000001AAA\"}]}";
        let cut = cut.min(body.len() - 1);
        let r = classify::<QueryResponse>(Body { status: 200, content_type: Some("application/json"), bytes: &body.as_bytes()[..cut] });
        prop_assert!(r.is_err());
    }
}
