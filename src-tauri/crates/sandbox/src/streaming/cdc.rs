//! Change Data Capture for the objects the sandbox serves callers from
//! (Contact, Lead, Account), on the CometD endpoint PushTopics use:
//! `/data/ChangeEvents` (every entity) and `/data/{Entity}ChangeEvent`.
//! Events have Salesforce's CometD shape: `data.payload.ChangeEventHeader`
//! and the record's fields (all non-null ones on CREATE, the changed ones on
//! UPDATE, none on DELETE; a person's `Name` as its compound parts), and
//! `data.event.replayId`.
//!
//! Gap events carry only the header: when the sandbox's change feed falls
//! behind its writes, each entity gets a `GAP_OVERFLOW` (no record ids: the
//! subscriber re-reads the entity), and the `cdc_gaps` fault turns the next
//! events into `GAP_UPDATE`/`GAP_CREATE`/`GAP_DELETE` (re-read those records).

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Map, Value};

use crate::db::{ChangeKind, Changed, Record};
use crate::error::SfError;
use crate::state::AppState;

/// The entities with change events.
pub const ENTITIES: [&str; 3] = ["Contact", "Lead", "Account"];
/// The all-entities channel.
pub const ALL: &str = "/data/ChangeEvents";

/// `/data/ChangeEvents` or `/data/{Entity}ChangeEvent` for a served entity.
pub fn is_channel(base: &str) -> bool {
    base == ALL
        || base
            .strip_prefix("/data/")
            .and_then(|c| c.strip_suffix("ChangeEvent"))
            .is_some_and(|e| ENTITIES.contains(&e))
}

/// Turns the org's writes into change events until the sandbox stops.
pub async fn run_cdc(state: AppState, mut feed: tokio::sync::broadcast::Receiver<Changed>) {
    let commits = AtomicU64::new(1);
    loop {
        let changed = match feed.recv().await {
            Ok(c) => c,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(
                    missed = n,
                    "change data capture fell behind the org's writes"
                );
                for entity in ENTITIES {
                    let header = header(entity, &[], "GAP_OVERFLOW", &commits, now_ms(), &[]);
                    publish(&state, entity, "", json!({"ChangeEventHeader": header}));
                }
                continue;
            }
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        };
        if !ENTITIES.contains(&changed.sobject) {
            continue;
        }
        if let Err(e) = on_change(&state, &changed, &commits).await {
            tracing::warn!(error = %e.message, "a change event could not be made");
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn header(
    entity: &str,
    ids: &[&str],
    change_type: &str,
    commits: &AtomicU64,
    at: i64,
    changed_fields: &[String],
) -> Value {
    let commit = commits.fetch_add(1, Ordering::Relaxed);
    json!({
        "entityName": entity,
        "recordIds": ids,
        "changeType": change_type,
        "changeOrigin": "com/salesforce/api/rest/62.0",
        "transactionKey": format!("{:08x}-{commit:012x}", rand::random::<u32>()),
        "sequenceNumber": 1,
        "commitTimestamp": at,
        "commitNumber": commit,
        "commitUser": "005000000000001AAA",
        "changedFields": changed_fields,
        "nulledFields": [],
        "diffFields": [],
    })
}

fn publish(state: &AppState, entity: &str, id: &str, payload: Value) {
    let message = |channel: &str| {
        json!({
            "channel": channel,
            "data": {
                "schema": format!("{entity}ChangeEvent-v1"),
                "payload": payload,
                "event": {"replayId": 0},
            },
        })
    };
    let mut sobject = Map::new();
    sobject.insert("Id".into(), Value::String(id.to_string()));
    let own = format!("/data/{entity}ChangeEvent");
    let streaming = &state.shared.streaming;
    streaming.publish(&own, sobject.clone(), message(&own));
    streaming.publish(ALL, sobject, message(ALL));
}

async fn on_change(
    state: &AppState,
    changed: &Changed,
    commits: &AtomicU64,
) -> Result<(), SfError> {
    let entity = changed.sobject;
    let record: Option<Record> = sqlx::query(
        "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records WHERE id = ?",
    )
    .bind(&changed.id)
    .fetch_optional(&state.db().pool)
    .await?
    .map(|r| crate::db::record_from_row(&r))
    .transpose()?;
    // The commit's time is the record's modstamp after the write.
    let at = record.as_ref().map_or(changed.at, |r| r.system_modstamp);
    let gap = take_gap(state);
    let change_type = match (changed.kind, gap) {
        (ChangeKind::Created, false) => "CREATE",
        (ChangeKind::Updated, false) => "UPDATE",
        (ChangeKind::Deleted, false) => "DELETE",
        (ChangeKind::Created, true) => "GAP_CREATE",
        (ChangeKind::Updated, true) => "GAP_UPDATE",
        (ChangeKind::Deleted, true) => "GAP_DELETE",
    };
    let ids = [changed.id.as_str()];
    if gap {
        let header = header(entity, &ids, change_type, commits, at, &[]);
        publish(
            state,
            entity,
            &changed.id,
            json!({"ChangeEventHeader": header}),
        );
        return Ok(());
    }
    let person = matches!(entity, "Contact" | "Lead");
    let mut payload = Map::new();
    let mut changed_fields = Vec::new();
    match (changed.kind, &record) {
        (ChangeKind::Created, Some(r)) => {
            payload = body(r, person, None);
        }
        (ChangeKind::Updated, Some(r)) => {
            payload = body(r, person, Some(&changed.fields));
            changed_fields = payload
                .iter()
                .flat_map(|(k, v)| match v {
                    Value::Object(parts) => parts.keys().map(|p| format!("{k}.{p}")).collect(),
                    _ => vec![k.clone()],
                })
                .collect();
        }
        _ => {}
    }
    if record.is_some() && changed.kind != ChangeKind::Deleted {
        payload.insert(
            "LastModifiedDate".into(),
            Value::String(crate::time::format_ms(at)),
        );
    }
    let header = header(entity, &ids, change_type, commits, at, &changed_fields);
    payload.insert("ChangeEventHeader".into(), header);
    publish(state, entity, &changed.id, Value::Object(payload));
    Ok(())
}

/// The record's fields as a change event carries them: `only` the listed
/// ones (an update), or every non-null one (a create); a person's name
/// parts inside a compound `Name`, and the derived flat `Name` left out.
fn body(r: &Record, person: bool, only: Option<&[String]>) -> Map<String, Value> {
    let mut out = Map::new();
    let mut name = Map::new();
    for (k, v) in &r.fields {
        let wanted = only.is_none_or(|o| o.iter().any(|f| f.eq_ignore_ascii_case(k)));
        if !wanted || (only.is_none() && v.is_null()) {
            continue;
        }
        match k.as_str() {
            "FirstName" | "LastName" | "Salutation" if person => {
                name.insert(k.clone(), v.clone());
            }
            "Name" if person => {}
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(o) = only {
        // An update that set a field to null names it with a null value.
        for f in o {
            if !r.fields.contains_key(f) && !out.contains_key(f) {
                match f.as_str() {
                    "FirstName" | "LastName" | "Salutation" if person => {
                        name.insert(f.clone(), Value::Null);
                    }
                    _ => {
                        out.insert(f.clone(), Value::Null);
                    }
                }
            }
        }
    }
    if !name.is_empty() {
        out.insert("Name".into(), Value::Object(name));
    }
    if only.is_none() {
        out.insert(
            "CreatedDate".into(),
            Value::String(crate::time::format_ms(r.created_date)),
        );
    }
    out
}

/// Whether the `cdc_gaps` fault turns this event into a gap event.
fn take_gap(state: &AppState) -> bool {
    state
        .shared
        .streaming
        .cdc_gaps
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: Value) -> Record {
        Record {
            id: "003000000000001AAA".into(),
            sobject: "Contact".into(),
            fields: fields.as_object().cloned().unwrap_or_default(),
            created_date: 1_000,
            system_modstamp: 2_000,
            deleted_at: None,
        }
    }

    #[test]
    fn channels_are_the_served_entities_and_the_all_channel() {
        for ok in [
            "/data/ChangeEvents",
            "/data/ContactChangeEvent",
            "/data/LeadChangeEvent",
            "/data/AccountChangeEvent",
        ] {
            assert!(is_channel(ok), "{ok}");
        }
        for bad in [
            "/data/CaseChangeEvent",
            "/data/ChangeEvent",
            "/topic/ContactChangeEvent",
            "/data/Contact",
        ] {
            assert!(!is_channel(bad), "{bad}");
        }
    }

    #[test]
    fn a_create_carries_every_set_field_with_a_compound_name() {
        let r = rec(
            json!({"FirstName": "Ana", "LastName": "Ruiz", "Name": "Ana Ruiz", "Phone": "+34 600", "Email": null}),
        );
        let b = body(&r, true, None);
        assert_eq!(b["Name"], json!({"FirstName": "Ana", "LastName": "Ruiz"}));
        assert_eq!(b["Phone"], "+34 600");
        assert!(!b.contains_key("Email"), "nulls are left out of a create");
        assert!(!b.contains_key("FirstName"));
        assert!(b.contains_key("CreatedDate"));
    }

    #[test]
    fn an_update_carries_only_what_changed_and_names_nulled_fields() {
        let r = rec(
            json!({"FirstName": "Ana", "LastName": "Gil", "Name": "Ana Gil", "Phone": "+34 600"}),
        );
        let b = body(&r, true, Some(&["LastName".into(), "MobilePhone".into()]));
        assert_eq!(b["Name"], json!({"LastName": "Gil"}));
        assert_eq!(b["MobilePhone"], Value::Null);
        assert!(!b.contains_key("Phone"));
        assert!(!b.contains_key("CreatedDate"));
        // Accounts have a plain Name.
        let a = body(&rec(json!({"Name": "Acme"})), false, Some(&["Name".into()]));
        assert_eq!(a["Name"], "Acme");
    }
}
