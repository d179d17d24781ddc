#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The loopback listener that catches the sign-in redirect, attacked the
//! way any local process or web page can: idle and slow connections,
//! forged or cancelling requests without the right state, and bytes that
//! are not valid text.

use std::time::{Duration, Instant};

use ringside_crm::oauth::catch_redirect;
use ringside_crm::CrmError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const STATE: &str = "s7x-Q_state";

async fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

/// Sends one raw request and returns the status line of the answer.
async fn send(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    // The listener may close an oversized request before it is all sent.
    let _ = s.write_all(request).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

async fn get(port: u16, target: &str) -> String {
    send(
        port,
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes(),
    )
    .await
}

/// Runs the listener in a task so requests can be made alongside it.
fn catching(
    l: TcpListener,
) -> tokio::task::JoinHandle<Result<ringside_crm::oauth::Callback, CrmError>> {
    tokio::spawn(async move {
        tokio::time::timeout(Duration::from_secs(20), catch_redirect(&l, STATE))
            .await
            .expect("the listener never finished")
    })
}

#[tokio::test]
async fn a_percent_before_a_multibyte_character_does_not_panic() {
    let (l, port) = listener().await;
    let task = catching(l);
    let status = get(
        port,
        "/callback?code=%\u{e9}x&state=%\u{20ac}&e%\u{1f600}=1",
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 4"), "{status}");
    // Still alive, and the real redirect gets through.
    let status = get(port, &format!("/callback?code=c%C3%A9%2B%3D&state={STATE}")).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    let cb = task.await.expect("the listener panicked").unwrap();
    assert_eq!(cb.code.expose(), "c\u{e9}+=");
    assert_eq!(cb.state, STATE);
}

#[tokio::test]
async fn an_idle_connection_does_not_hold_up_the_redirect() {
    let (l, port) = listener().await;
    let task = catching(l);
    // Connects and says nothing (a port scanner, a browser's pre-connect).
    let _idle = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    // And one that dribbles a request a byte at a time, never finishing it.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    slow.write_all(b"GET /callback?co").await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = Instant::now();
    let status = get(port, &format!("/callback?code=abc&state={STATE}")).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    let cb = task.await.unwrap().unwrap();
    assert_eq!(cb.code.expose(), "abc");
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "the redirect waited {:?} behind an idle connection",
        t.elapsed()
    );
}

#[tokio::test]
async fn requests_without_the_right_state_are_ignored() {
    let (l, port) = listener().await;
    let task = catching(l);
    // Any web page can make the browser send these (`<img src=…>`).
    for target in [
        "/callback?code=forged&state=wrong",
        "/callback?code=forged",
        "/?error=x",
        "/callback?error=access_denied&state=wrong",
        "/callback?error=access_denied",
        &format!("/callback?code=forged&state={STATE}x"),
        &format!("/callback?code=forged&state={}", &STATE[..STATE.len() - 1]),
        "/favicon.ico",
    ] {
        let status = get(port, target).await;
        assert!(status.starts_with("HTTP/1.1 4"), "{target}: {status}");
        assert!(!task.is_finished(), "{target} ended the sign-in");
    }
    // Garbage and an oversized request are answered and ignored too.
    for raw in [
        b"\x00\xff\xfe garbage\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        format!(
            "GET /callback?code={}&state={STATE} HTTP/1.1\r\n\r\n",
            "a".repeat(20_000)
        )
        .into_bytes(),
    ] {
        let status = send(port, &raw).await;
        assert!(
            status.is_empty() || status.starts_with("HTTP/1.1 4"),
            "{status}"
        );
        assert!(!task.is_finished(), "garbage ended the sign-in");
    }
    let status = get(port, &format!("/callback?code=real&state={STATE}")).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(task.await.unwrap().unwrap().code.expose(), "real");
}

#[tokio::test]
async fn a_refusal_with_the_right_state_ends_the_sign_in() {
    let (l, port) = listener().await;
    let task = catching(l);
    let status = get(
        port,
        &format!("/callback?error=access_denied&error_description=end-user+denied+authorization&state={STATE}"),
    )
    .await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        task.await.unwrap().unwrap_err(),
        CrmError::OAuth {
            error: "access_denied".into(),
            description: "end-user denied authorization".into()
        }
    );
}

#[tokio::test]
async fn an_idle_connection_is_closed_after_a_few_seconds() {
    let (l, port) = listener().await;
    let task = catching(l);
    let mut idle = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let t = Instant::now();
    let mut buf = [0u8; 16];
    let n = tokio::time::timeout(Duration::from_secs(15), idle.read(&mut buf))
        .await
        .expect("an idle connection is kept open")
        .unwrap_or(0);
    assert_eq!(n, 0, "closed without an answer");
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(!task.is_finished(), "an idle connection ended the sign-in");
    task.abort();
}
