#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! BUDGET-3 with the NATS configuration Ringside ships
//! (`deploy/nats-server.conf`): the relay signs in and publishes; a desktop
//! connecting without credentials follows the org into its store and can
//! change nothing — no change published, no stream made or deleted, no
//! lease taken.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use async_nats::jetstream::stream;
use common::*;
use ringside_contacts::{ContactStore, Region};
use ringside_relay::StoreSink;
use ringside_sandbox::seed::Seed;
use tokio::sync::watch;

const SHIPPED: &str = include_str!("../../../../deploy/nats-server.conf");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_with_the_shipped_nats_config_a_desktop_follows_and_can_change_nothing() {
    let nats = Nats::start_with_config(SHIPPED);
    let (sb, admin) = org(Seed::Demo).await;
    let names = names(&sb);
    let relay_js = nats.js_as("relay", "change-me").await;
    let (relay, _) = relay_on(relay_js.clone(), &sb, cfg("relay")).await;

    // A desktop, no credentials: the read-only user.
    let mut desktop = nats.js().await;
    desktop.set_timeout(Duration::from_secs(2));
    let store = ContactStore::open_in_memory().await.unwrap();
    let (stop, stopped) = watch::channel(false);
    let follower = {
        let (js, names, store) = (desktop.clone(), names.clone(), store.clone());
        tokio::spawn(async move {
            let mut sink = StoreSink::new(store, Region::US);
            ringside_relay::follow(js, names, &mut sink, stopped, &|_| {}).await
        })
    };
    let want: HashSet<String> = crm_view(&admin).await.into_keys().collect();
    eventually(Duration::from_secs(60), "the desktop's copy", || async {
        let got: HashSet<String> = store
            .ids()
            .await
            .unwrap()
            .iter()
            .map(|i| i[..15].to_string())
            .collect();
        match got == want {
            true => Ok(()),
            false => Err(format!("{} of {}", got.len(), want.len())),
        }
    })
    .await;

    let changes = names.changes_stream();
    let last = |js: async_nats::jetstream::Context| {
        let changes = changes.clone();
        async move {
            js.get_stream(&changes)
                .await
                .unwrap()
                .get_info()
                .await
                .unwrap()
                .state
                .last_sequence
        }
    };
    let before = last(relay_js.clone()).await;
    // Publishing a change is refused (no acknowledgement ever comes).
    let forged = desktop
        .publish(
            names.changes_subject("Contact", "003000000000001AAA"),
            r#"{"o":"Contact","id":"003000000000001AAA","v":1,"r":null}"#.into(),
        )
        .await;
    let acked = match forged {
        Ok(ack) => ack.await.is_ok(),
        Err(_) => false,
    };
    assert!(!acked, "a desktop published a change");
    assert_eq!(
        last(relay_js.clone()).await,
        before,
        "the stream is unchanged"
    );
    // Nor may it make, delete or purge streams, or take the lease.
    assert!(desktop
        .create_stream(stream::Config {
            name: "EVIL".into(),
            subjects: vec!["evil.>".into()],
            ..Default::default()
        })
        .await
        .is_err());
    assert!(desktop.delete_stream(&changes).await.is_err());
    assert!(relay_js.get_stream(&changes).await.is_ok(), "still there");
    let lease = desktop.get_key_value(names.lease_bucket()).await.unwrap();
    assert!(lease.put("lease", "desktop".into()).await.is_err());
    let holder = relay_js
        .get_key_value(names.lease_bucket())
        .await
        .unwrap()
        .get("lease")
        .await
        .unwrap();
    assert_eq!(
        holder.as_deref(),
        Some(&b"relay"[..]),
        "the relay holds the lease"
    );

    let _ = stop.send(true);
    assert!(tokio::time::timeout(Duration::from_secs(10), follower)
        .await
        .unwrap()
        .unwrap()
        .is_ok());
    relay.stop().await;
}
