#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! BUDGET-3 against a real `nats-server` with JetStream and the sandbox
//! org: the relay's copy and change events reach every follower; a relay
//! killed mid-copy resumes from its checkpoint under a standby; a gap event
//! is re-read; a follower away past the retention re-snapshots (deletions
//! included); a JetStream restart and the org's spent budget lose nothing.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use ringside_contacts::{ContactStore, Region};
use ringside_crm::SalesforceClient;
use ringside_relay::sink::SinkError;
use ringside_relay::{Change, MemorySink, RelayConfig, Sink, StoreSink};
use ringside_sandbox::seed::Seed;
use ringside_sandbox::Sandbox;
use serde_json::{json, Map, Value};
use tokio::sync::watch;

/// A memory sink the test can look into while a follower fills it.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<MemorySink>>);

impl Shared {
    fn view(&self) -> View {
        sink_view(&self.0.lock().unwrap())
    }
}

impl Sink for Shared {
    async fn position(&mut self) -> Result<Option<u64>, SinkError> {
        Ok(self.0.lock().unwrap().position)
    }
    async fn apply(&mut self, changes: &[Change], through: Option<u64>) -> Result<(), SinkError> {
        let mut s = self.0.lock().unwrap();
        for c in changes {
            s.apply_one(c);
        }
        if through.is_some() {
            s.position = through;
        }
        Ok(())
    }
    async fn retain(&mut self, live: &HashSet<String>, through: u64) -> Result<(), SinkError> {
        let mut s = self.0.lock().unwrap();
        s.records.retain(|id, _| live.contains(id));
        s.position = Some(through);
        Ok(())
    }
}

async fn follower<S: Sink + 'static>(nats: &Nats, sb: &Sandbox, mut sink: S) -> Running {
    let js = nats.js().await;
    let names = names(sb);
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(async move {
        ringside_relay::follow(js, names, &mut sink, rx, &|_| {})
            .await
            .unwrap();
    });
    Running { stop: tx, task }
}

async fn converged(c: &SalesforceClient, sink: &Shared, what: &str) {
    eventually(Duration::from_secs(30), what, || async {
        diff(&crm_view(c).await, &sink.view())
    })
    .await;
}

fn fields(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

async fn first_contacts(c: &SalesforceClient, n: usize) -> Vec<String> {
    c.query_all_pages("SELECT Id FROM Contact ORDER BY Id")
        .await
        .unwrap()
        .iter()
        .take(n)
        .map(|r| r["Id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_the_copy_and_change_events_reach_followers_without_api_requests_per_change() {
    let nats = Nats::start();
    let (sb, writer) = org(Seed::Demo).await;
    let (r, stats) = relay(&nats, &sb, cfg("a")).await;
    let mem = Shared::default();
    let f = follower(&nats, &sb, mem.clone()).await;
    converged(&writer, &mem, "the snapshot").await;
    eventually(Duration::from_secs(10), "streaming", || async {
        match stats.phase().starts_with("streaming") {
            true => Ok(()),
            false => Err(stats.phase()),
        }
    })
    .await;

    // Creates, updates (phone, name, a field nulled) and a delete.
    let ids = first_contacts(&writer, 3).await;
    let new = writer
        .create(
            "Contact",
            &json!({"FirstName": "Nuria", "LastName": "Vidal", "Phone": "+34 910 000 111"}),
        )
        .await
        .unwrap()
        .id
        .unwrap();
    writer
        .update("Contact", &ids[0], &json!({"Phone": "+1 415 555 0199"}))
        .await
        .unwrap();
    writer
        .update(
            "Contact",
            &ids[1],
            &json!({"LastName": "Renamed", "MobilePhone": null}),
        )
        .await
        .unwrap();
    writer.delete("Contact", &ids[2]).await.unwrap();
    writer
        .create(
            "Lead",
            &json!({"LastName": "Okafor", "Company": "Zeta", "Phone": "+44 20 7946 0000"}),
        )
        .await
        .unwrap();
    converged(&writer, &mem, "after creates, updates and a delete").await;
    assert!(mem.view().contains_key(&new[..15]));

    // Updates carry their fields: the relay merges them, asking the CRM nothing.
    let relay_client = stats.clone();
    let before = sb.api_requests();
    let writes_before = writer.requests_made();
    for (i, id) in ids[..2].iter().enumerate() {
        writer
            .update(
                "Contact",
                id,
                &json!({"HomePhone": format!("+1 212 555 01{i:02}")}),
            )
            .await
            .unwrap();
    }
    converged(&writer, &mem, "after phone changes").await;
    let relay_requests = (sb.api_requests() - before) - (writer.requests_made() - writes_before);
    assert_eq!(
        relay_requests, 0,
        "the relay read nothing from the CRM for two updates"
    );
    drop(relay_client);

    // A desktop's own store, filled from the relay, pops the new caller.
    let store = ContactStore::open_in_memory().await.unwrap();
    let g = follower(&nats, &sb, StoreSink::new(store.clone(), Region::US)).await;
    eventually(Duration::from_secs(30), "the store's snapshot", || async {
        let got: HashSet<String> = store
            .ids()
            .await
            .unwrap()
            .iter()
            .map(|i| i[..15].to_string())
            .collect();
        let want: HashSet<String> = crm_view(&writer).await.into_keys().collect();
        match got == want {
            true => Ok(()),
            false => Err(format!(
                "{} in the CRM, {} in the store",
                want.len(),
                got.len()
            )),
        }
    })
    .await;
    let hits = store.lookup("+34910000111", Region::US).await.unwrap();
    assert_eq!(
        hits.first().map(|m| m.id[..15].to_string()),
        Some(new[..15].to_string())
    );
    g.stop().await;
    // The relay gone, the store is handed to the direct mode as copied: a
    // delta (a few requests), never a new copy of the org.
    for source in ringside_contacts::sync::Source::ALL {
        let state = store.sync_state(source.object()).await.unwrap();
        assert_eq!(
            state.as_ref().map(|(phase, _)| phase.as_str()),
            Some("delta"),
            "{}",
            source.object()
        );
    }
    let opts = ringside_contacts::sync::SyncOptions {
        region: Region::US,
        person_accounts: false,
        page: 1_000,
        poll_ms: 50,
    };
    let before = writer.requests_made();
    let full = ringside_contacts::sync::full_sync(&writer, &store, &opts, &|_| {})
        .await
        .unwrap();
    let delta = ringside_contacts::sync::delta_sync(&writer, &store, &opts)
        .await
        .unwrap();
    assert_eq!(full.records, 0, "nothing is copied again");
    assert!(
        writer.requests_made() - before <= 12,
        "a delta, not a copy: {} requests",
        writer.requests_made() - before
    );
    assert_eq!(delta.deleted, 0);
    f.stop().await;
    r.stop().await;
    assert!(stats.published.load(std::sync::atomic::Ordering::Relaxed) > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_a_relay_killed_mid_copy_resumes_under_a_standby_and_only_one_publishes() {
    let nats = Nats::start();
    let (sb, writer) = org(Seed::Demo).await;
    let mut slow = cfg("first");
    slow.page = 3;
    let (a, a_stats) = relay(&nats, &sb, slow.clone()).await;
    eventually(Duration::from_secs(30), "the copy under way", || async {
        let p = a_stats.published.load(std::sync::atomic::Ordering::Relaxed);
        match p >= 6 {
            true => Ok(()),
            false => Err(format!("{p} published")),
        }
    })
    .await;
    a.kill();
    let a_published = a_stats.published.load(std::sync::atomic::Ordering::Relaxed);
    let (b, b_stats) = relay(
        &nats,
        &sb,
        RelayConfig {
            holder: "second".into(),
            ..slow.clone()
        },
    )
    .await;
    let (c, c_stats) = relay(
        &nats,
        &sb,
        RelayConfig {
            holder: "third".into(),
            ..slow
        },
    )
    .await;
    let mem = Shared::default();
    let f = follower(&nats, &sb, mem.clone()).await;
    converged(&writer, &mem, "the resumed copy").await;
    let id = first_contacts(&writer, 1).await.remove(0);
    writer
        .update("Contact", &id, &json!({"Phone": "+1 646 555 0142"}))
        .await
        .unwrap();
    converged(&writer, &mem, "a change after the takeover").await;
    let (b_n, c_n) = (
        b_stats.published.load(std::sync::atomic::Ordering::Relaxed),
        c_stats.published.load(std::sync::atomic::Ordering::Relaxed),
    );
    // Exactly one of the two took over; the other stood by.
    assert!((b_n > 0) != (c_n > 0), "one publisher: {b_n} and {c_n}");
    let standby = if b_n > 0 { &c_stats } else { &b_stats };
    assert!(
        standby.phase().starts_with("standby"),
        "{}",
        standby.phase()
    );
    // Resumed from the checkpoint, not copied again from the start.
    let records = sb_records(&writer).await;
    assert!(
        a_published + b_n.max(c_n) < 2 * records,
        "{a_published} + {} for {records}",
        b_n.max(c_n)
    );
    f.stop().await;
    b.stop().await;
    c.stop().await;
}

/// Users, accounts, contacts and leads in the org.
async fn sb_records(c: &SalesforceClient) -> u64 {
    let mut n = 0;
    for o in ["User", "Account", "Contact", "Lead"] {
        n += c
            .query_all_pages(&format!("SELECT Id FROM {o}"))
            .await
            .unwrap()
            .len() as u64;
    }
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_gap_events_are_reread_and_a_follower_past_the_retention_resnapshots() {
    let nats = Nats::start();
    let (sb, writer) = org(Seed::Demo).await;
    let (r, stats) = relay(
        &nats,
        &sb,
        RelayConfig {
            retention: Duration::from_secs(3),
            ..cfg("a")
        },
    )
    .await;
    let mem = Shared::default();
    let f = follower(&nats, &sb, mem.clone()).await;
    converged(&writer, &mem, "the snapshot").await;
    f.stop().await;

    // Away: two changes arrive as gap events, one contact is deleted.
    let ids = first_contacts(&writer, 3).await;
    sb.streaming()
        .cdc_gaps
        .store(2, std::sync::atomic::Ordering::Relaxed);
    writer
        .update("Contact", &ids[0], &json!({"Phone": "+1 305 555 0100"}))
        .await
        .unwrap();
    writer.delete("Contact", &ids[1]).await.unwrap();
    writer
        .update("Contact", &ids[2], &json!({"LastName": "Gapped"}))
        .await
        .unwrap();
    eventually(
        Duration::from_secs(20),
        "the gap events re-read",
        || async {
            match stats.rereads.load(std::sync::atomic::Ordering::Relaxed) >= 2 {
                true => Ok(()),
                false => Err("not yet".into()),
            }
        },
    )
    .await;
    let position = mem.0.lock().unwrap().position;
    // Past the retention, the changes are gone from the stream.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let f = follower(&nats, &sb, mem.clone()).await;
    converged(&writer, &mem, "back after the retention").await;
    assert!(
        !mem.view().contains_key(&ids[1][..15]),
        "the deletion reached the follower"
    );
    assert!(mem.0.lock().unwrap().position > position);
    f.stop().await;
    r.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn budget_3_a_jetstream_restart_and_a_spent_budget_lose_nothing() {
    let mut nats = Nats::start();
    let (sb, writer) = org(Seed::Demo).await;
    let (r, stats) = relay(&nats, &sb, cfg("a")).await;
    let mem = Shared::default();
    let f = follower(&nats, &sb, mem.clone()).await;
    converged(&writer, &mem, "the snapshot").await;

    // The server crashes and comes back with its store.
    nats.restart();
    let ids = first_contacts(&writer, 3).await;
    writer
        .update("Contact", &ids[0], &json!({"Phone": "+1 718 555 0101"}))
        .await
        .unwrap();
    converged(&writer, &mem, "after the JetStream restart").await;

    // The org's allocation is spent (other integrations): an update the
    // relay merges still arrives; a gap event owes a delta until the
    // budget is back.
    sb.set_api_allocation(1);
    assert!(sb
        .ui_update(
            "Contact",
            &ids[1],
            fields(json!({"Phone": "+1 718 555 0102"}))
        )
        .await
        .unwrap());
    eventually(
        Duration::from_secs(20),
        "a merged update while the budget is spent",
        || async {
            let v = mem.view();
            match v
                .get(&ids[1][..15])
                .is_some_and(|(_, p)| p.contains(&"Phone=+1 718 555 0102".to_string()))
            {
                true => Ok(()),
                false => Err(format!("{:?}", v.get(&ids[1][..15]))),
            }
        },
    )
    .await;
    sb.streaming()
        .cdc_gaps
        .store(1, std::sync::atomic::Ordering::Relaxed);
    assert!(sb
        .ui_update(
            "Contact",
            &ids[2],
            fields(json!({"Phone": "+1 718 555 0103"}))
        )
        .await
        .unwrap());
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(stats.phase().contains("owed"), "{}", stats.phase());
    assert!(
        !mem.view()
            .get(&ids[2][..15])
            .is_some_and(|(_, p)| p.contains(&"Phone=+1 718 555 0103".to_string())),
        "the gap cannot be read while the budget is spent"
    );
    sb.set_api_allocation(1_000_000);
    converged(&writer, &mem, "after the budget is back").await;
    f.stop().await;
    r.stop().await;
}
