//! OAuth 2.0 web-server flow with PKCE: the authorize URL, the one-shot
//! loopback listener that catches the redirect, code exchange, refresh and
//! revoke.

use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use crate::address::org_base_url;
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

/// Longest request read from one connection: a redirect is a few hundred
/// bytes, and anything longer is not one.
const MAX_REQUEST: usize = 8 * 1024;
/// How long a connection has to send its request (a browser sends it at
/// once; an idle or dribbling connection is dropped).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more wait in the listen backlog.
const MAX_CONNECTIONS: usize = 64;
/// Longest `error` / `error_description` kept from a redirect.
const MAX_ERROR_TEXT: usize = 200;

/// How one request on the loopback reads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Redirect {
    /// The expected state and a code: the sign-in worked.
    Code(Sensitive),
    /// The expected state and an `error`: the agent or the org said no.
    Refused { error: String, description: String },
    /// A code or error without the expected state: not this sign-in's
    /// redirect (any web page can make the browser send one).
    Foreign,
    /// Not a redirect (a favicon, garbage, an oversized request).
    Other,
}

/// Reads a request head (request line first). Never panics, whatever the
/// bytes: the query is percent-decoded as bytes, then read as lossy UTF-8.
pub(crate) fn read_redirect(head: &[u8], expected_state: &str) -> Redirect {
    // A request line cut off by the size bound is not read at all.
    let Some(line_end) = head.iter().position(|&b| b == b'\n') else {
        return Redirect::Other;
    };
    let mut parts = head[..line_end]
        .split(u8::is_ascii_whitespace)
        .filter(|p| !p.is_empty());
    let (Some(b"GET"), Some(target)) = (parts.next(), parts.next()) else {
        return Redirect::Other;
    };
    let Some(q) = target.iter().position(|&b| b == b'?') else {
        return Redirect::Other;
    };
    let query = &target[q + 1..];
    let query = query.split(|&b| b == b'#').next().unwrap_or(query);
    let (mut code, mut state, mut error, mut description) = (None, None, None, None);
    for (k, v) in url::form_urlencoded::parse(query) {
        let slot = match k.as_ref() {
            "code" => &mut code,
            "state" => &mut state,
            "error" => &mut error,
            "error_description" => &mut description,
            _ => continue,
        };
        // The first of a repeated parameter counts.
        slot.get_or_insert(v.into_owned());
    }
    let ours = !expected_state.is_empty()
        && state
            .as_deref()
            .is_some_and(|s| same_secret(s.as_bytes(), expected_state.as_bytes()));
    match (ours, code, error) {
        (true, _, Some(error)) => Redirect::Refused {
            error: printable(&error),
            description: printable(description.as_deref().unwrap_or("")),
        },
        (true, Some(code), None) if !code.is_empty() => Redirect::Code(Sensitive::new(code)),
        (false, Some(_), _) | (false, _, Some(_)) => Redirect::Foreign,
        _ => Redirect::Other,
    }
}

/// Compares without stopping at the first difference, so response times
/// do not reveal how much of a guessed state was right.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Text from the redirect as it may appear in an error: short, no controls.
fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .take(MAX_ERROR_TEXT)
        .collect()
}

/// Waits for this sign-in's redirect on `listener` (bound to 127.0.0.1 on
/// the fixed, configured port), answers the browser with a short page, and
/// returns the code; an `error` with the expected state (the agent said no)
/// is `CrmError::OAuth`. Every other request is answered and ignored, so a
/// forged or cancelling request from another page cannot end the sign-in,
/// and each connection is served on its own, so an idle one cannot hold up
/// the real redirect. The caller bounds the whole wait.
pub async fn catch_redirect(
    listener: &TcpListener,
    expected_state: &str,
) -> Result<Callback, CrmError> {
    let expected: Arc<str> = Arc::from(expected_state);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept(), if connections.len() < MAX_CONNECTIONS => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(answer(stream, Arc::clone(&expected)));
                }
                Err(e) => {
                    // Out of descriptors and the like: keep listening.
                    tracing::warn!(error = %e, "the sign-in listener could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(done) = connections.join_next(), if !connections.is_empty() => {
                if let Ok(Some(outcome)) = done {
                    // Dropping the set closes every other connection.
                    return outcome.map(|code| Callback {
                        code,
                        state: expected.to_string(),
                    });
                }
            }
        }
    }
}

/// Serves one connection; `Some` once this sign-in's redirect arrived.
async fn answer(mut stream: TcpStream, expected: Arc<str>) -> Option<Result<Sensitive, CrmError>> {
    let head = tokio::time::timeout(REQUEST_TIMEOUT, read_head(&mut stream))
        .await
        .ok()?
        .ok()?;
    let redirect = read_redirect(&head, &expected);
    let (status, page) = match &redirect {
        Redirect::Code(_) => (
            "200 OK",
            "Signed in. You can close this window and return to Ringside.",
        ),
        Redirect::Refused { .. } => ("200 OK", "Sign-in was cancelled. You can close this window."),
        Redirect::Foreign => (
            "400 Bad Request",
            "This sign-in link is not the one Ringside started. Finish signing in in the window Ringside opened.",
        ),
        Redirect::Other => ("404 Not Found", ""),
    };
    let html = format!("<!doctype html><meta charset=utf-8><title>Ringside</title><p style=\"font-family:sans-serif\">{page}</p>");
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    let _ = tokio::time::timeout(REQUEST_TIMEOUT, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
    match redirect {
        Redirect::Code(code) => Some(Ok(code)),
        Redirect::Refused { error, description } => {
            Some(Err(CrmError::OAuth { error, description }))
        }
        Redirect::Foreign | Redirect::Other => None,
    }
}

/// The request line and headers, up to `MAX_REQUEST` bytes.
async fn read_head(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; MAX_REQUEST];
    let mut len = 0;
    while len < buf.len() {
        let n = stream.read(&mut buf[len..]).await?;
        if n == 0 {
            break;
        }
        len += n;
        if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    buf.truncate(len);
    Ok(buf)
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
    let mut tokens: TokenResponse = classify(Body {
        status,
        content_type: ct.as_deref(),
        bytes: &bytes,
    })?;
    // Every later request, with the access token, goes to this address: it
    // must pass the same check as the login address before anything uses it.
    tokens.instance_url = org_base_url(&tokens.instance_url).map_err(CrmError::UnsafeInstance)?;
    Ok(tokens)
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

    fn get(query: &str) -> Vec<u8> {
        format!("GET /callback?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").into_bytes()
    }

    #[test]
    fn reads_the_redirect() {
        assert_eq!(
            read_redirect(&get("code=a%2Fb+c%3D&state=s"), "s"),
            Redirect::Code(Sensitive::new("a/b c="))
        );
        assert_eq!(
            read_redirect(&get("code=bad%zz%4&state=s"), "s"),
            Redirect::Code(Sensitive::new("bad%zz%4"))
        );
        assert_eq!(
            read_redirect(
                &get("state=s&error=access_denied&error_description=no%0A%0Dway"),
                "s"
            ),
            Redirect::Refused {
                error: "access_denied".into(),
                description: "noway".into()
            }
        );
        for (query, want) in [
            ("code=x&state=t", Redirect::Foreign),
            ("code=x", Redirect::Foreign),
            ("error=x", Redirect::Foreign),
            ("code=x&state=ss", Redirect::Foreign),
            ("code=x&state=", Redirect::Foreign),
            ("state=s", Redirect::Other),
            ("code=&state=s", Redirect::Other),
            ("", Redirect::Other),
        ] {
            assert_eq!(read_redirect(&get(query), "s"), want, "{query}");
        }
        // The first state counts: a second one does not make a forged code ours.
        assert_eq!(
            read_redirect(&get("state=t&state=s&code=x"), "s"),
            Redirect::Foreign
        );
        assert_eq!(
            read_redirect(b"POST /callback?code=x&state=s HTTP/1.1\r\n\r\n", "s"),
            Redirect::Other
        );
        assert_eq!(read_redirect(b"", "s"), Redirect::Other);
        // Cut off before the end of the request line.
        assert_eq!(
            read_redirect(b"GET /callback?state=s&code=abc", "s"),
            Redirect::Other
        );
        assert_eq!(
            read_redirect("GET /?code=%\u{20ac}&state=%\u{e9}\r\n".as_bytes(), "s"),
            Redirect::Foreign
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// Whatever a local process sends, the parser answers, never panics.
        #[test]
        fn any_request_line_is_read_without_panicking(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
            state in "\\PC{0,24}",
        ) {
            let _ = read_redirect(&bytes, &state);
        }

        /// Percent signs next to multi-byte characters, in keys and values.
        #[test]
        fn percent_and_multibyte_queries_never_panic(
            query in "[%a-z=&+#?0-9A-F\u{e9}\u{20ac}\u{1f600} ]{0,120}",
            state in "[%a-z\u{e9}\u{20ac}]{0,8}",
        ) {
            let _ = read_redirect(&get(&query), &state);
            let _ = read_redirect(format!("GET {query}").as_bytes(), &state);
        }

        /// Any code the org sends, percent-encoded, comes back exactly.
        #[test]
        fn codes_round_trip(code in "\\PC{1,64}", state in "[A-Za-z0-9_-]{1,24}") {
            let enc_code: String = url::form_urlencoded::byte_serialize(code.as_bytes()).collect();
            let got = read_redirect(&get(&format!("code={enc_code}&state={state}")), &state);
            proptest::prop_assert_eq!(got, Redirect::Code(Sensitive::new(code)));
        }
    }
}
