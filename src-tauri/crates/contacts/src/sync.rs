//! Contact sync (SYNC-1..3): a full copy through Bulk API 2.0 query jobs,
//! page by page (a page at a time in memory, checkpointed so a crash resumes
//! where it stopped), then deltas: records changed since the last sync and
//! records deleted or merged away.

use std::collections::HashMap;
use std::time::Instant;

use ringside_core::time::{format_sf_datetime, parse_sf_datetime};
use ringside_crm::{CrmError, SalesforceClient};
use serde_json::{Map, Value};

use crate::phone::Region;
use crate::store::{ContactRecord, ContactStore, ContactStoreError, Kind};

/// Records per Bulk results page.
pub const PAGE: u32 = 50_000;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Crm(#[from] CrmError),
    #[error("{0}")]
    Store(#[from] ContactStoreError),
    #[error("the CRM's {object} export failed: {message}")]
    Job { object: String, message: String },
    #[error("the CRM's {object} export is not CSV Ringside can read: {message}")]
    Csv { object: String, message: String },
}

/// One CRM object Ringside copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Users,
    Accounts,
    Contacts,
    Leads,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Users,
        Source::Accounts,
        Source::Contacts,
        Source::Leads,
    ];

    pub fn object(self) -> &'static str {
        match self {
            Source::Users => "User",
            Source::Accounts => "Account",
            Source::Contacts => "Contact",
            Source::Leads => "Lead",
        }
    }

    /// The source for a CRM object name.
    pub fn from_object(object: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.object() == object)
    }

    /// The fields Ringside reads, as a SOQL select list.
    pub fn fields(self, person_accounts: bool) -> &'static str {
        match (self, person_accounts) {
            (Source::Users, _) => "Id, Name, SystemModstamp",
            (Source::Accounts, true) => "Id, Name, IsPersonAccount, OwnerId, CreatedDate, SystemModstamp, Phone, PersonMobilePhone, PersonHomePhone, PersonOtherPhone, PersonAssistantPhone",
            (Source::Accounts, false) => "Id, Name, OwnerId, CreatedDate, SystemModstamp, Phone",
            (Source::Contacts, _) => "Id, Name, AccountId, OwnerId, CreatedDate, SystemModstamp, Phone, MobilePhone, HomePhone, OtherPhone, AssistantPhone",
            (Source::Leads, _) => "Id, Name, Company, OwnerId, CreatedDate, SystemModstamp, Phone, MobilePhone",
        }
    }

    fn phone_fields(self) -> &'static [&'static str] {
        match self {
            Source::Users => &[],
            Source::Accounts => &[
                "Phone",
                "PersonMobilePhone",
                "PersonHomePhone",
                "PersonOtherPhone",
                "PersonAssistantPhone",
            ],
            Source::Contacts => &[
                "Phone",
                "MobilePhone",
                "HomePhone",
                "OtherPhone",
                "AssistantPhone",
            ],
            Source::Leads => &["Phone", "MobilePhone"],
        }
    }
}

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub region: Region,
    /// Whether the org has Person Accounts (then they are callers too).
    pub person_accounts: bool,
    pub page: u32,
    pub poll_ms: u64,
}

/// How far a sync has come, for the app and the CLI.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub object: &'static str,
    pub done: u64,
    pub total: Option<u64>,
    pub per_second: f64,
    pub eta_seconds: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub records: u64,
    pub numbers: u64,
    pub unusable_numbers: u64,
    pub deleted: u64,
}

/// Rows of one object, as delivered (CSV or JSON), turned into records.
#[derive(Default)]
pub(crate) struct Rows {
    pub(crate) contacts: Vec<ContactRecord>,
    accounts: Vec<(String, String)>,
    owners: Vec<(String, String)>,
    max_modstamp: i64,
}

fn row_to_records(source: Source, get: &dyn Fn(&str) -> Option<String>, rows: &mut Rows) {
    let Some(id) = get("Id").filter(|s| !s.is_empty()) else {
        return;
    };
    let modstamp = get("SystemModstamp")
        .and_then(|s| parse_sf_datetime(&s))
        .unwrap_or(0);
    rows.max_modstamp = rows.max_modstamp.max(modstamp);
    let name = get("Name").unwrap_or_default();
    if source == Source::Users {
        rows.owners.push((id, name));
        return;
    }
    let person = get("IsPersonAccount").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if source == Source::Accounts && !person {
        rows.accounts.push((id, name));
        return;
    }
    let kind = match source {
        Source::Accounts | Source::Users => Kind::PersonAccount,
        Source::Contacts => Kind::Contact,
        Source::Leads => Kind::Lead,
    };
    let phones = source
        .phone_fields()
        .iter()
        .filter_map(|f| {
            get(f)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (f.to_string(), v))
        })
        .collect();
    let opt = |k: &str| get(k).filter(|s| !s.is_empty());
    rows.contacts.push(ContactRecord {
        id,
        kind,
        name,
        company: opt("Company"),
        owner_id: opt("OwnerId"),
        account_id: opt("AccountId"),
        created_at: get("CreatedDate")
            .and_then(|s| parse_sf_datetime(&s))
            .unwrap_or(0),
        modstamp,
        phones,
    });
}

fn parse_csv(source: Source, bytes: &[u8]) -> Result<Rows, SyncError> {
    let csv_error = |e: csv::Error| SyncError::Csv {
        object: source.object().into(),
        message: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header: HashMap<String, usize> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_string(), i))
        .collect();
    let mut rows = Rows::default();
    for rec in reader.records() {
        let rec = rec.map_err(csv_error)?;
        let get = |k: &str| header.get(k).and_then(|i| rec.get(*i)).map(str::to_string);
        row_to_records(source, &get, &mut rows);
    }
    Ok(rows)
}

pub(crate) fn json_rows(source: Source, records: &[Map<String, Value>]) -> Rows {
    let mut rows = Rows::default();
    for r in records {
        let get = |k: &str| match r.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            _ => None,
        };
        row_to_records(source, &get, &mut rows);
    }
    rows
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Records as the CRM's REST API returns them (or as the org relay streams
/// them), saved to the store: callers with their numbers, account and owner
/// names.
pub async fn apply_records(
    store: &ContactStore,
    source: Source,
    records: &[Map<String, Value>],
    region: Region,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    save(store, json_rows(source, records), region, &mut report).await?;
    Ok(report)
}

pub(crate) async fn save(
    store: &ContactStore,
    rows: Rows,
    region: Region,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    if !rows.owners.is_empty() {
        store.upsert_owners(&rows.owners).await?;
        report.records += rows.owners.len() as u64;
    }
    if !rows.accounts.is_empty() {
        store.upsert_accounts(&rows.accounts).await?;
        report.records += rows.accounts.len() as u64;
    }
    if !rows.contacts.is_empty() {
        let done = store.upsert(&rows.contacts, region).await?;
        report.records += done.records as u64;
        report.numbers += done.numbers as u64;
        report.unusable_numbers += done.unusable_numbers as u64;
    }
    Ok(())
}

/// SYNC-1: copies every object not yet copied, resuming a copy a crash cut
/// short. Each object then switches to deltas from the time its copy began.
pub async fn full_sync(
    client: &SalesforceClient,
    store: &ContactStore,
    opts: &SyncOptions,
    progress: &(dyn Fn(Progress) + Send + Sync),
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    for source in Source::ALL {
        let object = source.object();
        let state = store.sync_state(object).await?;
        let (job, mut locator, since) = match state {
            Some((phase, _)) if phase == "delta" => continue,
            Some((phase, Some(cp))) if phase == "full" => {
                // job:<id>:<started ms>:<locator or ->
                let parts: Vec<&str> = cp.splitn(4, ':').collect();
                match parts.as_slice() {
                    ["job", id, since, loc] => (
                        id.to_string(),
                        (*loc != "-").then(|| loc.to_string()),
                        since.parse().unwrap_or(0),
                    ),
                    _ => start_job(client, source, opts).await?,
                }
            }
            _ => start_job(client, source, opts).await?,
        };
        let total = wait_for_job(client, &job, object, opts).await?;
        let started = Instant::now();
        let mut done = 0u64;
        loop {
            let (csv, next) = match client
                .bulk_results(&job, locator.as_deref(), opts.page)
                .await
            {
                Ok(page) => page,
                // The job expired since the crash: copy this object again.
                Err(CrmError::Api { status: 404, .. }) => {
                    store.set_sync_state(object, "full", None, now_ms()).await?;
                    return Box::pin(full_sync(client, store, opts, progress)).await;
                }
                Err(e) => return Err(e.into()),
            };
            let rows = parse_csv(source, &csv)?;
            done += (rows.contacts.len() + rows.accounts.len() + rows.owners.len()) as u64;
            save(store, rows, opts.region, &mut report).await?;
            let checkpoint = format!("job:{job}:{since}:{}", next.as_deref().unwrap_or("-"));
            store
                .set_sync_state(object, "full", Some(&checkpoint), now_ms())
                .await?;
            let secs = started.elapsed().as_secs_f64().max(1e-6);
            let rate = done as f64 / secs;
            progress(Progress {
                object,
                done,
                total,
                per_second: rate,
                eta_seconds: total.map(|t| t.saturating_sub(done) as f64 / rate.max(1.0)),
            });
            match next {
                Some(n) => locator = Some(n),
                None => break,
            }
        }
        // Changes made while the copy ran are picked up by the first delta.
        store
            .set_sync_state(object, "delta", Some(&since.to_string()), now_ms())
            .await?;
    }
    // A copy leaves the find-a-contact index in many segments; one each
    // keeps every later delta's updates cheap.
    if report.records > 0 {
        if let Err(e) = store.compact_search_index().await {
            tracing::warn!(error = %e, "the find-a-contact index was not merged; it still works");
        }
    }
    Ok(report)
}

async fn start_job(
    client: &SalesforceClient,
    source: Source,
    opts: &SyncOptions,
) -> Result<(String, Option<String>, i64), SyncError> {
    let since = now_ms() - 60_000;
    let soql = format!(
        "SELECT {} FROM {}",
        source.fields(opts.person_accounts),
        source.object()
    );
    let id = client.bulk_query(&soql).await?;
    Ok((id, None, since))
}

async fn wait_for_job(
    client: &SalesforceClient,
    job: &str,
    object: &str,
    opts: &SyncOptions,
) -> Result<Option<u64>, SyncError> {
    let mut wait = opts.poll_ms.max(10);
    loop {
        let j = client.bulk_job(job).await?;
        match j.state.as_str() {
            "JobComplete" => return Ok(j.number_records_processed),
            "Failed" | "Aborted" => {
                return Err(SyncError::Job {
                    object: object.into(),
                    message: j.error_message.unwrap_or(j.state),
                })
            }
            _ => {
                tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
                wait = (wait * 2).min(5_000);
            }
        }
    }
}

/// SYNC-2/3: records changed since the last sync, and records deleted or
/// merged away. Returns what it did; checkpoints per object.
pub async fn delta_sync(
    client: &SalesforceClient,
    store: &ContactStore,
    opts: &SyncOptions,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    for source in Source::ALL {
        let object = source.object();
        let Some(since) = delta_checkpoint(store, object).await? else {
            continue; // not copied yet: the full sync does it
        };
        let started = now_ms();
        // A second of overlap: equal modstamps at the edge are fetched twice, never missed.
        let from = format_sf_datetime(since - 1_000);
        let soql = format!(
            "SELECT {} FROM {object} WHERE SystemModstamp > {from} ORDER BY SystemModstamp",
            source.fields(opts.person_accounts)
        );
        let changed = client.query_all_pages(&soql).await?;
        let rows = json_rows(source, &changed);
        let high = rows.max_modstamp.max(since);
        save(store, rows, opts.region, &mut report).await?;
        if source == Source::Users {
            // Users are deactivated, never deleted.
            store
                .set_sync_state(object, "delta", Some(&high.to_string()), now_ms())
                .await?;
            continue;
        }

        // Deleted (in the recycle bin, seen at once) and deleted or merged
        // away (getDeleted, minute granularity): both, so nothing is missed.
        let soql =
            format!("SELECT Id FROM {object} WHERE IsDeleted = true AND SystemModstamp > {from}");
        let mut gone: Vec<String> = client
            .query_including_deleted(&soql)
            .await?
            .iter()
            .filter_map(|r| r.get("Id").and_then(Value::as_str).map(str::to_string))
            .collect();
        let start = format_sf_datetime((since - 60_000).max(started - 29 * 86_400_000));
        match client
            .deleted(object, &start, &format_sf_datetime(started))
            .await
        {
            Ok(d) => gone.extend(d.deleted_records.into_iter().map(|r| r.id)),
            Err(e) => {
                tracing::warn!(object, error = %e, "getDeleted failed; recycle-bin deletions still applied")
            }
        }
        gone.sort();
        gone.dedup();
        report.deleted += store.delete(&gone).await?;
        store
            .set_sync_state(object, "delta", Some(&high.to_string()), now_ms())
            .await?;
    }
    Ok(report)
}

/// How far back `recent_callers` looks when there is no delta checkpoint.
pub const RECENT_WITHOUT_SYNC_MS: i64 = 15 * 60_000;

/// Where an object's deltas start, once its full copy is done.
async fn delta_checkpoint(store: &ContactStore, object: &str) -> Result<Option<i64>, SyncError> {
    Ok(match store.sync_state(object).await? {
        Some((phase, Some(cp))) if phase == "delta" => Some(cp.parse().unwrap_or(0)),
        _ => None,
    })
}

/// MATCH-6: callers changed since the last delta (Contacts, Leads and Person
/// Accounts only; two or three requests, at once), saved without moving the
/// checkpoints, so the next delta still sees them and any deletions. Finds a
/// record the CRM's search index may not have yet.
pub async fn recent_callers(
    client: &SalesforceClient,
    store: &ContactStore,
    opts: &SyncOptions,
) -> Result<SyncReport, SyncError> {
    let changed = |source: Source| async move {
        let object = source.object();
        let now = now_ms();
        // Without a delta checkpoint (sync off, or the first copy still
        // running) the search index's usual lag bounds the window; a sync
        // stalled for days does not make this a huge query.
        let since = match delta_checkpoint(store, object).await? {
            Some(cp) => cp.max(now - 86_400_000),
            None => now - RECENT_WITHOUT_SYNC_MS,
        };
        let from = format_sf_datetime(since - 1_000);
        let person = if source == Source::Accounts {
            " AND IsPersonAccount = true"
        } else {
            ""
        };
        let soql = format!(
            "SELECT {} FROM {object} WHERE SystemModstamp > {from}{person}",
            source.fields(opts.person_accounts)
        );
        let records = client.query_all_pages(&soql).await?;
        Ok::<_, SyncError>(json_rows(source, &records))
    };
    let person_accounts = async {
        match opts.person_accounts {
            true => changed(Source::Accounts).await.map(Some),
            false => Ok(None),
        }
    };
    let (contacts, leads, accounts) = tokio::join!(
        changed(Source::Contacts),
        changed(Source::Leads),
        person_accounts
    );
    let mut report = SyncReport::default();
    for rows in [contacts?, leads?].into_iter().chain(accounts?) {
        save(store, rows, opts.region, &mut report).await?;
    }
    Ok(report)
}
