#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Bulk API 2.0 query jobs: CSV pages chained by Sforce-Locator.

use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{schema, Sandbox, SandboxConfig};
use serde_json::{json, Value};

mod common;

#[tokio::test]
async fn a_query_job_streams_every_row_once_in_csv_pages() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let contact = schema::object("Contact").unwrap();
    for i in 0..1250 {
        let name = if i == 7 {
            "O\"Brien, Jr.".to_string()
        } else {
            format!("Caller {i}")
        };
        let f = json!({"LastName": name, "Phone": format!("+1 310 555 {i:04}")});
        sb.db
            .insert(
                contact,
                "003",
                f.as_object().unwrap().clone(),
                1_700_000_000_000 + i,
            )
            .await
            .unwrap();
    }
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let http = reqwest::Client::new();
    let base = format!("{}/services/data/v59.0/jobs/query", sb.http_url);
    let r = http
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"operation": "query", "query": "SELECT Id, LastName, Phone FROM Contact"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["state"], "UploadComplete");
    assert_eq!(job["contentType"], "CSV");
    let id = job["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("750"));
    let info: Value = http
        .get(format!("{base}/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["state"], "JobComplete");
    assert_eq!(info["numberRecordsProcessed"], 1250);

    let mut locator: Option<String> = None;
    let mut rows = 0;
    let mut pages = 0;
    let mut seen = std::collections::HashSet::new();
    loop {
        let mut url = format!("{base}/{id}/results?maxRecords=500");
        if let Some(l) = &locator {
            url.push_str(&format!("&locator={l}"));
        }
        let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let next = r.headers()["sforce-locator"].to_str().unwrap().to_string();
        let n: usize = r.headers()["sforce-numberofrecords"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let csv = r.text().await.unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("\"Id\",\"LastName\",\"Phone\""));
        let body: Vec<&str> = lines.collect();
        assert_eq!(body.len(), n);
        for l in &body {
            assert!(seen.insert(l[1..19].to_string()), "row sent twice: {l}");
        }
        if csv.contains("O\"\"Brien, Jr.") {
            assert!(
                csv.contains("\"O\"\"Brien, Jr.\""),
                "quotes doubled, commas kept inside quotes"
            );
        }
        rows += n;
        pages += 1;
        if next == "null" {
            break;
        }
        locator = Some(next);
    }
    assert_eq!((rows, pages), (1250, 3));
}

#[tokio::test]
async fn bad_jobs_are_refused() {
    let (sb, token, http) = common::org().await;
    let base = format!("{}/services/data/v59.0/jobs/query", sb.http_url);
    let r = http
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"operation": "query", "query": "SELEKT Id FROM Contact"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "MALFORMED_QUERY"
    );
    let r = http
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"operation": "delete", "query": "SELECT Id FROM Contact"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = http
        .get(format!("{base}/750000000000001AAA/results"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_deleted_query_job_is_gone() {
    let (sb, token, http) = common::org().await;
    let base = format!("{}/services/data/v59.0/jobs/query", sb.http_url);
    let job: Value = http
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"operation": "query", "query": "SELECT Id FROM User"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = format!("{base}/{}", job["id"].as_str().unwrap());
    let r = http.delete(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 204);
    for r in [
        http.get(&url).bearer_auth(&token).send().await.unwrap(),
        http.delete(&url).bearer_auth(&token).send().await.unwrap(),
    ] {
        assert_eq!(r.status(), 404);
        assert_eq!(
            r.json::<Value>().await.unwrap()[0]["errorCode"],
            "NOT_FOUND"
        );
    }
}
