#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! PKCE the way Salesforce takes it from third-party clients: jsforce leaves
//! `code_challenge_method` out (Salesforce assumes S256) and sends a
//! 171-character verifier (longer than RFC 7636's 128, which Salesforce
//! accepts). A `plain` challenge is still refused.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use sha2::{Digest, Sha256};

const CLIENT: &str = "ringside-desktop";
const REDIRECT: &str = "http://127.0.0.1:53682/callback";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_jsforce_style_code_flow_signs_in() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let http = client();
    let base = &sb.http_url;
    // As jsforce makes it: base64url of 128 random bytes.
    let verifier = URL_SAFE_NO_PAD.encode([7u8; 128]);
    assert_eq!(verifier.len(), 171);
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let page = http
        .get(format!("{base}/services/oauth2/authorize"))
        .query(&[
            ("code_challenge", challenge.as_str()),
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let redirect = http
        .post(format!("{base}/services/oauth2/authorize"))
        .form(&[
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("code_challenge", &challenge),
            ("username", "agent@ringside.sandbox"),
            ("password", "ringside"),
        ])
        .send()
        .await
        .unwrap();
    let location = redirect.headers()["location"].to_str().unwrap().to_string();
    let code = url_param(&location, "code");
    let r = http
        .post(format!("{base}/services/oauth2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &verifier),
        ])
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert!(body["access_token"].is_string(), "{body}");
    // The identity URL in the answer resolves with the new token.
    let id = body["id"].as_str().unwrap();
    let me = http
        .get(id)
        .bearer_auth(body["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(me.json::<Value>().await.unwrap()["id"], id);
}

#[tokio::test]
async fn a_plain_challenge_is_refused() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let r = client()
        .get(format!("{}/services/oauth2/authorize", sb.http_url))
        .query(&[
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("code_challenge", "abc"),
            ("code_challenge_method", "plain"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_request");
}

fn url_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let raw = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .unwrap();
    // Codes are base64url, percent-encoded only where urlencode escapes.
    raw.replace("%2D", "-").replace("%5F", "_")
}
