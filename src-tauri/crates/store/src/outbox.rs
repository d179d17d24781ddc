//! The outbox: CRM writes that must happen exactly once, whatever crashes or
//! outages come between the end of a call and the CRM's answer.

use ringside_core::Millis;
use serde::{Deserialize, Serialize};
use sqlx::{Row, Sqlite, Transaction};
use ts_rs::TS;

use crate::{Store, StoreError};

/// Where a call's CRM record stands (WRAP-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state")]
pub enum Delivery {
    /// Waiting to be written.
    Pending,
    /// Written; the CRM's record id.
    Logged { crm_record_id: String },
    /// The last attempt failed; the next one is scheduled.
    Retrying {
        error: String,
        attempts: u32,
        next_attempt_at: Millis,
    },
}

/// One write to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub call_row: i64,
    /// Stable per call across retries and restarts: the CRM upsert key.
    pub external_id: String,
    pub attempts: u32,
}

/// Adds the task write for a call, inside the transaction that ends it.
pub(crate) async fn enqueue_task(
    tx: &mut Transaction<'_, Sqlite>,
    call_row: i64,
    now: Millis,
) -> Result<(), StoreError> {
    let install: String = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'install_id'")
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO outbox (call_row, kind, external_id, state, next_attempt_at, created_at, updated_at)
         VALUES (?, 'task', ?, 'pending', ?, ?, ?)",
    )
    .bind(call_row)
    .bind(format!("{install}-{call_row}"))
    .bind(now.0)
    .bind(now.0)
    .bind(now.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Writes whose time has come, oldest first.
    pub async fn outbox_due(&self, now: Millis, limit: u32) -> Result<Vec<OutboxItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, call_row, external_id, attempts FROM outbox
             WHERE state IN ('pending', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
        )
        .bind(now.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxItem {
                    id: r.try_get("id")?,
                    call_row: r.try_get("call_row")?,
                    external_id: r.try_get("external_id")?,
                    attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                })
            })
            .collect()
    }

    pub async fn outbox_sent(
        &self,
        id: i64,
        crm_record_id: &str,
        now: Millis,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET state = 'sent', crm_record_id = ?, last_error = NULL, attempts = attempts + 1, updated_at = ? WHERE id = ?")
            .bind(crm_record_id)
            .bind(now.0)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn outbox_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: Millis,
        now: Millis,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state != 'sent'")
            .bind(error)
            .bind(next_attempt_at.0)
            .bind(now.0)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// "Retry now": the failed write becomes due at once.
    pub async fn outbox_retry_now(&self, call_row: i64, now: Millis) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE call_row = ? AND state = 'failed'")
            .bind(now.0)
            .bind(now.0)
            .bind(call_row)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn delivery(&self, call_row: i64) -> Result<Option<Delivery>, StoreError> {
        let row = sqlx::query("SELECT state, attempts, next_attempt_at, last_error, crm_record_id FROM outbox WHERE call_row = ?")
            .bind(call_row)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let state: String = r.try_get("state")?;
        Ok(Some(match state.as_str() {
            "pending" => Delivery::Pending,
            "sent" => Delivery::Logged {
                crm_record_id: r
                    .try_get::<Option<String>, _>("crm_record_id")?
                    .unwrap_or_default(),
            },
            "failed" => Delivery::Retrying {
                error: r
                    .try_get::<Option<String>, _>("last_error")?
                    .unwrap_or_default(),
                attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                next_attempt_at: Millis(r.try_get("next_attempt_at")?),
            },
            other => {
                return Err(StoreError::Corrupt {
                    table: "outbox",
                    column: "state",
                    value: other.to_string(),
                })
            }
        }))
    }
}
