#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! BUDGET-1 behind the port, against the sandbox org: the usage every
//! answer reports, `/limits`, and the install heartbeat, with the API
//! requests each costs and the org's own figures beside them.

use ringside_crm_port::Crm;
use ringside_salesforce::embedded::user_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::seed::{Seed, ADMIN_USERNAME, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};

async fn as_user(sb: &Sandbox, who: &str) -> SalesforceCrm {
    let client = user_client(sb, &sb.http_url, None, who).await.unwrap();
    SalesforceCrm::establish(client, false).await.unwrap()
}

#[tokio::test]
async fn usage_limits_and_heartbeats_cost_what_they_say() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        licences: Some(250),
        ..Default::default()
    })
    .await
    .unwrap();
    let agent = as_user(&sb, AGENT_USERNAME).await;
    let b = agent.budget().unwrap();
    // Known from the answers establishing the link already: no request.
    let before = sb.api_requests();
    let u = b.usage().unwrap();
    assert_eq!(u.max, 350_000);
    assert_eq!(u.used, sb.api_usage().0);
    assert_eq!(sb.api_requests(), before);
    let made = b.requests_made();
    assert!(made > 0);

    let fresh = b.read_usage().await.unwrap();
    assert_eq!(sb.api_requests(), before + 1, "/limits is one request");
    assert_eq!(fresh.used, before + 1);
    assert_eq!(b.requests_made(), made + 1);

    // One request each: the upsert and the count in one composite.
    assert_eq!(b.heartbeat("rs00aa", "0.1.0").await.unwrap(), 1);
    assert_eq!(sb.api_requests(), before + 2);
    // Again the same day: still one install.
    assert_eq!(b.heartbeat("rs00aa", "0.1.0").await.unwrap(), 1);
    let admin = as_user(&sb, ADMIN_USERNAME).await;
    assert_eq!(
        admin
            .budget()
            .unwrap()
            .heartbeat("rs00bb", "0.1.0")
            .await
            .unwrap(),
        2
    );
    // A hostile key is refused before it reaches the org.
    let before = sb.api_requests();
    assert!(b.heartbeat("x' OR '1'='1", "0.1.0").await.is_err());
    assert_eq!(sb.api_requests(), before);
    sb.stop().await;
}
