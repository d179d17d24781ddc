//! Which org and user each CRM write is for. The engine names the org the
//! agent works for (`set_write_target`); every Task write and caller record
//! queued from then on carries it, and is delivered only to that org and
//! user. Writes for another org wait for it, or are discarded by the agent
//! with a reason kept in history.

use ringside_core::Millis;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use crate::{Store, StoreError};

const WRITE_TARGET: &str = "write_target";

/// An org and the user signed in to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrmTarget {
    pub org_id: String,
    pub user_id: String,
    pub instance_url: String,
    pub username: String,
    /// The built-in sandbox CRM rather than a Salesforce org.
    pub sandbox: bool,
}

/// Writes that wait for an org other than the one in use (or, with no
/// `target`, for the agent to say where calls made while no CRM was in use
/// go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaitingWrites {
    #[ts(type = "number | null")]
    pub target_id: Option<i64>,
    pub target: Option<CrmTarget>,
    /// Calls whose Task waits.
    #[ts(type = "number")]
    pub calls: u64,
}

/// Longest reason kept for a discard.
pub const MAX_DISCARD_REASON: usize = 500;

impl Store {
    /// The target's id, added the first time it is seen. Its address and
    /// username are refreshed (a My Domain change keeps the org).
    pub async fn crm_target(&self, t: &CrmTarget) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO crm_targets (org_id, user_id, instance_url, username, sandbox) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (org_id, user_id) DO UPDATE SET instance_url = excluded.instance_url,
                 username = excluded.username, sandbox = excluded.sandbox
             RETURNING id",
        )
        .bind(&t.org_id)
        .bind(&t.user_id)
        .bind(&t.instance_url)
        .bind(&t.username)
        .bind(t.sandbox)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The org the agent works for now: writes queued from now on carry it.
    /// `None` while no CRM is in use. Kept across restarts, so a call that
    /// ends before the CRM reconnects still belongs to it.
    pub async fn set_write_target(&self, t: Option<&CrmTarget>) -> Result<Option<i64>, StoreError> {
        let id = match t {
            Some(t) => Some(self.crm_target(t).await?),
            None => None,
        };
        match id {
            Some(id) => self.save_meta_value(WRITE_TARGET, &id.to_string()).await?,
            None => {
                sqlx::query("DELETE FROM meta WHERE key = ?")
                    .bind(WRITE_TARGET)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(id)
    }

    pub async fn write_target(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .meta_value(WRITE_TARGET)
            .await?
            .and_then(|v| v.parse().ok()))
    }

    /// The org a call's Task write is for (`None`: no Task write, or one
    /// not yet assigned to an org).
    pub async fn task_org(&self, call_row: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT t.org_id FROM outbox o JOIN crm_targets t ON t.id = o.target_id WHERE o.call_row = ?",
        )
        .bind(call_row)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Undelivered writes for every target but `except` (unassigned ones
    /// included), largest first.
    pub async fn outbox_waiting(
        &self,
        except: Option<i64>,
    ) -> Result<Vec<WaitingWrites>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.target_id, COUNT(*) AS calls, t.org_id, t.user_id, t.instance_url, t.username, t.sandbox
             FROM outbox o LEFT JOIN crm_targets t ON t.id = o.target_id
             WHERE o.state != 'sent' AND o.discarded_at IS NULL AND o.target_id IS NOT ?
             GROUP BY o.target_id ORDER BY COUNT(*) DESC, o.target_id",
        )
        .bind(except)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let target = match r.try_get::<Option<String>, _>("org_id")? {
                    Some(org_id) => Some(CrmTarget {
                        org_id,
                        user_id: r.try_get("user_id")?,
                        instance_url: r.try_get("instance_url")?,
                        username: r.try_get("username")?,
                        sandbox: r.try_get("sandbox")?,
                    }),
                    None => None,
                };
                Ok(WaitingWrites {
                    target_id: r.try_get("target_id")?,
                    target,
                    calls: u64::try_from(r.try_get::<i64, _>("calls")?).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The agent's confirmed choice: writes for `target` (or the unassigned
    /// ones) will not be sent. The calls stay in history with the reason.
    /// Returns how many were discarded.
    pub async fn outbox_discard(
        &self,
        target: Option<i64>,
        reason: &str,
        now: Millis,
    ) -> Result<u64, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::invalid(
                "reason",
                "say why these calls are not sent; the reason stays in history",
            ));
        }
        if reason.chars().count() > MAX_DISCARD_REASON {
            return Err(StoreError::invalid(
                "reason",
                format!("at most {MAX_DISCARD_REASON} characters"),
            ));
        }
        let mut tx = self.write_durable().await?;
        let done = sqlx::query(
            "UPDATE outbox SET discarded_at = ?, discard_reason = ?, updated_at = ?
             WHERE state != 'sent' AND discarded_at IS NULL AND target_id IS ?",
        )
        .bind(now.0)
        .bind(reason)
        .bind(now.0)
        .bind(target)
        .execute(&mut *tx)
        .await?;
        // Records for unknown callers of those calls are not made either.
        sqlx::query(
            "UPDATE caller_creations SET state = 'abandoned', last_error = 'discarded by the agent', updated_at = ?
             WHERE state = 'pending' AND target_id IS ?",
        )
        .bind(now.0)
        .bind(target)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// The agent's confirmed choice: calls that ended while no CRM was in use
    /// go to `target`. Returns how many.
    pub async fn outbox_assign_unassigned(
        &self,
        target: i64,
        now: Millis,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write_durable().await?;
        // Callers matched in another org's copy do not go along.
        crate::outbox::drop_foreign_caller(
            &mut tx,
            "id IN (SELECT call_row FROM outbox WHERE target_id IS NULL AND state != 'sent' AND discarded_at IS NULL) AND ? IS NOT NULL",
            1,
            target,
        )
        .await?;
        let done = sqlx::query(
            "UPDATE outbox SET target_id = ?, next_attempt_at = MIN(next_attempt_at, ?), updated_at = ?
             WHERE target_id IS NULL AND state != 'sent' AND discarded_at IS NULL",
        )
        .bind(target)
        .bind(now.0)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        // A creation already in flight there for the same number is shared
        // no further: the leftover is given up and its Tasks go without one.
        sqlx::query("UPDATE OR IGNORE caller_creations SET target_id = ? WHERE target_id IS NULL AND state = 'pending'")
            .bind(target)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE caller_creations SET state = 'abandoned', last_error = 'a record for this number is already being made', updated_at = ?
             WHERE target_id IS NULL AND state = 'pending'",
        )
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
