#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // tests fail loudly by design
//! A clean org and record creation over REST, and a small stack for the
//! parsers, for the sandbox's tests.

use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

pub async fn org() -> (Sandbox, String, reqwest::Client) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    (sb, token, reqwest::Client::new())
}

pub async fn create(
    sb: &Sandbox,
    token: &str,
    http: &reqwest::Client,
    kind: &str,
    body: Value,
) -> String {
    let r = http
        .post(format!(
            "{}/services/data/v59.0/sobjects/{kind}",
            sb.http_url
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Runs `f` on a thread with a 256 KiB stack, far less than any thread the
/// app serves on: the parsers must not need more, whatever their input.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

pub fn contact_query(condition: &str) -> String {
    format!("SELECT Id FROM Contact WHERE {condition}")
}
