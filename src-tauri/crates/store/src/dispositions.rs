//! Disposition codes (WRAP-3): an admin-managed list. Codes are renamed or
//! retired, never deleted, so every old call keeps a valid code.

use ringside_core::Millis;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use crate::{Store, StoreError};

/// Salesforce's `Task.CallDisposition` holds 255 characters.
pub const MAX_LABEL: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DispositionCode {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    /// Retired codes are not offered for new wrap-ups but stay on old calls.
    pub retired: bool,
}

fn clean_label(label: &str) -> Result<String, StoreError> {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        return Err(StoreError::invalid(
            "label",
            "a disposition code needs a name",
        ));
    }
    if label.chars().count() > MAX_LABEL {
        return Err(StoreError::invalid(
            "label",
            format!("a disposition code has at most {MAX_LABEL} characters"),
        ));
    }
    Ok(label)
}

fn duplicate(e: sqlx::Error, label: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::invalid(
            "label",
            format!("an active disposition code is already called \u{201c}{label}\u{201d}"),
        ),
        _ => StoreError::Sql(e),
    }
}

impl Store {
    /// Active codes in the admin's order, then retired ones when asked:
    /// the org's (CONF-1) when `org` is given, else the local ones.
    pub async fn dispositions(
        &self,
        org: Option<&str>,
        with_retired: bool,
    ) -> Result<Vec<DispositionCode>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, label, retired_at IS NOT NULL AS retired FROM disposition_codes
             WHERE crm_org IS ? AND (? OR retired_at IS NULL)
             ORDER BY retired_at IS NOT NULL, position, id",
        )
        .bind(org)
        .bind(with_retired)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DispositionCode {
                    id: r.try_get("id")?,
                    label: r.try_get("label")?,
                    retired: r.try_get("retired")?,
                })
            })
            .collect()
    }

    pub async fn add_disposition(
        &self,
        label: &str,
        now: Millis,
    ) -> Result<DispositionCode, StoreError> {
        let label = clean_label(label)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO disposition_codes (label, position, created_at)
             VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM disposition_codes), ?) RETURNING id",
        )
        .bind(&label)
        .bind(now.0)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| duplicate(e, &label))?;
        Ok(DispositionCode {
            id,
            label,
            retired: false,
        })
    }

    /// Renames a code. Calls already logged keep the label they were
    /// written with (the CRM has it); new wrap-ups use the new one.
    pub async fn rename_disposition(&self, id: i64, label: &str) -> Result<(), StoreError> {
        let label = clean_label(label)?;
        let done =
            sqlx::query("UPDATE disposition_codes SET label = ? WHERE id = ? AND crm_org IS NULL")
                .bind(&label)
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(|e| duplicate(e, &label))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid(
                "id",
                format!("no disposition code {id}"),
            ));
        }
        Ok(())
    }

    /// Retires (or, with `retired = false`, restores) a code.
    pub async fn retire_disposition(
        &self,
        id: i64,
        retired: bool,
        now: Millis,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE disposition_codes SET retired_at = CASE WHEN ? THEN COALESCE(retired_at, ?) END WHERE id = ? AND crm_org IS NULL",
        )
        .bind(retired)
        .bind(now.0)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::invalid(
                "label",
                "an active code has the same name; rename one of them first",
            ),
            _ => StoreError::Sql(e),
        })?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid(
                "id",
                format!("no disposition code {id}"),
            ));
        }
        Ok(())
    }

    /// CONF-1: the org's codes, mirrored by record id, in the org's order.
    /// A code the org renamed keeps its row (old calls keep the label they
    /// were written with); one the org made inactive or no longer lists is
    /// retired, never deleted. A second active code of the same name is
    /// skipped (the names are what agents pick by).
    pub async fn mirror_org_dispositions(
        &self,
        org: &str,
        codes: &[OrgCode<'_>],
        now: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE disposition_codes SET retired_at = COALESCE(retired_at, ?) WHERE crm_org = ?",
        )
        .bind(now.0)
        .bind(org)
        .execute(&mut *tx)
        .await?;
        let mut active = std::collections::HashSet::new();
        for (position, code) in codes.iter().enumerate() {
            let Ok(label) = clean_label(code.label) else {
                continue;
            };
            let live = code.active && active.insert(label.to_lowercase());
            sqlx::query(
                "INSERT INTO disposition_codes (label, position, created_at, retired_at, crm_org, crm_id)
                 VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN NULL ELSE ?3 END, ?5, ?6)
                 ON CONFLICT (crm_org, crm_id) WHERE crm_id IS NOT NULL DO UPDATE SET
                     label = excluded.label, position = excluded.position,
                     retired_at = CASE WHEN ?4 THEN NULL ELSE COALESCE(disposition_codes.retired_at, ?3) END",
            )
            .bind(&label)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(now.0)
            .bind(live)
            .bind(org)
            .bind(code.crm_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The org and record id of a mirrored code (`None`: a local one).
    pub async fn org_disposition(&self, id: i64) -> Result<Option<(String, String)>, StoreError> {
        let row: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT crm_org, crm_id FROM disposition_codes WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            None => Err(StoreError::invalid(
                "id",
                format!("no disposition code {id}"),
            )),
            Some((Some(org), Some(crm_id))) => Ok(Some((org, crm_id))),
            Some(_) => Ok(None),
        }
    }
}

/// A disposition code as the org lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgCode<'a> {
    pub crm_id: &'a str,
    pub label: &'a str,
    pub active: bool,
}
