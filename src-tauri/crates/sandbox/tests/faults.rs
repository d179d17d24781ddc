#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Injected faults look exactly like Salesforce's own failures.

use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::AGENT_USERNAME;
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

async fn org() -> (Sandbox, String, reqwest::Client, String) {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let url = format!(
        "{}/services/data/v59.0/query?q=SELECT+Id+FROM+Contact",
        sb.http_url
    );
    (sb, token, reqwest::Client::new(), url)
}

#[tokio::test]
async fn server_errors_limits_and_row_locks() {
    let (sb, token, http, url) = org().await;
    sb.set_faults(FaultPlan {
        server_error_rate: 1.0,
        ..Default::default()
    });
    let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
    assert!(r.status().is_server_error());
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "SERVER_UNAVAILABLE"
    );
    // Outside the API (versions, OAuth) nothing is injected.
    assert_eq!(
        http.get(format!("{}/services/data", sb.http_url))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    sb.set_faults(FaultPlan {
        limit_window: Some((2, 2)),
        ..Default::default()
    });
    let codes: Vec<u16> = futures_seq(&http, &url, &token, 4).await;
    assert_eq!(codes, [200, 403, 403, 200]);

    sb.set_faults(FaultPlan {
        row_lock_rate: 1.0,
        ..Default::default()
    });
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "reads are not locked"
    );
    let r = http
        .post(format!("{}/services/data/v59.0/sobjects/Task", sb.http_url))
        .bearer_auth(&token)
        .json(&json!({"Subject": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "UNABLE_TO_LOCK_ROW"
    );
}

async fn futures_seq(http: &reqwest::Client, url: &str, token: &str, n: usize) -> Vec<u16> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    out
}

#[tokio::test]
async fn expiry_ends_the_session_for_real() {
    let (sb, token, http, url) = org().await;
    sb.set_faults(FaultPlan {
        expire_session_every: Some(2),
        ..Default::default()
    });
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()[0]["errorCode"],
        "INVALID_SESSION_ID"
    );
    sb.set_faults(FaultPlan::default());
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "the token stays dead"
    );
}

#[tokio::test]
async fn dropped_connections_fail_mid_response() {
    let (sb, token, http, url) = org().await;
    sb.set_faults(FaultPlan {
        drop_rate: 1.0,
        ..Default::default()
    });
    let r = http.get(&url).bearer_auth(&token).send().await;
    let failed = match r {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(failed, "the response must not complete");
    sb.set_faults(FaultPlan {
        latency_ms: (30, 30),
        ..Default::default()
    });
    let t = std::time::Instant::now();
    assert_eq!(
        http.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(t.elapsed() >= std::time::Duration::from_millis(30));
}

/// A lost response: the write is committed, the client sees a reset. This is
/// the fault that doubles a naive retry.
#[tokio::test]
async fn a_lost_response_still_commits_the_write() {
    let (sb, token, http, _) = org().await;
    sb.set_faults(FaultPlan {
        lost_response_rate: 1.0,
        ..Default::default()
    });
    let sent = http
        .post(format!("{}/services/data/v59.0/sobjects/Task", sb.http_url))
        .bearer_auth(&token)
        .json(&json!({"Subject": "lost answer"}))
        .send()
        .await;
    let body = match sent {
        Ok(r) => r.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the client must not get an answer");
    sb.set_faults(FaultPlan::default());
    let q = http
        .get(format!(
            "{}/services/data/v59.0/query?q=SELECT+Id+FROM+Task+WHERE+Subject+=+'lost+answer'",
            sb.http_url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(q["totalSize"], 1, "{q}");
}

/// Clients that vanish mid-request (a killed process, a timeout) must not
/// break the org: the sandbox finishes or rolls back, and keeps serving.
#[tokio::test]
async fn clients_vanishing_mid_write_leave_the_org_working() {
    let (sb, token, _, _) = org().await;
    let url = format!("{}/services/data/v59.0/composite/sobjects", sb.http_url);
    let records: Vec<Value> = (0..50)
        .map(|i| json!({"attributes": {"type": "Task"}, "Subject": format!("vanish {i}")}))
        .collect();
    let body = json!({"allOrNone": true, "records": records});
    for i in 0..60u64 {
        let impatient = reqwest::Client::builder()
            .timeout(std::time::Duration::from_micros(300 + i * 97))
            .build()
            .unwrap();
        let _ = impatient
            .post(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let http = reqwest::Client::new();
    let r = http
        .get(format!(
            "{}/services/data/v59.0/query?q=SELECT+Id+FROM+Task",
            sb.http_url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    // allOrNone: each batch is all there or not at all.
    assert_eq!(
        v["totalSize"].as_u64().unwrap() % 50,
        0,
        "{}",
        v["totalSize"]
    );
}
