//! Contact store benchmarks: loading N records (normalising every number),
//! the store's size on disk, and lookups by number. Prints its figures.
//!
//! `cargo bench -p ringside-contacts --bench contacts [-- RECORDS]`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench fails loudly

use std::time::Instant;

use ringside_contacts::{normalize, ContactRecord, ContactStore, Kind, Region};
use ringside_sandbox::synthetic::synthetic_phone as number;

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
        name: format!("Person {i}"),
        company: Some(format!("Company {}", i % 5000)),
        owner_id: Some("005000000000001AAA".into()),
        account_id: None,
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
    });
    let _ = std::fs::remove_dir_all(&dir);
}
