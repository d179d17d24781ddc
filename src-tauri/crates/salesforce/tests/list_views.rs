#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! List views behind the port, against the sandbox: a view's members past
//! the results endpoint's 2,000 rows, in its order, with their numbers,
//! for a cost that grows with pages, not records.

use ringside_crm::client::Method;
use ringside_crm_port::Crm;
use ringside_salesforce::embedded::user_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

#[tokio::test]
async fn dial_1_a_views_members_are_all_read_through_query_paging() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::Demo,
        ..Default::default()
    })
    .await
    .unwrap();
    let client = user_client(&sb, &sb.http_url, None, AGENT_USERNAME)
        .await
        .unwrap();
    let crm = SalesforceCrm::establish(client, false).await.unwrap();
    // 2,100 more Contacts whose last name starts with H: "Call back today".
    for batch in 0..11 {
        let records: Vec<Value> = (0..200)
            .filter(|i| batch * 200 + i < 2_100)
            .map(|i| {
                let n = batch * 200 + i;
                json!({"attributes": {"type": "Contact"}, "LastName": format!("H{n:05}"), "MobilePhone": format!("+1 310 555 {:04}", n % 10_000)})
            })
            .collect();
        let saved: Vec<Value> = crm
            .client
            .call(
                Method::POST,
                "/services/data/v59.0/composite/sobjects",
                Some(json!({"allOrNone": true, "records": records})),
                &[],
            )
            .await
            .unwrap();
        assert!(saved.iter().all(|s| s["success"] == true));
    }
    let lv = crm.list_views().unwrap();
    let views = lv.list_views("Contact").await.unwrap();
    let view = views
        .iter()
        .find(|v| v.api_name == "CallBackToday")
        .expect("the seeded view")
        .clone();
    let before = sb.api_requests();
    let members = lv.members(&view).await.unwrap();
    let calls = sb.api_requests() - before;
    assert!(members.len() > 2_100, "past 2,000: {}", members.len());
    assert!(members.iter().all(|m| m.name.starts_with('H')
        || m.name.contains(" H")
        || m.name.contains(" L")
        || m.name.starts_with('L')));
    let ours: Vec<&str> = members
        .iter()
        .filter(|m| m.name.starts_with("H0"))
        .map(|m| m.name.as_str())
        .collect();
    let mut sorted = ours.clone();
    sorted.sort();
    assert_eq!(ours, sorted, "in the view's order");
    let one = members.iter().find(|m| m.name == "H00042").unwrap();
    assert_eq!(
        one.numbers,
        [("MobilePhone".to_string(), "+1 310 555 0042".to_string())]
    );
    let mut ids: Vec<&str> = members.iter().map(|m| m.record_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), members.len(), "each record once");
    // The describe, then one query call per 2,000 rows.
    assert!(
        calls <= 1 + members.len().div_ceil(2_000) as u64,
        "{calls} calls"
    );
    assert!(
        lv.list_views("User").await.is_err(),
        "people and companies only"
    );
    sb.stop().await;
}
