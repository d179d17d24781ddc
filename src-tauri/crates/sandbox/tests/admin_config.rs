#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Ringside's admin configuration as an org holds it (CONF-1, CONF-2): a
//! hierarchy setting with one row per owner, disposition records, and the
//! `Ringside_Admin` custom permission deciding who may change them.

use ringside_sandbox::seed::{ADMIN_USERNAME, AGENT_PROFILE, AGENT_USERNAME, DISPOSITIONS};
use serde_json::{json, Value};

mod common;

const V: &str = "v59.0";

async fn query(sb: &ringside_sandbox::Sandbox, token: &str, soql: &str) -> Vec<Value> {
    let r = reqwest::Client::new()
        .get(format!("{}/services/data/{V}/query", sb.http_url))
        .query(&[("q", soql)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{soql}");
    r.json::<Value>().await.unwrap()["records"]
        .as_array()
        .unwrap()
        .clone()
}

/// POST a record; the status and the body.
async fn post(
    sb: &ringside_sandbox::Sandbox,
    token: &str,
    kind: &str,
    body: Value,
) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(format!("{}/services/data/{V}/sobjects/{kind}", sb.http_url))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

fn code(body: &Value) -> &str {
    body[0]["errorCode"].as_str().unwrap_or("")
}

#[tokio::test]
async fn conf_1_the_org_default_row_and_the_codes_are_seeded() {
    let (sb, agent, _) = common::org().await;
    let rows = query(&sb, &agent, "SELECT SetupOwnerId, Offer_Do_Not_Log__c, Sync_Interval_Seconds__c FROM Ringside_Settings__c").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["SetupOwnerId"], json!(sb.org_id()));
    assert_eq!(rows[0]["Offer_Do_Not_Log__c"], "true");
    let codes = query(
        &sb,
        &agent,
        "SELECT Name, Active__c FROM Ringside_Disposition__c ORDER BY Sort_Order__c",
    )
    .await;
    let got: Vec<(&str, bool)> = codes
        .iter()
        .map(|c| {
            (
                c["Name"].as_str().unwrap(),
                c["Active__c"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        DISPOSITIONS.to_vec(),
        "retired codes are kept, inactive"
    );
    let me = query(
        &sb,
        &agent,
        "SELECT ProfileId FROM User WHERE Username = 'agent@ringside.sandbox'",
    )
    .await;
    let profile = me[0]["ProfileId"].as_str().unwrap().to_string();
    let p = query(
        &sb,
        &agent,
        &format!("SELECT Name FROM Profile WHERE Id = '{profile}'"),
    )
    .await;
    assert_eq!(p[0]["Name"], AGENT_PROFILE);
}

#[tokio::test]
async fn conf_2_only_holders_of_the_admin_permission_change_settings() {
    let (sb, agent, _) = common::org().await;
    let (admin, _) = sb.issue_tokens_for(ADMIN_USERNAME).await.unwrap();
    // Who is an admin: the running user's own custom permissions.
    let mine = "SELECT DeveloperName FROM UserSetupEntityAccess WHERE DeveloperName = 'Ringside_Admin' AND NamespacePrefix = null";
    assert_eq!(query(&sb, &agent, mine).await.len(), 0);
    assert_eq!(query(&sb, &admin, mine).await.len(), 1);

    let user = query(
        &sb,
        &agent,
        &format!("SELECT Id FROM User WHERE Username = '{AGENT_USERNAME}'"),
    )
    .await[0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let row = json!({"SetupOwnerId": user, "Default_Country__c": "DE"});
    let (status, body) = post(&sb, &agent, "Ringside_Settings__c", row.clone()).await;
    assert_eq!(
        (status, code(&body)),
        (400, "INSUFFICIENT_ACCESS_OR_READONLY")
    );
    let (status, body) = post(
        &sb,
        &agent,
        "Ringside_Disposition__c",
        json!({"Name": "Mine"}),
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (400, "INSUFFICIENT_ACCESS_OR_READONLY")
    );

    let (status, body) = post(&sb, &admin, "Ringside_Settings__c", row.clone()).await;
    assert_eq!(status, 201, "{body}");
    // One row per owner, as a hierarchy setting has.
    let (status, body) = post(&sb, &admin, "Ringside_Settings__c", row).await;
    assert_eq!((status, code(&body)), (400, "DUPLICATE_VALUE"));
    let (status, body) = post(
        &sb,
        &admin,
        "Ringside_Settings__c",
        json!({"SetupOwnerId": "001000000000001AAA"}),
    )
    .await;
    assert_eq!((status, code(&body)), (400, "FIELD_INTEGRITY_EXCEPTION"));
    let (status, body) = post(
        &sb,
        &admin,
        "Ringside_Settings__c",
        json!({"Default_Country__c": "DE"}),
    )
    .await;
    assert_eq!((status, code(&body)), (400, "REQUIRED_FIELD_MISSING"));
    // Setup data is not written over REST, not even by an admin.
    let (status, body) = post(
        &sb,
        &admin,
        "UserSetupEntityAccess",
        json!({"DeveloperName": "Ringside_Admin", "AssigneeId": user}),
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (400, "INSUFFICIENT_ACCESS_OR_READONLY")
    );
    assert_eq!(query(&sb, &agent, mine).await.len(), 0);
    let rows = query(
        &sb,
        &agent,
        "SELECT SetupOwnerId, Default_Country__c FROM Ringside_Settings__c",
    )
    .await;
    assert_eq!(rows.len(), 2, "agents read every row");
}
