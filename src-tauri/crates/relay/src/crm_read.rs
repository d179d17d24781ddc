//! What the relay reads from the CRM, all of it bounded by what changed:
//! the full copy (a Bulk API 2.0 job per object, page by page), the delta
//! (records changed since a time, and records deleted since then), and a
//! re-read of named records (after a gap event).

use std::collections::HashMap;

use ringside_contacts::sync::Source;
use ringside_core::time::{format_sf_datetime, parse_sf_datetime};
use ringside_crm::SalesforceClient;
use serde_json::{Map, Value};

use crate::wire::{is_record_id, Change};
use crate::RelayError;

/// The fields the relay keeps for an object: what the direct copy reads,
/// and a person's name parts (change events carry those, not the `Name`).
pub fn wanted(source: Source, person_accounts: bool) -> Vec<&'static str> {
    let mut f: Vec<&'static str> = source.fields(person_accounts).split(", ").collect();
    if matches!(source, Source::Contacts | Source::Leads) {
        f.extend(["FirstName", "LastName"]);
    }
    f
}

pub fn select(source: Source, person_accounts: bool) -> String {
    wanted(source, person_accounts).join(", ")
}

/// A row as the CRM gave it → a change: only the wanted fields, scalars
/// only, the version from its `SystemModstamp`.
pub fn row_change(source: Source, row: &Map<String, Value>, wanted: &[&str]) -> Option<Change> {
    let id = row
        .get("Id")
        .and_then(Value::as_str)
        .filter(|id| is_record_id(id))?;
    let mut record = Map::new();
    for f in wanted {
        if let Some(v @ (Value::String(_) | Value::Bool(_) | Value::Number(_))) = row.get(*f) {
            if v.as_str().is_some_and(str::is_empty) {
                continue;
            }
            record.insert((*f).to_string(), v.clone());
        }
    }
    let version = row
        .get("SystemModstamp")
        .and_then(Value::as_str)
        .and_then(parse_sf_datetime)
        .unwrap_or(0);
    Some(Change {
        object: source.object().to_string(),
        id: id.to_string(),
        version,
        record: Some(record),
    })
}

/// A Bulk API CSV page → rows keyed by header.
pub fn csv_rows(bytes: &[u8]) -> Result<Vec<Map<String, Value>>, RelayError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| RelayError::Crm(format!("a Bulk API page that is not CSV: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec =
            rec.map_err(|e| RelayError::Crm(format!("a Bulk API page that is not CSV: {e}")))?;
        let row: Map<String, Value> = header
            .iter()
            .zip(rec.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.clone(), Value::String(v.to_string())))
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

fn crm(e: ringside_crm::CrmError) -> RelayError {
    RelayError::Crm(e.to_string())
}

/// Starts a Bulk API query job for one object; its id.
pub async fn start_copy(
    client: &SalesforceClient,
    source: Source,
    person_accounts: bool,
) -> Result<String, RelayError> {
    let soql = format!(
        "SELECT {} FROM {}",
        select(source, person_accounts),
        source.object()
    );
    client.bulk_query(&soql).await.map_err(crm)
}

/// Waits for a job to finish (backing off to 5 s between looks).
pub async fn wait_for_job(
    client: &SalesforceClient,
    job: &str,
    poll_ms: u64,
) -> Result<(), RelayError> {
    let mut wait = poll_ms.max(10);
    loop {
        let j = client.bulk_job(job).await.map_err(crm)?;
        match j.state.as_str() {
            "JobComplete" => return Ok(()),
            "Failed" | "Aborted" => {
                return Err(RelayError::Crm(format!(
                    "the CRM's export failed: {}",
                    j.error_message.unwrap_or(j.state)
                )))
            }
            _ => {
                tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
                wait = (wait * 2).min(5_000);
            }
        }
    }
}

/// One page of a job's results: its changes and the next locator.
/// `Ok(None)`: the job is gone (expired): start the object's copy again.
pub async fn copy_page(
    client: &SalesforceClient,
    source: Source,
    person_accounts: bool,
    job: &str,
    locator: Option<&str>,
    page: u32,
) -> Result<Option<(Vec<Change>, Option<String>)>, RelayError> {
    let (csv, next) = match client.bulk_results(job, locator, page).await {
        Ok(p) => p,
        Err(ringside_crm::CrmError::Api { status: 404, .. }) => return Ok(None),
        Err(e) => return Err(crm(e)),
    };
    let wanted = wanted(source, person_accounts);
    let changes = csv_rows(&csv)?
        .iter()
        .filter_map(|r| row_change(source, r, &wanted))
        .collect();
    Ok(Some((changes, next)))
}

/// Records of one object changed since `since` (ms, a second of overlap),
/// and records deleted since then, as changes (tombstones for the latter).
pub async fn delta(
    client: &SalesforceClient,
    source: Source,
    person_accounts: bool,
    since: i64,
) -> Result<Vec<Change>, RelayError> {
    let object = source.object();
    let from = format_sf_datetime(since - 1_000);
    let soql = format!(
        "SELECT {} FROM {object} WHERE SystemModstamp > {from} ORDER BY SystemModstamp",
        select(source, person_accounts)
    );
    let wanted = wanted(source, person_accounts);
    let mut out: Vec<Change> = client
        .query_all_pages(&soql)
        .await
        .map_err(crm)?
        .iter()
        .filter_map(|r| row_change(source, r, &wanted))
        .collect();
    if source == Source::Users {
        return Ok(out); // deactivated, never deleted
    }
    let now = now_ms();
    let mut gone: HashMap<String, i64> = HashMap::new();
    let soql = format!("SELECT Id, SystemModstamp FROM {object} WHERE IsDeleted = true AND SystemModstamp > {from}");
    for r in client.query_including_deleted(&soql).await.map_err(crm)? {
        if let Some(id) = r.get("Id").and_then(Value::as_str) {
            let at = r
                .get("SystemModstamp")
                .and_then(Value::as_str)
                .and_then(parse_sf_datetime)
                .unwrap_or(now);
            gone.insert(id.to_string(), at);
        }
    }
    // Merged away: getDeleted (minute granularity, 30 days back at most).
    let start = format_sf_datetime((since - 60_000).max(now - 29 * 86_400_000));
    match client
        .deleted(object, &start, &format_sf_datetime(now))
        .await
    {
        Ok(d) => {
            for r in d.deleted_records {
                let at = parse_sf_datetime(&r.deleted_date).unwrap_or(now);
                gone.entry(r.id).or_insert(at);
            }
        }
        Err(e) => {
            tracing::warn!(object, error = %e, "getDeleted failed; recycle-bin deletions still applied")
        }
    }
    out.extend(
        gone.into_iter()
            .filter(|(id, _)| is_record_id(id))
            .map(|(id, at)| Change {
                object: object.to_string(),
                id,
                version: at,
                record: None,
            }),
    );
    Ok(out)
}

/// The named records read again: the live ones as changes, the missing
/// ones as tombstones at `at`.
pub async fn reread(
    client: &SalesforceClient,
    source: Source,
    person_accounts: bool,
    ids: &[String],
    at: i64,
) -> Result<Vec<Change>, RelayError> {
    let wanted = wanted(source, person_accounts);
    let mut out = Vec::new();
    for chunk in ids.chunks(200) {
        let list: Vec<String> = chunk
            .iter()
            .filter(|id| is_record_id(id))
            .map(|id| format!("'{id}'"))
            .collect();
        if list.is_empty() {
            continue;
        }
        let soql = format!(
            "SELECT {} FROM {} WHERE Id IN ({})",
            select(source, person_accounts),
            source.object(),
            list.join(", ")
        );
        let found: Vec<Change> = client
            .query_all_pages(&soql)
            .await
            .map_err(crm)?
            .iter()
            .filter_map(|r| row_change(source, r, &wanted))
            .collect();
        for id in chunk {
            if !found.iter().any(|c| same_id(&c.id, id)) {
                out.push(Change {
                    object: source.object().to_string(),
                    id: id.clone(),
                    version: at,
                    record: None,
                });
            }
        }
        out.extend(found);
    }
    Ok(out)
}

/// Ids compare in their 15-character form.
fn same_id(a: &str, b: &str) -> bool {
    a.get(..15) == b.get(..15)
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_keep_only_what_ringside_reads() {
        let w = wanted(Source::Contacts, false);
        let row = json!({"attributes": {"type": "Contact"}, "Id": "003000000000001AAA", "Name": "Ana Ruiz",
            "FirstName": "Ana", "Phone": "+34 600", "Email": "a@x", "MobilePhone": null,
            "SystemModstamp": "2026-12-04T10:00:00.000+0000"});
        let c = row_change(Source::Contacts, row.as_object().unwrap(), &w).unwrap();
        let r = c.record.unwrap();
        assert!(
            !r.contains_key("attributes")
                && !r.contains_key("Email")
                && !r.contains_key("MobilePhone")
        );
        assert_eq!(r["FirstName"], "Ana");
        assert_eq!(
            c.version,
            parse_sf_datetime("2026-12-04T10:00:00.000+0000").unwrap()
        );
        assert!(row_change(
            Source::Contacts,
            json!({"Id": "x"}).as_object().unwrap(),
            &w
        )
        .is_none());
    }

    #[test]
    fn csv_pages_become_rows_without_empty_values() {
        let rows = csv_rows(b"Id,Name,Phone\n003000000000001AAA,\"Ruiz, Ana\",\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["Name"], "Ruiz, Ana");
        assert!(!rows[0].contains_key("Phone"));
    }
}
