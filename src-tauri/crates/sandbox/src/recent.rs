//! `GET /recent`: the records most recently viewed. The sandbox has no user
//! interface to view them in, so a record counts as viewed when it has a
//! `LastViewedDate` (set by the seed or by a client), newest first.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use crate::db::record_from_row;
use crate::error::SfError;
use crate::oauth::authenticate;
use crate::rest::check_version;
use crate::schema::{self, SObject, OBJECTS};
use crate::state::AppState;

/// Salesforce returns at most 200 recent items, and that many by default.
pub const DEFAULT_RECENT: u64 = 200;

/// Recent records of one object, or of all: `attributes`, `Id` and the
/// object's name field, as Salesforce lists them.
pub async fn recent_records(
    state: &AppState,
    v: &str,
    only: Option<&SObject>,
    limit: u64,
) -> Result<Vec<Value>, SfError> {
    let viewed: Vec<&SObject> = OBJECTS
        .iter()
        .filter(|o| o.is_field("LastViewedDate"))
        .filter(|o| only.is_none_or(|x| x.name == o.name))
        .collect();
    if viewed.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; viewed.len()].join(", ");
    let sql = format!(
        "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records
         WHERE sobject IN ({marks}) AND deleted_at IS NULL AND json_extract(fields, '$.LastViewedDate') IS NOT NULL
         ORDER BY json_extract(fields, '$.LastViewedDate') DESC, id LIMIT ?"
    );
    let mut q = sqlx::query(&sql);
    for o in &viewed {
        q = q.bind(o.name);
    }
    let rows = q
        .bind(i64::try_from(limit.min(DEFAULT_RECENT)).unwrap_or(0))
        .fetch_all(&state.db().pool)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let record = record_from_row(row)?;
        let mut shown = vec!["Id".to_string()];
        if let Some(name) = schema::object(&record.sobject).and_then(SObject::name_field) {
            shown.push(name.to_string());
        }
        out.push(record.to_json(v, Some(&shown)));
    }
    Ok(out)
}

#[derive(Deserialize)]
pub struct RecentQuery {
    limit: Option<u64>,
}

pub async fn recent(
    State(state): State<AppState>,
    Path(v): Path<String>,
    headers: HeaderMap,
    Query(q): Query<RecentQuery>,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let records = recent_records(&state, &v, None, q.limit.unwrap_or(DEFAULT_RECENT)).await?;
    Ok(Json(Value::Array(records)))
}
