//! PushTopics: each committed write is matched against the active topics'
//! queries (object, operation, the fields it notifies for, its WHERE) and
//! becomes an event on `/topic/{Name}` with the selected fields.

use serde_json::{json, Map, Value};

use crate::db::{ChangeKind, Changed, Record};
use crate::error::SfError;
use crate::query::bind;
use crate::schema;
use crate::soql::{self, Select};
use crate::state::AppState;

/// An active PushTopic named `name`.
pub async fn active_topic(state: &AppState, name: &str) -> Result<Option<Record>, SfError> {
    let rows = topics(state).await?;
    Ok(rows
        .into_iter()
        .find(|r| r.fields.get("Name").and_then(Value::as_str) == Some(name)))
}

async fn topics(state: &AppState) -> Result<Vec<Record>, SfError> {
    let rows = sqlx::query(
        "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records
         WHERE sobject = 'PushTopic' AND deleted_at IS NULL
         AND json_extract(fields, '$.IsActive') IN (1, 'true')",
    )
    .fetch_all(&state.db().pool)
    .await?;
    rows.iter()
        .map(|r| crate::db::record_from_row(r).map_err(SfError::from))
        .collect()
}

/// Turns the org's writes into PushTopic events until the sandbox stops.
pub async fn run_topics(state: AppState, mut feed: tokio::sync::broadcast::Receiver<Changed>) {
    loop {
        let changed = match feed.recv().await {
            Ok(c) => c,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(missed = n, "streaming fell behind the org's writes");
                continue;
            }
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        };
        if changed.sobject == "PushTopic" {
            continue;
        }
        if let Err(e) = on_change(&state, &changed).await {
            tracing::warn!(error = %e.message, "a PushTopic event could not be made");
        }
    }
}

async fn on_change(state: &AppState, changed: &Changed) -> Result<(), SfError> {
    for topic in topics(state).await? {
        // Salesforce's defaults: every operation notifies.
        let flag = |f: &str| match topic.fields.get(f) {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(v) => v.as_str() == Some("true"),
        };
        let notify = match changed.kind {
            ChangeKind::Created => flag("NotifyForOperationCreate"),
            ChangeKind::Updated => flag("NotifyForOperationUpdate"),
            ChangeKind::Deleted => flag("NotifyForOperationDelete"),
        };
        if !notify {
            continue;
        }
        let Some(query) = topic.fields.get("Query").and_then(Value::as_str) else {
            continue;
        };
        let Ok(q) = soql::parse(query) else {
            continue;
        };
        if !q.from.eq_ignore_ascii_case(changed.sobject) {
            continue;
        }
        let Some(obj) = schema::object(changed.sobject) else {
            continue;
        };
        let Select::Fields(selected) = &q.select else {
            continue;
        };
        // "Referenced" and "Select": an update counts when a selected field
        // changed; "All": any change.
        let fields_rule = topic
            .fields
            .get("NotifyForFields")
            .and_then(Value::as_str)
            .unwrap_or("Referenced");
        if changed.kind == ChangeKind::Updated
            && fields_rule != "All"
            && !changed
                .fields
                .iter()
                .any(|f| selected.iter().any(|s| s.eq_ignore_ascii_case(f)))
        {
            continue;
        }
        let deleted = changed.kind == ChangeKind::Deleted;
        let sql = soql::to_sql(&q, obj, deleted)?;
        let count = format!("SELECT COUNT(*) {} AND id = ?", sql.from_where);
        let mut args = bind(&sql.params)?;
        sqlx::Arguments::add(&mut args, changed.id.clone())
            .map_err(|e| SfError::internal(e.to_string()))?;
        let n: i64 = sqlx::query_scalar_with(&count, args)
            .fetch_one(&state.db().pool)
            .await?;
        if n == 0 {
            continue;
        }
        let record: Option<Record> = sqlx::query(
            "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records WHERE id = ?",
        )
        .bind(&changed.id)
        .fetch_optional(&state.db().pool)
        .await?
        .map(|r| crate::db::record_from_row(&r))
        .transpose()?;
        let mut sobject = Map::new();
        sobject.insert("Id".into(), Value::String(changed.id.clone()));
        if !deleted {
            if let Some(r) = &record {
                for s in selected {
                    if s.eq_ignore_ascii_case("Id") {
                        continue;
                    }
                    let name = obj.field(s).map(|f| f.name).unwrap_or(s.as_str());
                    sobject.insert(
                        name.to_string(),
                        r.fields.get(name).cloned().unwrap_or(Value::Null),
                    );
                }
            }
        }
        let name = topic
            .fields
            .get("Name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let channel = format!("/topic/{name}");
        let kind = match changed.kind {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
            ChangeKind::Deleted => "deleted",
        };
        let message = json!({
            "channel": channel,
            "data": {
                "event": {
                    "type": kind,
                    "createdDate": crate::time::format_ms(changed.at),
                    "replayId": 0,
                },
                "sobject": Value::Object(sobject.clone()),
            },
        });
        state.shared.streaming.publish(&channel, sobject, message);
    }
    Ok(())
}
