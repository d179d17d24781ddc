#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! List views in Salesforce's shapes; membership follows the records.

use ringside_sandbox::seed::AGENT_USERNAME;
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

#[tokio::test]
async fn list_views_list_describe_and_results() {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let http = reqwest::Client::new();
    let api = format!("{}/services/data/v59.0", sb.http_url);
    let get = |url: String| {
        let http = http.clone();
        let token = token.clone();
        async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let views = get(format!("{api}/sobjects/Lead/listviews")).await;
    assert_eq!(views["sobjectType"], "Lead");
    assert_eq!(views["size"], 1);
    let open = &views["listviews"][0];
    assert_eq!(open["developerName"], "OpenLeads");
    assert_eq!(open["soqlCompatible"], true);
    let results_url = format!("{}{}", sb.http_url, open["resultsUrl"].as_str().unwrap());
    let results = get(results_url.clone()).await;
    assert_eq!(results["size"], 60);
    assert_eq!(results["columns"][0]["fieldNameOrPath"], "Name");
    let first = &results["records"][0]["columns"];
    assert_eq!(first[0]["fieldNameOrPath"], "Name");
    assert!(first
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["fieldNameOrPath"] == "Id"));
    // A lead that changes status leaves the list (DIAL-4's source of truth).
    let id = first
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["fieldNameOrPath"] == "Id")
        .unwrap()["value"]
        .as_str()
        .unwrap()
        .to_string();
    let r = http
        .patch(format!("{api}/sobjects/Lead/{id}"))
        .bearer_auth(&token)
        .json(&json!({"Status": "Working - Contacted"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(get(results_url).await["size"], 59);
    let describe = get(format!(
        "{}{}",
        sb.http_url,
        open["describeUrl"].as_str().unwrap()
    ))
    .await;
    assert_eq!(describe["query"], "SELECT Id, Name, Company, Phone, Status FROM Lead WHERE Status = 'Open - Not Contacted' ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST");
    let r = http
        .get(format!(
            "{api}/sobjects/Lead/listviews/00B000000000000AAA/results"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
