//! `ringside relay`: the org relay as a service (docs/RELAY.md). It signs
//! in to the org as its integration user, connects to NATS JetStream and
//! runs until SIGTERM or Ctrl-C, printing what it does every few seconds.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_relay::{RelayConfig, RelayStats};
use ringside_salesforce::embedded::start_embedded;
use ringside_sandbox::seed::ADMIN_USERNAME;
use tokio::sync::watch;

use crate::args::RelayOptions;

/// How often the status line is printed.
const STATUS_EVERY: Duration = Duration::from_secs(5);

pub async fn run(opts: RelayOptions) -> anyhow::Result<()> {
    // The built-in sandbox, signed in as its admin (the integration user).
    let (_embedded, client) = match &opts.crm_url {
        Some(url) => (
            None,
            crate::external::external_crm(url, opts.crm_ca.as_deref())
                .await?
                .client,
        ),
        None => {
            let dir = ringside_engine::paths::sandbox_dir()?;
            let (embedded, _) = start_embedded(Some(&dir)).await?;
            let sb = &embedded.sandbox;
            let (access, refresh) = sb.issue_tokens_for(ADMIN_USERNAME).await?;
            let client = SalesforceClient::new(
                http_client(None)?,
                &sb.http_url,
                &sb.http_url,
                "ringside-relay",
                Credentials {
                    access: Sensitive::new(access),
                    refresh: Some(Sensitive::new(refresh)),
                },
            );
            println!("Sandbox CRM at {} (org {})", sb.http_url, sb.org_id());
            (Some(embedded), Arc::new(client))
        }
    };
    let org = client.userinfo().await?.organization_id;
    let mut connect = async_nats::ConnectOptions::new()
        .name("ringside-relay")
        .retry_on_initial_connect();
    // Credentials from the environment (a service's environment file),
    // never from the command line.
    if let Ok(user) = std::env::var("RINGSIDE_NATS_USER") {
        let password = std::env::var("RINGSIDE_NATS_PASSWORD").unwrap_or_default();
        connect = connect.user_and_password(user, password);
    } else if let Ok(token) = std::env::var("RINGSIDE_NATS_TOKEN") {
        connect = connect.token(token);
    }
    let nats = connect
        .connect(opts.nats.as_str())
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach NATS at {}: {e}", opts.nats))?;
    let mut js = async_nats::jetstream::new(nats);
    js.set_timeout(Duration::from_secs(10));

    let cfg = RelayConfig {
        retention: Duration::from_secs(u64::from(opts.retention_days) * 86_400),
        delta_every: Duration::from_secs(u64::from(opts.delta_minutes) * 60),
        ..RelayConfig::default()
    };
    println!(
        "Relay {} for org {org}, publishing to {}",
        cfg.holder, opts.nats
    );
    let stats = Arc::new(RelayStats::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let relay = ringside_relay::run(client, js, &org, cfg, stop_rx, stats.clone());
    let mut relay = std::pin::pin!(relay);
    let mut tick = tokio::time::interval(STATUS_EVERY);
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let outcome = loop {
        tokio::select! {
            r = &mut relay => break r,
            _ = tick.tick() => status(&stats),
            _ = tokio::signal::ctrl_c() => break stop(&stop_tx, &mut relay).await,
            _ = term.recv() => break stop(&stop_tx, &mut relay).await,
        }
    };
    status(&stats);
    outcome?;
    Ok(())
}

/// Asks the relay to stop (it saves its checkpoint and hands back the
/// lease) and waits for it.
async fn stop<F: std::future::Future + Unpin>(
    stop: &watch::Sender<bool>,
    relay: &mut F,
) -> F::Output {
    println!("stopping");
    let _ = stop.send(true);
    relay.await
}

fn status(s: &RelayStats) {
    let n = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
    println!(
        "{}: {} published, {} change events, {} deltas, {} copies, {} re-read",
        s.phase(),
        n(&s.published),
        n(&s.events),
        n(&s.deltas),
        n(&s.copies),
        n(&s.rereads),
    );
}
