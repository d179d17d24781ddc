//! The identity URL `/id/{org id}/{user id}`: the `id` of every token
//! response, and what clients such as jsforce's `identity()` read. The token
//! comes in the `Authorization` header or the `oauth_token` parameter, and
//! failures are Salesforce's plain-text codes (`Bad_OAuth_Token`, …).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::oauth::{bearer, token_user};
use crate::state::{served_version, AppState, NEWEST_VERSION};
use crate::time::format_ms;

#[derive(Deserialize)]
pub struct IdentityQuery {
    oauth_token: Option<String>,
    version: Option<String>,
}

fn refuse(status: StatusCode, code: &'static str) -> Response {
    (status, code).into_response()
}

/// The identity URL of a user, as token responses give it.
pub fn identity_url(state: &AppState, user_id: &str) -> String {
    format!("{}/id/{}/{user_id}", state.base_url, state.shared.org_id)
}

pub async fn identity(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((org, user)): Path<(String, String)>,
    Query(q): Query<IdentityQuery>,
) -> Response {
    let Some(token) = bearer(&headers).or(q.oauth_token.as_deref()) else {
        return refuse(StatusCode::FORBIDDEN, "Missing_OAuth_Token");
    };
    match token_user(&state, token).await {
        Ok(Some(_)) => {}
        Ok(None) => return refuse(StatusCode::FORBIDDEN, "Bad_OAuth_Token"),
        Err(e) => return crate::error::SfError::from(e).into_response(),
    }
    // The 15-character form names the same org.
    let our_org = &state.shared.org_id;
    if org != *our_org && Some(org.as_str()) != our_org.get(..15) {
        return refuse(StatusCode::FORBIDDEN, "Wrong_Org");
    }
    // Without `version` the URLs keep Salesforce's literal `{version}`.
    let version = match q.version.as_deref() {
        None => "{version}".to_string(),
        Some("latest") => format!("{NEWEST_VERSION}.0"),
        Some(v) => match served_version(&format!("v{v}")) {
            Some(n) => format!("{n}.0"),
            None => return refuse(StatusCode::NOT_ACCEPTABLE, "Invalid_Version"),
        },
    };
    // Either id form, through the id index (a 15-character id gets its
    // checksum, as everywhere else).
    let Some(user) = crate::ids::normalize(&user) else {
        return refuse(StatusCode::NOT_FOUND, "Bad_Id");
    };
    let row: Result<Option<(String, String, i64)>, _> = sqlx::query_as(
        "SELECT id, fields, system_modstamp FROM records WHERE id = ? AND sobject = 'User' AND deleted_at IS NULL",
    )
    .bind(&user)
    .fetch_optional(&state.db().pool)
    .await;
    let (user_id, fields, modstamp) = match row {
        Ok(Some(r)) => r,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "Bad_Id"),
        Err(e) => return crate::error::SfError::from(e).into_response(),
    };
    let fields: Value = serde_json::from_str(&fields).unwrap_or(Value::Null);
    let text = |k: &str| fields.get(k).cloned().unwrap_or(Value::Null);
    let base = &state.base_url;
    let data = format!("{base}/services/data/v{version}");
    Json(json!({
        "id": identity_url(&state, &user_id),
        "asserted_user": true,
        "user_id": user_id,
        "organization_id": our_org,
        "username": text("Username"),
        "nick_name": text("FirstName"),
        "display_name": text("Name"),
        "email": text("Email"),
        "email_verified": true,
        "first_name": text("FirstName"),
        "last_name": text("LastName"),
        "timezone": "GMT",
        "photos": {"picture": null, "thumbnail": null},
        "addr_street": null, "addr_city": null, "addr_state": null,
        "addr_country": null, "addr_zip": null,
        "mobile_phone": null, "mobile_phone_verified": false,
        "is_lightning_login_user": false,
        "status": {"created_date": null, "body": null},
        "urls": {
            "rest": format!("{data}/"),
            "sobjects": format!("{data}/sobjects/"),
            "search": format!("{data}/search/"),
            "query": format!("{data}/query/"),
            "recent": format!("{data}/recent/"),
            "profile": format!("{base}/{user_id}"),
            "custom_domain": &**base,
        },
        "active": fields.get("IsActive").and_then(Value::as_bool).unwrap_or(true),
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "en_US",
        "utcOffset": 0,
        "last_modified_date": format_ms(modstamp),
        "is_app_installed": true,
    }))
    .into_response()
}
