//! Who a call is attributed to (MATCH-4, MATCH-7), and the records Ringside
//! creates for unknown callers (MATCH-2): queued in the same file as the
//! call, retried like Task writes, one per number while in flight.

use ringside_core::Millis;

use crate::outbox::{write_again, Calls};
use crate::wrapup::is_record_id;
use crate::{RecordRef, Store, StoreError};

/// A caller record waiting to be created in the CRM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreationItem {
    pub id: i64,
    /// `Contact` or `Lead`.
    pub object: String,
    pub e164: String,
    /// The record's fields, as JSON.
    pub fields: String,
    pub attempts: u32,
}

/// A call may carry a label but no id only while its record is being made.
fn check(who: &RecordRef) -> Result<(), StoreError> {
    if !is_record_id(&who.id) {
        return Err(StoreError::invalid("caller", "that is not a CRM record id"));
    }
    if who.label.chars().count() > 255 {
        return Err(StoreError::invalid(
            "caller",
            "the caller's label is too long",
        ));
    }
    Ok(())
}

impl Store {
    /// MATCH-7: the call is attributed to `who`. If its Task is already in
    /// the CRM, the write is due again so the Task's WhoId follows. Returns
    /// whether a Task write became due (none while the call is live).
    pub async fn set_caller(
        &self,
        call_row: i64,
        who: Option<&RecordRef>,
        now: Millis,
    ) -> Result<bool, StoreError> {
        if let Some(w) = who {
            check(w)?;
        }
        // During the call the pick is synced with the call's end (a synced
        // commit syncs all before it); after the end it is synced itself.
        // The ring's screen pop never waits on a disk sync.
        let ended: bool = sqlx::query_scalar("SELECT ended_at IS NOT NULL FROM calls WHERE id = ?")
            .bind(call_row)
            .fetch_optional(&self.pool)
            .await?
            .unwrap_or(false);
        let mut tx = if ended {
            self.write_durable().await?
        } else {
            self.write().await?
        };
        // The caller is a record of the org in use now.
        let sql = format!(
            "UPDATE calls SET who_id = ?, who_label = ?, who_org_id = {}
             WHERE id = ? AND (who_id IS NOT ? OR who_label IS NOT ?)",
            crate::outbox::CURRENT_ORG
        );
        let changed = sqlx::query(&sql)
            .bind(who.map(|w| w.id.as_str()))
            .bind(who.map(|w| w.label.as_str()))
            .bind(call_row)
            .bind(who.map(|w| w.id.as_str()))
            .bind(who.map(|w| w.label.as_str()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let due = changed > 0 && write_again(&mut tx, Calls::One(call_row), now).await?;
        tx.commit().await?;
        Ok(due)
    }

    /// MATCH-2: queues a record for an unknown caller and attributes the call
    /// to it. A creation already in flight for the number is shared, so two
    /// calls from one new number make one record. Returns the creation's id.
    pub async fn queue_caller_creation(
        &self,
        call_row: i64,
        object: &str,
        e164: &str,
        fields_json: &str,
        label: &str,
        now: Millis,
    ) -> Result<i64, StoreError> {
        if !matches!(object, "Contact" | "Lead") {
            return Err(StoreError::invalid(
                "auto_create",
                "callers are created as a Contact or a Lead",
            ));
        }
        // Queued while the caller rings: synced with the call's end.
        let mut tx = self.write().await?;
        // For the org in use as the caller rang, like the call's Task.
        sqlx::query(
            "INSERT INTO caller_creations (object, e164, fields, state, next_attempt_at, created_at, updated_at, target_id)
             VALUES (?, ?, ?, 'pending', ?, ?, ?,
                     (SELECT t.id FROM meta m JOIN crm_targets t ON t.id = CAST(m.value AS INTEGER) WHERE m.key = 'write_target'))
             ON CONFLICT DO NOTHING",
        )
        .bind(object)
        .bind(e164)
        .bind(fields_json)
        .bind(now.0)
        .bind(now.0)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "SELECT id FROM caller_creations WHERE e164 = ? AND state = 'pending'
                 AND COALESCE(target_id, 0) = COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'write_target'
                     AND CAST(value AS INTEGER) IN (SELECT id FROM crm_targets)), 0)",
        )
        .bind(e164)
        .fetch_one(&mut *tx)
        .await?;
        let sql = format!(
            "UPDATE calls SET creation_id = ?, who_id = NULL, who_label = ?, who_org_id = {} WHERE id = ?",
            crate::outbox::CURRENT_ORG
        );
        sqlx::query(&sql)
            .bind(id)
            .bind(label)
            .bind(call_row)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creations for `target` whose time has come, oldest first.
    pub async fn creations_due(
        &self,
        now: Millis,
        limit: u32,
        target: Option<i64>,
    ) -> Result<Vec<CreationItem>, StoreError> {
        let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
            "SELECT id, object, e164, fields, attempts FROM caller_creations
             WHERE state = 'pending' AND next_attempt_at <= ? AND target_id IS ?
             ORDER BY next_attempt_at, id LIMIT ?",
        )
        .bind(now.0)
        .bind(target)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, object, e164, fields, attempts)| CreationItem {
                id,
                object,
                e164,
                fields,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            })
            .collect())
    }

    /// The record exists in the CRM (made now, or found made already): the
    /// calls waiting on it are attributed to it and their Tasks become due.
    /// Returns the call ids attributed.
    pub async fn creation_done(
        &self,
        id: i64,
        record: &RecordRef,
        now: Millis,
    ) -> Result<Vec<String>, StoreError> {
        check(record)?;
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE caller_creations SET state = 'created', record_id = ?, last_error = NULL, updated_at = ?
             WHERE id = ?",
        )
        .bind(&record.id)
        .bind(now.0)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // The agent may have picked someone else meanwhile: that choice stands.
        let calls: Vec<String> = sqlx::query_scalar(
            "UPDATE calls SET who_id = ?, who_label = ?,
                 who_org_id = (SELECT t.org_id FROM caller_creations k JOIN crm_targets t ON t.id = k.target_id WHERE k.id = calls.creation_id)
             WHERE creation_id = ? AND who_id IS NULL
             RETURNING call_id",
        )
        .bind(&record.id)
        .bind(&record.label)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        // Due now, and rewritten if a Task went out before the record was
        // queued (the call ended while the CRM was still being searched).
        write_again(&mut tx, Calls::OfCreation(id), now).await?;
        tx.commit().await?;
        Ok(calls)
    }

    /// A try failed. Retried at `next_attempt_at`, or given up (`give_up`):
    /// then the calls' Tasks are written without a caller. Returns the call
    /// ids given up on.
    pub async fn creation_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: Millis,
        give_up: bool,
        now: Millis,
    ) -> Result<Vec<String>, StoreError> {
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE caller_creations SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                state = CASE WHEN ? THEN 'abandoned' ELSE state END, updated_at = ?
             WHERE id = ? AND state = 'pending'",
        )
        .bind(error)
        .bind(next_attempt_at.0)
        .bind(give_up)
        .bind(now.0)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let mut calls = Vec::new();
        if give_up {
            calls = sqlx::query_scalar(
                "UPDATE calls SET who_label = NULL WHERE creation_id = ? AND who_id IS NULL
                 RETURNING call_id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            release_tasks(&mut tx, id, now).await?;
        }
        tx.commit().await?;
        Ok(calls)
    }

    /// When the next creation for `target` is due, if any is waiting.
    pub async fn creations_next_due(
        &self,
        target: Option<i64>,
    ) -> Result<Option<Millis>, StoreError> {
        let at: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(next_attempt_at) FROM caller_creations WHERE state = 'pending' AND target_id IS ?",
        )
        .bind(target)
        .fetch_one(&self.pool)
        .await?;
        Ok(at.map(Millis))
    }

    /// Creations for `target` not yet done: `(pending, with an error)`.
    pub async fn creations_backlog(&self, target: Option<i64>) -> Result<(u64, u64), StoreError> {
        let (p, f): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(last_error IS NOT NULL), 0) FROM caller_creations
             WHERE state = 'pending' AND target_id IS ?",
        )
        .bind(target)
        .fetch_one(&self.pool)
        .await?;
        Ok((u64::try_from(p).unwrap_or(0), u64::try_from(f).unwrap_or(0)))
    }
}

/// Tasks that waited for a creation are due at once.
async fn release_tasks(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    creation: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET next_attempt_at = MIN(next_attempt_at, ?)
         WHERE state IN ('pending', 'failed') AND call_row IN (SELECT id FROM calls WHERE creation_id = ?)",
    )
    .bind(now.0)
    .bind(creation)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
