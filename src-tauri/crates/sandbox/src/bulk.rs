//! Bulk API 2.0 query jobs: create, poll, and CSV results paged by
//! `Sforce-Locator`, streamed in key order so a million rows never sit in
//! memory at once.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::db::record_from_row;
use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::query::bind;
use crate::rest::check_version;
use crate::schema;
use crate::soql::{self, SqlQuery};
use crate::state::{now_ms, AppState};
use crate::time::format_ms;

const DEFAULT_PAGE: u64 = 50_000;
const MAX_JOBS: usize = 100;

struct Job {
    sql: SqlQuery,
    object: String,
    created: i64,
    user: String,
    total: Option<u64>,
    aborted: bool,
}

#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<(HashMap<String, Job>, u64)>,
}

impl Jobs {
    /// Query jobs created since the sandbox started (what `/limits` counts).
    pub fn created(&self) -> u64 {
        self.jobs.lock().unwrap_or_else(|p| p.into_inner()).1
    }
}

#[derive(Deserialize)]
pub struct CreateJob {
    operation: Option<String>,
    query: Option<String>,
}

fn job_info(id: &str, job: &Job, state: &str, version: &str) -> Value {
    json!({
        "id": id,
        "operation": "query",
        "object": job.object,
        "createdById": job.user,
        "createdDate": format_ms(job.created),
        "systemModstamp": format_ms(job.created),
        "state": state,
        "concurrencyMode": "Parallel",
        "contentType": "CSV",
        "apiVersion": version.trim_start_matches('v').parse::<f64>().unwrap_or(59.0),
        "lineEnding": "LF",
        "columnDelimiter": "COMMA",
        "numberRecordsProcessed": job.total.unwrap_or(0),
        "retries": 0,
        "totalProcessingTime": 0,
    })
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let req: CreateJob =
        serde_json::from_slice(&body).map_err(|e| SfError::json_parser(e.to_string()))?;
    if !matches!(req.operation.as_deref(), Some("query" | "queryAll")) {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALIDJOB",
            "operation must be query or queryAll",
        ));
    }
    let text = req
        .query
        .ok_or_else(|| SfError::new(StatusCode::BAD_REQUEST, "INVALIDJOB", "query is required"))?;
    let parsed = soql::parse(&text)?;
    let obj = schema::object(&parsed.from).ok_or_else(|| {
        SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_TYPE",
            format!("sObject type '{}' is not supported.", parsed.from),
        )
    })?;
    if !parsed.order.is_empty() || parsed.offset.is_some() || parsed.select == soql::Select::Count {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "API_ERROR",
            "Bulk API 2.0 queries do not support ORDER BY, OFFSET or COUNT()",
        ));
    }
    let sql = soql::to_sql(&parsed, obj, req.operation.as_deref() == Some("queryAll"))?;
    let total: i64 = sqlx::query_scalar_with(
        &format!("SELECT COUNT(*) {}", sql.from_where),
        bind(&sql.params)?,
    )
    .fetch_one(&state.db().pool)
    .await?;
    let total = u64::try_from(total).unwrap_or(0);
    let total = sql.limit.map_or(total, |l| l.min(total));
    let job = Job {
        sql,
        object: obj.name.to_string(),
        created: now_ms(),
        user,
        total: Some(total),
        aborted: false,
    };
    let mut jobs = state
        .shared
        .jobs
        .jobs
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    jobs.1 += 1;
    let id = ids::make_id("750", jobs.1);
    let info = job_info(&id, &job, "UploadComplete", &v);
    if jobs.0.len() >= MAX_JOBS {
        if let Some(oldest) = jobs
            .0
            .iter()
            .min_by_key(|(_, j)| j.created)
            .map(|(k, _)| k.clone())
        {
            jobs.0.remove(&oldest);
        }
    }
    jobs.0.insert(id, job);
    Ok(Json(info).into_response())
}

pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, id)): Path<(String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    with_job(&state, &id, |job| {
        let st = if job.aborted {
            "Aborted"
        } else {
            "JobComplete"
        };
        Json(job_info(&id, job, st, &v)).into_response()
    })
}

pub async fn abort(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, id)): Path<(String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    with_job(&state, &id, |job| {
        job.aborted = true;
        Json(job_info(&id, job, "Aborted", &v)).into_response()
    })
}

/// `DELETE /jobs/query/{id}`: the job and its results are gone.
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, id)): Path<(String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let removed = state
        .shared
        .jobs
        .jobs
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .0
        .remove(&id);
    match removed {
        Some(_) => Ok(StatusCode::NO_CONTENT.into_response()),
        None => Err(SfError::not_found_resource()),
    }
}

/// Runs `f` on a job under the lock; Salesforce's NOT_FOUND for unknown ids.
fn with_job<R>(state: &AppState, id: &str, f: impl FnOnce(&mut Job) -> R) -> Result<R, SfError> {
    let mut jobs = state
        .shared
        .jobs
        .jobs
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let job = jobs
        .0
        .get_mut(id)
        .ok_or_else(|| SfError::not_found("The requested resource does not exist"))?;
    Ok(f(job))
}

#[derive(Deserialize)]
pub struct ResultsQuery {
    locator: Option<String>,
    #[serde(rename = "maxRecords")]
    max_records: Option<u64>,
}

/// RFC 4180 with every field quoted, as Salesforce writes it.
fn csv_field(v: &Value, out: &mut String) {
    out.push('"');
    let text = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, id)): Path<(String, String)>,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let (sql, total, aborted) = with_job(&state, &id, |job| {
        (job.sql.clone(), job.total.unwrap_or(0), job.aborted)
    })?;
    if aborted {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALIDJOBSTATE",
            "job is aborted",
        ));
    }
    // The locator carries the last id sent and how many rows went before.
    let (after, sent) = match q.locator.as_deref() {
        None | Some("") => (String::new(), 0u64),
        Some(loc) => {
            let raw = URL_SAFE_NO_PAD
                .decode(loc)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    SfError::new(StatusCode::BAD_REQUEST, "INVALIDLOCATOR", "invalid locator")
                })?;
            let (id, n) = raw.split_once(':').ok_or_else(|| {
                SfError::new(StatusCode::BAD_REQUEST, "INVALIDLOCATOR", "invalid locator")
            })?;
            (
                id.to_string(),
                n.parse().map_err(|_| {
                    SfError::new(StatusCode::BAD_REQUEST, "INVALIDLOCATOR", "invalid locator")
                })?,
            )
        }
    };
    let page = q
        .max_records
        .unwrap_or(DEFAULT_PAGE)
        .clamp(1, DEFAULT_PAGE)
        .min(total.saturating_sub(sent));
    let mut params = sql.params.clone();
    params.push(soql::Param::Text(after));
    let rows = sqlx::query_with(
        &format!("SELECT id, sobject, fields, created_date, system_modstamp, deleted_at {} AND id > ? ORDER BY id LIMIT {page}", sql.from_where),
        bind(&params)?,
    )
    .fetch_all(&state.db().pool)
    .await?;
    let fields = sql.fields.clone().unwrap_or_default();
    let mut body = String::with_capacity(rows.len() * 64);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        csv_field(&Value::String(f.clone()), &mut body);
    }
    body.push('\n');
    let mut last = None;
    for row in &rows {
        let rec = record_from_row(row)?;
        let json = rec.to_json(&v, Some(&fields));
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            csv_field(json.get(f).unwrap_or(&Value::Null), &mut body);
        }
        body.push('\n');
        last = Some(rec.id);
    }
    let sent_now = sent + rows.len() as u64;
    let locator = match last {
        Some(id) if sent_now < total => URL_SAFE_NO_PAD.encode(format!("{id}:{sent_now}")),
        _ => "null".to_string(),
    };
    let mut response = (StatusCode::OK, [(header::CONTENT_TYPE, "text/csv")], body).into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&locator) {
        h.insert("Sforce-Locator", v);
    }
    h.insert(
        "Sforce-NumberOfRecords",
        HeaderValue::from(rows.len() as u64),
    );
    Ok(response)
}
