//! `ringside sync`: the contact store filled from the CRM, with progress.

use std::time::Instant;

use ringside_contacts::sync::{delta_sync, full_sync, Progress, SyncOptions as Opts, PAGE};
use ringside_contacts::{ContactStore, Region};
use ringside_salesforce::embedded::start_embedded;

use crate::args::SyncOptions;

fn show(p: Progress) {
    let total = p.total.map(|t| format!("/{t}")).unwrap_or_default();
    let eta = p
        .eta_seconds
        .map(|s| format!(", ETA {s:.0} s"))
        .unwrap_or_default();
    println!(
        "{:<8} {}{total} records, {:.0} records/s{eta}",
        p.object, p.done, p.per_second
    );
}

pub async fn run(opts: SyncOptions) -> anyhow::Result<()> {
    let region = Region::parse(&opts.region).ok_or_else(|| {
        anyhow::anyhow!(
            "--region takes a two-letter country code, not `{}`",
            opts.region
        )
    })?;
    let (_sandbox, link) = match &opts.crm_url {
        Some(url) => (
            None,
            crate::external::external_crm(url, opts.crm_ca.as_deref()).await?,
        ),
        None => {
            let dir = ringside_engine::paths::sandbox_dir()?;
            let (sb, link) = start_embedded(Some(&dir)).await?;
            (Some(sb), link)
        }
    };
    let path = match opts.contacts_db {
        Some(path) => path,
        None => ringside_engine::paths::data_dir()?.join("contacts.db"),
    };
    let store = ContactStore::open(&path).await?;
    let person_accounts = link
        .client
        .describe("Account")
        .await
        .map(|d| d.fields.iter().any(|f| f.name == "IsPersonAccount"))
        .unwrap_or(false);
    let o = Opts {
        region,
        person_accounts,
        page: PAGE,
        poll_ms: 200,
    };
    let t = Instant::now();
    let full = full_sync(&link.client, &store, &o, &show).await?;
    let delta = delta_sync(&link.client, &store, &o).await?;
    let (records, numbers) = store.count().await?;
    println!(
        "synced in {:.1} s: {} copied, {} changed, {} deleted; the store holds {records} callers and {numbers} numbers ({} numbers could not be read)",
        t.elapsed().as_secs_f64(),
        full.records,
        delta.records,
        delta.deleted,
        full.unusable_numbers + delta.unusable_numbers,
    );
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory of this process: {:.0} MB", kb as f64 / 1024.0);
    }
    store.close().await;
    Ok(())
}

/// `VmHWM`: the most resident memory this process has used.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
