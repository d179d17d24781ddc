#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The token endpoint misbehaving: naming an instance that tokens must not
//! go to.
//! A scripted HTTP stub on 127.0.0.1 answers each request in turn.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use ringside_crm::oauth::{exchange_code, refresh, Pkce};
use ringside_crm::{http_client, CrmError, Sensitive};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One scripted answer: the path it expects, then status, content type and
/// body; `None` closes the connection without answering.
type Answer = (&'static str, Option<(u16, &'static str, String)>);

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

fn tokens(instance: &str, access: &str, refresh: &str) -> Option<(u16, &'static str, String)> {
    Some((
        200,
        "application/json",
        format!(
            r#"{{"access_token":"{access}","refresh_token":"{refresh}","instance_url":"{instance}","id":"https://login.example/id/00D000000000001AAA/005000000000001AAA","issued_at":"1700000000000","token_type":"Bearer"}}"#
        ),
    ))
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
