#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The token endpoint misbehaving: busy or failing on refresh (retry later,
//! not "sign in again"), and naming an instance that tokens must not go to.
//! A scripted HTTP stub on 127.0.0.1 answers each request in turn.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use ringside_crm::oauth::{exchange_code, refresh, Pkce};
use ringside_crm::{http_client, Credentials, CrmError, SalesforceClient, Sensitive};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Status, content type and body; `None` closes the connection without
/// answering.
type Reply = Option<(u16, &'static str, String)>;
/// One scripted answer: the path it expects, then the reply.
type Answer = (&'static str, Reply);

struct Stub {
    url: String,
    /// `METHOD path` of every request, in order.
    seen: Arc<Mutex<Vec<String>>>,
}

async fn stub(script: Vec<Answer>) -> Stub {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(Mutex::new(VecDeque::from(script)));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // Head, then as much body as Content-Length says.
            let (head_len, body_len) = loop {
                let n = s.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break (buf.len(), 0);
                }
                buf.extend_from_slice(&chunk[..n]);
                if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    break (i + 4, len);
                }
            };
            while buf.len() < head_len + body_len {
                let n = s.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            let line = String::from_utf8_lossy(&buf)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            let mut words = line.split(' ');
            let request = format!(
                "{} {}",
                words.next().unwrap_or(""),
                words.next().unwrap_or("").split('?').next().unwrap_or("")
            );
            log.lock().unwrap().push(request.clone());
            let Some((path, answer)) = script.lock().unwrap().pop_front() else {
                panic!("unscripted request {request}");
            };
            assert!(request.ends_with(path), "{request}, expected {path}");
            if let Some((status, ct, body)) = answer {
                let r = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(r.as_bytes()).await;
            }
            let _ = s.shutdown().await;
        }
    });
    Stub { url, seen }
}

const TOKEN: &str = "/services/oauth2/token";
const QUERY: &str = "/services/data/v59.0/query";

fn expired() -> Reply {
    Some((
        401,
        "application/json",
        r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#.into(),
    ))
}

fn tokens(instance: &str, access: &str, refresh: &str) -> Reply {
    Some((
        200,
        "application/json",
        format!(
            r#"{{"access_token":"{access}","refresh_token":"{refresh}","instance_url":"{instance}","id":"https://login.example/id/00D000000000001AAA/005000000000001AAA","issued_at":"1700000000000","token_type":"Bearer"}}"#
        ),
    ))
}

fn rows() -> Reply {
    Some((
        200,
        "application/json",
        r#"{"totalSize":0,"done":true,"records":[]}"#.into(),
    ))
}

fn client(url: &str) -> SalesforceClient {
    SalesforceClient::new(
        http_client(None).unwrap(),
        url,
        url,
        "client",
        Credentials {
            access: Sensitive::new("access-0"),
            refresh: Some(Sensitive::new("refresh-0")),
        },
    )
}

/// The ways a token endpoint fails that say nothing about the grant.
fn busy_answers() -> Vec<(&'static str, Reply)> {
    vec![
        (
            "503 with an OAuth error body",
            Some((
                503,
                "application/json",
                r#"{"error":"unknown_error","error_description":"retry your request"}"#.into(),
            )),
        ),
        (
            "500 with an OAuth error body",
            Some((
                500,
                "application/json",
                r#"{"error":"server_error","error_description":"internal error"}"#.into(),
            )),
        ),
        (
            "503 with an HTML page",
            Some((503, "text/html", "<html>Service Unavailable</html>".into())),
        ),
        (
            "502 without a body",
            Some((502, "text/plain", String::new())),
        ),
        (
            "429 with an OAuth error body",
            Some((
                429,
                "application/json",
                r#"{"error":"rate_limited","error_description":"slow down"}"#.into(),
            )),
        ),
        (
            "400 temporarily_unavailable",
            Some((
                400,
                "application/json",
                r#"{"error":"temporarily_unavailable","error_description":"try later"}"#.into(),
            )),
        ),
        ("a dropped connection", None),
    ]
}

#[tokio::test]
async fn a_failing_token_endpoint_on_refresh_is_retryable_and_a_later_refresh_works() {
    for (what, busy) in busy_answers() {
        let sb = stub(vec![
            (QUERY, expired()),
            (TOKEN, busy),
            // Later: the same request works once the endpoint is back.
            (QUERY, expired()),
            (TOKEN, tokens("http://127.0.0.1:1", "access-1", "refresh-1")),
            (QUERY, rows()),
        ])
        .await;
        let c = client(&sb.url);
        let e = c.query("SELECT Id FROM Task").await.unwrap_err();
        assert_ne!(e, CrmError::InvalidSession, "{what}: asks to sign in again");
        assert!(e.is_retryable(), "{what}: {e:?} is not retryable");
        assert!(
            matches!(e, CrmError::Transient { .. } | CrmError::Transport(_)),
            "{what}: {e:?}"
        );
        assert_eq!(
            c.credentials().await.refresh.unwrap().expose(),
            "refresh-0",
            "{what}: the refresh token is kept"
        );
        c.query("SELECT Id FROM Task").await.unwrap();
        let now = c.credentials().await;
        assert_eq!(now.access.expose(), "access-1", "{what}");
        assert_eq!(now.refresh.unwrap().expose(), "refresh-1", "{what}");
        assert_eq!(sb.seen.lock().unwrap().len(), 5, "{what}");
    }
}

#[tokio::test]
async fn a_refused_refresh_token_still_means_signing_in_again() {
    let sb = stub(vec![
        (QUERY, expired()),
        (
            TOKEN,
            Some((
                400,
                "application/json",
                r#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#
                    .into(),
            )),
        ),
    ])
    .await;
    let e = client(&sb.url)
        .query("SELECT Id FROM Task")
        .await
        .unwrap_err();
    assert_eq!(e, CrmError::InvalidSession);
}

/// Instance addresses a token response may not name: the code and then the
/// refresh token would go there (in plain text, or to someone else's host).
const HOSTILE_INSTANCES: [&str; 8] = [
    "http://127.0.0.1.evil.example",
    "http://localhost@evil.example",
    "http://evil.example#@127.0.0.1",
    "https://user:pw@acme.my.salesforce.com",
    "http://acme.my.salesforce.com",
    "https://acme.my.salesforce.com/services/data?x=1",
    "javascript:alert(1)",
    "",
];

#[tokio::test]
async fn an_unsafe_instance_address_from_the_token_endpoint_is_refused() {
    let http = http_client(None).unwrap();
    for instance in HOSTILE_INSTANCES {
        let sb = stub(vec![
            (TOKEN, tokens(instance, "a", "r")),
            (TOKEN, tokens(instance, "a", "r")),
        ])
        .await;
        let pkce = Pkce::new();
        let e = exchange_code(
            &http,
            &sb.url,
            "client",
            "http://127.0.0.1:1/callback",
            &Sensitive::new("code"),
            &pkce,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, CrmError::UnsafeInstance(_)),
            "{instance}: {e:?}"
        );
        assert!(!e.is_retryable(), "{instance}");
        assert!(!e.to_string().contains("pw"), "{e}");
        let e = refresh(&http, &sb.url, "client", &Sensitive::new("r"))
            .await
            .unwrap_err();
        assert!(
            matches!(e, CrmError::UnsafeInstance(_)),
            "{instance}: {e:?}"
        );
        // Nothing went anywhere but the token endpoint.
        assert_eq!(*sb.seen.lock().unwrap(), vec![format!("POST {TOKEN}"); 2]);
    }
    // A good one passes, normalised.
    let sb = stub(vec![(
        TOKEN,
        tokens("HTTPS://Acme.My.Salesforce.com/", "a", "r"),
    )])
    .await;
    let t = refresh(&http, &sb.url, "client", &Sensitive::new("r"))
        .await
        .unwrap();
    assert_eq!(t.instance_url, "https://acme.my.salesforce.com");
}

/// The hook that keeps rotated tokens is awaited before the call that
/// refreshed returns, one rotation at a time, in the order of rotation,
/// even when an earlier save is the slower one.
#[tokio::test]
async fn rotated_tokens_are_handed_over_in_order_before_they_are_used() {
    let sb = stub(vec![
        (QUERY, expired()),
        (TOKEN, tokens("http://127.0.0.1:1", "access-1", "refresh-1")),
        (QUERY, rows()),
        (QUERY, expired()),
        (TOKEN, tokens("http://127.0.0.1:1", "access-2", "refresh-2")),
        (QUERY, rows()),
    ])
    .await;
    let kept = Arc::new(Mutex::new(Vec::<String>::new()));
    let slow_first = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let c = client(&sb.url).on_refresh({
        let kept = Arc::clone(&kept);
        Arc::new(move |creds: &Credentials| {
            let token = creds.refresh.as_ref().map(|r| r.expose().to_string());
            let slow = slow_first.swap(false, std::sync::atomic::Ordering::SeqCst);
            let kept = Arc::clone(&kept);
            Box::pin(async move {
                if slow {
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                }
                kept.lock().unwrap().extend(token);
            })
        })
    });
    c.query("SELECT Id FROM Task").await.unwrap();
    assert_eq!(
        *kept.lock().unwrap(),
        ["refresh-1"],
        "saved before returning"
    );
    c.query("SELECT Id FROM Task").await.unwrap();
    assert_eq!(*kept.lock().unwrap(), ["refresh-1", "refresh-2"]);
}
