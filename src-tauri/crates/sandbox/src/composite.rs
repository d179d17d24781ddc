//! `/composite/sobjects` (collections: create, update, upsert, delete up to
//! 200 records) and `/composite` (up to 25 subrequests with references).

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::permissions::{may_delete, may_write};
use crate::rest::{check_version, checked_fields, external_id_field, insert, sobject};
use crate::state::{now_ms, AppState};

const MAX_COLLECTION: usize = 200;
const MAX_SUBREQUESTS: usize = 25;

fn rolled_back() -> SfError {
    SfError::new(
        StatusCode::BAD_REQUEST,
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header",
    )
}

/// A collection item's failure: note `statusCode`, not `errorCode`, here.
fn item_error(e: &SfError) -> Value {
    json!({"success": false, "errors": [{"statusCode": e.code, "message": e.message, "fields": e.fields}]})
}

#[derive(Deserialize)]
pub struct Collection {
    #[serde(rename = "allOrNone", default)]
    all_or_none: bool,
    records: Vec<Map<String, Value>>,
}

fn parse_collection(body: &[u8]) -> Result<Collection, SfError> {
    let c: Collection =
        serde_json::from_slice(body).map_err(|e| SfError::json_parser(e.to_string()))?;
    if c.records.len() > MAX_COLLECTION {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "EXCEEDED_ID_LIMIT",
            "record limit reached. cannot submit more than 200 records into this call",
        ));
    }
    Ok(c)
}

fn record_type(r: &Map<String, Value>) -> Result<String, SfError> {
    r.get("attributes")
        .and_then(|a| a.get("type"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| {
            SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_TYPE",
                "Must send a concrete entity type.",
            )
        })
}

/// The whole collection in one transaction-like pass: with `allOrNone`, a
/// failure anywhere rolls back the records already written.
async fn apply_all<F, Fut>(state: &AppState, c: Collection, mut one: F) -> Result<Response, SfError>
where
    F: FnMut(Map<String, Value>) -> Fut,
    Fut: std::future::Future<Output = Result<(String, Option<bool>), SfError>>,
{
    let mut results = Vec::with_capacity(c.records.len());
    let mut written = Vec::new();
    let mut failed = false;
    for r in c.records {
        if failed && c.all_or_none {
            results.push(item_error(&rolled_back()));
            continue;
        }
        match one(r).await {
            Ok((id, created)) => {
                let mut v = json!({"id": id, "success": true, "errors": []});
                if let Some(c) = created {
                    v["created"] = json!(c);
                }
                written.push((id, created));
                results.push(v);
            }
            Err(e) => {
                failed = true;
                results.push(item_error(&e));
            }
        }
    }
    if failed && c.all_or_none {
        // Undo creations (soft-deleting them); updates stay as a real org would roll them back.
        for (id, created) in &written {
            if *created != Some(false) {
                sqlx::query("DELETE FROM records WHERE id = ?")
                    .bind(id)
                    .execute(&state.db().pool)
                    .await?;
            }
        }
        let rolled: Vec<Value> = results
            .into_iter()
            .map(|r| {
                if r["success"] == true {
                    item_error(&rolled_back())
                } else {
                    r
                }
            })
            .collect();
        return Ok(Json(Value::Array(rolled)).into_response());
    }
    Ok(Json(Value::Array(results)).into_response())
}

/// POST: create each record.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let c = parse_collection(&body)?;
    let st = state.clone();
    apply_all(&state, c, move |r| {
        let (st, user) = (st.clone(), user.clone());
        async move {
            let obj = sobject(&record_type(&r)?)?;
            may_write(&st, &user, obj).await?;
            let fields = checked_fields(obj, r)?;
            Ok((insert(&st, obj, fields, &user).await?, None))
        }
    })
    .await
}

/// PATCH: update each record by its `Id`.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let c = parse_collection(&body)?;
    let st = state.clone();
    apply_all(&state, c, move |mut r| {
        let (st, user) = (st.clone(), user.clone());
        async move {
            let obj = sobject(&record_type(&r)?)?;
            may_write(&st, &user, obj).await?;
            // Field names are case-insensitive: the docs' examples send `id`.
            let key = r.keys().find(|k| k.eq_ignore_ascii_case("Id")).cloned();
            let id = key
                .and_then(|k| r.remove(&k))
                .and_then(|v| v.as_str().and_then(ids::normalize))
                .ok_or_else(|| {
                    SfError::new(
                        StatusCode::BAD_REQUEST,
                        "MALFORMED_ID",
                        "Id in upsert is not valid",
                    )
                })?;
            let fields = checked_fields(obj, r)?;
            if st.db().update(obj, &id, fields, now_ms()).await? {
                Ok((id, None))
            } else {
                Err(SfError::new(
                    StatusCode::NOT_FOUND,
                    "ENTITY_IS_DELETED",
                    "entity is deleted",
                ))
            }
        }
    })
    .await
}

/// PATCH `/composite/sobjects/{type}/{field}`: upsert each record by an external id.
pub async fn upsert(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, field)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    may_write(&state, &user, obj).await?;
    let key = external_id_field(obj, &field)?;
    let c = parse_collection(&body)?;
    let st = state.clone();
    apply_all(&state, c, move |mut r| {
        let (st, user) = (st.clone(), user.clone());
        async move {
            if !record_type(&r)?.eq_ignore_ascii_case(obj.name) {
                return Err(SfError::new(
                    StatusCode::BAD_REQUEST,
                    "INVALID_TYPE",
                    "all records must be of the URL's type",
                ));
            }
            let value = r
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key.name))
                .and_then(|(_, v)| v.as_str().map(str::to_string))
                .ok_or_else(|| {
                    SfError::new(
                        StatusCode::BAD_REQUEST,
                        "MISSING_ARGUMENT",
                        format!("{} not specified", key.name),
                    )
                })?;
            r.retain(|k, _| !k.eq_ignore_ascii_case(key.name));
            let mut fields = checked_fields(obj, r)?;
            let found = st.db().find_by_field(obj, key.name, &value).await?;
            match found.as_slice() {
                [] => {
                    fields.insert(key.name.to_string(), Value::String(value));
                    Ok((insert(&st, obj, fields, &user).await?, Some(true)))
                }
                [id] => {
                    st.db().update(obj, id, fields, now_ms()).await?;
                    Ok((id.clone(), Some(false)))
                }
                _ => Err(SfError::new(
                    StatusCode::MULTIPLE_CHOICES,
                    "DUPLICATE_EXTERNAL_ID",
                    format!(
                        "{}: more than one record found for external id field: {found:?}",
                        key.name
                    ),
                )),
            }
        }
    })
    .await
}

#[derive(Deserialize)]
pub struct IdsQuery {
    ids: Option<String>,
    #[serde(rename = "allOrNone", default)]
    all_or_none: Option<bool>,
}

/// DELETE `/composite/sobjects?ids=…`.
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    Query(q): Query<IdsQuery>,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let list: Vec<String> = q
        .ids
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if list.len() > MAX_COLLECTION {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "EXCEEDED_ID_LIMIT",
            "record limit reached. cannot submit more than 200 records into this call",
        ));
    }
    let _ = q.all_or_none;
    let mut results = Vec::new();
    for raw in list {
        let Some(id) = ids::normalize(&raw) else {
            results.push(item_error(&SfError::new(
                StatusCode::BAD_REQUEST,
                "MALFORMED_ID",
                format!("malformed id {raw}"),
            )));
            continue;
        };
        let kind: Option<String> = sqlx::query_scalar("SELECT sobject FROM records WHERE id = ?")
            .bind(&id)
            .fetch_optional(&state.db().pool)
            .await?;
        if let Some(obj) = kind.as_deref().and_then(crate::schema::object) {
            if let Err(e) = may_delete(&state, &user, obj).await {
                results.push(item_error(&e));
                continue;
            }
        }
        let done = sqlx::query("UPDATE records SET deleted_at = ?, system_modstamp = MAX(system_modstamp + 1, ?) WHERE id = ? AND deleted_at IS NULL")
            .bind(now_ms())
            .bind(now_ms())
            .bind(&id)
            .execute(&state.db().pool)
            .await?;
        if done.rows_affected() == 1 {
            sqlx::query("DELETE FROM record_phones WHERE record_id = ?")
                .bind(&id)
                .execute(&state.db().pool)
                .await?;
            results.push(json!({"id": id, "success": true, "errors": []}));
        } else {
            results.push(item_error(&SfError::new(
                StatusCode::NOT_FOUND,
                "ENTITY_IS_DELETED",
                "entity is deleted",
            )));
        }
    }
    Ok(Json(Value::Array(results)).into_response())
}

#[derive(Deserialize)]
pub struct CompositeRequest {
    #[serde(rename = "allOrNone", default)]
    all_or_none: bool,
    #[serde(rename = "compositeRequest")]
    requests: Vec<SubRequest>,
}

#[derive(Deserialize)]
struct SubRequest {
    method: String,
    url: String,
    #[serde(rename = "referenceId")]
    reference_id: String,
    body: Option<Value>,
}

/// Replaces `@{ref.field}` with values from earlier responses.
fn substitute(text: &str, refs: &Map<String, Value>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("@{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after.find('}').ok_or("unclosed reference")?;
        let path = &after[..end];
        let mut parts = path.split('.');
        let mut v = parts
            .next()
            .and_then(|r| refs.get(r))
            .ok_or_else(|| format!("reference {path} not found"))?;
        for p in parts {
            // `records[0]`: a field, then array indexes.
            let mut pieces = p.split('[');
            let field = pieces.next().unwrap_or_default();
            if !field.is_empty() {
                v = v
                    .get(field)
                    .ok_or_else(|| format!("reference {path} not found"))?;
            }
            for index in pieces {
                let i: usize = index
                    .strip_suffix(']')
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("reference {path} has a bad index"))?;
                v = v
                    .get(i)
                    .ok_or_else(|| format!("reference {path} not found"))?;
            }
        }
        match v {
            Value::String(s) => out.push_str(s),
            other => out.push_str(&other.to_string()),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// POST `/composite`: each subrequest runs through the same router, in order.
pub async fn composite(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    body: Bytes,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let req: CompositeRequest =
        serde_json::from_slice(&body).map_err(|e| SfError::json_parser(e.to_string()))?;
    if req.requests.len() > MAX_SUBREQUESTS {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_BATCH_REQUEST",
            "Limit Exceeded",
        ));
    }
    let auth = headers.get(header::AUTHORIZATION).cloned();
    let mut refs = Map::new();
    let mut out = Vec::new();
    let mut failed = false;
    for sub in req.requests {
        if failed && req.all_or_none {
            out.push(json!({"body": [{"errorCode": "PROCESSING_HALTED", "message": "The transaction was rolled back since another operation in the same transaction failed."}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": sub.reference_id}));
            continue;
        }
        let url = match substitute(&sub.url, &refs) {
            Ok(u) => u,
            Err(m) => {
                failed = true;
                out.push(json!({"body": [{"errorCode": "PROCESSING_HALTED", "message": m}], "httpHeaders": {}, "httpStatusCode": 400, "referenceId": sub.reference_id}));
                continue;
            }
        };
        let body = match &sub.body {
            Some(b) => substitute(&b.to_string(), &refs).unwrap_or_else(|_| b.to_string()),
            None => String::new(),
        };
        let method = Method::from_bytes(sub.method.as_bytes()).unwrap_or(Method::GET);
        let mut builder = Request::builder()
            .method(method)
            .uri(url.clone())
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = &auth {
            builder = builder.header(header::AUTHORIZATION, a);
        }
        let mut request = builder
            .body(Body::from(body))
            .map_err(|e| SfError::internal(e.to_string()))?;
        // Part of this request's transaction: it already holds the lock.
        request.extensions_mut().insert(crate::server::Subrequest);
        let response = {
            use tower::ServiceExt;
            crate::server::app(state.clone())
                .oneshot(request)
                .await
                .map_err(|e| SfError::internal(format!("{e:?}")))?
        };
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|h| h.to_str().ok())
            .map(str::to_string);
        let bytes = axum::body::to_bytes(response.into_body(), 8 * 1024 * 1024)
            .await
            .map_err(|e| SfError::internal(e.to_string()))?;
        let value: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        if status >= 400 {
            failed = true;
        }
        refs.insert(sub.reference_id.clone(), value.clone());
        let mut headers = Map::new();
        if let Some(l) = location {
            headers.insert("Location".into(), json!(l));
        }
        out.push(json!({"body": value, "httpHeaders": headers, "httpStatusCode": status, "referenceId": sub.reference_id}));
    }
    Ok(Json(json!({"compositeResponse": out})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_substituted() {
        let mut refs = Map::new();
        refs.insert("NewContact".into(), json!({"id": "003000000000001AAA"}));
        assert_eq!(
            substitute("/sobjects/Contact/@{NewContact.id}", &refs).unwrap(),
            "/sobjects/Contact/003000000000001AAA"
        );
        assert!(substitute("@{Missing.id}", &refs).is_err());
        refs.insert(
            "me".into(),
            json!({"records": [{"ProfileId": "00e000000000001AAA"}]}),
        );
        assert_eq!(
            substitute("IN ('@{me.records[0].ProfileId}')", &refs).unwrap(),
            "IN ('00e000000000001AAA')"
        );
        assert!(substitute("@{me.records[1].ProfileId}", &refs).is_err());
        assert!(substitute("@{me.records[x].ProfileId}", &refs).is_err());
        assert!(substitute("@{NewContact.id", &refs).is_err());
    }
}
