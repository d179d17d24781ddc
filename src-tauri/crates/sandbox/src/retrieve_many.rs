//! sObject collections retrieve: `GET /composite/sobjects/{type}?ids=…&fields=…`
//! and the same as `POST` with `{"ids": […], "fields": […]}`. The answer has
//! one element per id, in order: the record, or null for an id that is
//! malformed, deleted or of no record, as in Salesforce.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::rest::{check_version, sobject};
use crate::schema::{SObject, SYSTEM_FIELDS};
use crate::state::AppState;

/// The most records one call returns (a `GET` reaches the URL's length first).
const MAX_IDS: usize = 2_000;

#[derive(Deserialize)]
pub struct ManyQuery {
    ids: Option<String>,
    fields: Option<String>,
}

#[derive(Deserialize)]
pub struct ManyBody {
    ids: Option<Vec<String>>,
    fields: Option<Vec<String>>,
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn missing(what: &str) -> SfError {
    SfError::new(
        StatusCode::BAD_REQUEST,
        "MISSING_ARGUMENT",
        format!("{what} not specified"),
    )
}

/// Field names in their canonical spelling, or `INVALID_FIELD`.
fn canonical_fields(obj: &SObject, fields: Vec<String>) -> Result<Vec<String>, SfError> {
    fields
        .into_iter()
        .map(|f| {
            let system = SYSTEM_FIELDS.iter().find(|s| s.eq_ignore_ascii_case(&f));
            let known = system.copied().or_else(|| obj.field(&f).map(|x| x.name));
            known.map(str::to_string).ok_or_else(|| {
                SfError::invalid_field(format!(
                    "No such column '{f}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
                    obj.name
                ))
            })
        })
        .collect()
}

async fn retrieve(
    state: &AppState,
    v: &str,
    name: &str,
    ids: Option<Vec<String>>,
    fields: Option<Vec<String>>,
) -> Result<Json<Value>, SfError> {
    check_version(v)?;
    let obj = sobject(name)?;
    let ids = ids
        .filter(|l| !l.is_empty())
        .ok_or_else(|| missing("ids"))?;
    let fields = fields
        .filter(|l| !l.is_empty())
        .ok_or_else(|| missing("fields"))?;
    if ids.len() > MAX_IDS {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "EXCEEDED_ID_LIMIT",
            format!(
                "record limit reached. cannot submit more than {MAX_IDS} records into this call"
            ),
        ));
    }
    let fields = canonical_fields(obj, fields)?;
    // One lookup for the lot; answered in the order asked, null where none.
    let wanted: Vec<Option<String>> = ids.iter().map(|raw| ids::normalize(raw)).collect();
    let known: Vec<String> = wanted.iter().flatten().cloned().collect();
    let found = state.db().get_many(obj, &known).await?;
    let out = wanted
        .iter()
        .map(|id| {
            id.as_ref()
                .and_then(|id| found.get(id))
                .map_or(Value::Null, |r| r.to_json(v, Some(&fields)))
        })
        .collect();
    Ok(Json(Value::Array(out)))
}

pub async fn retrieve_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
    Query(q): Query<ManyQuery>,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    let ids = q.ids.as_deref().map(split);
    let fields = q.fields.as_deref().map(split);
    retrieve(&state, &v, &name, ids, fields).await
}

pub async fn retrieve_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    let b: ManyBody =
        serde_json::from_slice(&body).map_err(|e| SfError::json_parser(e.to_string()))?;
    retrieve(&state, &v, &name, b.ids, b.fields).await
}
