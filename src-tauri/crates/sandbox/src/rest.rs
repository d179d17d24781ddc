//! `/services/data`: versions and sObject create / retrieve / update /
//! delete / upsert by external id, with Salesforce's status codes and bodies.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::permissions::{check_setting_owner, may_delete, may_write};
use crate::schema::{self, SObject, SYSTEM_FIELDS};
use crate::state::{now_ms, served_version, version_label, AppState};
use crate::state::{NEWEST_VERSION, OLDEST_VERSION};

/// `GET /services/data`: no session needed, as in Salesforce.
pub async fn versions() -> Json<Value> {
    Json(Value::Array(
        (OLDEST_VERSION..=NEWEST_VERSION)
            .map(|n| json!({"version": format!("{n}.0"), "url": format!("/services/data/v{n}.0"), "label": version_label(n)}))
            .collect(),
    ))
}

pub fn check_version(v: &str) -> Result<(), SfError> {
    served_version(v)
        .map(|_| ())
        .ok_or_else(SfError::not_found_resource)
}

/// The field an upsert keys on; Salesforce's NOT_FOUND when it is not an external id.
pub fn external_id_field(obj: &SObject, field: &str) -> Result<&'static schema::Field, SfError> {
    obj.field(field).filter(|f| f.external_id).ok_or_else(|| {
        SfError::not_found(format!(
            "Provided external ID field does not exist or is not accessible: {field}"
        ))
    })
}

pub fn sobject(name: &str) -> Result<&'static SObject, SfError> {
    schema::object(name).ok_or_else(|| SfError::invalid_type(name))
}

/// Validates a write body: a JSON object of writable fields.
pub fn write_fields(obj: &SObject, body: &[u8]) -> Result<Map<String, Value>, SfError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| SfError::json_parser(format!("Unexpected character: {e}")))?;
    let Value::Object(map) = value else {
        return Err(SfError::json_parser(
            "Cannot deserialize instance of sObject from a non-object value",
        ));
    };
    checked_fields(obj, map)
}

/// Keeps only writable fields of `obj`, refusing system and unknown ones.
pub fn checked_fields(
    obj: &SObject,
    map: Map<String, Value>,
) -> Result<Map<String, Value>, SfError> {
    let mut out = Map::new();
    for (k, v) in map {
        if k == "attributes" {
            continue;
        }
        if SYSTEM_FIELDS.iter().any(|s| s.eq_ignore_ascii_case(&k)) {
            return Err(SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                format!("Unable to create/update fields: {k}. Please check the security settings of this field and verify that it is read/write for your profile or permission set."),
            )
            .with_fields(vec![k]));
        }
        let field = obj.field(&k).ok_or_else(|| {
            SfError::invalid_field(format!(
                "No such column '{k}' on sobject of type {}",
                obj.name
            ))
        })?;
        if matches!(v, Value::Object(_) | Value::Array(_)) {
            return Err(SfError::json_parser(format!(
                "Cannot deserialize instance of {} from {k}",
                field.kind.wire_name()
            )));
        }
        out.insert(field.name.to_string(), v);
    }
    Ok(out)
}

/// The success body of a create (and of an upsert, with `created`).
pub fn save_result(id: &str, created: Option<bool>) -> Value {
    let mut v = json!({"id": id, "success": true, "errors": []});
    if let Some(c) = created {
        v["created"] = json!(c);
    }
    v
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    may_write(&state, &user, obj).await?;
    let fields = write_fields(obj, &body)?;
    let id = insert(&state, obj, fields, &user).await?;
    Ok((StatusCode::CREATED, Json(save_result(&id, None))).into_response())
}

pub async fn insert(
    state: &AppState,
    obj: &SObject,
    mut fields: Map<String, Value>,
    user: &str,
) -> Result<String, SfError> {
    let prefix = ids::key_prefix(obj.name).ok_or_else(|| SfError::invalid_type(obj.name))?;
    complete_record(obj, &mut fields)?;
    check_setting_owner(state, obj, &fields).await?;
    // As in Salesforce: a new record belongs to whoever creates it.
    if obj.is_field("OwnerId") && fields.get("OwnerId").is_none_or(Value::is_null) {
        fields.insert("OwnerId".into(), Value::String(user.to_string()));
    }
    Ok(state.db().insert(obj, prefix, fields, now_ms()).await?)
}

/// What Salesforce requires to create a Contact or Lead, and the fields it
/// derives (see `schema::derived`).
pub fn complete_record(obj: &SObject, fields: &mut Map<String, Value>) -> Result<(), SfError> {
    let required: &[&str] = match obj.name {
        "Contact" => &["LastName"],
        "Lead" => &["LastName", "Company"],
        _ => &[],
    };
    let missing: Vec<String> = required
        .iter()
        .filter(|f| {
            fields
                .get(**f)
                .and_then(Value::as_str)
                .is_none_or(|v| v.trim().is_empty())
        })
        .map(|f| f.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "REQUIRED_FIELD_MISSING",
            format!("Required fields are missing: [{}]", missing.join(", ")),
        )
        .with_fields(missing));
    }
    for (k, v) in schema::derived(obj, fields) {
        fields.insert(k.into(), v);
    }
    Ok(())
}

#[derive(Deserialize)]
pub struct FieldsQuery {
    fields: Option<String>,
}

pub async fn retrieve(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, id)): Path<(String, String, String)>,
    Query(q): Query<FieldsQuery>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let id = ids::normalize(&id).ok_or_else(SfError::not_found_resource)?;
    let record = state
        .db()
        .get(obj, &id)
        .await?
        .ok_or_else(SfError::not_found_resource)?;
    let only: Option<Vec<String>> = q.fields.map(|f| {
        f.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    if let Some(list) = &only {
        if let Some(bad) = list.iter().find(|f| !obj.is_field(f)) {
            return Err(SfError::invalid_field(format!(
                "No such column '{bad}' on entity '{}'",
                obj.name
            )));
        }
    }
    let mut full = record.to_json(&v, only.as_deref());
    if only.is_none() {
        // Every field of the object is in the body; unset ones are null.
        if let Value::Object(map) = &mut full {
            for f in obj.fields {
                map.entry(f.name.to_string()).or_insert(Value::Null);
            }
        }
    }
    Ok(Json(full).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    may_write(&state, &user, obj).await?;
    let id = ids::normalize(&id).ok_or_else(SfError::not_found_resource)?;
    let fields = write_fields(obj, &body)?;
    if state.db().update(obj, &id, fields, now_ms()).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(SfError::not_found_resource())
    }
}

pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, id)): Path<(String, String, String)>,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    may_delete(&state, &user, obj).await?;
    let id = ids::normalize(&id).ok_or_else(SfError::not_found_resource)?;
    if state.db().delete(obj, &id, now_ms()).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(SfError::new(
            StatusCode::NOT_FOUND,
            "ENTITY_IS_DELETED",
            "entity is deleted",
        ))
    }
}

/// `PATCH …/sobjects/{type}/{field}/{value}`: 201 created, 200 updated,
/// 300 with the matching URLs when the key is not unique.
/// `GET /sobjects/{type}/{externalIdField}/{value}`: the one record with
/// that key, 300 with the candidates when several have it.
pub async fn retrieve_by_external_id(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, field, value)): Path<(String, String, String, String)>,
    q: Query<FieldsQuery>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let key = external_id_field(obj, &field)?;
    let matches = state.db().find_by_field(obj, key.name, &value).await?;
    match matches.as_slice() {
        [] => Err(SfError::not_found_resource()),
        [id] => {
            retrieve(
                State(state.clone()),
                headers,
                Path((v, name, id.clone())),
                q,
            )
            .await
        }
        many => {
            let urls: Vec<Value> = many
                .iter()
                .map(|id| json!(format!("/services/data/{v}/sobjects/{}/{id}", obj.name)))
                .collect();
            Ok((StatusCode::MULTIPLE_CHOICES, Json(Value::Array(urls))).into_response())
        }
    }
}

pub async fn upsert(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, field, value)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Result<Response, SfError> {
    let user = authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    may_write(&state, &user, obj).await?;
    let key = external_id_field(obj, &field)?;
    let mut fields = write_fields(obj, &body)?;
    if fields.keys().any(|k| k.eq_ignore_ascii_case(key.name)) {
        return Err(SfError::invalid_field(format!(
            "The external ID field {} should not be in the body",
            key.name
        )));
    }
    let matches = state.db().find_by_field(obj, key.name, &value).await?;
    match matches.as_slice() {
        [] => {
            fields.insert(key.name.to_string(), Value::String(value));
            let id = insert(&state, obj, fields, &user).await?;
            Ok((StatusCode::CREATED, Json(save_result(&id, Some(true)))).into_response())
        }
        [id] => {
            state.db().update(obj, id, fields, now_ms()).await?;
            Ok((StatusCode::OK, Json(save_result(id, Some(false)))).into_response())
        }
        many => {
            let urls: Vec<Value> = many
                .iter()
                .map(|id| json!(format!("/services/data/{v}/sobjects/{}/{id}", obj.name)))
                .collect();
            Ok((StatusCode::MULTIPLE_CHOICES, Json(Value::Array(urls))).into_response())
        }
    }
}
