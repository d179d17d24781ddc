#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! MATCH-6 / SYNC-4: a live CRM search on a local miss finds a record
//! created a moment ago, whatever format it stores the number in, and only
//! exact matches count.

use ringside_contacts::live::live_search;
use ringside_contacts::sync::SyncOptions;
use ringside_contacts::{ContactStore, Kind, Region};
use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

async fn org() -> (Sandbox, SalesforceClient) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let (a, r) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let c = SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        "ringside-desktop",
        Credentials {
            access: Sensitive::new(a),
            refresh: Some(Sensitive::new(r)),
        },
    );
    (sb, c)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_6_a_record_created_a_moment_ago_is_found_live_and_kept() {
    let (_sb, c) = org().await;
    let opts = SyncOptions {
        region: Region::US,
        person_accounts: true,
        page: 100,
        poll_ms: 10,
    };
    let acct = c
        .create("Account", &json!({"Name": "Acme Tools"}))
        .await
        .unwrap()
        .id
        .unwrap();
    let contact = c
        .create(
            "Contact",
            &json!({"LastName": "Lopez", "FirstName": "Maria", "AccountId": acct, "MobilePhone": "(310) 867-5309 x12"}),
        )
        .await
        .unwrap()
        .id
        .unwrap();
    // Same last seven digits, other area code: a digit search may return it; it must not match.
    c.create(
        "Lead",
        &json!({"LastName": "Other", "Company": "Elsewhere", "Phone": "212-867-5309"}),
    )
    .await
    .unwrap();
    let store = ContactStore::open_in_memory().await.unwrap();
    assert!(store
        .lookup("+13108675309", Region::US)
        .await
        .unwrap()
        .is_empty());

    let found = live_search(&c, &store, "+1 310 867 5309", &opts)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &found[0];
    assert_eq!((m.id.as_str(), m.kind), (contact.as_str(), Kind::Contact));
    assert_eq!(m.name, "Maria Lopez");
    assert_eq!(
        m.company.as_deref(),
        Some("Acme Tools"),
        "the account's name is fetched"
    );
    assert_eq!(m.field, "MobilePhone");
    assert_eq!(m.extension.as_deref(), Some("12"));
    // Kept: the next ring pops from the local store without the network.
    let again = store.lookup("3108675309", Region::US).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, contact);

    // Nothing in the CRM: nothing found, no error.
    assert!(live_search(&c, &store, "+44 20 7946 0958", &opts)
        .await
        .unwrap()
        .is_empty());
    // Not a number: nothing asked.
    assert!(live_search(&c, &store, "anonymous", &opts)
        .await
        .unwrap()
        .is_empty());
}
