//! Contact store benchmarks: loading N records (normalising every number
//! and indexing names, companies and digits), the store's size on disk,
//! lookups by number, and find-a-contact by the kinds of query agents type.
//! Prints its figures.
//!
//! `cargo bench -p ringside-contacts --bench contacts [-- RECORDS]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::Instant;

use ringside_contacts::{normalize, ContactRecord, ContactStore, Kind, Region};
use ringside_sandbox::synthetic::{synthetic_company, synthetic_person, synthetic_phone as number};

fn record(i: u64) -> ContactRecord {
    let mut phones = vec![("Phone".to_string(), number(i, i))];
    if i % 2 == 0 {
        phones.push(("MobilePhone".to_string(), number(i + 7_000_000, i + 1)));
    }
    ContactRecord {
        id: format!("003{i:015}"),
        kind: if i % 3 == 0 {
            Kind::Lead
        } else {
            Kind::Contact
        },
        name: {
            let (first, last) = synthetic_person(i);
            format!("{first} {last}")
        },
        company: (i % 3 == 0).then(|| synthetic_company(i)),
        owner_id: Some("005000000000001AAA".into()),
        // Contacts' companies are their accounts' names.
        account_id: (i % 3 != 0).then(|| format!("001{:015}", i % 32_000)),
        created_at: 1_700_000_000_000 + i as i64,
        modstamp: 1_700_000_000_000 + i as i64,
        phones,
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("ringside-bench-contacts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let us = Region::US;

    let t = Instant::now();
    let mut ok = 0;
    for i in 0..100_000u64 {
        ok += usize::from(normalize(&number(i, i), us).is_ok());
    }
    let per = t.elapsed().as_secs_f64() / 100_000.0 * 1e6;
    println!("normalise: {per:.2} µs per number ({ok} of 100000 valid)");

    rt.block_on(async {
        let store = ContactStore::open(&dir.join("contacts.db")).await.unwrap();
        let accounts: Vec<(String, String)> = (0..32_000u64)
            .map(|a| (format!("001{a:015}"), synthetic_company(a)))
            .collect();
        store.upsert_accounts(&accounts).await.unwrap();
        let t = Instant::now();
        let mut numbers = 0;
        for start in (0..n).step_by(5_000) {
            let batch: Vec<ContactRecord> = (start..(start + 5_000).min(n)).map(record).collect();
            numbers += store.upsert(&batch, us).await.unwrap().numbers;
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "load: {n} records, {numbers} numbers in {secs:.1} s = {:.0} records/s",
            n as f64 / secs
        );
        store.close().await;
        let bytes: u64 = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        println!(
            "store size: {:.1} MB ({:.0} bytes per record)",
            bytes as f64 / 1e6,
            bytes as f64 / n as f64
        );

        let store = ContactStore::open(&dir.join("contacts.db")).await.unwrap();
        let t = Instant::now();
        store.compact_search_index().await.unwrap();
        println!(
            "find-a-contact index compacted in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        // A delta: 10,000 records spread over the store get a new mobile
        // number (as `scripts/bench-sync.sh` changes them in the CRM).
        let changed: Vec<ContactRecord> = (0..10_000u64)
            .map(|k| {
                let mut r = record((k * 2_654_435_761) % n);
                r.phones.push((
                    "MobilePhone".into(),
                    format!("+1 415 555 {:04}", k % 10_000),
                ));
                r
            })
            .collect();
        let t = Instant::now();
        store.upsert(&changed, us).await.unwrap();
        println!(
            "delta: 10000 changed records upserted in {:.2} s",
            t.elapsed().as_secs_f64()
        );
        let mut ms = Vec::new();
        let mut found = 0;
        for k in 0..20_000u64 {
            let i = (k * 2_654_435_761) % n;
            let typed = number(i, i + 3); // a different format than stored
            let t = Instant::now();
            found += usize::from(!store.lookup(&typed, us).await.unwrap().is_empty());
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        let mut floor = Vec::new();
        for _ in 0..20_000 {
            let t = Instant::now();
            store.ping().await.unwrap();
            floor.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        floor.sort_by(f64::total_cmp);
        println!(
            "round trip floor (SELECT 1): p50 {:.3} ms, p99 {:.3} ms",
            pct(&floor, 0.5),
            pct(&floor, 0.99)
        );
        println!(
            "lookup in {n}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({found} of 20000 found)",
            pct(&ms, 0.5),
            pct(&ms, 0.99),
            ms[ms.len() - 1]
        );
        find(&store, n).await;
    });
    if std::env::var_os("RINGSIDE_BENCH_KEEP").is_some() {
        println!("store kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Find-a-contact as agents type it, 2,000 queries of each kind, against
/// records picked across the store.
async fn find(store: &ContactStore, n: u64) {
    let us = Region::US;
    let pick = |k: u64| (k * 2_654_435_761 + 12_345) % n;
    type Make = fn(u64) -> String;
    let kinds: [(&str, Make); 8] = [
        ("two letters of a name", |i| {
            synthetic_person(i).1.chars().take(2).collect()
        }),
        ("a last name, begun", |i| {
            let last = synthetic_person(i).1;
            last.chars().take(3 + (i as usize) % 4).collect()
        }),
        ("first name and begun last name", |i| {
            let (first, last) = synthetic_person(i);
            format!("{first} {}", last.chars().take(3).collect::<String>())
        }),
        ("a company word", |i| {
            let c = synthetic_company(if i % 3 == 0 { i } else { i % 32_000 });
            c.split(' ')
                .nth((i % 2) as usize)
                .unwrap_or("x")
                .to_lowercase()
        }),
        ("4 to 7 digits from inside a number", |i| {
            let d: String = number(i, i).chars().filter(char::is_ascii_digit).collect();
            let len = 4 + (i as usize) % 4;
            let from = (i as usize / 7) % (d.len() - len);
            d[from..from + len].to_string()
        }),
        ("a pasted number in another format", |i| number(i, i + 2)),
        ("the start of a number with +", |i| {
            let d: String = number(i, 1).chars().filter(char::is_ascii_digit).collect();
            format!("+{}", &d[..6])
        }),
        ("a word nobody has", |i| format!("zq{}x", i % 97)),
    ];
    let mut all = Vec::new();
    for (label, make) in kinds {
        let mut ms = Vec::new();
        let mut hits = 0usize;
        let mut full = 0usize;
        for k in 0..2_000u64 {
            let q = make(pick(k));
            let t = Instant::now();
            let page = store.find(&q, us, 20).await.unwrap();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            hits += usize::from(!page.records.is_empty());
            full += usize::from(page.more);
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "find, {label}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({hits} of 2000 found something, {full} had more than 20)",
            pct(&ms, 0.5),
            pct(&ms, 0.99),
            ms[ms.len() - 1]
        );
        all.extend(ms);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "find, all {} queries: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.99),
        all[all.len() - 1]
    );
}
