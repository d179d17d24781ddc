//! The `/cometd/{version}` endpoint: Bayeux messages in, replies and
//! events out, with Salesforce's error strings (`401::Authentication
//! invalid`, `403::Unknown client`, `400::… replayId …`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::{parse_channel, Subscription, CONNECT_HOLD, MAX_BODY, MAX_MESSAGES};
use crate::oauth::{bearer, token_user};
use crate::state::{served_version, AppState};

/// `POST /cometd/{version}` (and `/cometd/{version}/handshake` … which
/// clients may append).
pub async fn cometd(
    State(state): State<AppState>,
    Path(path): Path<Vec<(String, String)>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = path
        .iter()
        .find(|(k, _)| k == "version")
        .map(|(_, v)| format!("v{v}"))
        .unwrap_or_default();
    if served_version(&version).is_none() {
        return (StatusCode::NOT_FOUND, "Unknown API version").into_response();
    }
    if body.len() > MAX_BODY {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Request body too large").into_response();
    }
    let messages: Vec<Value> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(list)) => list,
        Ok(one @ Value::Object(_)) => vec![one],
        _ => return (StatusCode::BAD_REQUEST, "Bad Bayeux message").into_response(),
    };
    if messages.is_empty() || messages.len() > MAX_MESSAGES {
        return (StatusCode::BAD_REQUEST, "Bad Bayeux message").into_response();
    }
    let user = match session(&headers) {
        Some(token) => token_user(&state, token).await.ok().flatten(),
        None => None,
    };
    let mut replies = Vec::new();
    for m in messages {
        let Some(m) = m.as_object() else {
            replies.push(json!({"successful": false, "error": "400::Bad message"}));
            continue;
        };
        replies.extend(answer(&state, m, user.as_deref()).await);
    }
    let mut response = Json(Value::Array(replies)).into_response();
    // As Salesforce: a cookie the client must send back (faye does).
    if let Ok(v) = "BAYEUX_BROWSER=ringside-sandbox; Path=/cometd; HttpOnly".parse() {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// The session id, however the client sends it: `Bearer`, `OAuth` (jsforce)
/// or bare (EMP-Connector).
fn session(headers: &HeaderMap) -> Option<&str> {
    bearer(headers).or_else(|| {
        headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains(' '))
    })
}

fn text<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

/// The reply's common part: the channel, the client's `id` echoed as sent.
fn reply(m: &Map<String, Value>, channel: &str) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("channel".into(), channel.into());
    if let Some(id) = m.get("id") {
        r.insert("id".into(), id.clone());
    }
    if let Some(c) = m.get("clientId") {
        r.insert("clientId".into(), c.clone());
    }
    r
}

fn failed(mut r: Map<String, Value>, error: &str, reconnect: &str) -> Value {
    r.insert("successful".into(), false.into());
    r.insert("error".into(), error.into());
    r.insert(
        "advice".into(),
        json!({"reconnect": reconnect, "interval": 0}),
    );
    Value::Object(r)
}

async fn answer(state: &AppState, m: &Map<String, Value>, user: Option<&str>) -> Vec<Value> {
    let streaming = &state.shared.streaming;
    let channel = text(m, "channel").unwrap_or("");
    let mut r = reply(m, channel);
    if channel == "/meta/handshake" {
        let Some(user) = user else {
            r.insert(
                "ext".into(),
                json!({"sfdc": {"failureReason": "401::Authentication invalid"}}),
            );
            return vec![failed(r, "403::Handshake denied", "none")];
        };
        let id = streaming.new_client(user.to_string());
        r.insert("clientId".into(), id.into());
        r.insert("version".into(), "1.0".into());
        r.insert("minimumVersion".into(), "1.0".into());
        r.insert("supportedConnectionTypes".into(), json!(["long-polling"]));
        r.insert("successful".into(), true.into());
        r.insert(
            "ext".into(),
            json!({"replay": true, "payload.format": true}),
        );
        r.insert(
            "advice".into(),
            json!({"reconnect": "retry", "interval": 0, "timeout": CONNECT_HOLD.as_millis() as u64}),
        );
        return vec![Value::Object(r)];
    }
    if user.is_none() {
        return vec![failed(r, "401::Authentication invalid", "none")];
    }
    let client = text(m, "clientId").unwrap_or("");
    let dropped = streaming
        .drop_clients
        .load(std::sync::atomic::Ordering::Relaxed);
    if dropped {
        streaming.forget(client);
    }
    // The session must be the client's own.
    match streaming.touch(client) {
        Some(owner) if Some(owner.as_str()) == user => {}
        _ => return vec![failed(r, "403::Unknown client", "handshake")],
    }
    match channel {
        "/meta/connect" => {
            let Some(mut events) = streaming.take(client, CONNECT_HOLD).await else {
                return vec![failed(r, "403::Unknown client", "handshake")];
            };
            r.insert("successful".into(), true.into());
            r.insert(
                "advice".into(),
                json!({"reconnect": "retry", "interval": 0, "timeout": CONNECT_HOLD.as_millis() as u64}),
            );
            events.push(Value::Object(r));
            events
        }
        "/meta/subscribe" => {
            let Some(sub) = text(m, "subscription") else {
                return vec![failed(r, "400::Missing subscription", "retry")];
            };
            r.insert("subscription".into(), sub.into());
            let Some((base, filter)) = parse_channel(sub) else {
                return vec![failed(
                    r,
                    &format!("400::Invalid channel {{{sub}}}"),
                    "retry",
                )];
            };
            if !channel_exists(state, &base).await {
                let e = format!(
                    "400::The channel you requested to subscribe to does not exist {{{base}}}"
                );
                return vec![failed(r, &e, "retry")];
            }
            let replay = m
                .get("ext")
                .and_then(|e| e.get("replay"))
                .and_then(Value::as_object)
                .and_then(|r| r.get(sub).or_else(|| r.get(&base)))
                .and_then(Value::as_i64);
            if let Some(id) = replay {
                if !streaming.replay_valid(&base, id) {
                    let e = format!("400::The replayId {{{id}}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.");
                    return vec![failed(r, &e, "retry")];
                }
            }
            let s = Subscription {
                channel: sub.to_string(),
                base,
                filter,
            };
            if !streaming.subscribe(client, s, replay) {
                return vec![failed(r, "403::Unknown client", "handshake")];
            }
            r.insert("successful".into(), true.into());
            vec![Value::Object(r)]
        }
        "/meta/unsubscribe" => {
            let sub = text(m, "subscription").unwrap_or("");
            r.insert("subscription".into(), sub.into());
            let ok = streaming.unsubscribe(client, sub);
            if ok {
                r.insert("successful".into(), true.into());
                vec![Value::Object(r)]
            } else {
                vec![failed(r, "403::Not subscribed", "retry")]
            }
        }
        "/meta/disconnect" => {
            streaming.forget(client);
            r.insert("successful".into(), true.into());
            vec![Value::Object(r)]
        }
        _ => vec![failed(r, "400::Unknown channel", "retry")],
    }
}

/// A PushTopic channel names an active PushTopic; a change event channel
/// a served entity.
async fn channel_exists(state: &AppState, base: &str) -> bool {
    if super::cdc::is_channel(base) {
        return true;
    }
    let Some(name) = base.strip_prefix("/topic/") else {
        return false;
    };
    super::topics::active_topic(state, name)
        .await
        .ok()
        .flatten()
        .is_some()
}
