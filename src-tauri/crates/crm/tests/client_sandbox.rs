#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The real client against the sandbox: PKCE sign-in through a loopback
//! redirect, REST calls, one refresh on an expired session and never a loop.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ringside_crm::oauth::{authorize_url, catch_redirect, exchange_code, random_state, Pkce};
use ringside_crm::{http_client, Credentials, CrmError, SalesforceClient, Sensitive};
use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};
use serde_json::json;
use tokio::net::TcpListener;

const CLIENT: &str = "ringside-desktop";

/// Plays the browser: loads the page, signs in, follows the redirect.
async fn browser(
    authorize: String,
    redirect_uri: String,
    challenge: String,
    state: String,
    ca: Vec<u8>,
) {
    let b = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .add_root_certificate(reqwest::Certificate::from_pem(&ca).unwrap())
        .build()
        .unwrap();
    assert_eq!(b.get(&authorize).send().await.unwrap().status(), 200);
    let base = authorize
        .split("/services/oauth2")
        .next()
        .unwrap()
        .to_string();
    let r = b
        .post(format!("{base}/services/oauth2/authorize"))
        .form(&[
            ("client_id", CLIENT),
            ("redirect_uri", &redirect_uri),
            ("code_challenge", &challenge),
            ("state", &state),
            ("username", AGENT_USERNAME),
            ("password", "ringside"),
        ])
        .send()
        .await
        .unwrap();
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let page = b.get(location).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("You can close this window"));
}

#[tokio::test]
async fn pkce_sign_in_through_a_loopback_redirect() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        https_port: Some(0),
        cert_dir: Some(std::env::temp_dir().join(format!("rs-crm-{}", std::process::id()))),
        ..Default::default()
    })
    .await
    .unwrap();
    let login = sb.https_url.clone().unwrap();
    let ca = std::fs::read(sb.cert_path.as_ref().unwrap()).unwrap();
    let http = http_client(Some(&ca)).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let redirect_uri = format!(
        "http://127.0.0.1:{}/callback",
        listener.local_addr().unwrap().port()
    );
    let pkce = Pkce::new();
    let state = random_state();
    let url = authorize_url(&login, CLIENT, &redirect_uri, &pkce, &state);
    let driver = tokio::spawn(browser(
        url,
        redirect_uri.clone(),
        pkce.challenge.clone(),
        state.clone(),
        ca,
    ));
    let cb = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        catch_redirect(&listener, &state),
    )
    .await
    .expect("no redirect within 10 s")
    .unwrap();
    driver.await.unwrap();
    let tokens = exchange_code(&http, &login, CLIENT, &redirect_uri, &cb.code, &pkce)
        .await
        .unwrap();
    assert_eq!(tokens.instance_url, login);
    let tokens_id = tokens.id.clone();
    let client = SalesforceClient::new(
        http,
        &tokens.instance_url,
        &login,
        CLIENT,
        Credentials {
            access: Sensitive::new(tokens.access_token),
            refresh: tokens.refresh_token.map(Sensitive::new),
        },
    );
    // The identity URL and userinfo agree on who signed in (the Task owner).
    let me = client.userinfo().await.unwrap();
    assert_eq!(me.preferred_username, "agent@ringside.sandbox");
    assert!(tokens_id.ends_with(&format!("/{}/{}", me.organization_id, me.user_id)));
    // The sandbox's Task declares the idempotency key Ringside upserts on.
    let task = client.describe("Task").await.unwrap();
    assert!(task.has_external_id("Ringside_Call_Id__c"));
    assert!(task.has_external_id("CallObject"));
    assert!(!task.has_external_id("Subject"));
    let created = client
        .create(
            "Contact",
            &json!({"LastName": "Lamarr", "Phone": "+1 310 555 0199"}),
        )
        .await
        .unwrap();
    let id = created.id.unwrap();
    assert_eq!(
        client.get("Contact", &id).await.unwrap()["LastName"],
        "Lamarr"
    );
    let found = client
        .search("FIND {3105550199} IN PHONE FIELDS RETURNING Contact(Id)")
        .await
        .unwrap();
    assert_eq!(found.records().len(), 1);
    // Signing out revokes the grant: the same token no longer works.
    client.revoke().await.unwrap();
    assert_eq!(
        client.query("SELECT Id FROM Contact").await.unwrap_err(),
        CrmError::InvalidSession
    );
}

async fn client_for(sb: &Sandbox, refreshes: Arc<AtomicUsize>) -> SalesforceClient {
    let (access, refresh) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let creds = Credentials {
        access: Sensitive::new(access),
        refresh: Some(Sensitive::new(refresh)),
    };
    SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        CLIENT,
        creds,
    )
    .on_refresh(Arc::new(move |_| {
        refreshes.fetch_add(1, Ordering::SeqCst);
        Box::pin(async {})
    }))
}

#[tokio::test]
async fn refreshes_once_per_expiry_with_rotation() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        options: SandboxOptions {
            rotate_refresh_tokens: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let refreshes = Arc::new(AtomicUsize::new(0));
    let client = client_for(&sb, refreshes.clone()).await;
    let before = client.credentials().await;
    sb.set_faults(FaultPlan {
        expire_session_every: Some(3),
        ..Default::default()
    });
    for _ in 0..6 {
        client.query("SELECT Id FROM Contact").await.unwrap();
    }
    // Requests 3, 6 and 9 expired the session: each cost one refresh and one retry.
    assert_eq!(refreshes.load(Ordering::SeqCst), 2);
    let after = client.credentials().await;
    assert_ne!(
        after.refresh, before.refresh,
        "the rotated refresh token is kept"
    );
}

/// A freshly refreshed token refused again is refreshed once more, but a
/// session the org refuses every time is a bounded, retryable failure: the
/// refresh token still works, so signing in again is not what is needed.
#[tokio::test]
async fn a_token_refused_right_after_its_refresh_is_refreshed_again_but_not_forever() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let refreshes = Arc::new(AtomicUsize::new(0));
    let client = client_for(&sb, refreshes.clone()).await;
    sb.set_faults(FaultPlan {
        expire_session_every: Some(1),
        ..Default::default()
    });
    let e = client.query("SELECT Id FROM Contact").await.unwrap_err();
    assert!(
        matches!(&e, CrmError::Transient { code, .. } if code == "INVALID_SESSION_ID"),
        "{e:?}"
    );
    assert_eq!(
        refreshes.load(Ordering::SeqCst),
        2,
        "two refreshes, then it gives up"
    );
    sb.set_faults(FaultPlan::default());
    client.query("SELECT Id FROM Contact").await.unwrap();
}

#[tokio::test]
async fn a_refused_refresh_is_invalid_session_not_a_loop() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let refreshes = Arc::new(AtomicUsize::new(0));
    let client = client_for(&sb, refreshes.clone()).await;
    client.revoke().await.unwrap(); // kills both tokens
    let t = std::time::Instant::now();
    assert_eq!(
        client.query("SELECT Id FROM Contact").await.unwrap_err(),
        CrmError::InvalidSession
    );
    assert_eq!(refreshes.load(Ordering::SeqCst), 0);
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
}
