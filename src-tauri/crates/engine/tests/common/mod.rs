//! Helpers the engine's test files share.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each file uses some; tests fail loudly

use std::time::Duration;

use ringside_crm::SalesforceClient;
use ringside_engine::ipc::Snapshot;
use ringside_engine::EngineHandle;
use ringside_salesforce::embedded::agent_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::Sandbox;

/// The sandbox as a connection, signed in as the demo agent (`sandbox`:
/// shown as the built-in CRM rather than an org).
pub async fn salesforce(sb: &Sandbox, sandbox: bool) -> SalesforceCrm {
    SalesforceCrm::establish(client(sb).await, sandbox)
        .await
        .unwrap()
}

/// The sandbox as a real org (not the built-in CRM), signed in as `username`.
pub async fn org_as(sb: &Sandbox, username: &str) -> SalesforceCrm {
    let client = ringside_salesforce::embedded::user_client(sb, &sb.http_url, None, username)
        .await
        .unwrap();
    SalesforceCrm::establish(client, false).await.unwrap()
}

/// A Salesforce client on the sandbox, signed in as the demo agent.
pub async fn client(sb: &Sandbox) -> SalesforceClient {
    agent_client(sb, &sb.http_url, None).await.unwrap()
}

/// The first snapshot that satisfies `ok` (20 s at most).
pub async fn until(e: &EngineHandle, what: &str, ok: impl Fn(&Snapshot) -> bool) -> Snapshot {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let s = e.snapshot().await.unwrap();
            if ok(&s) {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}
pub mod callers;
pub mod delivery;
