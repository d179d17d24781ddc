//! `/query` and `/queryAll` with `nextRecordsUrl` paging.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::extract::{Path, Query as UrlQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sqlx::sqlite::SqliteArguments;
use sqlx::Arguments;

use crate::db::record_from_row;
use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::rest::check_version;
use crate::schema;
use crate::soql::{self, SqlQuery};
use crate::state::AppState;

const DEFAULT_BATCH: u64 = 2000;
/// Open query locators kept; the oldest is forgotten past this.
const MAX_CURSORS: usize = 200;

struct Cursor {
    sql: SqlQuery,
    version: String,
    /// Next row (relative to the query's OFFSET) and the end of the window.
    end: u64,
    batch: u64,
}

#[derive(Default)]
pub struct Cursors {
    open: Mutex<(HashMap<String, Cursor>, VecDeque<String>, u64)>,
}

#[derive(Deserialize)]
pub struct Q {
    q: Option<String>,
}

fn batch_size(headers: &HeaderMap) -> u64 {
    headers
        .get("Sforce-Query-Options")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .find_map(|kv| kv.trim().strip_prefix("batchSize="))
        })
        .and_then(|n| n.trim().parse::<u64>().ok())
        .map_or(DEFAULT_BATCH, |n| n.clamp(200, DEFAULT_BATCH))
}

pub async fn query(
    state: State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    UrlQuery(q): UrlQuery<Q>,
) -> Result<Response, SfError> {
    run(state, headers, v, q, false).await
}

pub async fn query_all(
    state: State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    UrlQuery(q): UrlQuery<Q>,
) -> Result<Response, SfError> {
    run(state, headers, v, q, true).await
}

pub fn bind(params: &[soql::Param]) -> Result<SqliteArguments<'static>, SfError> {
    let mut args = SqliteArguments::default();
    for p in params {
        let r = match p {
            soql::Param::Text(s) => args.add(s.clone()),
            soql::Param::Int(i) => args.add(*i),
            soql::Param::Real(f) => args.add(*f),
        };
        r.map_err(|e| SfError::internal(e.to_string()))?;
    }
    Ok(args)
}

async fn run(
    State(state): State<AppState>,
    headers: HeaderMap,
    v: String,
    q: Q,
    include_deleted: bool,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let text = q.q.ok_or_else(|| {
        SfError::malformed_query("A query string must be provided in the q parameter")
    })?;
    let parsed = soql::parse(&text)?;
    let obj = schema::object(&parsed.from).ok_or_else(|| {
        SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_TYPE",
            format!("sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.", parsed.from),
        )
    })?;
    let mut sql = soql::to_sql(&parsed, obj, include_deleted)?;
    if obj.name == "UserSetupEntityAccess" {
        // Only the running user's own permissions are visible.
        sql.from_where
            .push_str(" AND json_extract(fields, '$.AssigneeId') = ?");
        sql.params.push(soql::Param::Text(user));
    }
    let count: i64 = sqlx::query_scalar_with(
        &format!("SELECT COUNT(*) {}", sql.from_where),
        bind(&sql.params)?,
    )
    .fetch_one(&state.db().pool)
    .await?;
    let available = u64::try_from(count).unwrap_or(0).saturating_sub(sql.offset);
    let total = sql.limit.map_or(available, |l| l.min(available));
    if sql.fields.is_none() {
        return Ok(Json(json!({"totalSize": total, "done": true, "records": []})).into_response());
    }
    let cursor = Cursor {
        sql,
        version: v,
        end: total,
        batch: batch_size(&headers),
    };
    page(&state, cursor, 0).await
}

/// `GET /services/data/{v}/query/{locator}-{start}`.
pub async fn more(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, locator)): Path<(String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let invalid = || {
        SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_QUERY_LOCATOR",
            "invalid query locator",
        )
    };
    let (id, start) = locator.rsplit_once('-').ok_or_else(invalid)?;
    let start: u64 = start.parse().map_err(|_| invalid())?;
    let cursor = {
        let mut open = state
            .shared
            .cursors
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        open.0.remove(id).ok_or_else(invalid)?
    };
    page(&state, cursor, start).await
}

async fn page(state: &AppState, cursor: Cursor, start: u64) -> Result<Response, SfError> {
    let take = cursor.batch.min(cursor.end.saturating_sub(start));
    let sql = format!(
        "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at {} {} LIMIT {take} OFFSET {}",
        cursor.sql.from_where,
        cursor.sql.order_by,
        cursor.sql.offset + start
    );
    let rows = sqlx::query_with(&sql, bind(&cursor.sql.params)?)
        .fetch_all(&state.db().pool)
        .await?;
    let fields = cursor.sql.fields.clone().unwrap_or_default();
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let rec = record_from_row(row)?;
        records.push(rec.to_json(&cursor.version, Some(&fields)));
    }
    let next = start + take;
    let mut body = Map::new();
    body.insert("totalSize".into(), json!(cursor.end));
    body.insert("done".into(), json!(next >= cursor.end));
    if next < cursor.end {
        let url = remember(state, cursor, next);
        body.insert("nextRecordsUrl".into(), json!(url));
    }
    body.insert("records".into(), Value::Array(records));
    Ok(Json(Value::Object(body)).into_response())
}

fn remember(state: &AppState, cursor: Cursor, next: u64) -> String {
    let mut open = state
        .shared
        .cursors
        .open
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    open.2 += 1;
    let id = ids::make_id("01g", open.2);
    let url = format!("/services/data/{}/query/{id}-{next}", cursor.version);
    open.0.insert(id.clone(), cursor);
    open.1.push_back(id);
    while open.1.len() > MAX_CURSORS {
        if let Some(old) = open.1.pop_front() {
            open.0.remove(&old);
        }
    }
    url
}
