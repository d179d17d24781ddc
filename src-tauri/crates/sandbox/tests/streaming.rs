#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The Streaming API over raw Bayeux, as a stock client speaks it:
//! handshake, a filtered PushTopic subscription, events from REST writes,
//! replay after reconnecting, and Salesforce's errors. Omni-Channel's
//! `UserServicePresence` can be read but not written.

use std::time::Duration;

use ringside_sandbox::seed::PRESENCE_TOPIC;
use serde_json::{json, Value};

mod common;

const V: &str = "v61.0";

struct Bayeux {
    url: String,
    token: String,
    http: reqwest::Client,
    client_id: String,
}

impl Bayeux {
    async fn post(
        url: &str,
        token: &str,
        http: &reqwest::Client,
        body: Value,
    ) -> (u16, Vec<Value>) {
        let r = http
            .post(url)
            .header("Authorization", format!("OAuth {token}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json::<Vec<Value>>().await.unwrap_or_default())
    }

    async fn handshake(sb: &ringside_sandbox::Sandbox, token: &str) -> Bayeux {
        let url = format!("{}/cometd/61.0", sb.http_url);
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(130))
            .build()
            .unwrap();
        let (status, replies) = Bayeux::post(
            &url,
            token,
            &http,
            json!([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"}]),
        )
        .await;
        assert_eq!(status, 200);
        let r = &replies[0];
        assert_eq!(r["successful"], true, "{r}");
        assert_eq!(r["id"], "1");
        assert_eq!(r["supportedConnectionTypes"], json!(["long-polling"]));
        assert_eq!(r["ext"]["replay"], true);
        Bayeux {
            url,
            token: token.to_string(),
            http,
            client_id: r["clientId"].as_str().unwrap().to_string(),
        }
    }

    async fn send(&self, mut m: Value) -> Vec<Value> {
        m["clientId"] = Value::String(self.client_id.clone());
        let (status, replies) = Bayeux::post(&self.url, &self.token, &self.http, json!([m])).await;
        assert_eq!(status, 200);
        replies
    }

    async fn connect(&self) -> Vec<Value> {
        self.send(json!({"channel": "/meta/connect", "connectionType": "long-polling", "id": "c"}))
            .await
    }

    async fn subscribe(&self, channel: &str, replay: Option<i64>) -> Value {
        let mut m = json!({"channel": "/meta/subscribe", "subscription": channel, "id": "s"});
        if let Some(id) = replay {
            m["ext"] = json!({"replay": {channel: id}});
        }
        self.send(m).await.remove(0)
    }
}

/// The events in a connect's answer (the connect reply itself comes last).
fn events(replies: &[Value]) -> Vec<&Value> {
    let last = replies.last().unwrap();
    assert_eq!(last["channel"], "/meta/connect");
    assert_eq!(last["successful"], true, "{last}");
    replies[..replies.len() - 1].iter().collect()
}

async fn presence_row(
    sb: &ringside_sandbox::Sandbox,
    token: &str,
    user: &str,
    fields: Value,
) -> u16 {
    let mut body = fields;
    body["User__c"] = Value::String(user.to_string());
    reqwest::Client::new()
        .patch(format!(
            "{}/services/data/{V}/sobjects/Ringside_Presence__c/User_Key__c/{user}",
            sb.http_url
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn me(sb: &ringside_sandbox::Sandbox, token: &str) -> String {
    let r: Value = reqwest::Client::new()
        .get(format!("{}/services/oauth2/userinfo", sb.http_url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["user_id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_filtered_pushtopic_delivers_this_users_changes_and_replays_them() {
    let (sb, token, _) = common::org().await;
    let user = me(&sb, &token).await;
    // Only this test's writes: the console component stays out of it.
    sb.set_console_open(ringside_sandbox::seed::AGENT_USERNAME, false)
        .await
        .unwrap();
    let b = Bayeux::handshake(&sb, &token).await;
    // The first connect is answered at once.
    assert!(events(&b.connect().await).is_empty());
    let channel = format!("/topic/{PRESENCE_TOPIC}?User__c={user}");
    let sub = b.subscribe(&channel, Some(-1)).await;
    assert_eq!(sub["successful"], true, "{sub}");
    assert_eq!(sub["subscription"], json!(channel));

    // Another user's row is not this subscriber's.
    assert_eq!(
        presence_row(
            &sb,
            &token,
            "005000000000009AAA",
            json!({"Requested_Status__c": "Lunch_Break"})
        )
        .await,
        201
    );
    assert_eq!(
        presence_row(
            &sb,
            &token,
            &user,
            json!({"Requested_Status__c": "Lunch_Break", "Request_Id__c": "7"})
        )
        .await,
        201
    );
    let replies = b.connect().await;
    let got = events(&replies);
    assert_eq!(got.len(), 1, "{replies:?}");
    let e = got[0];
    assert_eq!(e["channel"], json!(channel));
    assert_eq!(e["data"]["event"]["type"], "created");
    assert_eq!(e["data"]["sobject"]["Requested_Status__c"], "Lunch_Break");
    assert_eq!(e["data"]["sobject"]["Request_Id__c"], "7");
    let first = e["data"]["event"]["replayId"].as_i64().unwrap();

    // An update of a field the topic does not select is not an event.
    assert_eq!(
        presence_row(
            &sb,
            &token,
            &user,
            json!({"Component_Seen_At__c": "2026-12-04T10:00:00.000+0000"})
        )
        .await,
        200,
        "an upsert of an existing row"
    );
    assert_eq!(presence_row(&sb, &token, &user, json!({"Current_Status__c": "Lunch_Break", "Change_Reason__c": "OmniToolkitStatusChange"})).await, 200, "an upsert of an existing row");
    let replies = b.connect().await;
    let got = events(&replies);
    assert_eq!(got.len(), 1, "{replies:?}");
    assert_eq!(got[0]["data"]["event"]["type"], "updated");
    assert_eq!(
        got[0]["data"]["sobject"]["Change_Reason__c"],
        "OmniToolkitStatusChange"
    );

    // A new client that replays from the first event gets what followed.
    let c = Bayeux::handshake(&sb, &token).await;
    c.connect().await;
    let sub = c.subscribe(&channel, Some(first)).await;
    assert_eq!(sub["successful"], true, "{sub}");
    let replayed = c.connect().await;
    let got = events(&replayed);
    assert_eq!(got.len(), 1, "{replayed:?}");
    assert!(got[0]["data"]["event"]["replayId"].as_i64().unwrap() > first);
    // -2: everything retained for this filter.
    let d = Bayeux::handshake(&sb, &token).await;
    d.connect().await;
    d.subscribe(&channel, Some(-2)).await;
    assert_eq!(events(&d.connect().await).len(), 2);
    sb.stop().await;
}

#[tokio::test]
async fn bayeux_errors_are_salesforces() {
    let (sb, token, _) = common::org().await;
    let url = format!("{}/cometd/61.0", sb.http_url);
    let http = reqwest::Client::new();
    let (_, r) = Bayeux::post(
        &url,
        "not-a-session",
        &http,
        json!([{"channel": "/meta/handshake", "id": "1"}]),
    )
    .await;
    assert_eq!(r[0]["successful"], false);
    assert_eq!(
        r[0]["ext"]["sfdc"]["failureReason"],
        "401::Authentication invalid"
    );
    assert_eq!(r[0]["advice"]["reconnect"], "none");

    let b = Bayeux::handshake(&sb, &token).await;
    let r = b.subscribe("/topic/NoSuchTopic", None).await;
    assert_eq!(r["successful"], false);
    assert_eq!(
        r["error"],
        "400::The channel you requested to subscribe to does not exist {/topic/NoSuchTopic}"
    );
    let r = b
        .subscribe(&format!("/topic/{PRESENCE_TOPIC}"), Some(987_654))
        .await;
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .starts_with("400::The replayId {987654} you provided was invalid"),
        "{r}"
    );

    // A dropped session: the client must handshake again.
    sb.streaming().drop_all_clients();
    let r = b.connect().await;
    assert_eq!(r[0]["error"], "403::Unknown client");
    assert_eq!(r[0]["advice"]["reconnect"], "handshake");

    // A session that ended.
    let fresh = Bayeux::handshake(&sb, &token).await;
    reqwest::Client::new()
        .post(format!("{}/services/oauth2/revoke", sb.http_url))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    let r = fresh.connect().await;
    assert_eq!(r[0]["error"], "401::Authentication invalid");

    // Bounded: an oversized body is refused whole.
    let big = json!([{"channel": "/meta/handshake", "pad": "x".repeat(40_000)}]);
    let (status, _) = Bayeux::post(&url, "t", &http, big).await;
    assert_eq!(status, 413);
    sb.stop().await;
}

#[tokio::test]
async fn user_service_presence_is_read_only_over_rest() {
    let (sb, token, http) = common::org().await;
    let r: Value = http
        .get(format!("{}/services/data/{V}/query", sb.http_url))
        .query(&[("q", "SELECT Id, ServicePresenceStatusId, IsCurrentState FROM UserServicePresence WHERE IsCurrentState = true")])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["totalSize"], 1, "the seeded agent is online: {r}");
    let id = r["records"][0]["Id"].as_str().unwrap().to_string();
    let refused = http
        .patch(format!(
            "{}/services/data/{V}/sobjects/UserServicePresence/{id}",
            sb.http_url
        ))
        .bearer_auth(&token)
        .json(&json!({"IsCurrentState": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "INVALID_TYPE_FOR_OPERATION");
    let deleted = http
        .delete(format!(
            "{}/services/data/{V}/sobjects/UserServicePresence/{id}",
            sb.http_url
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let channels: Value = http
        .get(format!("{}/services/data/{V}/query", sb.http_url))
        .query(&[(
            "q",
            "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus",
        )])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(channels["totalSize"].as_u64().unwrap() >= 4, "{channels}");
    sb.stop().await;
}

async fn current_status(sb: &ringside_sandbox::Sandbox, token: &str) -> Vec<Value> {
    let r: Value = reqwest::Client::new()
        .get(format!("{}/services/data/{V}/query", sb.http_url))
        .query(&[("q", "SELECT ServicePresenceStatusId, IsAway FROM UserServicePresence WHERE IsCurrentState = true")])
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["records"].as_array().cloned().unwrap_or_default()
}

async fn row(sb: &ringside_sandbox::Sandbox, token: &str, user: &str) -> Value {
    reqwest::Client::new()
        .get(format!(
            "{}/services/data/{V}/sobjects/Ringside_Presence__c/User_Key__c/{user}",
            sb.http_url
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn settled(sb: &ringside_sandbox::Sandbox, token: &str, user: &str, want: &str) -> Value {
    for _ in 0..300 {
        let r = row(sb, token, user).await;
        if r["Change_Request_Id__c"] == want || r["Change_Reason__c"] == want {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "the component did not answer {want}: {}",
        row(sb, token, user).await
    );
}

#[tokio::test]
async fn the_console_component_applies_requests_and_reports_every_change_with_its_reason() {
    use ringside_sandbox::omni::reason;
    use ringside_sandbox::seed::AGENT_USERNAME;
    let (sb, token, _) = common::org().await;
    let user = me(&sb, &token).await;
    assert_eq!(
        presence_row(
            &sb,
            &token,
            &user,
            json!({"Requested_Status__c": "Lunch_Break", "Request_Id__c": "r1"})
        )
        .await,
        201
    );
    let r = settled(&sb, &token, &user, "r1").await;
    assert_eq!(r["Current_Status__c"], "Lunch_Break");
    assert_eq!(r["Change_Reason__c"], reason::TOOLKIT);
    let now = current_status(&sb, &token).await;
    assert_eq!(now.len(), 1, "one current period: {now:?}");
    let lunch: Value = reqwest::Client::new()
        .get(format!("{}/services/data/{V}/query", sb.http_url))
        .query(&[(
            "q",
            "SELECT Id FROM ServicePresenceStatus WHERE DeveloperName = 'Lunch_Break'",
        )])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(now[0]["ServicePresenceStatusId"], lunch["records"][0]["Id"]);
    assert_eq!(now[0]["IsAway"], true);

    // A status the org does not have is reported, not applied.
    presence_row(
        &sb,
        &token,
        &user,
        json!({"Requested_Status__c": "No_Such", "Request_Id__c": "r2"}),
    )
    .await;
    let r = settled(&sb, &token, &user, "r2").await;
    assert_eq!(r["Change_Reason__c"], reason::FAILED);
    assert_eq!(r["Current_Status__c"], "Lunch_Break");

    // A supervisor's change and a logout, made in Salesforce.
    assert!(sb
        .omni_change(AGENT_USERNAME, Some("Online"), reason::SUPERVISOR)
        .await
        .unwrap());
    let r = row(&sb, &token, &user).await;
    assert_eq!(
        (
            r["Current_Status__c"].as_str(),
            r["Change_Reason__c"].as_str()
        ),
        (Some("Online"), Some(reason::SUPERVISOR))
    );
    assert_eq!(r["Change_Request_Id__c"], Value::Null);
    sb.omni_change(AGENT_USERNAME, None, reason::LOGOUT)
        .await
        .unwrap();
    assert!(
        current_status(&sb, &token).await.is_empty(),
        "offline: no current period"
    );
    assert_eq!(
        row(&sb, &token, &user).await["Current_Status__c"],
        Value::Null
    );

    // A closed console applies nothing until it opens again.
    sb.set_console_open(AGENT_USERNAME, false).await.unwrap();
    presence_row(
        &sb,
        &token,
        &user,
        json!({"Requested_Status__c": "Available_for_Calls", "Request_Id__c": "r3"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_ne!(row(&sb, &token, &user).await["Change_Request_Id__c"], "r3");
    sb.set_console_open(AGENT_USERNAME, true).await.unwrap();
    let r = settled(&sb, &token, &user, "r3").await;
    assert_eq!(r["Current_Status__c"], "Available_for_Calls");
    sb.stop().await;
}
