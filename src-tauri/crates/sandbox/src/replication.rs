//! `/sobjects/{type}/updated` and `/deleted`: the replication API.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::error::SfError;
use crate::oauth::authenticate;
use crate::rest::{check_version, sobject};
use crate::state::{now_ms, AppState};
use crate::time;

const DAY_MS: i64 = 86_400_000;
/// Salesforce keeps replication data for 30 days.
const WINDOW_MS: i64 = 30 * DAY_MS;

#[derive(Deserialize)]
pub struct Range {
    start: Option<String>,
    end: Option<String>,
}

fn range(r: &Range) -> Result<(i64, i64), SfError> {
    let bad = |m: &str| SfError::new(StatusCode::BAD_REQUEST, "INVALID_REPLICATION_DATE", m);
    let start = r
        .start
        .as_deref()
        .and_then(time::parse)
        .ok_or_else(|| bad("start date is missing or not a valid dateTime"))?;
    let end = r
        .end
        .as_deref()
        .and_then(time::parse)
        .ok_or_else(|| bad("end date is missing or not a valid dateTime"))?;
    if end <= start {
        return Err(bad("end date must be after start date"));
    }
    if end - start > WINDOW_MS {
        return Err(bad("the date range cannot exceed 30 days"));
    }
    if start < now_ms() - WINDOW_MS {
        return Err(bad("start date cannot be more than 30 days ago"));
    }
    // Salesforce covers whole minutes, never the future.
    let end = end.min(now_ms()) / 60_000 * 60_000;
    Ok((start, end))
}

pub async fn updated(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
    Query(r): Query<Range>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let (start, end) = range(&r)?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM records WHERE sobject = ? AND deleted_at IS NULL AND system_modstamp >= ? AND system_modstamp < ? ORDER BY system_modstamp, id",
    )
    .bind(obj.name)
    .bind(start)
    .bind(end)
    .fetch_all(&state.db().pool)
    .await?;
    Ok(Json(json!({"ids": ids, "latestDateCovered": time::format_ms(end)})).into_response())
}

pub async fn deleted(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
    Query(r): Query<Range>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let (start, end) = range(&r)?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT id, deleted_at FROM records WHERE sobject = ? AND deleted_at >= ? AND deleted_at < ? ORDER BY deleted_at, id",
    )
    .bind(obj.name)
    .bind(start)
    .bind(end)
    .fetch_all(&state.db().pool)
    .await?;
    let earliest: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(deleted_at) FROM records WHERE sobject = ? AND deleted_at IS NOT NULL",
    )
    .bind(obj.name)
    .fetch_one(&state.db().pool)
    .await?;
    let records: Vec<_> = rows
        .iter()
        .map(|(id, at)| json!({"id": id, "deletedDate": time::format_ms(*at)}))
        .collect();
    Ok(Json(json!({
        "deletedRecords": records,
        "earliestDateAvailable": time::format_ms(earliest.unwrap_or(end).max(now_ms() - WINDOW_MS)),
        "latestDateCovered": time::format_ms(end),
    }))
    .into_response())
}
