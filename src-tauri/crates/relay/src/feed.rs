//! The desktop's side of BUDGET-3 behind the engine's port: connect to the
//! org relay's NATS server and follow the org's stream into the contact
//! store. A server that cannot be reached is reported and tried again
//! (the engine polls directly meanwhile).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ringside_contacts::{ContactStore, Region};
use ringside_crm_port::{
    async_trait, ContactFeed, FeedReport, FeedState, PortError, PortErrorKind,
};
use tokio::sync::watch;

use crate::consumer::{follow, Following};
use crate::names::Names;
use crate::sink::StoreSink;
use crate::RelayError;

/// How long one connection attempt may take.
const CONNECT_WITHIN: Duration = Duration::from_secs(10);
/// Longest wait between attempts to reach the relay's server.
const MAX_RETRY: Duration = Duration::from_secs(60);
/// How often the connection is looked at.
const CHECK_EVERY: Duration = Duration::from_secs(2);
/// How often (in connection checks) the lease is read to see that a relay
/// still publishes: a stream nobody feeds goes stale silently otherwise.
const LEASE_EVERY: u32 = 15;
/// Lease reads with no holder before the relay counts as gone (a relay
/// restarting takes one).
const NO_HOLDER_FOR: u32 = 2;

/// Follows an org relay over NATS JetStream.
#[derive(Clone, Default)]
pub struct NatsFeed {
    /// The NATS server's token for desktops, where it asks for one.
    pub token: Option<String>,
}

/// Whether `url` is a NATS address a desktop may follow.
pub fn check_url(url: &str) -> Result<(), String> {
    let host = url
        .strip_prefix("nats://")
        .or_else(|| url.strip_prefix("tls://"))
        .unwrap_or_default();
    if host.is_empty() || host.contains(['/', '@', ' ']) || url.len() > 255 {
        return Err(format!(
            "the org relay's address is nats://host:port or tls://host:port, not {:?}",
            crate::wire::clip(url)
        ));
    }
    Ok(())
}

impl NatsFeed {
    async fn connect(&self, url: &str) -> Result<async_nats::Client, String> {
        let mut options = async_nats::ConnectOptions::new()
            .name("ringside")
            .connection_timeout(CONNECT_WITHIN);
        if let Some(t) = &self.token {
            options = options.token(t.clone());
        }
        tokio::time::timeout(CONNECT_WITHIN, options.connect(url))
            .await
            .map_err(|_| "the relay's server did not answer".to_string())?
            .map_err(|e| format!("the relay's server cannot be reached: {e}"))
    }
}

#[async_trait]
impl ContactFeed for NatsFeed {
    fn check_url(&self, url: &str) -> Result<(), String> {
        check_url(url)
    }

    async fn follow(
        &self,
        url: &str,
        org_id: &str,
        store: ContactStore,
        region: Region,
        report: FeedReport,
    ) -> Result<(), PortError> {
        check_url(url).map_err(|e| PortError::new(PortErrorKind::Refused, e))?;
        let names = Names::new(org_id)
            .map_err(|e| PortError::new(PortErrorKind::Refused, e.to_string()))?;
        let mut backoff = Duration::from_secs(1);
        // Connected: the client reconnects by itself from here on.
        let client = loop {
            report(FeedState::Connecting);
            match self.connect(url).await {
                Ok(c) => break c,
                Err(why) => {
                    report(FeedState::Unreachable(why));
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(MAX_RETRY);
                }
            }
        };
        let mut js = async_nats::jetstream::new(client.clone());
        js.set_timeout(Duration::from_secs(10));
        let mut sink = StoreSink::new(store, region);
        // The engine stops a follower by dropping it: this never turns.
        let (_keep, stop) = watch::channel(false);
        let last = Arc::new(Mutex::new(FeedState::Connecting));
        let shown = {
            let (report, last) = (report.clone(), last.clone());
            move |f: Following| {
                let state = match f {
                    Following::Connecting => FeedState::Connecting,
                    Following::Snapshot { applied } => FeedState::Snapshot { applied },
                    Following::Live { position } => FeedState::Live { position },
                    Following::Unreachable(why) => FeedState::Unreachable(why),
                };
                *last.lock().unwrap_or_else(|e| e.into_inner()) = state.clone();
                report(state);
            }
        };
        let watcher = tokio::spawn(watch_relay(client, js.clone(), names.clone(), last, report));
        let _watcher = AbortOnDrop(watcher);
        match follow(js, names, &mut sink, stop, &shown).await {
            Ok(()) => Ok(()),
            Err(RelayError::Sink(e)) => Err(PortError::new(PortErrorKind::Unavailable, e.0)),
            Err(e) => Err(PortError::new(PortErrorKind::Transient, e.to_string())),
        }
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);
impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Says the relay is unreachable while the connection is down or no relay
/// holds the org's lease, and gives the follower's own state back once
/// both are well again.
async fn watch_relay(
    client: async_nats::Client,
    js: async_nats::jetstream::Context,
    names: Names,
    last: Arc<Mutex<FeedState>>,
    report: FeedReport,
) {
    let mut tick = tokio::time::interval(CHECK_EVERY);
    let (mut checks, mut no_holder, mut said) = (0u32, 0u32, false);
    loop {
        tick.tick().await;
        checks = checks.wrapping_add(1);
        let connected = client.connection_state() == async_nats::connection::State::Connected;
        if connected && checks % LEASE_EVERY == 0 {
            let held = match js.get_key_value(names.lease_bucket()).await {
                Ok(bucket) => crate::lease::holder(&bucket).await.is_some(),
                Err(_) => false,
            };
            no_holder = if held { 0 } else { no_holder + 1 };
        }
        let why = if !connected {
            Some("the connection to the relay's server was lost")
        } else if no_holder >= NO_HOLDER_FOR {
            Some("no relay is publishing this org's changes")
        } else {
            None
        };
        match why {
            Some(why) => {
                report(FeedState::Unreachable(why.into()));
                said = true;
            }
            None if said => {
                said = false;
                let state = last.lock().unwrap_or_else(|e| e.into_inner()).clone();
                report(state);
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_3_only_nats_addresses_are_followed() {
        for ok in ["nats://127.0.0.1:4222", "tls://relay.example.com:4222"] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "nats://",
            "http://relay:4222",
            "nats://u:p@relay:4222",
            "nats://a b",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
