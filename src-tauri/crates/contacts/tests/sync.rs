#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! SYNC-1..3 against the sandbox CRM: the full copy, a copy resumed after it
//! was cut off, and randomised change streams (creates, updates, deletes,
//! merges) after which the local store equals the CRM's view.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use ringside_contacts::sync::{delta_sync, full_sync, SyncOptions};
use ringside_contacts::{normalize, ContactStore, Region};
use ringside_core::time::parse_sf_datetime;
use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

async fn org(seed: Seed) -> (Sandbox, SalesforceClient) {
    let sb = Sandbox::start(SandboxConfig {
        seed,
        ..Default::default()
    })
    .await
    .unwrap();
    let (a, r) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let c = SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        "ringside-desktop",
        Credentials {
            access: Sensitive::new(a),
            refresh: Some(Sensitive::new(r)),
        },
    );
    (sb, c)
}

fn opts(page: u32) -> SyncOptions {
    SyncOptions {
        region: Region::US,
        person_accounts: true,
        page,
        poll_ms: 10,
    }
}

/// The CRM's callers as the store should hold them: id, modstamp, numbers.
async fn crm_view(c: &SalesforceClient) -> Vec<(String, i64, Vec<String>)> {
    let mut out = Vec::new();
    for (soql, fields) in [
        ("SELECT Id, SystemModstamp, Phone, MobilePhone, HomePhone, OtherPhone, AssistantPhone FROM Contact", vec!["Phone", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone"]),
        ("SELECT Id, SystemModstamp, Phone, MobilePhone FROM Lead", vec!["Phone", "MobilePhone"]),
        ("SELECT Id, SystemModstamp, Phone, PersonMobilePhone, PersonHomePhone, PersonOtherPhone, PersonAssistantPhone FROM Account WHERE IsPersonAccount = true", vec!["Phone", "PersonMobilePhone", "PersonHomePhone", "PersonOtherPhone", "PersonAssistantPhone"]),
    ] {
        for r in c.query_all_pages(soql).await.unwrap() {
            let mut phones: Vec<String> = fields
                .iter()
                .filter_map(|f| r.get(*f).and_then(Value::as_str).map(|n| (f, n)))
                .filter_map(|(f, n)| normalize(n, Region::US).ok().map(|p| format!("{}:{f}", p.e164)))
                .collect();
            phones.sort();
            phones.dedup();
            let m = parse_sf_datetime(r["SystemModstamp"].as_str().unwrap()).unwrap();
            out.push((r["Id"].as_str().unwrap().to_string(), m, phones));
        }
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_1_the_full_copy_equals_the_crm_and_matches_callers() {
    let (_sb, c) = org(Seed::Demo).await;
    let store = ContactStore::open_in_memory().await.unwrap();
    let seen = Arc::new(AtomicU64::new(0));
    let s2 = seen.clone();
    let report = full_sync(&c, &store, &opts(7), &move |p| {
        s2.fetch_add(1, Ordering::SeqCst);
        assert!(p.per_second > 0.0 && p.done > 0);
    })
    .await
    .unwrap();
    assert!(report.records > 0 && report.numbers > 0);
    assert!(seen.load(Ordering::SeqCst) > 3, "progress per page");
    assert_eq!(store.snapshot().await.unwrap(), crm_view(&c).await);
    // A second full sync has nothing to copy: deltas take over.
    let again = full_sync(&c, &store, &opts(7), &|_| {}).await.unwrap();
    assert_eq!(again.records, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_cut_off_midway_resumes_from_its_checkpoint() {
    let (sb, c) = org(Seed::UsersOnly).await;
    for i in 0..120 {
        c.create(
            "Contact",
            &json!({"LastName": format!("C{i}"), "Phone": format!("(415) 555-{:04}", 1000 + i)}),
        )
        .await
        .unwrap();
    }
    let store = ContactStore::open_in_memory().await.unwrap();
    // Cut the copy off after the second page of contacts.
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let tx = std::sync::Mutex::new(Some(tx));
    let (c2, s2) = (Arc::new(c), store.clone());
    let task = {
        let c2 = c2.clone();
        tokio::spawn(async move {
            let _ = full_sync(&c2, &s2, &opts(25), &move |p| {
                if p.object == "Contact" && p.done >= 50 {
                    if let Some(t) = tx.lock().unwrap().take() {
                        let _ = t.send(());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            })
            .await;
        })
    };
    rx.await.unwrap();
    task.abort();
    let _ = task.await;
    let (phase, cp) = store.sync_state("Contact").await.unwrap().unwrap();
    assert_eq!(phase, "full");
    assert!(
        cp.unwrap().starts_with("job:"),
        "a checkpoint to resume from"
    );
    let before = sb.api_requests();
    full_sync(&c2, &store, &opts(25), &|_| {}).await.unwrap();
    assert!(sb.api_requests() - before < 10, "resumed, not restarted");
    assert_eq!(store.snapshot().await.unwrap(), crm_view(&c2).await);
}

/// splitmix64, for reproducible change streams.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_phone(rng: &mut Rng) -> String {
    let n = 2_000_000_000 + rng.below(7_999_999_999);
    let s = format!("{n}");
    match rng.below(4) {
        0 => format!("({}) {}-{}", &s[..3], &s[3..6], &s[6..]),
        1 => format!("+1 {} {} {}", &s[..3], &s[3..6], &s[6..]),
        2 => format!("{}.{}.{}", &s[..3], &s[3..6], &s[6..]),
        _ => s,
    }
}

/// SYNC-2/3: after any stream of creates, updates, deletes and merges, a
/// delta leaves the store equal to the CRM's view.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn randomised_change_streams_leave_the_store_equal_to_the_crm() {
    for seed in [1_u64, 2, 3] {
        let (_sb, c) = org(Seed::Demo).await;
        let store = ContactStore::open_in_memory().await.unwrap();
        full_sync(&c, &store, &opts(50), &|_| {}).await.unwrap();
        let mut rng = Rng(seed);
        let mut deleted = 0;
        let mut changed = 0;
        for _round in 0..4 {
            let mut ids: Vec<(String, &str)> = Vec::new();
            for (obj, soql) in [
                ("Contact", "SELECT Id FROM Contact"),
                ("Lead", "SELECT Id FROM Lead"),
            ] {
                for r in c.query_all_pages(soql).await.unwrap() {
                    ids.push((r["Id"].as_str().unwrap().to_string(), obj));
                }
            }
            for _ in 0..12 {
                match rng.below(5) {
                    0 | 1 => {
                        let obj = if rng.below(2) == 0 { "Contact" } else { "Lead" };
                        let mut f = json!({"LastName": format!("New {}", rng.next() % 1000), "Phone": random_phone(&mut rng)});
                        if obj == "Lead" {
                            f["Company"] = json!("Acme");
                        }
                        c.create(obj, &f).await.unwrap();
                    }
                    2 if !ids.is_empty() => {
                        let (id, obj) = ids[rng.below(ids.len() as u64) as usize].clone();
                        let field = if rng.below(2) == 0 {
                            "Phone"
                        } else {
                            "MobilePhone"
                        };
                        let value = if rng.below(4) == 0 {
                            Value::Null
                        } else {
                            json!(random_phone(&mut rng))
                        };
                        let _ = c.update(obj, &id, &json!({ field: value })).await;
                    }
                    3 if !ids.is_empty() => {
                        let (id, obj) = ids.remove(rng.below(ids.len() as u64) as usize);
                        let _ = c.delete(obj, &id).await;
                    }
                    _ if ids.len() >= 2 => {
                        // A merge: the loser is deleted, the survivor updated.
                        let (loser, obj) = ids.remove(rng.below(ids.len() as u64) as usize);
                        let (winner, wobj) = ids[rng.below(ids.len() as u64) as usize].clone();
                        let _ = c.delete(obj, &loser).await;
                        let _ = c
                            .update(
                                wobj,
                                &winner,
                                &json!({"OtherPhone": random_phone(&mut rng)}),
                            )
                            .await;
                    }
                    _ => {}
                }
            }
            let r = delta_sync(&c, &store, &opts(50)).await.unwrap();
            deleted += r.deleted;
            changed += r.records;
            let view = crm_view(&c).await;
            assert!(view.len() > 20);
            assert_eq!(store.snapshot().await.unwrap(), view, "seed {seed}");
        }
        assert!(
            deleted > 0 && changed > 0,
            "seed {seed}: {deleted} deleted, {changed} changed"
        );
    }
}
