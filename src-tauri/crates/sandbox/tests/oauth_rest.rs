#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The sandbox over real HTTP(S): the OAuth web-server flow with PKCE, then
//! sObject writes and reads, in Salesforce's exact shapes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const CLIENT: &str = "ringside-desktop";
const REDIRECT: &str = "http://127.0.0.1:53682/callback";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

struct Tokens {
    access: String,
    refresh: Option<String>,
    body: Value,
}

/// The whole browser dance, as the desktop app's system browser would do it.
async fn sign_in(http: &reqwest::Client, base: &str) -> Tokens {
    let verifier = "k3XzB8v0qYwQm2r7c9TnLpJd4sHfGa1uE6iVbN5oZxW";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let page = http
        .get(format!("{base}/services/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("state", "xyz"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<form method=\"post\""));
    let redirect = http
        .post(format!("{base}/services/oauth2/authorize"))
        .form(&[
            ("client_id", CLIENT),
            ("redirect_uri", REDIRECT),
            ("code_challenge", &challenge),
            ("state", "xyz"),
            ("username", "agent@ringside.sandbox"),
            ("password", "ringside"),
        ])
        .send()
        .await
        .unwrap();
    assert!(redirect.status().is_redirection(), "{}", redirect.status());
    let location = redirect.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT), "{location}");
    assert!(location.ends_with("&state=xyz"));
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let code = code.replace("%2D", "-").replace("%5F", "_");
    let r = http
        .post(format!("{base}/services/oauth2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", CLIENT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    // The same field set as the captured Salesforce token response.
    for k in [
        "access_token",
        "refresh_token",
        "instance_url",
        "id",
        "issued_at",
        "signature",
        "token_type",
        "scope",
    ] {
        assert!(body.get(k).is_some(), "missing {k} in {body}");
    }
    assert_eq!(body["instance_url"], base);
    // The same code cannot be used twice.
    let again = http
        .post(format!("{base}/services/oauth2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", CLIENT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    assert_eq!(
        again.json::<Value>().await.unwrap()["error"],
        "invalid_grant"
    );
    Tokens {
        access: body["access_token"].as_str().unwrap().to_string(),
        refresh: body["refresh_token"].as_str().map(String::from),
        body,
    }
}

#[tokio::test]
async fn pkce_sign_in_then_crud_in_salesforce_shapes() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let http = client();
    let base = sb.http_url.clone();
    let t = sign_in(&http, &base).await;
    let data = format!("{base}/services/data/v59.0");

    // No token: INVALID_SESSION_ID, as an error array.
    let r = http
        .get(format!("{data}/sobjects/Contact/003000000000001AAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!([{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID", "fields": []}])
    );

    let r = http
        .post(format!("{data}/sobjects/Contact"))
        .bearer_auth(&t.access)
        .json(&json!({"FirstName": "Ada", "LastName": "Byron", "Phone": "(310) 867-5309"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(r.headers()["sforce-limit-info"]
        .to_str()
        .unwrap()
        .starts_with("api-usage="));
    let created: Value = r.json().await.unwrap();
    assert_eq!(created["success"], true);
    assert_eq!(created["errors"], json!([]));
    let id = created["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("003") && id.len() == 18);

    let r = http
        .get(format!("{data}/sobjects/Contact/{id}"))
        .bearer_auth(&t.access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let rec: Value = r.json().await.unwrap();
    assert_eq!(
        rec["attributes"],
        json!({"type": "Contact", "url": format!("/services/data/v59.0/sobjects/Contact/{id}")})
    );
    assert_eq!(rec["Phone"], "(310) 867-5309");
    assert_eq!(rec["MobilePhone"], Value::Null);
    let created_date = rec["CreatedDate"].as_str().unwrap();
    assert!(
        created_date.ends_with(".000+0000") || created_date.len() == 28,
        "{created_date}"
    );
    // The 15-character form of the id finds the same record.
    let r = http
        .get(format!(
            "{data}/sobjects/Contact/{}?fields=Phone,LastName",
            &id[..15]
        ))
        .bearer_auth(&t.access)
        .send()
        .await
        .unwrap();
    let rec: Value = r.json().await.unwrap();
    assert_eq!(rec["LastName"], "Byron");
    assert!(rec.get("FirstName").is_none());

    let r = http
        .patch(format!("{data}/sobjects/Contact/{id}"))
        .bearer_auth(&t.access)
        .json(&json!({"MobilePhone": "+1 310 555 0100"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    let r = http
        .patch(format!("{data}/sobjects/Contact/{id}"))
        .bearer_auth(&t.access)
        .json(&json!({"Colour": "blue"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e[0]["errorCode"], "INVALID_FIELD");
    assert_eq!(
        e[0]["message"],
        "No such column 'Colour' on sobject of type Contact"
    );

    let r = http
        .post(format!("{data}/sobjects/Contact"))
        .bearer_auth(&t.access)
        .body("{\"LastName\": ")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "JSON_PARSER_ERROR"
    );

    let r = http
        .get(format!("{data}/sobjects/Whizbang/{id}"))
        .bearer_auth(&t.access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "NOT_FOUND"
    );

    let r = http
        .delete(format!("{data}/sobjects/Contact/{id}"))
        .bearer_auth(&t.access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = http
        .get(format!("{data}/sobjects/Contact/{id}"))
        .bearer_auth(&t.access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(t.body["id"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{base}/id/00D")));
}

#[tokio::test]
async fn upsert_by_external_id_creates_updates_and_reports_duplicates() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let http = client();
    let t = sign_in(&http, &sb.http_url).await;
    let url = |v: &str| {
        format!(
            "{}/services/data/v59.0/sobjects/Task/Ringside_Call_Id__c/{v}",
            sb.http_url
        )
    };
    let task = json!({"Subject": "Call", "TaskSubtype": "Call", "CallDurationInSeconds": 42});
    let r = http
        .patch(url("call-1"))
        .bearer_auth(&t.access)
        .json(&task)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let first: Value = r.json().await.unwrap();
    assert_eq!(first["created"], true);
    let r = http
        .patch(url("call-1"))
        .bearer_auth(&t.access)
        .json(&task)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let second: Value = r.json().await.unwrap();
    assert_eq!(
        (second["created"].clone(), second["id"].clone()),
        (json!(false), first["id"].clone())
    );
    // Not an external id field: NOT_FOUND with Salesforce's message.
    let r = http
        .patch(format!(
            "{}/services/data/v59.0/sobjects/Task/Subject/x",
            sb.http_url
        ))
        .bearer_auth(&t.access)
        .json(&task)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["message"],
        "Provided external ID field does not exist or is not accessible: Subject"
    );
    // Two records share CallObject: 300 with both URLs.
    for _ in 0..2 {
        http.post(format!("{}/services/data/v59.0/sobjects/Task", sb.http_url))
            .bearer_auth(&t.access)
            .json(&json!({"Subject": "dup", "CallObject": "same"}))
            .send()
            .await
            .unwrap();
    }
    let r = http
        .patch(format!(
            "{}/services/data/v59.0/sobjects/Task/CallObject/same",
            sb.http_url
        ))
        .bearer_auth(&t.access)
        .json(&json!({"Subject": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 300);
    assert_eq!(
        r.json::<Value>().await.unwrap().as_array().unwrap().len(),
        2
    );
}

#[tokio::test]
async fn refresh_rotation_and_revoke() {
    let sb = Sandbox::start(SandboxConfig {
        options: SandboxOptions {
            rotate_refresh_tokens: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let http = client();
    let t = sign_in(&http, &sb.http_url).await;
    let refresh = t.refresh.unwrap();
    let token_url = format!("{}/services/oauth2/token", sb.http_url);
    let r = http
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", CLIENT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    let rotated = body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(rotated, refresh);
    // The old refresh token is spent: Salesforce's invalid_grant body.
    let r = http
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", CLIENT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"error": "invalid_grant", "error_description": "expired access/refresh token"})
    );
    // Revoking the refresh token ends its access tokens too.
    let access = body["access_token"].as_str().unwrap().to_string();
    let r = http
        .post(format!("{}/services/oauth2/revoke", sb.http_url))
        .form(&[("token", &rotated)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = http
        .get(format!(
            "{}/services/data/v59.0/sobjects/User/005000000000001AAA",
            sb.http_url
        ))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn https_with_the_generated_certificate() {
    let dir = std::env::temp_dir().join(format!("ringside-sandbox-tls-{}", std::process::id()));
    let sb = Sandbox::start(SandboxConfig {
        https_port: Some(0),
        cert_dir: Some(dir),
        ..Default::default()
    })
    .await
    .unwrap();
    let url = sb.https_url.clone().unwrap();
    let pem = std::fs::read(sb.cert_path.as_ref().unwrap()).unwrap();
    let trusted = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    let r = trusted
        .get(format!("{url}/services/data"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let versions: Value = r.json().await.unwrap();
    assert_eq!(versions[0]["url"], "/services/data/v31.0");
    // Without trusting the certificate, TLS fails.
    assert!(reqwest::Client::new()
        .get(format!("{url}/services/data"))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn bad_oauth_requests_get_oauth_errors() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let http = client();
    let base = &sb.http_url;
    let r = http
        .post(format!("{base}/services/oauth2/token"))
        .form(&[("grant_type", "password"), ("client_id", CLIENT)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "unsupported_grant_type"
    );
    let r = http
        .post(format!("{base}/services/oauth2/token"))
        .form(&[("grant_type", "authorization_code"), ("client_id", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "invalid_client_id"
    );
    let r = http
        .get(format!("{base}/services/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", "https://evil.example/cb"),
            ("code_challenge", "x"),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "redirect_uri_mismatch"
    );
}

/// `GET …/sobjects/{type}/{field}/{value}` under hostile input: a field that
/// is no external id, an unknown object, quotes and SQL in the value, a
/// huge value and no token are each Salesforce's refusal; the one record is
/// found by its key, as written, and the sandbox goes on serving.
#[tokio::test]
async fn retrieve_by_external_id_refuses_what_salesforce_refuses() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let http = client();
    let t = sign_in(&http, &sb.http_url).await;
    let base = format!("{}/services/data/v59.0/sobjects", sb.http_url);
    let key = "call-'quoted' \"and\" ünïcode";
    let encoded: String = url_escape(key);
    let r = http
        .patch(format!("{base}/Task/Ringside_Call_Id__c/{encoded}"))
        .bearer_auth(&t.access)
        .json(&json!({"Subject": "Call"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let made: Value = r.json().await.unwrap();
    let get = |path: String| {
        http.get(format!("{base}/{path}"))
            .bearer_auth(&t.access)
            .send()
    };
    let r = get(format!("Task/Ringside_Call_Id__c/{encoded}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let found: Value = r.json().await.unwrap();
    assert_eq!(found["Id"], made["id"]);
    assert_eq!(found["Ringside_Call_Id__c"], key);

    let cases = [
        ("Task/Subject/Call".to_string(), 404, "NOT_FOUND"),
        (
            "Nope__c/Ringside_Call_Id__c/x".to_string(),
            404,
            "NOT_FOUND",
        ),
        (
            format!("Task/Ringside_Call_Id__c/{}", url_escape("x' OR '1'='1")),
            404,
            "NOT_FOUND",
        ),
        (
            format!("Task/Ringside_Call_Id__c/{}", url_escape("%' OR 1=1 --")),
            404,
            "NOT_FOUND",
        ),
        (
            format!("Task/Ringside_Call_Id__c/{}", "x".repeat(20_000)),
            404,
            "NOT_FOUND",
        ),
    ];
    for (path, status, code) in cases {
        let r = get(path.clone()).await.unwrap();
        assert_eq!(r.status(), status, "{}", &path[..path.len().min(80)]);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body[0]["errorCode"], code, "{body}");
    }
    let r = http
        .get(format!("{base}/Task/Ringside_Call_Id__c/{encoded}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = get(format!("Task/Ringside_Call_Id__c/{encoded}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "still serving");
}

/// A path segment, percent-encoded.
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
