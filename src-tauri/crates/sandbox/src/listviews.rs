//! List views: `/sobjects/{type}/listviews`, `…/{id}/results` and
//! `…/{id}/describe`. A list view here is a `ListView` record holding the
//! columns and the SOQL condition that picks its members.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::db::{record_from_row, Record};
use crate::error::SfError;
use crate::ids;
use crate::oauth::authenticate;
use crate::query::bind;
use crate::rest::{check_version, sobject};
use crate::schema::SObject;
use crate::soql;
use crate::state::AppState;

/// Most rows a results call returns, as in Salesforce.
const MAX_ROWS: u64 = 2000;

fn text(r: &Record, f: &str) -> String {
    r.fields
        .get(f)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

async fn views_of(state: &AppState, obj: &SObject) -> Result<Vec<Record>, SfError> {
    let rows = sqlx::query("SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records WHERE sobject = 'ListView' AND deleted_at IS NULL AND json_extract(fields, '$.SobjectType') = ? ORDER BY created_date, id")
        .bind(obj.name)
        .fetch_all(&state.db().pool)
        .await?;
    rows.iter()
        .map(|r| record_from_row(r).map_err(SfError::from))
        .collect()
}

fn columns(view: &Record) -> Vec<String> {
    let c = text(view, "Ringside_Columns__c");
    let list: Vec<String> = c
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        vec!["Name".into()]
    } else {
        list
    }
}

fn soql_of(view: &Record, obj: &SObject) -> String {
    let mut cols = vec!["Id".to_string()];
    cols.extend(columns(view).into_iter().filter(|c| c != "Id"));
    let mut q = format!("SELECT {} FROM {}", cols.join(", "), obj.name);
    let w = text(view, "Ringside_Where__c");
    if !w.trim().is_empty() {
        q.push_str(&format!(" WHERE {w}"));
    }
    // As a describe's query reads: the view's order, ties by Id, no limit
    // (the results endpoint stops at its own 2,000).
    q.push_str(&format!(
        " ORDER BY {} ASC NULLS FIRST, Id ASC NULLS FIRST",
        columns(view)[0]
    ));
    q
}

fn column_meta(obj: &SObject, name: &str, index: usize) -> Value {
    let kind = obj.field(name).map_or("id", |f| f.kind.wire_name());
    json!({
        "ascendingLabel": "A-Z", "descendingLabel": "Z-A", "fieldNameOrPath": name, "hidden": false,
        "label": name, "selectListItem": name,
        "sortDirection": if index == 0 { json!("ascending") } else { Value::Null },
        "sortIndex": if index == 0 { json!(0) } else { Value::Null },
        "sortable": true, "type": kind,
    })
}

async fn the_view(state: &AppState, obj: &SObject, id: &str) -> Result<Record, SfError> {
    let id = ids::normalize(id).ok_or_else(SfError::not_found_resource)?;
    views_of(state, obj)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(SfError::not_found_resource)
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name)): Path<(String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let views = views_of(&state, obj).await?;
    let base = format!("/services/data/{v}/sobjects/{}/listviews", obj.name);
    let items: Vec<Value> = views
        .iter()
        .map(|r| {
            json!({
                "describeUrl": format!("{base}/{}/describe", r.id),
                "developerName": text(r, "DeveloperName"),
                "id": r.id,
                "label": text(r, "Name"),
                "resultsUrl": format!("{base}/{}/results", r.id),
                "soqlCompatible": true,
                "url": format!("{base}/{}", r.id),
            })
        })
        .collect();
    Ok(Json(json!({"done": true, "listviews": items, "nextRecordsUrl": null, "size": views.len(), "sobjectType": obj.name})).into_response())
}

pub async fn describe(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, id)): Path<(String, String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let view = the_view(&state, obj, &id).await?;
    let cols: Vec<Value> = columns(&view)
        .iter()
        .enumerate()
        .map(|(i, c)| column_meta(obj, c, i))
        .collect();
    Ok(Json(json!({
        "columns": cols,
        "id": view.id,
        "orderBy": [{"fieldNameOrPath": columns(&view)[0], "nullsPosition": "first", "sortDirection": "ascending"}],
        "query": soql_of(&view, obj),
        "sobjectType": obj.name,
        "whereCondition": {"conditions": [], "conjunction": "and"},
    }))
    .into_response())
}

pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((v, name, id)): Path<(String, String, String)>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let obj = sobject(&name)?;
    let view = the_view(&state, obj, &id).await?;
    let parsed = soql::parse(&soql_of(&view, obj))?;
    let sql = soql::to_sql(&parsed, obj, false)?;
    let rows = sqlx::query_with(
        &format!("SELECT id, sobject, fields, created_date, system_modstamp, deleted_at {} {} LIMIT {MAX_ROWS}", sql.from_where, sql.order_by),
        bind(&sql.params)?,
    )
    .fetch_all(&state.db().pool)
    .await?;
    let cols = columns(&view);
    let mut all_cols = cols.clone();
    if !all_cols.iter().any(|c| c == "Id") {
        all_cols.push("Id".into());
    }
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let rec = record_from_row(row)?;
        let json = rec.to_json(&v, Some(&all_cols));
        let cells: Vec<Value> = all_cols.iter().map(|c| json!({"fieldNameOrPath": c, "value": json.get(c).cloned().unwrap_or(Value::Null)})).collect();
        records.push(json!({"columns": cells}));
    }
    let meta: Vec<Value> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| column_meta(obj, c, i))
        .collect();
    Ok(Json(json!({
        "columns": meta,
        "developerName": text(&view, "DeveloperName"),
        "done": true,
        "id": view.id,
        "label": text(&view, "Name"),
        "records": records,
        "size": rows.len(),
    }))
    .into_response())
}
