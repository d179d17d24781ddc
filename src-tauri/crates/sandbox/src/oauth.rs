//! OAuth 2.0 as Salesforce speaks it: the web-server flow with PKCE
//! (`/authorize` → code → `/token`), refresh tokens with optional rotation,
//! and `/revoke`. Tokens are stored as SHA-256 hashes, never in clear.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::{OAuthError, SfError};
use crate::state::{now_ms, AppState};

/// Authorization codes live this long, as in Salesforce (15 minutes).
const CODE_TTL_MS: i64 = 15 * 60_000;

/// The password every seeded sandbox user signs in with.
pub const SANDBOX_PASSWORD: &str = "ringside";

pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

pub fn hash_token(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// PKCE S256: BASE64URL(SHA256(verifier)) == challenge. RFC 7636 caps the
/// verifier at 128 characters, but Salesforce takes longer ones, and jsforce
/// (with the Salesforce CLI built on it) sends 171: the cap here only bounds
/// the input.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    (43..=1024).contains(&verifier.len())
        && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

/// Only loopback redirects: the sandbox serves desktop apps on this machine.
fn loopback_redirect(uri: &str) -> bool {
    ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"]
        .iter()
        .any(|p| uri.starts_with(p))
}

#[derive(Deserialize)]
pub struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    state: Option<String>,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn check_client(state: &AppState, client_id: Option<&str>) -> Result<String, OAuthError> {
    let id = client_id.ok_or_else(OAuthError::invalid_client_id)?;
    if state.shared.options.client_ids.iter().any(|c| c == id) {
        Ok(id.to_string())
    } else {
        Err(OAuthError::invalid_client_id())
    }
}

/// GET: the login and consent page.
pub async fn authorize_page(
    State(state): State<AppState>,
    Query(q): Query<AuthorizeQuery>,
) -> Response {
    if q.response_type.as_deref() != Some("code") {
        return OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_response_type",
            description: "response type not supported".into(),
        }
        .into_response();
    }
    if let Err(e) = check_client(&state, q.client_id.as_deref()) {
        return e.into_response();
    }
    let redirect = q.redirect_uri.unwrap_or_default();
    if !loopback_redirect(&redirect) {
        return OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "redirect_uri_mismatch",
            description: "redirect_uri must use HTTP on the loopback interface".into(),
        }
        .into_response();
    }
    // Salesforce hashes with S256 whether or not the method is named, and
    // clients such as jsforce leave it out; the sandbox requires PKCE.
    if !matches!(q.code_challenge_method.as_deref(), None | Some("S256"))
        || q.code_challenge.as_deref().is_none_or(str::is_empty)
    {
        return OAuthError::invalid_request("PKCE with code_challenge_method=S256 is required")
            .into_response();
    }
    let hidden = [
        ("client_id", q.client_id.unwrap_or_default()),
        ("redirect_uri", redirect),
        ("code_challenge", q.code_challenge.unwrap_or_default()),
        ("state", q.state.unwrap_or_default()),
    ]
    .iter()
    .map(|(k, v)| {
        format!(
            r#"<input type="hidden" name="{k}" value="{}">"#,
            html_escape(v)
        )
    })
    .collect::<String>();
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in | Ringside sandbox CRM</title>
<style>body{{font-family:system-ui,sans-serif;background:#f3f3f3;display:flex;justify-content:center;padding-top:4rem}}
form{{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 8px #0002;width:20rem}}
label{{display:block;margin:.8rem 0 .2rem}}input[type=text],input[type=password]{{width:100%;padding:.5rem;box-sizing:border-box}}
button{{margin-top:1.2rem;width:100%;padding:.6rem;background:#0176d3;color:#fff;border:0;border-radius:4px;font-size:1rem}}</style></head>
<body><form method="post" action="/services/oauth2/authorize"><h1>Sandbox CRM</h1>
<p>Ringside requests access to your data (api, refresh_token).</p>{hidden}
<label for="u">Username</label><input id="u" type="text" name="username" value="agent@ringside.sandbox" autocomplete="username">
<label for="p">Password</label><input id="p" type="password" name="password" autocomplete="current-password">
<button type="submit">Allow</button></form></body></html>"#
    ))
    .into_response()
}

#[derive(Deserialize)]
pub struct AuthorizeForm {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    state: Option<String>,
    username: String,
    password: String,
}

/// POST: the user signed in and allowed access: redirect back with a code.
pub async fn authorize_submit(
    State(state): State<AppState>,
    Form(f): Form<AuthorizeForm>,
) -> Result<Response, OAuthError> {
    check_client(&state, Some(&f.client_id))?;
    if !loopback_redirect(&f.redirect_uri) {
        return Err(OAuthError::invalid_request(
            "redirect_uri must use HTTP on the loopback interface",
        ));
    }
    let user: Option<String> = sqlx::query_scalar(
        "SELECT id FROM records WHERE sobject = 'User' AND deleted_at IS NULL AND json_extract(fields, '$.Username') = ?",
    )
    .bind(&f.username)
    .fetch_optional(&state.db().pool)
    .await?;
    let Some(user_id) = user.filter(|_| f.password == SANDBOX_PASSWORD) else {
        return Ok(Html("<!doctype html><p>Please check your username and password. If you still can't log in, contact your Salesforce administrator.</p>").into_response());
    };
    let code = random_token(24);
    sqlx::query("INSERT INTO oauth_codes (code, client_id, redirect_uri, code_challenge, user_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(hash_token(&code))
        .bind(&f.client_id)
        .bind(&f.redirect_uri)
        .bind(&f.code_challenge)
        .bind(&user_id)
        .bind(now_ms() + CODE_TTL_MS)
        .execute(&state.db().pool)
        .await?;
    let sep = if f.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut target = format!("{}{sep}code={}", f.redirect_uri, urlencode(&code));
    if let Some(s) = f.state.filter(|s| !s.is_empty()) {
        target.push_str(&format!("&state={}", urlencode(&s)));
    }
    Ok(Redirect::to(&target).into_response())
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

pub(crate) async fn issue(
    state: &AppState,
    kind: &str,
    user_id: &str,
    client_id: &str,
    ttl: Option<i64>,
) -> Result<String, sqlx::Error> {
    let token = format!(
        "{}!{}",
        state.shared.org_id.get(..15).unwrap_or("00D"),
        random_token(48)
    );
    let now = now_ms();
    sqlx::query("INSERT INTO oauth_tokens (token, kind, user_id, client_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(hash_token(&token))
        .bind(kind)
        .bind(user_id)
        .bind(client_id)
        .bind(now)
        .bind(ttl.map(|t| now + t))
        .execute(&state.db().pool)
        .await?;
    Ok(token)
}

fn token_body(
    state: &AppState,
    access: &str,
    refresh: Option<&str>,
    user_id: &str,
) -> serde_json::Value {
    let issued_at = now_ms().to_string();
    let id_url = crate::identity::identity_url(state, user_id);
    let signature =
        URL_SAFE_NO_PAD.encode(Sha256::digest(format!("{id_url}{issued_at}").as_bytes()));
    let mut body = json!({
        "access_token": access,
        "signature": signature,
        "scope": "refresh_token api",
        "instance_url": &*state.base_url,
        "id": id_url,
        "token_type": "Bearer",
        "issued_at": issued_at,
    });
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    body
}

/// POST `/services/oauth2/token`.
pub async fn token(
    State(state): State<AppState>,
    Form(f): Form<TokenForm>,
) -> Result<Response, OAuthError> {
    let client_id = check_client(&state, f.client_id.as_deref())?;
    let ttl = state.shared.options.access_token_ttl_ms;
    match f.grant_type.as_deref() {
        Some("authorization_code") => {
            let code = f
                .code
                .ok_or_else(|| OAuthError::invalid_request("missing code"))?;
            // One use only: the code is deleted as it is read.
            let row: Option<(String, String, String, i64)> = sqlx::query_as(
                "DELETE FROM oauth_codes WHERE code = ? RETURNING client_id, redirect_uri, code_challenge || '|' || user_id, expires_at",
            )
            .bind(hash_token(&code))
            .fetch_optional(&state.db().pool)
            .await?;
            let Some((code_client, redirect, challenge_user, expires_at)) = row else {
                return Err(OAuthError::invalid_grant("invalid authorization code"));
            };
            let (challenge, user_id) = challenge_user.split_once('|').unwrap_or(("", ""));
            if code_client != client_id || f.redirect_uri.as_deref() != Some(redirect.as_str()) {
                return Err(OAuthError::invalid_grant("redirect_uri mismatch"));
            }
            if expires_at < now_ms() {
                return Err(OAuthError::invalid_grant("expired authorization code"));
            }
            if !f
                .code_verifier
                .as_deref()
                .is_some_and(|v| pkce_matches(v, challenge))
            {
                return Err(OAuthError::invalid_grant("invalid code verifier"));
            }
            let access = issue(&state, "access", user_id, &client_id, ttl).await?;
            let refresh = issue(&state, "refresh", user_id, &client_id, None).await?;
            Ok(json_response(token_body(
                &state,
                &access,
                Some(&refresh),
                user_id,
            )))
        }
        Some("refresh_token") => {
            let presented = f
                .refresh_token
                .ok_or_else(|| OAuthError::invalid_request("missing refresh_token"))?;
            let row: Option<(String, String)> = sqlx::query_as(
                "SELECT user_id, client_id FROM oauth_tokens WHERE token = ? AND kind = 'refresh' AND revoked = 0",
            )
            .bind(hash_token(&presented))
            .fetch_optional(&state.db().pool)
            .await?;
            let Some((user_id, token_client)) = row.filter(|(_, c)| *c == client_id) else {
                return Err(OAuthError::invalid_grant("expired access/refresh token"));
            };
            let access = issue(&state, "access", &user_id, &token_client, ttl).await?;
            let rotated = if state.shared.options.rotate_refresh_tokens {
                sqlx::query("UPDATE oauth_tokens SET revoked = 1 WHERE token = ?")
                    .bind(hash_token(&presented))
                    .execute(&state.db().pool)
                    .await?;
                Some(issue(&state, "refresh", &user_id, &token_client, None).await?)
            } else {
                None
            };
            Ok(json_response(token_body(
                &state,
                &access,
                rotated.as_deref(),
                &user_id,
            )))
        }
        _ => Err(OAuthError::unsupported_grant_type()),
    }
}

fn json_response(body: serde_json::Value) -> Response {
    (
        StatusCode::OK,
        [(
            header::CACHE_CONTROL,
            "no-cache,must-revalidate,max-age=0,no-store,private",
        )],
        axum::Json(body),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct RevokeForm {
    token: Option<String>,
}

/// POST `/services/oauth2/revoke`: revoking a refresh token also revokes the
/// access tokens issued from the same grant (here: the user's for that client).
pub async fn revoke(
    State(state): State<AppState>,
    Form(f): Form<RevokeForm>,
) -> Result<Response, OAuthError> {
    let token = f.token.unwrap_or_default();
    let row: Option<(String, String, String)> = sqlx::query_as(
        "UPDATE oauth_tokens SET revoked = 1 WHERE token = ? AND revoked = 0 RETURNING kind, user_id, client_id",
    )
    .bind(hash_token(&token))
    .fetch_optional(&state.db().pool)
    .await?;
    match row {
        Some((kind, user, client)) => {
            if kind == "refresh" {
                sqlx::query("UPDATE oauth_tokens SET revoked = 1 WHERE user_id = ? AND client_id = ? AND kind = 'access'")
                    .bind(user)
                    .bind(client)
                    .execute(&state.db().pool)
                    .await?;
            }
            Ok(StatusCode::OK.into_response())
        }
        None => Err(OAuthError {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_token_type",
            description: "this token type is not supported".into(),
        }),
    }
}

/// GET `/services/oauth2/userinfo`: the signed-in user, OpenID Connect style
/// (the fields Salesforce sends that Ringside reads).
pub async fn userinfo(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<axum::Json<serde_json::Value>, SfError> {
    let user = authenticate(&state, &headers).await?;
    let fields: Option<String> = sqlx::query_scalar(
        "SELECT fields FROM records WHERE sobject = 'User' AND id = ? AND deleted_at IS NULL",
    )
    .bind(&user)
    .fetch_optional(&state.db().pool)
    .await?;
    let fields: serde_json::Value = fields
        .and_then(|f| serde_json::from_str(&f).ok())
        .ok_or_else(SfError::invalid_session)?;
    let text = |k: &str| fields.get(k).cloned().unwrap_or(serde_json::Value::Null);
    let org = &state.shared.org_id;
    Ok(axum::Json(json!({
        "sub": crate::identity::identity_url(&state, &user),
        "user_id": user,
        "organization_id": org,
        "preferred_username": text("Username"),
        "nickname": text("FirstName"),
        "name": text("Name"),
        "email": text("Email"),
        "email_verified": true,
        "given_name": text("FirstName"),
        "family_name": text("LastName"),
        "active": true,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "en_US",
        "utcOffset": 0,
    })))
}

/// The token of an `Authorization: Bearer …` (or `OAuth …`) header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("OAuth "))
        .map(str::trim)
}

/// The user a live access token belongs to.
pub async fn token_user(state: &AppState, token: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM oauth_tokens WHERE token = ? AND kind = 'access' AND revoked = 0 AND (expires_at IS NULL OR expires_at > ?)",
    )
    .bind(hash_token(token))
    .bind(now_ms())
    .fetch_optional(&state.db().pool)
    .await
}

/// The user id behind a bearer token, or `INVALID_SESSION_ID`.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<String, SfError> {
    let token = bearer(headers).ok_or_else(SfError::invalid_session)?;
    token_user(state, token)
        .await?
        .ok_or_else(SfError::invalid_session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_the_rfc_7636_example() {
        assert!(pkce_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!pkce_matches("short", "x"));
        // jsforce's verifier: 128 random bytes in base64url, 171 characters.
        let long = "a".repeat(171);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(long.as_bytes()));
        assert!(pkce_matches(&long, &challenge));
        assert!(!pkce_matches(
            &long,
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
    }

    #[test]
    fn only_loopback_redirects() {
        assert!(loopback_redirect("http://127.0.0.1:53682/callback"));
        assert!(loopback_redirect("http://localhost:53682/"));
        assert!(!loopback_redirect("https://evil.example/cb"));
        assert!(!loopback_redirect("http://127.0.0.1.evil.example/cb"));
    }
}
