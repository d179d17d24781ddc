//! OAuth 2.0 web-server flow with PKCE: the authorize URL, the one-shot
//! loopback listener that catches the redirect, code exchange, refresh and
//! revoke.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::error::CrmError;
use crate::response::{classify, Body};
use crate::secret::Sensitive;
use crate::wire::TokenResponse;

/// A PKCE verifier and its S256 challenge.
pub struct Pkce {
    pub verifier: Sensitive,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Pkce {
        let mut bytes = [0u8; 48];
        rand::rng().fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier: Sensitive::new(verifier),
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Pkce::new()
    }
}

pub fn random_state() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub(crate) fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn dec(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the agent's browser goes to sign in.
pub fn authorize_url(
    login_url: &str,
    client_id: &str,
    redirect_uri: &str,
    pkce: &Pkce,
    state: &str,
) -> String {
    format!(
        "{}/services/oauth2/authorize?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state={}&scope={}",
        login_url.trim_end_matches('/'),
        enc(client_id),
        enc(redirect_uri),
        enc(&pkce.challenge),
        enc(state),
        enc("api refresh_token")
    )
}

/// What came back on the loopback redirect.
#[derive(Debug, PartialEq, Eq)]
pub struct Callback {
    pub code: Sensitive,
    pub state: String,
}

/// Waits for one redirect on `listener` (bound to 127.0.0.1 on the fixed,
/// configured port), answers the browser with a short page, and returns the
/// code. A request without a code (e.g. `error=access_denied`) is an error.
pub async fn catch_redirect(
    listener: &TcpListener,
    expected_state: &str,
) -> Result<Callback, CrmError> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| CrmError::Transport(e.to_string()))?;
        let mut buf = vec![0u8; 8192];
        let mut len = 0;
        // Read until the end of the request line and headers (bounded).
        while len < buf.len() {
            let n = stream
                .read(&mut buf[len..])
                .await
                .map_err(|e| CrmError::Transport(e.to_string()))?;
            if n == 0 {
                break;
            }
            len += n;
            if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let head = String::from_utf8_lossy(&buf[..len]);
        let target = head
            .lines()
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("/");
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let params: Vec<(String, String)> = query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (dec(k), dec(v)))
            .collect();
        let get = |k: &str| params.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        let (status, page, result) = match (get("code"), get("state"), get("error")) {
            (Some(code), Some(state), _) if state == expected_state => ("200 OK", "Signed in. You can close this window and return to Ringside.", Some(Ok(Callback { code: Sensitive::new(code), state }))),
            (Some(_), _, _) => ("400 Bad Request", "This sign-in link is not the one Ringside started. Please try again from Ringside.", Some(Err(CrmError::OAuth { error: "state_mismatch".into(), description: "the redirect's state does not match".into() }))),
            (None, _, Some(error)) => ("200 OK", "Sign-in was cancelled. You can close this window.", Some(Err(CrmError::OAuth { error, description: get("error_description").unwrap_or_default() }))),
            // Favicon requests and the like: answer and keep waiting.
            _ => ("404 Not Found", "", None),
        };
        let html = format!("<!doctype html><meta charset=utf-8><title>Ringside</title><p style=\"font-family:sans-serif\">{page}</p>");
        let response = format!("HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}", html.len());
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        if let Some(r) = result {
            return r;
        }
    }
}

async fn token_call(
    http: &reqwest::Client,
    login_url: &str,
    form: &[(&str, &str)],
) -> Result<TokenResponse, CrmError> {
    let url = format!("{}/services/oauth2/token", login_url.trim_end_matches('/'));
    let resp = http
        .post(url)
        .form(form)
        .send()
        .await
        .map_err(|e| CrmError::Transport(e.without_url().to_string()))?;
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| CrmError::Transport(e.without_url().to_string()))?;
    classify(Body {
        status,
        content_type: ct.as_deref(),
        bytes: &bytes,
    })
}

pub async fn exchange_code(
    http: &reqwest::Client,
    login_url: &str,
    client_id: &str,
    redirect_uri: &str,
    code: &Sensitive,
    pkce: &Pkce,
) -> Result<TokenResponse, CrmError> {
    token_call(
        http,
        login_url,
        &[
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("code_verifier", pkce.verifier.expose()),
        ],
    )
    .await
}

pub async fn refresh(
    http: &reqwest::Client,
    login_url: &str,
    client_id: &str,
    refresh_token: &Sensitive,
) -> Result<TokenResponse, CrmError> {
    token_call(
        http,
        login_url,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", client_id),
        ],
    )
    .await
}

/// Revokes a token (revoking the refresh token ends the whole grant).
pub async fn revoke(
    http: &reqwest::Client,
    login_url: &str,
    token: &Sensitive,
) -> Result<(), CrmError> {
    let url = format!("{}/services/oauth2/revoke", login_url.trim_end_matches('/'));
    let resp = http
        .post(url)
        .form(&[("token", token.expose())])
        .send()
        .await
        .map_err(|e| CrmError::Transport(e.without_url().to_string()))?;
    let status = resp.status().as_u16();
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| CrmError::Transport(e.without_url().to_string()))?;
    if (200..300).contains(&status) {
        return Ok(());
    }
    classify::<serde_json::Value>(Body {
        status,
        content_type: Some("application/json"),
        bytes: &bytes,
    })
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_challenge_is_s256_of_the_verifier() {
        let p = Pkce::new();
        assert_eq!(
            p.challenge,
            URL_SAFE_NO_PAD.encode(Sha256::digest(p.verifier.expose().as_bytes()))
        );
        assert_eq!(p.verifier.expose().len(), 64);
        assert_eq!(format!("{:?}", p.verifier), "<redacted>");
    }

    #[test]
    fn authorize_url_is_encoded() {
        let p = Pkce {
            verifier: Sensitive::new("v"),
            challenge: "abc-_".into(),
        };
        let u = authorize_url(
            "https://login.example/",
            "client id",
            "http://127.0.0.1:53682/callback",
            &p,
            "s/1",
        );
        assert!(u.starts_with("https://login.example/services/oauth2/authorize?response_type=code&client_id=client%20id&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback"));
        assert!(u.contains("&code_challenge=abc-_&code_challenge_method=S256&state=s%2F1"));
    }

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(dec("a%2Fb+c"), "a/b c");
        assert_eq!(dec("bad%zz%4"), "bad%zz%4");
    }
}
