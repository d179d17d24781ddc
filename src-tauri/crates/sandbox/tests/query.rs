#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! SOQL over HTTP: paging by nextRecordsUrl, queryAll, COUNT(), errors.

use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{schema, Sandbox, SandboxConfig};
use serde_json::{json, Value};

async fn org_with_contacts(n: usize) -> (Sandbox, String) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let contact = schema::object("Contact").unwrap();
    for i in 0..n {
        let fields =
            json!({"LastName": format!("Caller {i:04}"), "Phone": format!("+1310555{i:04}")});
        let Value::Object(map) = fields else {
            unreachable!()
        };
        sb.db
            .insert(contact, "003", map, 1_700_000_000_000 + i as i64)
            .await
            .unwrap();
    }
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    (sb, token)
}

async fn get(
    sb: &Sandbox,
    token: &str,
    path: &str,
    q: Option<&str>,
    batch: Option<u32>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .get(format!("{}{path}", sb.http_url))
        .bearer_auth(token);
    if let Some(q) = q {
        req = req.query(&[("q", q)]);
    }
    if let Some(b) = batch {
        req = req.header("Sforce-Query-Options", format!("batchSize={b}"));
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn pages_through_next_records_url() {
    let (sb, token) = org_with_contacts(450).await;
    let (status, first) = get(
        &sb,
        &token,
        "/services/data/v59.0/query",
        Some("SELECT Id, LastName, Phone FROM Contact ORDER BY LastName"),
        Some(200),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(first["totalSize"], 450);
    assert_eq!(first["done"], false);
    assert_eq!(first["records"].as_array().unwrap().len(), 200);
    assert_eq!(first["records"][0]["LastName"], "Caller 0000");
    assert_eq!(first["records"][0]["attributes"]["type"], "Contact");
    let keys: Vec<&String> = first["records"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["attributes", "Id", "LastName", "Phone"],
        "fields in SELECT order"
    );
    let mut seen = 200;
    let mut next = first["nextRecordsUrl"].as_str().unwrap().to_string();
    assert!(next.starts_with("/services/data/v59.0/query/01g"));
    loop {
        let (status, page) = get(&sb, &token, &next, None, None).await;
        assert_eq!(status, 200);
        seen += page["records"].as_array().unwrap().len();
        if page["done"] == true {
            assert!(page.get("nextRecordsUrl").is_none());
            break;
        }
        next = page["nextRecordsUrl"].as_str().unwrap().to_string();
    }
    assert_eq!(seen, 450);
    // A spent or invented locator is refused.
    let (status, e) = get(&sb, &token, &next, None, None).await;
    assert_eq!(status, 400);
    assert_eq!(e[0]["errorCode"], "INVALID_QUERY_LOCATOR");
}

#[tokio::test]
async fn filters_limits_counts_and_query_all() {
    let (sb, token) = org_with_contacts(30).await;
    let (_, r) = get(
        &sb,
        &token,
        "/services/data/v59.0/query",
        Some("SELECT Id FROM Contact WHERE Phone LIKE '+131055500%' ORDER BY Phone DESC LIMIT 3"),
        None,
    )
    .await;
    assert_eq!(r["totalSize"], 3);
    assert_eq!(r["done"], true);
    let (_, r) = get(
        &sb,
        &token,
        "/services/data/v59.0/query",
        Some("SELECT COUNT() FROM Contact WHERE SystemModstamp > 2023-11-14T22:13:20.010Z"),
        None,
    )
    .await;
    assert_eq!(r, json!({"totalSize": 19, "done": true, "records": []}));
    let (_, all) = get(
        &sb,
        &token,
        "/services/data/v59.0/query",
        Some("SELECT Id FROM Contact LIMIT 1"),
        None,
    )
    .await;
    let id = all["records"][0]["Id"].as_str().unwrap().to_string();
    let r = reqwest::Client::new()
        .delete(format!(
            "{}/services/data/v59.0/sobjects/Contact/{id}",
            sb.http_url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let q = format!(
        "SELECT Id, IsDeleted FROM Contact WHERE Id = '{}'",
        &id[..15]
    );
    let (_, live) = get(&sb, &token, "/services/data/v59.0/query", Some(&q), None).await;
    assert_eq!(live["totalSize"], 0);
    let (_, with_deleted) = get(&sb, &token, "/services/data/v59.0/queryAll", Some(&q), None).await;
    assert_eq!(with_deleted["totalSize"], 1);
    assert_eq!(with_deleted["records"][0]["IsDeleted"], true);
}

#[tokio::test]
async fn bad_queries_get_salesforce_errors() {
    let (sb, token) = org_with_contacts(1).await;
    for (q, status, code) in [
        ("SELEKT Id FROM Contact", 400, "MALFORMED_QUERY"),
        ("SELECT Id FROM Contact WHERE", 400, "MALFORMED_QUERY"),
        ("SELECT Colour FROM Contact", 400, "INVALID_FIELD"),
        (
            "SELECT Id FROM Contact WHERE Colour = 'x'",
            400,
            "INVALID_FIELD",
        ),
        ("SELECT Id FROM Whizbang", 400, "INVALID_TYPE"),
        (
            "SELECT Id FROM Task WHERE CallDurationInSeconds = 'long'",
            400,
            "MALFORMED_QUERY",
        ),
    ] {
        let (s, e) = get(&sb, &token, "/services/data/v59.0/query", Some(q), None).await;
        assert_eq!(
            (s, e[0]["errorCode"].as_str().unwrap()),
            (status, code),
            "{q}: {e}"
        );
        assert!(e[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (s, _) = get(&sb, &token, "/services/data/v59.0/query", None, None).await;
    assert_eq!(s, 400);
}
