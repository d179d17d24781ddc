#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! sObject collections retrieve, by GET and by POST: one element per id in
//! order, null where there is no such record.

mod common;

use common::{create, org};
use serde_json::{json, Value};

#[tokio::test]
async fn many_records_come_back_in_order_with_nulls_for_the_missing() {
    let (sb, token, http) = org().await;
    let ada = create(
        &sb,
        &token,
        &http,
        "Contact",
        json!({"FirstName": "Ada", "LastName": "Byron"}),
    )
    .await;
    let grace = create(&sb, &token, &http, "Contact", json!({"LastName": "Hopper"})).await;
    let gone = create(&sb, &token, &http, "Contact", json!({"LastName": "Gone"})).await;
    let lead = create(
        &sb,
        &token,
        &http,
        "Lead",
        json!({"LastName": "L", "Company": "C"}),
    )
    .await;
    let r = http
        .delete(format!(
            "{}/services/data/v59.0/sobjects/Contact/{gone}",
            sb.http_url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let url = format!(
        "{}/services/data/v59.0/composite/sobjects/Contact",
        sb.http_url
    );
    let ids = [
        grace.as_str(),
        "not-an-id",
        gone.as_str(),
        lead.as_str(),
        &ada[..15],
    ];

    let by_get: Value = http
        .get(&url)
        .bearer_auth(&token)
        .query(&[
            ("ids", ids.join(",")),
            ("fields", "id,lastname,Name".into()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let by_post: Value = http
        .post(&url)
        .bearer_auth(&token)
        .json(&json!({"ids": ids, "fields": ["id", "lastname", "Name"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(by_get, by_post);
    let list = by_get.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["Id"], grace.as_str());
    assert_eq!(list[0]["LastName"], "Hopper");
    assert_eq!(list[0]["attributes"]["type"], "Contact");
    assert_eq!(
        list[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["attributes", "Id", "LastName", "Name"]
    );
    assert_eq!(list[1], Value::Null, "malformed id");
    assert_eq!(list[2], Value::Null, "deleted record");
    assert_eq!(list[3], Value::Null, "a Lead is no Contact");
    assert_eq!(list[4]["Id"], ada.as_str());
    assert_eq!(list[4]["Name"], "Ada Byron");
}

#[tokio::test]
async fn bad_retrieve_requests_get_salesforce_errors() {
    let (sb, token, http) = org().await;
    let id = create(&sb, &token, &http, "Contact", json!({"LastName": "Byron"})).await;
    let url = format!(
        "{}/services/data/v59.0/composite/sobjects/Contact",
        sb.http_url
    );
    for (body, status, code) in [
        (
            json!({"ids": [id], "fields": ["Colour"]}),
            400,
            "INVALID_FIELD",
        ),
        (json!({"ids": [id]}), 400, "MISSING_ARGUMENT"),
        (json!({"fields": ["Id"]}), 400, "MISSING_ARGUMENT"),
        (
            json!({"ids": vec![id.clone(); 2001], "fields": ["Id"]}),
            400,
            "EXCEEDED_ID_LIMIT",
        ),
    ] {
        let r = http
            .post(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{code}");
        assert_eq!(r.json::<Value>().await.unwrap()[0]["errorCode"], code);
    }
    let r = http
        .post(format!(
            "{}/services/data/v59.0/composite/sobjects/Widget",
            sb.http_url
        ))
        .bearer_auth(&token)
        .json(&json!({"ids": [id], "fields": ["Id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
