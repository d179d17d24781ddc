#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! SOSL and parameterizedSearch: phone numbers match whatever their format.

mod common;

use common::{create, org};
use ringside_sandbox::Sandbox;
use serde_json::{json, Value};

async fn sosl(sb: &Sandbox, token: &str, http: &reqwest::Client, q: &str) -> (u16, Value) {
    let r = http
        .get(format!("{}/services/data/v59.0/search", sb.http_url))
        .bearer_auth(token)
        .query(&[("q", q)])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn phone_search_matches_any_format() {
    let (sb, token, http) = org().await;
    let ada = create(
        &sb,
        &token,
        &http,
        "Contact",
        json!({"LastName": "Byron", "Phone": "(310) 867-5309"}),
    )
    .await;
    let lead = create(
        &sb,
        &token,
        &http,
        "Lead",
        json!({"LastName": "Jenny", "Company": "Tutone", "MobilePhone": "+1 310 867 5309"}),
    )
    .await;
    let _other = create(
        &sb,
        &token,
        &http,
        "Contact",
        json!({"LastName": "Other", "Phone": "+1 212 555 0100"}),
    )
    .await;
    for term in [
        "3108675309",
        "+13108675309",
        "310-867-5309",
        "001 310 867 5309",
    ] {
        let (s, r) = sosl(&sb, &token, &http, &format!("FIND {{{term}}} IN PHONE FIELDS RETURNING Contact(Id, LastName, Phone), Lead(Id, Company)")).await;
        assert_eq!(s, 200, "{r}");
        let recs = r["searchRecords"].as_array().unwrap();
        let ids: Vec<&str> = recs.iter().map(|x| x["Id"].as_str().unwrap()).collect();
        assert_eq!(ids, [ada.as_str(), lead.as_str()], "{term}");
        assert_eq!(recs[0]["attributes"]["type"], "Contact");
        assert_eq!(recs[0]["Phone"], "(310) 867-5309");
        assert_eq!(recs[1]["Company"], "Tutone");
    }
    // A changed number is re-indexed; a deleted record drops out.
    let r = http
        .patch(format!(
            "{}/services/data/v59.0/sobjects/Contact/{ada}",
            sb.http_url
        ))
        .bearer_auth(&token)
        .json(&json!({"Phone": "+44 20 7946 0018"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let (_, r) = sosl(
        &sb,
        &token,
        &http,
        "FIND {02079460018} IN PHONE FIELDS RETURNING Contact(Id)",
    )
    .await;
    assert_eq!(r["searchRecords"][0]["Id"], ada.as_str());
    http.delete(format!(
        "{}/services/data/v59.0/sobjects/Lead/{lead}",
        sb.http_url
    ))
    .bearer_auth(&token)
    .send()
    .await
    .unwrap();
    let (_, r) = sosl(
        &sb,
        &token,
        &http,
        "FIND {3108675309} IN PHONE FIELDS RETURNING Lead(Id)",
    )
    .await;
    assert_eq!(r["searchRecords"], json!([]));
}

#[tokio::test]
async fn parameterized_search_get_and_post() {
    let (sb, token, http) = org().await;
    let id = create(
        &sb,
        &token,
        &http,
        "Contact",
        json!({"LastName": "Hopper", "MobilePhone": "+34 911 23 45 67"}),
    )
    .await;
    let r = http
        .get(format!(
            "{}/services/data/v59.0/parameterizedSearch",
            sb.http_url
        ))
        .bearer_auth(&token)
        .query(&[
            ("q", "911234567"),
            ("in", "PHONE"),
            ("sobject", "Contact"),
            ("Contact.fields", "Id,LastName"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["searchRecords"][0]["Id"], id.as_str());
    assert_eq!(body["searchRecords"][0]["LastName"], "Hopper");
    let r = http
        .post(format!("{}/services/data/v59.0/parameterizedSearch", sb.http_url))
        .bearer_auth(&token)
        .json(&json!({"q": "+34911234567", "in": "PHONE", "sobjects": [{"name": "Contact", "fields": ["Id"]}, {"name": "Lead"}]}))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["searchRecords"].as_array().unwrap().len(), 1);
    // Name search finds by text.
    let (_, r) = sosl(
        &sb,
        &token,
        &http,
        "FIND {hopp*} IN NAME FIELDS RETURNING Contact(Id)",
    )
    .await;
    assert_eq!(r["searchRecords"][0]["Id"], id.as_str());
}

#[tokio::test]
async fn bad_searches_get_salesforce_errors() {
    let (sb, token, http) = org().await;
    let (s, e) = sosl(&sb, &token, &http, "FIND 3108675309").await;
    assert_eq!(s, 400);
    assert_eq!(
        e,
        json!([{"message": "No search term found. The search term must be enclosed in braces.", "errorCode": "MALFORMED_SEARCH", "fields": []}])
    );
    let (s, e) = sosl(
        &sb,
        &token,
        &http,
        "FIND {3108675309} RETURNING Whizbang(Id)",
    )
    .await;
    assert_eq!((s, e[0]["errorCode"].as_str()), (400, Some("INVALID_TYPE")));
    let (s, e) = sosl(
        &sb,
        &token,
        &http,
        "FIND {3108675309} RETURNING Contact(Colour)",
    )
    .await;
    assert_eq!(
        (s, e[0]["errorCode"].as_str()),
        (400, Some("INVALID_FIELD"))
    );
}

#[tokio::test]
async fn a_search_term_over_10000_characters_returns_no_rows() {
    let (sb, token, http) = org().await;
    let id = create(&sb, &token, &http, "Contact", json!({"LastName": "Byron"})).await;
    let search = |term: String| {
        http.post(format!(
            "{}/services/data/v59.0/parameterizedSearch",
            sb.http_url
        ))
        .bearer_auth(&token)
        .json(&json!({"q": term, "in": "NAME", "sobjects": [{"name": "Contact"}]}))
        .send()
    };
    // Trailing wildcards keep the term matching however long it grows.
    let longest = format!("Byro{}", "*".repeat(10_000 - 4));
    let r: Value = search(longest).await.unwrap().json().await.unwrap();
    assert_eq!(r["searchRecords"][0]["Id"], id.as_str(), "{r}");
    let too_long = format!("Byro{}", "*".repeat(10_000 - 3));
    let r: Value = search(too_long).await.unwrap().json().await.unwrap();
    assert_eq!(r["searchRecords"], json!([]), "{r}");
}
