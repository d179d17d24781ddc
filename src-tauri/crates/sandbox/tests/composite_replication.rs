#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Collections, composite requests and the replication API.

use ringside_sandbox::seed::AGENT_USERNAME;
use ringside_sandbox::time::format_ms;
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

struct Org {
    sb: Sandbox,
    token: String,
    http: reqwest::Client,
}

impl Org {
    async fn new() -> Org {
        let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
        let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
        Org {
            sb,
            token,
            http: reqwest::Client::new(),
        }
    }
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut r = self
            .http
            .request(
                method,
                format!("{}/services/data/v59.0{path}", self.sb.http_url),
            )
            .bearer_auth(&self.token);
        if let Some(b) = body {
            r = r.json(&b);
        }
        let r = r.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap()
            },
        )
    }
    async fn count(&self, soql: &str) -> u64 {
        let r = self
            .http
            .get(format!("{}/services/data/v59.0/query", self.sb.http_url))
            .bearer_auth(&self.token)
            .query(&[("q", soql)])
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["totalSize"]
            .as_u64()
            .unwrap()
    }
}

fn task(call: &str) -> Value {
    json!({"attributes": {"type": "Task"}, "Subject": "Call", "Ringside_Call_Id__c": call, "CallDurationInSeconds": 30})
}

#[tokio::test]
async fn collections_create_and_all_or_none() {
    let org = Org::new().await;
    let (s, r) = org.send(reqwest::Method::POST, "/composite/sobjects", Some(json!({"allOrNone": false, "records": [task("a"), {"attributes": {"type": "Task"}, "Colour": "red"}, task("b")]}))).await;
    assert_eq!(s, 200);
    assert_eq!(r[0]["success"], true);
    assert_eq!(r[1]["success"], false);
    assert_eq!(r[1]["errors"][0]["statusCode"], "INVALID_FIELD");
    assert_eq!(r[2]["success"], true);
    assert_eq!(org.count("SELECT COUNT() FROM Task").await, 2);

    let (_, r) = org.send(reqwest::Method::POST, "/composite/sobjects", Some(json!({"allOrNone": true, "records": [task("c"), {"attributes": {"type": "Task"}, "Colour": "red"}]}))).await;
    assert_eq!(
        r[0]["errors"][0]["statusCode"],
        "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    );
    assert_eq!(
        org.count("SELECT COUNT() FROM Task").await,
        2,
        "allOrNone rolled the first record back"
    );

    // Update by id: field names are case-insensitive (`id` as in the docs, or `Id`).
    let (_, created) = org
        .send(
            reqwest::Method::POST,
            "/composite/sobjects",
            Some(json!({"records": [task("u1"), task("u2")]})),
        )
        .await;
    let (a, b) = (
        created[0]["id"].as_str().unwrap(),
        created[1]["id"].as_str().unwrap(),
    );
    let (s, r) = org
        .send(
            reqwest::Method::PATCH,
            "/composite/sobjects",
            Some(json!({"records": [
                {"attributes": {"type": "Task"}, "id": a, "Subject": "lower"},
                {"attributes": {"type": "Task"}, "Id": b, "Subject": "upper"}
            ]})),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (r[0]["success"].clone(), r[1]["success"].clone()),
        (json!(true), json!(true)),
        "{r}"
    );
    assert_eq!(
        org.count("SELECT COUNT() FROM Task WHERE Subject = 'lower'")
            .await,
        1
    );

    let many: Vec<Value> = (0..201).map(|i| task(&format!("x{i}"))).collect();
    let (s, r) = org
        .send(
            reqwest::Method::POST,
            "/composite/sobjects",
            Some(json!({"records": many})),
        )
        .await;
    assert_eq!(
        (s, r[0]["errorCode"].as_str()),
        (400, Some("EXCEEDED_ID_LIMIT"))
    );
}

#[tokio::test]
async fn upsert_collection_by_external_id_is_idempotent() {
    let org = Org::new().await;
    let batch = json!({"allOrNone": false, "records": [task("call-1"), task("call-2")]});
    let (s, first) = org
        .send(
            reqwest::Method::PATCH,
            "/composite/sobjects/Task/Ringside_Call_Id__c",
            Some(batch.clone()),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (first[0]["created"].clone(), first[1]["created"].clone()),
        (json!(true), json!(true))
    );
    let (_, again) = org
        .send(
            reqwest::Method::PATCH,
            "/composite/sobjects/Task/Ringside_Call_Id__c",
            Some(batch),
        )
        .await;
    assert_eq!(again[0]["created"], false);
    assert_eq!(again[0]["id"], first[0]["id"]);
    assert_eq!(org.count("SELECT COUNT() FROM Task").await, 2);
}

#[tokio::test]
async fn composite_requests_reference_earlier_results() {
    let org = Org::new().await;
    let (s, r) = org
        .send(
            reqwest::Method::POST,
            "/composite",
            Some(json!({"allOrNone": true, "compositeRequest": [
                {"method": "POST", "url": "/services/data/v59.0/sobjects/Contact", "referenceId": "NewContact", "body": {"LastName": "Lovelace", "Phone": "+44 20 7946 0000"}},
                {"method": "GET", "url": "/services/data/v59.0/sobjects/Contact/@{NewContact.id}?fields=LastName", "referenceId": "ReadBack"},
                {"method": "POST", "url": "/services/data/v59.0/sobjects/Task", "referenceId": "Call", "body": {"Subject": "Call", "WhoId": "@{NewContact.id}"}}
            ]})),
        )
        .await;
    assert_eq!(s, 200);
    let parts = r["compositeResponse"].as_array().unwrap();
    assert_eq!(parts[0]["httpStatusCode"], 201);
    assert_eq!(parts[1]["httpStatusCode"], 200);
    assert_eq!(parts[1]["body"]["LastName"], "Lovelace");
    assert_eq!(parts[2]["httpStatusCode"], 201);
    assert_eq!(parts[1]["referenceId"], "ReadBack");
}

#[tokio::test]
async fn updated_and_deleted_windows() {
    let org = Org::new().await;
    let now = ringside_sandbox::state::now_ms();
    let lead = ringside_sandbox::schema::object("Lead").unwrap();
    let fields = |n: &str| {
        json!({"LastName": n, "Company": "X"})
            .as_object()
            .unwrap()
            .clone()
    };
    // Changes a few minutes ago, so whole minutes cover them.
    let a = org
        .sb
        .db
        .insert(lead, "00Q", fields("A"), now - 240_000)
        .await
        .unwrap();
    let b = org
        .sb
        .db
        .insert(lead, "00Q", fields("B"), now - 230_000)
        .await
        .unwrap();
    assert!(org.sb.db.delete(lead, &b, now - 180_000).await.unwrap());
    let _old = org
        .sb
        .db
        .insert(lead, "00Q", fields("Old"), now - 3_600_000)
        .await
        .unwrap();
    let enc = |ms: i64| format_ms(ms).replace('+', "%2B");
    let q = |kind: &str| {
        format!(
            "/sobjects/Lead/{kind}/?start={}&end={}",
            enc(now - 600_000),
            enc(now)
        )
    };
    let (s, updated) = org.send(reqwest::Method::GET, &q("updated"), None).await;
    assert_eq!(s, 200, "{updated}");
    assert_eq!(
        updated["ids"],
        json!([a]),
        "live records changed in the window, not the deleted one or older ones"
    );
    assert_eq!(
        updated["latestDateCovered"],
        format_ms(now / 60_000 * 60_000)
    );
    let (s, deleted) = org.send(reqwest::Method::GET, &q("deleted"), None).await;
    assert_eq!(s, 200);
    assert_eq!(
        deleted["deletedRecords"],
        json!([{"id": b, "deletedDate": format_ms(now - 180_000)}])
    );
    assert!(deleted.get("earliestDateAvailable").is_some());
    let bad = format!(
        "/sobjects/Lead/updated/?start={}&end={}",
        enc(now),
        enc(now - 600_000)
    );
    let (s, e) = org.send(reqwest::Method::GET, &bad, None).await;
    assert_eq!(
        (s, e[0]["errorCode"].as_str()),
        (400, Some("INVALID_REPLICATION_DATE"))
    );
    let too_old = format!(
        "/sobjects/Lead/updated/?start={}&end={}",
        enc(now - 40 * 86_400_000),
        enc(now - 39 * 86_400_000)
    );
    let (s, _) = org.send(reqwest::Method::GET, &too_old, None).await;
    assert_eq!(s, 400);
}
