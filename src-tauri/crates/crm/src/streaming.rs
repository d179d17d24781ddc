//! The Streaming API client: CometD (Bayeux 1.0) long polling on the org's
//! `/cometd/{version}`, with the replay extension, as Salesforce serves it.
//! One connection carries every subscription (PushTopics now, Change Data
//! Capture and Platform Events on the same endpoint). A dropped session
//! (`403::Unknown client`) handshakes again and resubscribes from the last
//! replay id, so nothing retained is missed; an expired one (`401::`) is
//! renewed once per handshake; a replay id the org no longer keeps is a
//! [`Heard::Gap`], and the caller reads the state afresh.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::client::SalesforceClient;
use crate::error::CrmError;

/// Largest response read (Salesforce batches events; 4 MiB is far above
/// what a presence or change stream sends at once).
pub const MAX_RESPONSE: usize = 4 * 1024 * 1024;
/// Most messages one response may carry.
pub const MAX_MESSAGES: usize = 2_000;
/// How much longer than the server's hold a connect may take.
const HOLD_MARGIN: Duration = Duration::from_secs(30);
/// Salesforce's hold when its advice says none.
const DEFAULT_HOLD: Duration = Duration::from_secs(110);
/// Handshakes and subscribes answer at once.
const QUICK: Duration = Duration::from_secs(30);

/// One Bayeux message as the server sends it; unknown fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Message {
    pub channel: String,
    #[serde(rename = "clientId")]
    pub client_id: Option<String>,
    pub successful: Option<bool>,
    pub error: Option<String>,
    pub subscription: Option<String>,
    pub advice: Option<Advice>,
    pub data: Option<Value>,
    pub ext: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Advice {
    pub reconnect: Option<String>,
    pub timeout: Option<u64>,
    pub interval: Option<u64>,
}

/// A CometD response body → its messages: an array of objects (a single
/// object is accepted); anything else is `Malformed`. Never panics.
pub fn parse_messages(status: u16, bytes: &[u8]) -> Result<Vec<Message>, CrmError> {
    let bad = |what: &str| CrmError::Malformed {
        status,
        what: what.to_string(),
    };
    let value: Value =
        serde_json::from_slice(bytes).map_err(|_| bad("a streaming body that is not JSON"))?;
    let list = match value {
        Value::Array(list) => list,
        one @ Value::Object(_) => vec![one],
        _ => return Err(bad("a streaming body that is not a list of messages")),
    };
    if list.len() > MAX_MESSAGES {
        return Err(bad("a streaming body with too many messages"));
    }
    list.into_iter()
        .map(|m| {
            serde_json::from_value::<Message>(m).map_err(|_| bad("a malformed Bayeux message"))
        })
        .collect()
}

/// What a subscriber hears.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// An event on a subscribed channel.
    Event {
        channel: String,
        replay_id: Option<i64>,
        data: Value,
    },
    /// Subscribed (again, after a reconnect): what follows is live.
    Subscribed,
    /// Events may have been missed (the org no longer keeps the replay id
    /// asked for): read the state afresh.
    Gap,
}

/// A channel and where to resume it.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    pub name: String,
    /// The last replay id seen; `-1` for new events only, `-2` for all kept.
    pub replay_from: i64,
}

/// One streaming connection with its subscriptions.
pub struct Streamer {
    client: Arc<SalesforceClient>,
    channels: Vec<Channel>,
    cookies: String,
    next_id: u64,
}

enum Outcome {
    /// Handshake again (a dropped client, or a renewed session).
    Rehandshake,
    /// The caller asked to stop.
    Stop,
}

impl Streamer {
    pub fn new(client: Arc<SalesforceClient>, channels: Vec<Channel>) -> Streamer {
        Streamer {
            client,
            channels,
            cookies: String::new(),
            next_id: 1,
        }
    }

    /// Where each channel would resume now.
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    async fn post(&mut self, body: Value, wait: Duration) -> Result<Vec<Message>, CrmError> {
        let reply = self
            .client
            .cometd(&body, &self.cookies, wait, MAX_RESPONSE)
            .await?;
        if !reply.set_cookies.is_empty() {
            self.cookies = reply.set_cookies.join("; ");
        }
        if reply.status == 401 {
            self.client.renew_session(&reply.session).await?;
            return Err(CrmError::InvalidSession);
        }
        if !(200..300).contains(&reply.status) {
            return Err(CrmError::Transient {
                code: format!("HTTP {}", reply.status),
                message: "the streaming endpoint refused the request".into(),
            });
        }
        let messages = parse_messages(reply.status, &reply.bytes)?;
        // A session the org no longer takes: renew it, then handshake again.
        let expired = messages.iter().any(|m| {
            m.error.as_deref().is_some_and(|e| e.starts_with("401::"))
                || m.ext
                    .as_ref()
                    .and_then(|e| e.pointer("/sfdc/failureReason"))
                    .and_then(Value::as_str)
                    .is_some_and(|r| r.starts_with("401::"))
        });
        if expired {
            self.client.renew_session(&reply.session).await?;
            return Err(CrmError::InvalidSession);
        }
        Ok(messages)
    }

    /// Runs until `heard` returns `false` (`Ok`), or the org refuses the
    /// session for good or cannot be reached (`Err`; the caller backs off
    /// and calls again — the replay ids carry over).
    pub async fn run(
        &mut self,
        heard: &mut (dyn FnMut(Heard) -> bool + Send),
    ) -> Result<(), CrmError> {
        let mut renewals = 0;
        loop {
            match self.session(heard).await {
                Ok(Outcome::Stop) => return Ok(()),
                Ok(Outcome::Rehandshake) => renewals = 0,
                // Renewed: once more, then it is the org's refusal.
                Err(CrmError::InvalidSession) if renewals == 0 => renewals += 1,
                Err(e) => return Err(e),
            }
        }
    }

    async fn session(
        &mut self,
        heard: &mut (dyn FnMut(Heard) -> bool + Send),
    ) -> Result<Outcome, CrmError> {
        let id = self.id();
        let hs = self
            .post(
                json!([{"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0",
                        "supportedConnectionTypes": ["long-polling"], "ext": {"replay": true}, "id": id}]),
                QUICK,
            )
            .await?;
        let Some(client_id) = hs
            .iter()
            .find(|m| m.channel == "/meta/handshake" && m.successful == Some(true))
            .and_then(|m| m.client_id.clone())
        else {
            let why = hs
                .first()
                .and_then(|m| m.error.clone())
                .unwrap_or_else(|| "no client id".into());
            return Err(CrmError::Transient {
                code: "STREAMING_HANDSHAKE".into(),
                message: why,
            });
        };
        let mut hold = DEFAULT_HOLD;
        for i in 0..self.channels.len() {
            let ch = self.channels[i].clone();
            let id = self.id();
            let replies = self
                .post(
                    json!([{"channel": "/meta/subscribe", "clientId": client_id, "subscription": ch.name,
                            "ext": {"replay": {ch.name.clone(): ch.replay_from}}, "id": id}]),
                    QUICK,
                )
                .await?;
            let reply = replies.iter().find(|m| m.channel == "/meta/subscribe");
            match reply {
                Some(m) if m.successful == Some(true) => {}
                Some(m) if m.error.as_deref().is_some_and(|e| e.contains("replayId")) => {
                    // Not kept any more: new events from here, and say so.
                    self.channels[i].replay_from = -1;
                    if !heard(Heard::Gap) {
                        return Ok(Outcome::Stop);
                    }
                    return Ok(Outcome::Rehandshake);
                }
                Some(m)
                    if m.error
                        .as_deref()
                        .is_some_and(|e| e.starts_with("403::Unknown client")) =>
                {
                    return Ok(Outcome::Rehandshake);
                }
                other => {
                    return Err(CrmError::Api {
                        status: 400,
                        errors: vec![crate::error::ApiError {
                            error_code: "STREAMING_SUBSCRIBE".into(),
                            message: other
                                .and_then(|m| m.error.clone())
                                .unwrap_or_else(|| format!("no answer to subscribing {}", ch.name)),
                            fields: Vec::new(),
                        }],
                    })
                }
            }
        }
        if !heard(Heard::Subscribed) {
            return Ok(Outcome::Stop);
        }
        loop {
            let id = self.id();
            let replies = self
                .post(
                    json!([{"channel": "/meta/connect", "clientId": client_id,
                            "connectionType": "long-polling", "id": id}]),
                    hold + HOLD_MARGIN,
                )
                .await?;
            for m in replies {
                if m.channel == "/meta/connect" {
                    if let Some(t) = m.advice.as_ref().and_then(|a| a.timeout) {
                        hold = Duration::from_millis(t.min(600_000));
                    }
                    if m.successful == Some(true) {
                        continue;
                    }
                    let reconnect = m.advice.as_ref().and_then(|a| a.reconnect.as_deref());
                    return match reconnect {
                        Some("none") => Err(CrmError::Transient {
                            code: "STREAMING_CONNECT".into(),
                            message: m.error.unwrap_or_default(),
                        }),
                        _ => Ok(Outcome::Rehandshake),
                    };
                }
                if m.channel.starts_with("/meta/") {
                    continue;
                }
                let replay_id = m
                    .data
                    .as_ref()
                    .and_then(|d| d.pointer("/event/replayId"))
                    .and_then(Value::as_i64);
                if let Some(r) = replay_id {
                    if let Some(ch) = self.channels.iter_mut().find(|c| c.name == m.channel) {
                        ch.replay_from = ch.replay_from.max(r);
                    }
                }
                let event = Heard::Event {
                    channel: m.channel,
                    replay_id,
                    data: m.data.unwrap_or(Value::Null),
                };
                if !heard(event) {
                    return Ok(Outcome::Stop);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn messages_parse_from_salesforces_shapes() {
        let body = br#"[{"channel":"/topic/T?User__c=005","data":{"event":{"type":"updated","createdDate":"2026-12-04T10:00:00.000+0000","replayId":7},"sobject":{"Id":"a02"}}},
            {"clientId":"abc","channel":"/meta/connect","id":"3","successful":true,"advice":{"reconnect":"retry","interval":0,"timeout":110000}}]"#;
        let m = parse_messages(200, body).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].data.as_ref().unwrap()["event"]["replayId"], 7);
        assert_eq!(m[1].advice.as_ref().unwrap().timeout, Some(110_000));
        for bad in [&b"<html>"[..], b"42", b"[1]", b""] {
            assert!(matches!(
                parse_messages(200, bad),
                Err(CrmError::Malformed { .. })
            ));
        }
        let many = format!(
            "[{}]",
            vec!["{\"channel\":\"/x\"}"; MAX_MESSAGES + 1].join(",")
        );
        assert!(parse_messages(200, many.as_bytes()).is_err(), "bounded");
    }

    proptest! {
        /// Any bytes: messages or a Malformed error, never a panic.
        #[test]
        fn parse_messages_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_messages(200, &bytes);
        }

        /// Arbitrary JSON-ish message lists keep their channels.
        #[test]
        fn channels_survive_parsing(channels in prop::collection::vec("/[a-z]{1,8}(/[a-z]{1,8})?", 1..20)) {
            let body = Value::Array(channels.iter().map(|c| json!({"channel": c, "unknown": [1, {"x": null}]})).collect());
            let parsed = parse_messages(200, body.to_string().as_bytes()).unwrap();
            let got: Vec<String> = parsed.into_iter().map(|m| m.channel).collect();
            prop_assert_eq!(got, channels);
        }
    }
}
