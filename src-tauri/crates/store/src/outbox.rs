//! The outbox: CRM writes that must happen exactly once, whatever crashes or
//! outages come between the end of a call and the CRM's answer.

use ringside_core::{Direction, Millis, Phase};
use serde::{Deserialize, Serialize};
use sqlx::{Row, Sqlite, Transaction};
use ts_rs::TS;

use crate::codec;
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
    /// The agent chose not to send it (the org was gone for good).
    Discarded { reason: String },
}

/// One write to make, with what the record must say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub call_row: i64,
    /// Stable per call across retries and restarts: the CRM upsert key.
    pub external_id: String,
    pub attempts: u32,
    /// Bumped by each wrap-up; a write is done only at the latest revision.
    pub revision: i64,
    /// The CRM's record once an earlier revision was written.
    pub crm_record_id: Option<String>,
    pub call: CallFacts,
}

/// How one write fared, for `outbox_settle`.
#[derive(Debug)]
pub enum Settlement<'a> {
    Sent {
        item: &'a OutboxItem,
        crm_record_id: &'a str,
    },
    Failed {
        item: &'a OutboxItem,
        error: &'a str,
        next_attempt_at: Millis,
    },
}

/// The call as the Task describes it (WRAP-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFacts {
    pub call_id: String,
    pub direction: Direction,
    pub remote: String,
    pub queue: bool,
    pub started_at: Millis,
    pub answered_at: Option<Millis>,
    pub ended_at: Millis,
    pub phase: Phase,
    pub disposition: Option<String>,
    pub notes: Option<String>,
    pub who_id: Option<String>,
    pub what_id: Option<String>,
}

/// Whose Tasks `write_again` makes due.
pub(crate) enum Calls {
    One(i64),
    /// Every call waiting on one caller creation.
    OfCreation(i64),
}

/// The calls' Tasks changed after they may have been written: each write is
/// due again as a new revision (same external id, so the same Task is
/// updated). Returns whether any call has a Task write at all.
pub(crate) async fn write_again(
    tx: &mut Transaction<'_, Sqlite>,
    calls: Calls,
    now: Millis,
) -> Result<bool, StoreError> {
    let (filter, key) = match calls {
        Calls::One(row) => ("call_row = ?", row),
        Calls::OfCreation(id) => (
            "call_row IN (SELECT id FROM calls WHERE creation_id = ?)",
            id,
        ),
    };
    let sql = format!(
        "UPDATE outbox SET revision = revision + 1, state = 'pending', next_attempt_at = ?, updated_at = ?
         WHERE {filter} AND discarded_at IS NULL"
    );
    let done = sqlx::query(&sql)
        .bind(now.0)
        .bind(now.0)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The org of the write target in meta, as a SQL expression.
pub(crate) const CURRENT_ORG: &str = "(SELECT t.org_id FROM meta m JOIN crm_targets t ON t.id = CAST(m.value AS INTEGER) WHERE m.key = 'write_target')";

/// Adds the task write for a call, inside the transaction that ends it, for
/// `target` (the org the agent worked for as the call ended; `None`: no CRM
/// was in use). A caller attributed in another org is dropped from it.
pub(crate) async fn enqueue_task(
    tx: &mut Transaction<'_, Sqlite>,
    call_row: i64,
    target: Option<i64>,
    now: Millis,
) -> Result<(), StoreError> {
    let install: String = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'install_id'")
        .fetch_one(&mut **tx)
        .await?;
    // A target that no longer exists is no target.
    let target: Option<i64> = match target {
        Some(id) => {
            sqlx::query_scalar("SELECT id FROM crm_targets WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    sqlx::query(
        "INSERT OR IGNORE INTO outbox (call_row, kind, external_id, state, next_attempt_at, created_at, updated_at, target_id)
         VALUES (?, 'task', ?, 'pending', ?, ?, ?, ?)",
    )
    .bind(call_row)
    .bind(format!("{install}-{call_row}"))
    .bind(now.0)
    .bind(now.0)
    .bind(now.0)
    .bind(target)
    .execute(&mut **tx)
    .await?;
    if let Some(target) = target {
        drop_foreign_caller(tx, "id = ?", call_row, target).await?;
    }
    Ok(())
}

/// Calls matching `filter` (bound to `key`) whose caller belongs to another
/// org than `target`'s lose that caller: a Task must never name a record of
/// another org (it would be refused for ever).
pub(crate) async fn drop_foreign_caller(
    tx: &mut Transaction<'_, Sqlite>,
    filter: &str,
    key: i64,
    target: i64,
) -> Result<(), StoreError> {
    let sql = format!(
        "UPDATE calls SET who_id = NULL, who_label = NULL, creation_id = NULL, who_org_id = NULL
         WHERE {filter} AND (who_id IS NOT NULL OR creation_id IS NOT NULL)
           AND who_org_id IS NOT (SELECT org_id FROM crm_targets WHERE id = ?)"
    );
    sqlx::query(&sql)
        .bind(key)
        .bind(target)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// Writes for `target` (or, with `None`, the unassigned ones) whose
    /// time has come, oldest first.
    pub async fn outbox_due(
        &self,
        now: Millis,
        limit: u32,
        target: Option<i64>,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.call_row, o.external_id, o.attempts, o.revision, o.crm_record_id,
                    c.call_id, c.direction, c.remote, c.queue, c.started_at, c.answered_at,
                    c.ended_at, c.final_phase, c.disposition, c.notes, c.who_id, c.what_id
             FROM outbox o JOIN calls c ON c.id = o.call_row
             WHERE o.state IN ('pending', 'failed') AND o.next_attempt_at <= ?
                 AND o.target_id IS ? AND o.discarded_at IS NULL
                 -- a Task waits while its caller's record is being created
                 AND NOT EXISTS (SELECT 1 FROM caller_creations k WHERE k.id = c.creation_id AND k.state = 'pending')
             ORDER BY o.next_attempt_at, o.id LIMIT ?",
        )
        .bind(now.0)
        .bind(target)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(item).collect()
    }

    /// When the next write for `target` is due, if any is waiting.
    pub async fn outbox_next_due(&self, target: Option<i64>) -> Result<Option<Millis>, StoreError> {
        let at: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(o.next_attempt_at) FROM outbox o JOIN calls c ON c.id = o.call_row
             WHERE o.state IN ('pending', 'failed') AND o.target_id IS ? AND o.discarded_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM caller_creations k WHERE k.id = c.creation_id AND k.state = 'pending')",
        )
        .bind(target)
        .fetch_one(&self.pool)
        .await?;
        Ok(at.map(Millis))
    }

    /// Writes for `target` not yet done: `(pending, failed)`.
    pub async fn outbox_backlog(&self, target: Option<i64>) -> Result<(u64, u64), StoreError> {
        let (p, f): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'failed'), 0) FROM outbox
             WHERE target_id IS ? AND state != 'sent' AND discarded_at IS NULL",
        )
        .bind(target)
        .fetch_one(&self.pool)
        .await?;
        Ok((u64::try_from(p).unwrap_or(0), u64::try_from(f).unwrap_or(0)))
    }

    /// The CRM has the record. Done, unless a wrap-up came in meanwhile:
    /// then it stays due so the newer revision is written too.
    pub async fn outbox_sent(
        &self,
        item: &OutboxItem,
        crm_record_id: &str,
        now: Millis,
    ) -> Result<(), StoreError> {
        self.outbox_settle(
            &[Settlement::Sent {
                item,
                crm_record_id,
            }],
            now,
        )
        .await
    }

    /// The write failed; it is tried again at `next_attempt_at`. A write
    /// already done stays done, and a newer revision stays due at once.
    pub async fn outbox_failed(
        &self,
        item: &OutboxItem,
        error: &str,
        next_attempt_at: Millis,
        now: Millis,
    ) -> Result<(), StoreError> {
        self.outbox_settle(
            &[Settlement::Failed {
                item,
                error,
                next_attempt_at,
            }],
            now,
        )
        .await
    }

    /// Records how a whole batch fared, in one transaction.
    pub async fn outbox_settle(
        &self,
        batch: &[Settlement<'_>],
        now: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        for s in batch {
            match s {
                Settlement::Sent {
                    item,
                    crm_record_id,
                } => {
                    sqlx::query(
                        "UPDATE outbox SET state = CASE WHEN revision = ? THEN 'sent' ELSE 'pending' END,
                            crm_record_id = ?, last_error = NULL, attempts = attempts + 1, updated_at = ?
                         WHERE id = ?",
                    )
                    .bind(item.revision)
                    .bind(*crm_record_id)
                    .bind(now.0)
                    .bind(item.id)
                    .execute(&mut *tx)
                    .await?;
                }
                Settlement::Failed {
                    item,
                    error,
                    next_attempt_at,
                } => {
                    sqlx::query(
                        "UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1,
                            next_attempt_at = ?, updated_at = ?
                         WHERE id = ? AND state != 'sent' AND revision = ?",
                    )
                    .bind(*error)
                    .bind(next_attempt_at.0)
                    .bind(now.0)
                    .bind(item.id)
                    .bind(item.revision)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
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
        let row = sqlx::query("SELECT state, attempts, next_attempt_at, last_error, crm_record_id, discard_reason FROM outbox WHERE call_row = ?")
            .bind(call_row)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(None) };
        let state: String = r.try_get("state")?;
        let discarded: Option<String> = r.try_get("discard_reason")?;
        let written: Option<String> = r.try_get("crm_record_id")?;
        if let (Some(reason), None) = (discarded, &written) {
            return Ok(Some(Delivery::Discarded { reason }));
        }
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

fn item(r: &sqlx::sqlite::SqliteRow) -> Result<OutboxItem, StoreError> {
    const T: &str = "calls";
    let started_at: i64 = r.try_get("started_at")?;
    let phase: Option<String> = r.try_get("final_phase")?;
    Ok(OutboxItem {
        id: r.try_get("id")?,
        call_row: r.try_get("call_row")?,
        external_id: r.try_get("external_id")?,
        attempts: u32::try_from(r.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
        revision: r.try_get("revision")?,
        crm_record_id: r.try_get("crm_record_id")?,
        call: CallFacts {
            call_id: r.try_get("call_id")?,
            direction: codec::direction(T, r.try_get("direction")?)?,
            remote: r.try_get("remote")?,
            queue: r.try_get("queue")?,
            started_at: Millis(started_at),
            answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Millis),
            ended_at: Millis(
                r.try_get::<Option<i64>, _>("ended_at")?
                    .unwrap_or(started_at),
            ),
            phase: codec::phase(T, "final_phase", phase.as_deref().unwrap_or("Ended"))?,
            disposition: r.try_get("disposition")?,
            notes: r.try_get("notes")?,
            who_id: r.try_get("who_id")?,
            what_id: r.try_get("what_id")?,
        },
    })
}
