#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The standard resources third-party clients read before anything else:
//! versions, a version's resources, describe global, basic information,
//! `/recent` and `/limits`, in the shapes of the captured responses.

mod common;

use common::{create, org};
use ringside_sandbox::schema::OBJECTS;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../../tests/fixtures/salesforce/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

async fn get(sb: &Sandbox, token: &str, path: &str) -> (u16, Value, reqwest::header::HeaderMap) {
    let r = reqwest::Client::new()
        .get(format!("{}{path}", sb.http_url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, r.json().await.unwrap_or(Value::Null), headers)
}

/// Same JSON kind (string, number, object…) for every key of `want` in `got`.
fn same_shape(want: &Value, got: &Value, at: &str) {
    let kind = |v: &Value| match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    assert_eq!(kind(want), kind(got), "{at}: {got}");
    if let (Value::Object(w), Value::Object(g)) = (want, got) {
        for (k, v) in w {
            let inner = g
                .get(k)
                .unwrap_or_else(|| panic!("{at}.{k} missing in {got}"));
            same_shape(v, inner, &format!("{at}.{k}"));
        }
    }
}

#[tokio::test]
async fn old_and_new_api_versions_are_served() {
    let (sb, token, _) = org().await;
    let (s, versions, _) = get(&sb, &token, "/services/data").await;
    assert_eq!(s, 200);
    let list = versions.as_array().unwrap();
    same_shape(
        &fixture("services_data_success_response.json")[0],
        &list[0],
        "version",
    );
    let names: Vec<&str> = list
        .iter()
        .map(|v| v["version"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"31.0"));
    assert_eq!(names.last(), Some(&"61.0"));
    assert_eq!(names.len(), 31);
    let v50 = list.iter().find(|v| v["version"] == "50.0").unwrap();
    assert_eq!(v50["label"], "Winter '21");
    assert_eq!(v50["url"], "/services/data/v50.0");
    // jsforce's default version answers like any other; a retired one does not.
    let (s, _, _) = get(
        &sb,
        &token,
        "/services/data/v50.0/query?q=SELECT+Id+FROM+User",
    )
    .await;
    assert_eq!(s, 200);
    let (s, body, _) = get(
        &sb,
        &token,
        "/services/data/v30.0/query?q=SELECT+Id+FROM+User",
    )
    .await;
    assert_eq!(s, 404);
    assert_eq!(body[0]["errorCode"], "NOT_FOUND");
}

#[tokio::test]
async fn a_version_lists_resources_that_answer_and_the_callers_identity() {
    let (sb, token, _) = org().await;
    let (s, listing, _) = get(&sb, &token, "/services/data/v59.0").await;
    assert_eq!(s, 200, "{listing}");
    let map = listing.as_object().unwrap();
    for name in [
        "sobjects",
        "query",
        "search",
        "composite",
        "limits",
        "recent",
    ] {
        assert_eq!(map[name], format!("/services/data/v59.0/{name}"), "{name}");
    }
    for (name, url) in map {
        let url = url.as_str().unwrap();
        if name == "identity" || name == "jobs" {
            continue; // the identity is read below; jobs is the parent of jobs/query
        }
        let r = reqwest::Client::new()
            .get(format!("{}{url}", sb.http_url))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), 404, "{name} ({url}) is listed but not served");
    }
    let identity = map["identity"].as_str().unwrap();
    assert!(identity.starts_with(&format!("{}/id/00D", sb.http_url)));
    let me: Value = reqwest::Client::new()
        .get(identity)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], ringside_sandbox::seed::AGENT_USERNAME);
    assert_eq!(me["id"], identity);
    // Without a session there is no listing.
    let r = reqwest::Client::new()
        .get(format!("{}/services/data/v59.0", sb.http_url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn describe_global_lists_every_object_in_the_captured_shape() {
    let (sb, token, http) = org().await;
    let (s, global, _) = get(&sb, &token, "/services/data/v59.0/sobjects").await;
    assert_eq!(s, 200);
    let captured = fixture("describe_sobjects_success_response.json");
    assert_eq!(global["encoding"], captured["encoding"]);
    assert_eq!(global["maxBatchSize"], captured["maxBatchSize"]);
    let entries = global["sobjects"].as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    let served: Vec<&str> = OBJECTS.iter().map(|o| o.name).collect();
    assert_eq!(names, served);
    for entry in entries {
        let name = entry["name"].as_str().unwrap();
        same_shape(&captured["sobjects"][0], entry, name);
        let (s, described, _) = get(&sb, &token, entry["urls"]["describe"].as_str().unwrap()).await;
        assert_eq!(s, 200, "{name}");
        assert_eq!(described["name"], name);
        assert_eq!(described["labelPlural"], entry["labelPlural"]);
    }
    // The key prefix is the one the object's ids start with.
    let id = create(&sb, &token, &http, "Contact", json!({"LastName": "Prefix"})).await;
    let contact = entries.iter().find(|o| o["name"] == "Contact").unwrap();
    assert_eq!(contact["keyPrefix"], &id[..3]);
    assert_eq!(contact["labelPlural"], "Contacts");
}

#[tokio::test]
async fn recent_lists_viewed_records_newest_first() {
    let (sb, token, http) = org().await;
    let mut cases = Vec::new();
    for (n, viewed) in [
        (1, Some("2024-03-01T10:00:00.000+0000")),
        (2, Some("2024-03-03T10:00:00.000+0000")),
        (3, None),
        (4, Some("2024-03-02T10:00:00.000+0000")),
    ] {
        let mut body = json!({"CaseNumber": format!("0000100{n}"), "Subject": "Line down"});
        if let Some(v) = viewed {
            body["LastViewedDate"] = json!(v);
        }
        cases.push(create(&sb, &token, &http, "Case", body).await);
    }
    let (s, recent, _) = get(&sb, &token, "/services/data/v59.0/recent?limit=2").await;
    assert_eq!(s, 200);
    let ids: Vec<&str> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [cases[1].as_str(), cases[3].as_str()]);
    let captured = &fixture("recent_success_response.json")[0];
    same_shape(
        &captured["attributes"],
        &recent[0]["attributes"],
        "attributes",
    );
    assert_eq!(recent[0]["attributes"]["type"], "Case");
    assert_eq!(recent[0]["CaseNumber"], "00001002");

    let (s, info, _) = get(&sb, &token, "/services/data/v59.0/sobjects/Case").await;
    assert_eq!(s, 200);
    assert_eq!(info["objectDescribe"]["name"], "Case");
    assert_eq!(info["recentItems"].as_array().unwrap().len(), 3);
    let (_, info, _) = get(&sb, &token, "/services/data/v59.0/sobjects/Contact").await;
    assert_eq!(info["recentItems"], json!([]));
}

#[tokio::test]
async fn limits_count_the_same_requests_as_the_limit_header() {
    let (sb, token, http) = org().await;
    let used = |h: &reqwest::header::HeaderMap| -> u64 {
        let v = h["sforce-limit-info"].to_str().unwrap();
        v.strip_prefix("api-usage=")
            .and_then(|u| u.split('/').next())
            .unwrap()
            .parse()
            .unwrap()
    };
    let (s, first, h1) = get(&sb, &token, "/services/data/v59.0/limits").await;
    assert_eq!(s, 200);
    let api = &first["DailyApiRequests"];
    // 100 licences: 100,000 + 1,000 each.
    assert_eq!(api["Max"], 200_000);
    assert_eq!(api["Remaining"], 200_000 - used(&h1));
    create(
        &sb,
        &token,
        &http,
        "Contact",
        json!({"LastName": "Counted"}),
    )
    .await;
    let r = http
        .post(format!("{}/services/data/v59.0/jobs/query", sb.http_url))
        .bearer_auth(&token)
        .json(&json!({"operation": "query", "query": "SELECT Id FROM Contact"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, second, h2) = get(&sb, &token, "/services/data/v59.0/limits").await;
    assert_eq!(used(&h2), used(&h1) + 3);
    assert_eq!(second["DailyApiRequests"]["Remaining"], 200_000 - used(&h2));
    let jobs = |l: &Value| l["DailyBulkV2QueryJobs"]["Remaining"].as_u64().unwrap();
    assert_eq!(jobs(&first) - jobs(&second), 1);
    assert_eq!(sb.api_requests(), used(&h2));
}

/// BUDGET-1's other side: an org whose allocation is spent answers every
/// API request `REQUEST_LIMIT_EXCEEDED` (with the usage in the header)
/// until its requests age out of the rolling 24 hours; signing in is no
/// API request and still works.
#[tokio::test]
async fn a_spent_allocation_is_request_limit_exceeded_until_the_window_rolls() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        api_allocation: Some(4),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    for i in 1..=4 {
        let (s, _, h) = get(&sb, &token, "/services/data/v59.0/limits").await;
        assert_eq!(s, 200, "request {i}");
        assert_eq!(h["sforce-limit-info"], format!("api-usage={i}/4").as_str());
    }
    let (s, body, h) = get(&sb, &token, "/services/data/v59.0/sobjects/Contact").await;
    assert_eq!(s, 403);
    assert_eq!(body[0]["errorCode"], "REQUEST_LIMIT_EXCEEDED", "{body}");
    assert_eq!(body[0]["message"], "TotalRequests Limit exceeded.");
    assert_eq!(h["sforce-limit-info"], "api-usage=4/4");
    assert_eq!(sb.api_usage(), (4, 4));
    // A day later the window has rolled.
    sb.advance_org_clock(std::time::Duration::from_secs(24 * 3_600 + 60));
    let (s, _, h) = get(&sb, &token, "/services/data/v59.0/limits").await;
    assert_eq!(s, 200);
    assert_eq!(h["sforce-limit-info"], "api-usage=1/4");
}

/// An org of 1,000 licences has 1,100,000 requests a day.
#[tokio::test]
async fn the_allocation_follows_the_licences() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        licences: Some(1_000),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let (_, limits, _) = get(&sb, &token, "/services/data/v59.0/limits").await;
    assert_eq!(limits["DailyApiRequests"]["Max"], 1_100_000);
    assert_eq!(limits["DailyApiRequests"]["Remaining"], 1_099_999);
}
