#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The demo org: realistic, deterministic, and with shared numbers.

use ringside_sandbox::seed::{demo_phone, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

async fn count(sb: &Sandbox, token: &str, soql: &str) -> u64 {
    let r = reqwest::Client::new()
        .get(format!("{}/services/data/v59.0/query", sb.http_url))
        .bearer_auth(token)
        .query(&[("q", soql)])
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap()["totalSize"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn the_demo_org_has_every_kind_of_record() {
    let dir = std::env::temp_dir().join(format!("ringside-seed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("org.db");
    let sb = Sandbox::start(SandboxConfig {
        db_path: Some(db.clone()),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    for (soql, want) in [
        ("SELECT COUNT() FROM Contact", 120),
        ("SELECT COUNT() FROM Lead", 60),
        (
            "SELECT COUNT() FROM Account WHERE IsPersonAccount = true",
            12,
        ),
        (
            "SELECT COUNT() FROM Account WHERE IsPersonAccount = false",
            10,
        ),
        ("SELECT COUNT() FROM Case WHERE IsClosed = false", 30),
        ("SELECT COUNT() FROM ServicePresenceStatus", 6),
        ("SELECT COUNT() FROM User", 3),
        ("SELECT COUNT() FROM Profile", 2),
        ("SELECT COUNT() FROM Ringside_Disposition__c", 6),
        ("SELECT COUNT() FROM Ringside_Settings__c", 1),
    ] {
        assert_eq!(count(&sb, &token, soql).await, want, "{soql}");
    }
    // A number shared by a contact and a lead: two matches for the picker.
    let digits: String = demo_phone(10)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let r = reqwest::Client::new()
        .get(format!("{}/services/data/v59.0/search", sb.http_url))
        .bearer_auth(&token)
        .query(&[(
            "q",
            format!("FIND {{{digits}}} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id)"),
        )])
        .send()
        .await
        .unwrap();
    let found: Value = r.json().await.unwrap();
    assert_eq!(
        found["searchRecords"].as_array().unwrap().len(),
        2,
        "{found}"
    );
    // Seeding is idempotent: a restart on the same file adds nothing.
    sb.stop().await;
    let sb = Sandbox::start(SandboxConfig {
        db_path: Some(db),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    assert_eq!(count(&sb, &token, "SELECT COUNT() FROM Contact").await, 120);
}
