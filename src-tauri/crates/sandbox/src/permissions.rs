//! Who may write what, and a hierarchy setting's one row per owner — as an
//! org enforces them. Ringside's admin objects are written only by holders
//! of the `Ringside_Admin` custom permission; setup data (profiles,
//! permission assignments) is never written over REST.

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::error::SfError;
use crate::ids;
use crate::schema::{SObject, Writers};
use crate::state::AppState;

pub const ADMIN_PERMISSION: &str = "Ringside_Admin";

/// Whether `user` holds the custom permission `name`.
pub async fn holds(state: &AppState, user: &str, name: &str) -> Result<bool, SfError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM records WHERE sobject = 'UserSetupEntityAccess' AND deleted_at IS NULL
         AND json_extract(fields, '$.AssigneeId') = ? AND json_extract(fields, '$.DeveloperName') = ?",
    )
    .bind(user)
    .bind(name)
    .fetch_one(&state.db().pool)
    .await?;
    Ok(n > 0)
}

/// Refuses a create or update of `obj` that `user` may not make.
pub async fn may_write(state: &AppState, user: &str, obj: &SObject) -> Result<(), SfError> {
    if obj.writers == Writers::DeleteOnly {
        // As an org answers a write to a read-only type.
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_TYPE_FOR_OPERATION",
            format!("entity type cannot be inserted or updated: {}", obj.label),
        ));
    }
    may_change(state, user, obj).await
}

/// Refuses a delete of `obj` that `user` may not make.
pub async fn may_delete(state: &AppState, user: &str, obj: &SObject) -> Result<(), SfError> {
    if obj.writers == Writers::DeleteOnly {
        return Ok(());
    }
    may_change(state, user, obj).await
}

async fn may_change(state: &AppState, user: &str, obj: &SObject) -> Result<(), SfError> {
    let allowed = match obj.writers {
        Writers::Anyone | Writers::DeleteOnly => true,
        Writers::RingsideAdmins => holds(state, user, ADMIN_PERMISSION).await?,
        Writers::Nobody => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INSUFFICIENT_ACCESS_OR_READONLY",
            format!("insufficient access rights on object type {}", obj.name),
        ))
    }
}

/// A new hierarchy-setting row: its `SetupOwnerId` is the org, a profile
/// or a user, and no other row has it.
pub async fn check_setting_owner(
    state: &AppState,
    obj: &SObject,
    fields: &Map<String, Value>,
) -> Result<(), SfError> {
    if !obj.hierarchy_setting {
        return Ok(());
    }
    let owner = fields
        .get("SetupOwnerId")
        .and_then(Value::as_str)
        .and_then(ids::normalize)
        .ok_or_else(|| {
            SfError::new(
                StatusCode::BAD_REQUEST,
                "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [SetupOwnerId]",
            )
            .with_fields(vec!["SetupOwnerId".into()])
        })?;
    let known = owner == state.shared.org_id
        || exists(state, "Profile", &owner).await?
        || exists(state, "User", &owner).await?;
    if !known {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "FIELD_INTEGRITY_EXCEPTION",
            "Location: id value of incorrect type",
        )
        .with_fields(vec!["SetupOwnerId".into()]));
    }
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM records WHERE sobject = ? AND deleted_at IS NULL AND json_extract(fields, '$.SetupOwnerId') = ?",
    )
    .bind(obj.name)
    .bind(&owner)
    .fetch_optional(&state.db().pool)
    .await?;
    match taken {
        Some(id) => Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "DUPLICATE_VALUE",
            format!("duplicate value found: SetupOwnerId duplicates value on record with id: {id}"),
        )
        .with_fields(vec!["SetupOwnerId".into()])),
        None => Ok(()),
    }
}

async fn exists(state: &AppState, sobject: &str, id: &str) -> Result<bool, SfError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM records WHERE sobject = ? AND id = ? AND deleted_at IS NULL",
    )
    .bind(sobject)
    .bind(id)
    .fetch_one(&state.db().pool)
    .await?;
    Ok(n > 0)
}
