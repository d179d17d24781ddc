#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Connecting a real org: browser sign-in with PKCE through the loopback
//! redirect, the refresh token kept only in the keychain, reconnect at the
//! next start without the browser, and disconnect = revoke + delete.

use std::sync::Arc;
use std::time::Duration;

use ringside_core::{CallId, CallSignal, LoginEvent};
use ringside_crm::{
    http_client, Credentials, MemorySecrets, SalesforceClient, SecretError, SecretKey, SecretStore,
    Sensitive,
};
use ringside_crm_port::{Opener, OrgTarget, SavedAccount};
use ringside_engine::crm::NotConnectedWhy;
use ringside_engine::ipc::{CrmStatus, ErrorCode, Request};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_salesforce::org::reconnect;
use ringside_salesforce::SalesforceProvider;
use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};
use ringside_softphone::{spawn_simulator, SimulatorProbe};

fn query_param(url: &str, name: &str) -> String {
    let q = url.split_once('?').unwrap().1;
    let raw = q
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .unwrap();
    let mut out = Vec::new();
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&raw[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Plays the agent in the browser: the sandbox's login page, then the redirect.
fn browser(ca: Vec<u8>, opened: Arc<std::sync::Mutex<Vec<String>>>) -> Opener {
    Arc::new(move |url: &str| {
        opened.lock().unwrap().push(url.to_string());
        let url = url.to_string();
        let ca = ca.clone();
        tokio::spawn(async move {
            let b = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .add_root_certificate(reqwest::Certificate::from_pem(&ca).unwrap())
                .build()
                .unwrap();
            assert_eq!(b.get(&url).send().await.unwrap().status(), 200);
            let base = url.split("/services/oauth2").next().unwrap().to_string();
            let r = b
                .post(format!("{base}/services/oauth2/authorize"))
                .form(&[
                    ("client_id", query_param(&url, "client_id")),
                    ("redirect_uri", query_param(&url, "redirect_uri")),
                    ("code_challenge", query_param(&url, "code_challenge")),
                    ("state", query_param(&url, "state")),
                    ("username", AGENT_USERNAME.to_string()),
                    ("password", "ringside".to_string()),
                ])
                .send()
                .await
                .unwrap();
            let location = r.headers()["location"].to_str().unwrap().to_string();
            b.get(location).send().await.unwrap();
        });
        Ok(())
    })
}

async fn engine(
    db: &std::path::Path,
    secrets: Arc<MemorySecrets>,
    opener: Opener,
    ca: Vec<u8>,
    auto_connect: bool,
) -> (EngineHandle, SimulatorProbe) {
    let (connector, probe) = spawn_simulator();
    let mut o = EngineOptions::new(StoreLocation::File(db.to_path_buf()));
    o.simulator = Some(probe.clone());
    o.crm = Some(Arc::new(SalesforceProvider {
        secrets: Ok(secrets as Arc<dyn SecretStore>),
        opener,
        extra_ca: Some(ca),
    }));
    o.auto_connect = auto_connect;
    let e = start(o, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    (e, probe)
}

async fn until(e: &EngineHandle, what: &str, f: impl Fn(&CrmStatus) -> bool) -> CrmStatus {
    tokio::time::timeout(Duration::from_secs(15), async {
        loop {
            let s = e.snapshot().await.unwrap().crm;
            if f(&s) {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("never {what}"))
}

/// An org with users only, over HTTPS with its own CA (returned as PEM).
async fn org_over_https(dir: &std::path::Path) -> (Sandbox, Vec<u8>) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        https_port: Some(0),
        cert_dir: Some(dir.join("tls")),
        ..Default::default()
    })
    .await
    .unwrap();
    let ca = std::fs::read(sb.cert_path.as_ref().unwrap()).unwrap();
    (sb, ca)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_reconnect_and_disconnect_keep_tokens_in_the_keychain_only() {
    let dir = std::env::temp_dir().join(format!("ringside-org-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (sb, ca) = org_over_https(&dir).await;
    let org_url = sb.https_url.clone().unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let opened = Arc::new(std::sync::Mutex::new(Vec::new()));
    let db = dir.join("ringside.db");

    let (e, probe) = engine(
        &db,
        secrets.clone(),
        browser(ca.clone(), opened.clone()),
        ca.clone(),
        false,
    )
    .await;
    // Bad input first: a clear, coded refusal.
    let bad = e
        .request(Request::CrmSignIn {
            login_url: "login.salesforce.com".into(),
            client_id: None,
            redirect_port: None,
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::InvalidInput);
    assert_eq!(
        bad.field.as_deref(),
        Some("login_url"),
        "shown beside the address"
    );

    e.request(Request::CrmSignIn {
        login_url: org_url.clone(),
        client_id: None,
        redirect_port: Some(free_port()),
    })
    .await
    .unwrap();
    let status = until(&e, "connected", |s| {
        matches!(s, CrmStatus::Connected { .. })
    })
    .await;
    let CrmStatus::Connected { account, .. } = status else {
        unreachable!()
    };
    assert_eq!(account.username, AGENT_USERNAME);
    assert!(!account.sandbox);
    let url = opened.lock().unwrap()[0].clone();
    assert!(
        url.contains("code_challenge_method=S256")
            && url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"),
        "{url}"
    );

    // The refresh token is in the keychain, under this org and user.
    let key = SecretKey::refresh_token(&account.org_id, &account.user_id);
    let refresh = secrets.get(&key).unwrap().expect("token in the keychain");
    assert_eq!(secrets.len(), 1);

    // A call is written to the org.
    let id = CallId("org-1".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
    probe.emit(id.clone(), CallSignal::Answered).await;
    probe
        .emit(
            id,
            CallSignal::Hangup {
                reason: None,
                by: None,
            },
        )
        .await;
    tokio::time::timeout(Duration::from_secs(10), async {
        while e.snapshot().await.unwrap().delivery.written < 1 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap();
    e.shutdown().await;

    // No token in the store or its WAL.
    for f in std::fs::read_dir(&dir).unwrap() {
        let p = f.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(refresh.expose()), "token in {}", p.display());
            assert!(
                !text.contains(&sb.token_prefix()),
                "a token in {}",
                p.display()
            );
        }
    }

    // The next start reconnects from the keychain, without the browser.
    let (e, _) = engine(
        &db,
        secrets.clone(),
        browser(ca.clone(), opened.clone()),
        ca.clone(),
        true,
    )
    .await;
    until(
        &e,
        "reconnected",
        |s| matches!(s, CrmStatus::Connected { account, .. } if account.username == AGENT_USERNAME),
    )
    .await;
    assert_eq!(opened.lock().unwrap().len(), 1, "no second browser sign-in");

    // Disconnect: the grant is revoked at the org and the keychain entry is
    // gone (in a task: the desk answers at once meanwhile).
    e.request(Request::CrmDisconnect).await.unwrap();
    assert!(matches!(
        e.snapshot().await.unwrap().crm,
        CrmStatus::NotConnected { .. }
    ));
    until(&e, "disconnected", |s| {
        matches!(
            s,
            CrmStatus::NotConnected {
                why: Some(NotConnectedWhy::Disconnected)
            }
        )
    })
    .await;
    assert!(secrets.is_empty(), "keychain entry deleted");
    let revoked = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&ca).unwrap())
        .build()
        .unwrap()
        .post(format!("{org_url}/services/oauth2/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "ringside-desktop"),
            ("refresh_token", refresh.expose()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        revoked.status(),
        400,
        "the old refresh token no longer works"
    );
    e.shutdown().await;

    // The account is forgotten: the next start does not reconnect the org.
    let store = ringside_store::Store::open(&db).await.unwrap();
    assert_eq!(store.crm_account().await.unwrap(), None);
    store.close().await;
}

/// No browser opens (none is set up): the sign-in goes on, the snapshot
/// carries the page's address and why, and the agent who opens that
/// address themselves is signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_that_cannot_be_opened_leaves_a_link_to_copy() {
    let dir = std::env::temp_dir().join(format!("ringside-org-nobrowser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (sb, ca) = org_over_https(&dir).await;
    let no_browser: Opener =
        Arc::new(|_url: &str| Err("no browser is set up to open web pages".to_string()));
    let (e, _probe) = engine(
        &dir.join("ringside.db"),
        Arc::new(MemorySecrets::default()),
        no_browser,
        ca.clone(),
        false,
    )
    .await;
    let port = free_port();
    let sign_in = || Request::CrmSignIn {
        login_url: sb.https_url.clone().unwrap(),
        client_id: None,
        redirect_port: Some(port),
    };
    e.request(sign_in()).await.unwrap();
    let first = until(&e, "the first page", |s| {
        matches!(
            s,
            CrmStatus::Connecting {
                sign_in_url: Some(_),
                ..
            }
        )
    })
    .await;
    // The agent tries again while the first waits: the first ends and
    // frees its port, so the second gets it.
    e.request(sign_in()).await.unwrap();
    let status = until(&e, "the second page", |s| {
        matches!(
            s,
            CrmStatus::Connecting {
                sign_in_url: Some(_),
                ..
            }
        ) && *s != first
    })
    .await;
    let CrmStatus::Connecting {
        sign_in_url: Some(url),
        browser_error,
        ..
    } = status
    else {
        unreachable!()
    };
    assert_eq!(
        browser_error.as_deref(),
        Some("no browser is set up to open web pages")
    );
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    // The agent pastes the address into a browser.
    let opened = Arc::new(std::sync::Mutex::new(Vec::new()));
    browser(ca, opened)(&url).unwrap();
    until(&e, "connected", |s| {
        matches!(s, CrmStatus::Connected { .. })
    })
    .await;
    e.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without a keychain there is no org sign-in, and the reason is given.
#[tokio::test]
async fn no_keychain_no_sign_in() {
    let (connector, _p) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.crm = Some(Arc::new(SalesforceProvider::without_keychain()));
    let e = start(options, connector).await.unwrap();
    // Said at start, before any Sign in.
    let problems = e.snapshot().await.unwrap().problems;
    let said = problems
        .iter()
        .find(|p| p.code == ringside_engine::problems::ProblemCode::KeychainUnavailable)
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(said.message.contains("keychain"), "{}", said.message);
    let err = e
        .request(Request::CrmSignIn {
            login_url: "https://login.salesforce.com".into(),
            client_id: None,
            redirect_port: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::KeychainUnavailable);
    assert!(err.message.contains("keychain"), "{}", err.message);
}

/// A keychain whose writes take as long as the test says (a Secret Service
/// round trip over D-Bus can take a while), so saves that overtake each
/// other show.
#[derive(Default)]
struct SlowKeychain {
    inner: MemorySecrets,
    delays: std::sync::Mutex<std::collections::VecDeque<Duration>>,
}

impl SecretStore for SlowKeychain {
    fn name(&self) -> &str {
        "slow memory (tests)"
    }
    fn get(&self, key: &SecretKey) -> Result<Option<Sensitive>, SecretError> {
        self.inner.get(key)
    }
    fn set(&self, key: &SecretKey, secret: &Sensitive) -> Result<(), SecretError> {
        let delay = self.delays.lock().unwrap().pop_front();
        std::thread::sleep(delay.unwrap_or_default());
        self.inner.set(key, secret)
    }
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.inner.delete(key)
    }
}

/// Two rotations in quick succession, the first one's save slow: the
/// keychain ends with the newest refresh token (the org has revoked the
/// older ones), and already holds it when the call that rotated returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotated_refresh_tokens_reach_the_keychain_in_order() {
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
    let (access, refresh) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let me = SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        "ringside-desktop",
        Credentials {
            access: Sensitive::new(access),
            refresh: None,
        },
    )
    .userinfo()
    .await
    .unwrap();
    let account = SavedAccount {
        target: OrgTarget {
            login_url: sb.http_url.clone(),
            client_id: "ringside-desktop".into(),
            redirect_port: 0,
        },
        instance_url: sb.http_url.clone(),
        org_id: me.organization_id.clone(),
        user_id: me.user_id.clone(),
        username: AGENT_USERNAME.into(),
    };
    let key = SecretKey::refresh_token(&me.organization_id, &me.user_id);
    let secrets = Arc::new(SlowKeychain::default());
    secrets.inner.set(&key, &Sensitive::new(refresh)).unwrap();
    // Reconnecting rotates once (saved at once); then the first rotation's
    // save takes 400 ms and the second's none.
    secrets.delays.lock().unwrap().extend([
        Duration::ZERO,
        Duration::from_millis(400),
        Duration::ZERO,
    ]);
    let link = reconnect(&account, secrets.clone(), None).await.unwrap();
    // Every second API request expires its session: queries 2 and 3 each
    // refresh (and rotate) once.
    sb.set_faults(FaultPlan {
        expire_session_every: Some(2),
        ..Default::default()
    });
    for _ in 0..3 {
        link.client.query("SELECT Id FROM Contact").await.unwrap();
    }
    let newest = link.client.credentials().await.refresh.unwrap();
    assert_eq!(
        secrets.get(&key).unwrap().as_ref(),
        Some(&newest),
        "the keychain does not hold the newest token when the call returns"
    );
    // No older save lands later.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        secrets.get(&key).unwrap().as_ref(),
        Some(&newest),
        "an older token overwrote the newest in the keychain"
    );
    sb.set_faults(FaultPlan::default());
    // And the next start signs in with what the keychain holds.
    reconnect(&account, secrets.clone(), None)
        .await
        .expect("the kept token works at the org");
}

/// An org served over plain HTTP on the loopback (so it can stop and come
/// back on the same address; HTTPS only hands the test browser a CA), and
/// an engine on `db` signed in to it through the browser.
struct HttpOrg {
    sb: Sandbox,
    e: EngineHandle,
    probe: SimulatorProbe,
    secrets: Arc<MemorySecrets>,
    ca: Vec<u8>,
    opened: Arc<std::sync::Mutex<Vec<String>>>,
}

async fn signed_in_over_http(db: &std::path::Path, org: SandboxConfig) -> HttpOrg {
    let port = org.http_port;
    let sb = Sandbox::start(org).await.unwrap();
    let ca = std::fs::read(sb.cert_path.as_ref().unwrap()).unwrap();
    let secrets = Arc::new(MemorySecrets::default());
    let opened = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (e, probe) = engine(
        db,
        secrets.clone(),
        browser(ca.clone(), opened.clone()),
        ca.clone(),
        false,
    )
    .await;
    e.request(Request::CrmSignIn {
        login_url: format!("http://127.0.0.1:{port}"),
        client_id: None,
        redirect_port: Some(free_port()),
    })
    .await
    .unwrap();
    until(&e, "connected", |s| {
        matches!(s, CrmStatus::Connected { .. })
    })
    .await;
    HttpOrg {
        sb,
        e,
        probe,
        secrets,
        ca,
        opened,
    }
}

/// A saved org that does not answer at start (offline, down) is tried again
/// with backoff and shown as such, never turned into "sign in again"; when it
/// answers, Ringside is connected without the browser.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_org_that_does_not_answer_at_start_is_tried_again_not_signed_out() {
    let dir = std::env::temp_dir().join(format!("ringside-org-offline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let org = |https: Option<u16>| SandboxConfig {
        seed: Seed::UsersOnly,
        db_path: Some(dir.join("org.db")),
        http_port: port,
        https_port: https,
        cert_dir: Some(dir.join("tls")),
        ..Default::default()
    };
    let db = dir.join("ringside.db");
    let HttpOrg {
        sb,
        e,
        secrets,
        ca,
        opened,
        ..
    } = signed_in_over_http(&db, org(Some(0))).await;
    e.shutdown().await;
    drop(sb);

    // The org is down at the next start.
    let (e, _) = engine(
        &db,
        secrets.clone(),
        browser(ca.clone(), opened.clone()),
        ca.clone(),
        true,
    )
    .await;
    let s = until(
        &e,
        "shown as retrying",
        |s| matches!(s, CrmStatus::Connecting { target, .. } if target.contains("not answering")),
    )
    .await;
    assert!(!matches!(s, CrmStatus::SignInNeeded { .. }));
    // Back on the same address: connected by the next try, no browser.
    let _sb = Sandbox::start(org(None)).await.unwrap();
    until(&e, "reconnected", |s| {
        matches!(s, CrmStatus::Connected { .. })
    })
    .await;
    assert_eq!(opened.lock().unwrap().len(), 1, "no second browser sign-in");
    e.shutdown().await;
}

/// Disconnecting from an org that hangs (it accepts and never answers)
/// answers at once: revoking runs in a task, never inside the desk's loop,
/// and the keychain entry is gone before the revoke gives up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_from_a_hanging_org_never_holds_up_the_desk() {
    let dir = std::env::temp_dir().join(format!("ringside-org-hang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let HttpOrg {
        sb,
        e,
        probe,
        secrets,
        ..
    } = signed_in_over_http(
        &dir.join("ringside.db"),
        SandboxConfig {
            seed: Seed::UsersOnly,
            http_port: port,
            https_port: Some(0),
            cert_dir: Some(dir.join("tls")),
            ..Default::default()
        },
    )
    .await;
    // The org now hangs: it takes connections and never answers.
    drop(sb);
    // The sandbox lets its port go as its listener task ends.
    let hang = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                Ok(l) => return l,
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    })
    .await
    .expect("the org's port was let go");
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((sock, _)) = hang.accept().await {
            open.push(sock);
        }
    });
    let t = std::time::Instant::now();
    e.request(Request::CrmDisconnect).await.unwrap();
    // A call rings meanwhile and is on the desk at once.
    let id = CallId("during-disconnect".into());
    probe
        .emit(
            id.clone(),
            CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: false,
                queue_name: None,
            },
        )
        .await;
    tokio::time::timeout(Duration::from_secs(2), async {
        while !e.snapshot().await.unwrap().calls.iter().any(|c| c.id == id) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the desk answered while the org hung");
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "disconnect took {:?}",
        t.elapsed()
    );
    tokio::time::timeout(Duration::from_secs(2), async {
        while !secrets.is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the keychain entry is deleted before the revoke gives up");
    held.abort();
}
