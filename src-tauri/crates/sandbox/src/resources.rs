//! `GET /services/data/vNN.0` (the resources of a version, with the caller's
//! identity URL: jsforce's `identity()` starts there) and `GET /limits`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::error::SfError;
use crate::identity::identity_url;
use crate::oauth::authenticate;
use crate::rest::check_version;
use crate::state::AppState;

/// The resources the sandbox serves under a version; Salesforce lists more,
/// but a client should never be pointed at one that answers NOT_FOUND.
const RESOURCES: [&str; 9] = [
    "sobjects",
    "query",
    "queryAll",
    "search",
    "parameterizedSearch",
    "composite",
    "recent",
    "limits",
    "jobs",
];

const DAILY_BULK_QUERY_JOBS: u64 = 10_000;
const DATA_STORAGE_MB: u64 = 1_024;

pub async fn listing(
    State(state): State<AppState>,
    Path(v): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let mut out = Map::new();
    for r in RESOURCES {
        out.insert(r.into(), json!(format!("/services/data/{v}/{r}")));
    }
    out.insert("identity".into(), json!(identity_url(&state, &user)));
    Ok(Json(Value::Object(out)))
}

fn allowance(max: u64, used: u64) -> Value {
    json!({"Max": max, "Remaining": max.saturating_sub(used)})
}

/// `GET /limits`. `DailyApiRequests` counts the same requests as the
/// `Sforce-Limit-Info` header of this very response; data storage counts
/// 2 KB a record, as Salesforce counts most records.
pub async fn limits(
    State(state): State<AppState>,
    Path(v): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let api_calls = state.shared.limits.used();
    let records: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE deleted_at IS NULL")
        .fetch_one(&state.db().pool)
        .await?;
    let storage_mb = u64::try_from(records)
        .unwrap_or(0)
        .saturating_mul(2)
        .div_ceil(1024);
    Ok(Json(json!({
        "DailyApiRequests": allowance(state.shared.limits.max(), api_calls),
        "DailyBulkV2QueryJobs": allowance(DAILY_BULK_QUERY_JOBS, state.shared.jobs.created()),
        "DataStorageMB": allowance(DATA_STORAGE_MB, storage_mb),
    })))
}
