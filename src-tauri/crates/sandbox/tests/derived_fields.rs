#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! What Salesforce requires on create and derives by itself: a person's
//! LastName (and a Lead's Company), the compound Name, a Case's IsClosed,
//! and the owner of a new record.

mod common;

use common::{create, org};
use ringside_sandbox::Sandbox;
use serde_json::{json, Value};

async fn get(sb: &Sandbox, token: &str, http: &reqwest::Client, kind: &str, id: &str) -> Value {
    http.get(format!(
        "{}/services/data/v59.0/sobjects/{kind}/{id}",
        sb.http_url
    ))
    .bearer_auth(token)
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap()
}

async fn patch(
    sb: &Sandbox,
    token: &str,
    http: &reqwest::Client,
    kind: &str,
    id: &str,
    body: Value,
) {
    let r = http
        .patch(format!(
            "{}/services/data/v59.0/sobjects/{kind}/{id}",
            sb.http_url
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
}

#[tokio::test]
async fn a_cases_is_closed_follows_its_status_and_records_belong_to_their_creator() {
    let (sb, token, http) = org().await;
    let id = create(
        &sb,
        &token,
        &http,
        "Case",
        json!({"Subject": "Refund", "Status": "Closed", "IsClosed": false}),
    )
    .await;
    let c = get(&sb, &token, &http, "Case", &id).await;
    assert_eq!(c["IsClosed"], true, "derived, not taken from the request");
    patch(
        &sb,
        &token,
        &http,
        "Case",
        &id,
        json!({"Status": "Working"}),
    )
    .await;
    assert_eq!(
        get(&sb, &token, &http, "Case", &id).await["IsClosed"],
        false
    );
    let me: Value = http
        .get(format!("{}/services/oauth2/userinfo", sb.http_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(c["OwnerId"], me["user_id"]);
}

#[tokio::test]
async fn contacts_and_leads_need_their_required_fields_and_get_a_compound_name() {
    let (sb, token, http) = org().await;
    for (kind, body, missing) in [
        ("Contact", json!({"FirstName": "Ada"}), vec!["LastName"]),
        ("Lead", json!({"LastName": "Byron"}), vec!["Company"]),
        (
            "Lead",
            json!({"LastName": " ", "Company": ""}),
            vec!["LastName", "Company"],
        ),
    ] {
        let r = http
            .post(format!(
                "{}/services/data/v59.0/sobjects/{kind}",
                sb.http_url
            ))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{kind} {body}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(e[0]["errorCode"], "REQUIRED_FIELD_MISSING");
        assert_eq!(e[0]["fields"], json!(missing));
    }
    let id = create(
        &sb,
        &token,
        &http,
        "Lead",
        json!({"FirstName": "Ada", "LastName": "Byron", "Company": "Analytical"}),
    )
    .await;
    let url = format!("{}/services/data/v59.0/sobjects/Lead/{id}", sb.http_url);
    let get = |http: reqwest::Client, url: String, token: String| async move {
        http.get(url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    assert_eq!(
        get(http.clone(), url.clone(), token.clone()).await["Name"],
        "Ada Byron"
    );
    let r = http
        .patch(&url)
        .bearer_auth(&token)
        .json(&json!({"LastName": "Lovelace"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        get(http.clone(), url, token.clone()).await["Name"],
        "Ada Lovelace"
    );
}
