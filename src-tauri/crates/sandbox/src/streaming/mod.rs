//! The Streaming API as Salesforce serves it: CometD (Bayeux 1.0) long
//! polling on `/cometd/{version}`, with PushTopic channels
//! (`/topic/{Name}`, optionally filtered by field values:
//! `/topic/X?User__c=005…`), Change Data Capture channels (`/data/…`,
//! see [`cdc`]) and the replay extension (`-1` new events only,
//! `-2` everything retained, or a replay id). What a stock client needs and
//! nothing more: handshake, connect, subscribe, unsubscribe, disconnect.

mod bayeux;
pub mod cdc;
mod topics;

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::Notify;

pub use bayeux::cometd;
pub use cdc::run_cdc;
pub use topics::run_topics;

/// Salesforce's long-poll hold: a connect with nothing to deliver is
/// answered after this long.
pub const CONNECT_HOLD: Duration = Duration::from_secs(110);
/// A client that has not connected for this long is forgotten (its next
/// connect is `403::Unknown client`), as Salesforce's 40 s reconnect window.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(40);
/// Largest request body Salesforce's CometD endpoint takes.
pub const MAX_BODY: usize = 32 * 1024;
/// Most messages in one request.
pub const MAX_MESSAGES: usize = 64;
/// Events retained for replay, per channel (Salesforce keeps 24 h of
/// PushTopic events; the sandbox keeps a count).
pub const RETAINED: usize = 10_000;
/// Events queued for one client before the oldest are dropped.
pub const QUEUE_LIMIT: usize = 1_000;

/// One subscription of a client: the channel as written, and its filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    /// As subscribed, filter included: deliveries name it.
    pub channel: String,
    /// The channel without its filter.
    pub base: String,
    pub filter: Vec<(String, String)>,
}

struct Client {
    user: String,
    subscriptions: Vec<Subscription>,
    queue: VecDeque<Value>,
    wake: std::sync::Arc<Notify>,
    last_seen: Instant,
    /// The first connect after a handshake is answered at once.
    connected: bool,
}

/// A retained event, for replay.
#[derive(Debug, Clone)]
pub struct Retained {
    pub channel: String,
    pub replay_id: i64,
    /// The record's fields, for filtered subscriptions.
    pub sobject: serde_json::Map<String, Value>,
    pub message: Value,
}

/// The streaming state of one org.
pub struct Streaming {
    clients: Mutex<HashMap<String, Client>>,
    retained: Mutex<HashMap<String, VecDeque<Retained>>>,
    next_client: std::sync::atomic::AtomicU64,
    next_replay: std::sync::atomic::AtomicI64,
    /// Faults: every connect answered `403::Unknown client` (a dropped
    /// session), and events delivered newest first within a batch.
    pub drop_clients: std::sync::atomic::AtomicBool,
    pub reorder: std::sync::atomic::AtomicBool,
    /// Fault: the next this many change events are gap events.
    pub cdc_gaps: std::sync::atomic::AtomicU64,
    /// Events delivered since start, for the allocation figures.
    pub delivered: std::sync::atomic::AtomicU64,
    /// Held connects end at once when the sandbox stops.
    stopping: std::sync::atomic::AtomicBool,
}

impl Default for Streaming {
    fn default() -> Self {
        Streaming {
            clients: Mutex::new(HashMap::new()),
            retained: Mutex::new(HashMap::new()),
            next_client: std::sync::atomic::AtomicU64::new(1),
            next_replay: std::sync::atomic::AtomicI64::new(1),
            drop_clients: Default::default(),
            reorder: Default::default(),
            cdc_gaps: Default::default(),
            delivered: Default::default(),
            stopping: Default::default(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Streaming {
    fn new_client(&self, user: String) -> String {
        let n = self
            .next_client
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let id = format!("{n:x}{:x}", rand::random::<u64>());
        let mut clients = lock(&self.clients);
        // Clients that stopped connecting are gone, as on a real server.
        clients.retain(|_, c| c.last_seen.elapsed() < CLIENT_TIMEOUT * 3);
        clients.insert(
            id.clone(),
            Client {
                user,
                subscriptions: Vec::new(),
                queue: VecDeque::new(),
                wake: Default::default(),
                last_seen: Instant::now(),
                connected: false,
            },
        );
        id
    }

    /// The client's user, if it is known and still live.
    fn touch(&self, client: &str) -> Option<String> {
        let mut clients = lock(&self.clients);
        let c = clients.get_mut(client)?;
        if c.last_seen.elapsed() > CLIENT_TIMEOUT {
            clients.remove(client);
            return None;
        }
        c.last_seen = Instant::now();
        Some(c.user.clone())
    }

    fn forget(&self, client: &str) {
        lock(&self.clients).remove(client);
    }

    /// Drops every client: their next connect must handshake again.
    pub fn drop_all_clients(&self) {
        let mut clients = lock(&self.clients);
        for c in clients.values() {
            c.wake.notify_one();
        }
        clients.clear();
    }

    /// Ends every held connect: the sandbox is stopping.
    pub fn shutdown(&self) {
        self.stopping
            .store(true, std::sync::atomic::Ordering::Relaxed);
        for c in lock(&self.clients).values() {
            c.wake.notify_one();
        }
    }

    pub fn client_count(&self) -> usize {
        lock(&self.clients).len()
    }

    fn subscribe(&self, client: &str, sub: Subscription, replay_from: Option<i64>) -> bool {
        let backlog: Vec<Value> = match replay_from {
            // -2: everything retained; n: what came after n; -1: new only.
            Some(from) if from != -1 => lock(&self.retained)
                .get(&sub.base)
                .map(|events| {
                    events
                        .iter()
                        .filter(|e| from == -2 || e.replay_id > from)
                        .filter(|e| matches_filter(&sub.filter, &e.sobject))
                        .map(|e| addressed(&e.message, &sub.channel))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut clients = lock(&self.clients);
        let Some(c) = clients.get_mut(client) else {
            return false;
        };
        if !c.subscriptions.iter().any(|s| s.channel == sub.channel) {
            c.subscriptions.push(sub);
        }
        c.queue.extend(backlog);
        if !c.queue.is_empty() {
            c.wake.notify_one();
        }
        true
    }

    fn unsubscribe(&self, client: &str, channel: &str) -> bool {
        let mut clients = lock(&self.clients);
        let Some(c) = clients.get_mut(client) else {
            return false;
        };
        let before = c.subscriptions.len();
        c.subscriptions.retain(|s| s.channel != channel);
        c.subscriptions.len() != before
    }

    /// Whether the oldest retained event of `channel` is newer than
    /// `replay_id + 1` (the client asked for events no longer kept).
    fn replay_valid(&self, channel: &str, replay_id: i64) -> bool {
        if replay_id == -1 || replay_id == -2 {
            return true;
        }
        let next = self.next_replay.load(std::sync::atomic::Ordering::Relaxed);
        if replay_id < 0 || replay_id >= next {
            return false;
        }
        match lock(&self.retained).get(channel).and_then(|e| e.front()) {
            Some(oldest) => replay_id + 1 >= oldest.replay_id || replay_id == 0,
            None => true,
        }
    }

    /// Retains an event and queues it for every matching subscription.
    pub fn publish(
        &self,
        channel: &str,
        sobject: serde_json::Map<String, Value>,
        mut message: Value,
    ) {
        let replay_id = self
            .next_replay
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(event) = message
            .get_mut("data")
            .and_then(|d| d.get_mut("event"))
            .and_then(Value::as_object_mut)
        {
            event.insert("replayId".into(), replay_id.into());
        }
        {
            let mut retained = lock(&self.retained);
            let events = retained.entry(channel.to_string()).or_default();
            if events.len() >= RETAINED {
                events.pop_front();
            }
            events.push_back(Retained {
                channel: channel.to_string(),
                replay_id,
                sobject: sobject.clone(),
                message: message.clone(),
            });
        }
        let mut clients = lock(&self.clients);
        for c in clients.values_mut() {
            for s in &c.subscriptions {
                if s.base == channel && matches_filter(&s.filter, &sobject) {
                    if c.queue.len() >= QUEUE_LIMIT {
                        c.queue.pop_front();
                    }
                    c.queue.push_back(addressed(&message, &s.channel));
                    c.wake.notify_one();
                }
            }
        }
    }

    /// Waits up to `hold` for events for `client`, then takes them. `None`:
    /// the client is gone (dropped, or the sandbox is stopping).
    async fn take(&self, client: &str, hold: Duration) -> Option<Vec<Value>> {
        let mut deadline = tokio::time::Instant::now() + hold;
        loop {
            let wake = {
                if self.stopping.load(std::sync::atomic::Ordering::Relaxed) {
                    return None;
                }
                let mut clients = lock(&self.clients);
                let c = clients.get_mut(client)?;
                if !c.connected {
                    c.connected = true;
                    deadline = tokio::time::Instant::now();
                }
                if !c.queue.is_empty() {
                    let mut events: Vec<Value> = c.queue.drain(..).collect();
                    if self.reorder.load(std::sync::atomic::Ordering::Relaxed) {
                        events.reverse();
                    }
                    self.delivered
                        .fetch_add(events.len() as u64, std::sync::atomic::Ordering::Relaxed);
                    return Some(events);
                }
                c.wake.clone()
            };
            if tokio::time::timeout_at(deadline, wake.notified())
                .await
                .is_err()
            {
                return Some(Vec::new());
            }
        }
    }
}

/// The event as delivered on the channel the client subscribed to.
fn addressed(message: &Value, channel: &str) -> Value {
    let mut m = message.clone();
    if let Some(o) = m.as_object_mut() {
        o.insert("channel".into(), Value::String(channel.to_string()));
    }
    m
}

/// A filtered subscription sees only events whose record has each
/// `field=value` (ids compare in their 15- or 18-character forms).
pub fn matches_filter(
    filter: &[(String, String)],
    sobject: &serde_json::Map<String, Value>,
) -> bool {
    filter.iter().all(|(field, want)| {
        let got = sobject
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(field))
            .map(|(_, v)| match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .unwrap_or_default();
        got == *want
            || (crate::ids::normalize(&got).is_some()
                && crate::ids::normalize(&got) == crate::ids::normalize(want))
    })
}

/// `/topic/Name?Field=value&…` → the base channel and its filter; `None`
/// for a malformed one.
pub fn parse_channel(channel: &str) -> Option<(String, Vec<(String, String)>)> {
    if channel.len() > 1_024 {
        return None;
    }
    let (base, query) = match channel.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (channel, None),
    };
    let mut filter = Vec::new();
    if let Some(q) = query {
        for pair in q.split('&') {
            let (k, v) = pair.split_once('=')?;
            if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return None;
            }
            filter.push((k.to_string(), v.to_string()));
        }
        if filter.is_empty() || filter.len() > 10 {
            return None;
        }
    }
    Some((base.to_string(), filter))
}

#[cfg(test)]
mod tests;
