#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The streaming client against the sandbox's CometD endpoint: a filtered
//! PushTopic, a dropped session resumed from the last replay id with
//! nothing lost or heard twice, an expired session renewed, and a replay id
//! the org no longer keeps reported as a gap.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ringside_crm::streaming::{Channel, Heard, Streamer};
use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME, PRESENCE_TOPIC};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

async fn client(sb: &Sandbox, refreshes: Arc<AtomicUsize>) -> Arc<SalesforceClient> {
    let (access, refresh) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let creds = Credentials {
        access: Sensitive::new(access),
        refresh: Some(Sensitive::new(refresh)),
    };
    Arc::new(
        SalesforceClient::new(
            http_client(None).unwrap(),
            &sb.http_url,
            &sb.http_url,
            "ringside-desktop",
            creds,
        )
        .on_refresh(Arc::new(move |_| {
            refreshes.fetch_add(1, Ordering::SeqCst);
            Box::pin(async {})
        })),
    )
}

/// An org whose console component stays closed: the stream carries only
/// the tests' own writes.
async fn sandbox() -> Sandbox {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    sb.set_console_open(AGENT_USERNAME, false).await.unwrap();
    sb
}

/// Heard events' request ids, and whether a gap or subscription came.
#[derive(Default)]
struct Log {
    requests: Vec<String>,
    subscribed: usize,
    gaps: usize,
}

fn listen(
    client: Arc<SalesforceClient>,
    channel: String,
    from: i64,
    log: Arc<Mutex<Log>>,
) -> tokio::task::JoinHandle<Result<(), ringside_crm::CrmError>> {
    tokio::spawn(async move {
        let mut s = Streamer::new(
            client,
            vec![Channel {
                name: channel,
                replay_from: from,
            }],
        );
        let mut on = |h: Heard| {
            let mut l = log.lock().unwrap();
            match h {
                Heard::Event { data, .. } => l.requests.push(
                    data.pointer("/sobject/Request_Id__c")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                ),
                Heard::Subscribed => l.subscribed += 1,
                Heard::Gap => l.gaps += 1,
            }
            true
        };
        s.run(&mut on).await
    })
}

async fn request(c: &SalesforceClient, user: &str, n: u32) {
    c.upsert(
        "Ringside_Presence__c",
        "User_Key__c",
        user,
        &json!({"User__c": user, "Requested_Status__c": "Lunch_Break", "Request_Id__c": n.to_string()}),
    )
    .await
    .unwrap();
}

async fn until(log: &Arc<Mutex<Log>>, what: &str, f: impl Fn(&Log) -> bool) {
    for _ in 0..500 {
        if f(&log.lock().unwrap()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let l = log.lock().unwrap();
    panic!(
        "{what}: heard {:?}, {} subscriptions, {} gaps",
        l.requests, l.subscribed, l.gaps
    );
}

#[tokio::test]
async fn a_dropped_session_resumes_from_the_last_replay_id_losing_nothing() {
    let sb = sandbox().await;
    let c = client(&sb, Arc::default()).await;
    let user = c.userinfo().await.unwrap().user_id;
    let log = Arc::new(Mutex::new(Log::default()));
    let channel = format!("/topic/{PRESENCE_TOPIC}?User__c={user}");
    let task = listen(c.clone(), channel, -1, log.clone());
    until(&log, "subscribed", |l| l.subscribed == 1).await;
    request(&c, &user, 1).await;
    until(&log, "the first request", |l| l.requests == ["1"]).await;
    // The server forgets every client; writes made meanwhile are replayed.
    sb.streaming().drop_all_clients();
    request(&c, &user, 2).await;
    request(&c, &user, 3).await;
    until(&log, "the rest, once each", |l| {
        l.requests == ["1", "2", "3"]
    })
    .await;
    assert!(log.lock().unwrap().subscribed >= 2, "subscribed again");
    // Another user's row is not this agent's.
    request(&c, "005000000000009AAA", 99).await;
    request(&c, &user, 4).await;
    until(&log, "only this agent's", |l| {
        l.requests == ["1", "2", "3", "4"]
    })
    .await;
    task.abort();
    sb.stop().await;
}

#[tokio::test]
async fn an_expired_session_is_renewed_and_the_stream_goes_on() {
    let sb = sandbox().await;
    let refreshes = Arc::new(AtomicUsize::new(0));
    let c = client(&sb, refreshes.clone()).await;
    let user = c.userinfo().await.unwrap().user_id;
    let log = Arc::new(Mutex::new(Log::default()));
    let channel = format!("/topic/{PRESENCE_TOPIC}?User__c={user}");
    let task = listen(c.clone(), channel, -1, log.clone());
    until(&log, "subscribed", |l| l.subscribed == 1).await;
    // The session ends while the connect is held; the next one is refused.
    let token = c.credentials().await.access.expose().to_string();
    reqwest::Client::new()
        .post(format!("{}/services/oauth2/revoke", sb.http_url))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    sb.streaming().drop_all_clients();
    until(&log, "subscribed again", |l| l.subscribed == 2).await;
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    request(&c, &user, 5).await;
    until(&log, "heard after renewal", |l| l.requests == ["5"]).await;
    task.abort();
    sb.stop().await;
}

#[tokio::test]
async fn a_replay_id_the_org_no_longer_keeps_is_a_gap() {
    let sb = sandbox().await;
    let c = client(&sb, Arc::default()).await;
    let user = c.userinfo().await.unwrap().user_id;
    let log = Arc::new(Mutex::new(Log::default()));
    let channel = format!("/topic/{PRESENCE_TOPIC}?User__c={user}");
    // From the future: not a replay id the org has.
    let task = listen(c.clone(), channel, 1_000_000, log.clone());
    until(&log, "a gap, then subscribed", |l| {
        l.gaps == 1 && l.subscribed == 1
    })
    .await;
    request(&c, &user, 6).await;
    until(&log, "live after the gap", |l| l.requests == ["6"]).await;
    task.abort();
    sb.stop().await;
}
