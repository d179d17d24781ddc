//! Object metadata: `GET /sobjects` (describe global), `GET /sobjects/{type}`
//! (basic information and recent items) and `GET /sobjects/{type}/describe`,
//! in Salesforce's shapes (the captured `describe_sobjects_success_response`
//! has the same keys per object).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::recent::{recent_records, DEFAULT_RECENT};
use crate::rest::{check_version, sobject};
use crate::schema::{SObject, Writers, OBJECTS};
use crate::state::AppState;

/// Records per collection call, as Salesforce reports it.
const MAX_BATCH_SIZE: u64 = 200;

/// What describe global says of an object, and what its full describe
/// starts with.
pub fn summary(obj: &SObject, v: &str) -> Map<String, Value> {
    let base = format!("/services/data/{v}/sobjects/{}", obj.name);
    let custom = obj.name.ends_with("__c");
    let writable = !matches!(obj.writers, Writers::Nobody | Writers::DeleteOnly);
    let deletable = obj.writers != Writers::Nobody;
    let summary = json!({
        "activateable": false,
        "createable": writable,
        "custom": custom,
        "customSetting": obj.hierarchy_setting,
        "deletable": deletable,
        "deprecatedAndHidden": false,
        "feedEnabled": false,
        "hasSubtypes": false,
        "isInterface": false,
        "isSubtype": false,
        "keyPrefix": ids::key_prefix(obj.name),
        "label": obj.label,
        "labelPlural": obj.label_plural,
        "layoutable": true,
        "mergeable": false,
        "mruEnabled": obj.is_field("LastViewedDate"),
        "name": obj.name,
        "queryable": true,
        "replicateable": true,
        "retrieveable": true,
        "searchable": true,
        "triggerable": true,
        "undeletable": true,
        "updateable": writable,
        "urls": {
            "sobject": base,
            "describe": format!("{base}/describe"),
            "rowTemplate": format!("{base}/{{ID}}"),
        },
    });
    match summary {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `GET /sobjects`: every object the sandbox serves.
pub async fn describe_global(
    State(state): State<AppState>,
    Path(v): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let sobjects: Vec<Value> = OBJECTS
        .iter()
        .map(|o| Value::Object(summary(o, &v)))
        .collect();
    Ok(Json(json!({
        "encoding": "UTF-8",
        "maxBatchSize": MAX_BATCH_SIZE,
        "sobjects": sobjects,
    })))
}

/// `GET /sobjects/{type}`: the summary and the records recently viewed.
pub async fn basic_info(
    State(state): State<AppState>,
    Path((v, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let recent = recent_records(&state, &v, Some(obj), DEFAULT_RECENT).await?;
    Ok(Json(json!({
        "objectDescribe": summary(obj, &v),
        "recentItems": recent,
    })))
}

fn field(name: &str, label: &str, kind: &str, external: bool, id_lookup: bool) -> Value {
    json!({
        "name": name, "label": label, "type": kind,
        "externalId": external, "idLookup": id_lookup || external, "unique": external,
        "custom": name.ends_with("__c"), "nillable": name != "Id", "createable": name != "Id",
        "updateable": name != "Id", "filterable": true, "sortable": true,
        "nameField": false,
        "length": if kind == "id" || kind == "reference" { 18 } else { 255 },
    })
}

/// `GET /sobjects/{type}/describe`: the summary with the object's fields
/// (the attributes Ringside and common clients read).
pub async fn describe(
    State(state): State<AppState>,
    Path((v, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let name_field = obj.name_field();
    let mut fields = vec![field("Id", "Record ID", "id", false, true)];
    for f in obj.fields {
        let mut described = field(f.name, f.name, f.kind.wire_name(), f.external_id, false);
        described["nameField"] = json!(Some(f.name) == name_field);
        fields.push(described);
    }
    let mut out = summary(obj, &v);
    out.insert("fields".into(), Value::Array(fields));
    Ok(Json(Value::Object(out)))
}
