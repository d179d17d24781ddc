use ringside_core::{CallSession, FinishedCall, Millis, Phase, PhaseChange, Writer};
use sqlx::{Sqlite, Transaction};

use crate::codec::{companion_str, crm_str, writer_str};
use crate::{Store, StoreError};

impl Store {
    /// A call began: its row exists from the first ring, so a crash mid-call
    /// leaves a trace that `recover_interrupted` closes.
    pub async fn call_started(&self, s: &CallSession) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let row = insert_call(&mut tx, s).await?;
        insert_phases(&mut tx, row, s).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Records the phases not stored yet (idempotent) and the live checkbox.
    pub async fn call_progress(&self, s: &CallSession) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let row = live_row(&mut tx, s).await?;
        sqlx::query(
            "UPDATE calls SET answered_at = ?, acd_task_url = ?, do_not_log = ?, do_not_log_touched = ? WHERE id = ?",
        )
        .bind(s.answered_at.map(|m| m.0))
        .bind(&s.acd_task_url)
        .bind(s.do_not_log.ticked)
        .bind(s.do_not_log.touched)
        .bind(row)
        .execute(&mut *tx)
        .await?;
        insert_phases(&mut tx, row, s).await?;
        tx.commit().await?;
        Ok(())
    }

    /// An illegal signal for a call: kept on the live call, or on the most
    /// recent call with that id when it has already ended. `false` when no
    /// call by that id was ever stored.
    pub async fn record_anomaly(
        &self,
        call_id: &str,
        at: Millis,
        message: &str,
    ) -> Result<bool, StoreError> {
        let row: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM calls WHERE call_id = ? ORDER BY ended_at IS NULL DESC, id DESC LIMIT 1",
        )
        .bind(call_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(false) };
        sqlx::query("INSERT INTO call_anomalies (call_row, at, message) VALUES (?, ?, ?)")
            .bind(row)
            .bind(at.0)
            .bind(message)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// The call ended: its last phases, the login states at the end and the
    /// logging decision land together in one transaction (LOG-2).
    pub async fn call_finished(&self, f: &FinishedCall) -> Result<i64, StoreError> {
        let target = self.write_target().await?;
        self.call_finished_for(f, target).await
    }

    /// `call_finished`, its Task (if Ringside writes it) queued for
    /// `target`: the org in use as the call ended, even if the write lands
    /// later (a call held while the disk was full).
    pub async fn call_finished_for(
        &self,
        f: &FinishedCall,
        target: Option<i64>,
    ) -> Result<i64, StoreError> {
        let s = &f.session;
        let mut tx = self.write_durable().await?;
        let row = live_row(&mut tx, s).await?;
        insert_phases(&mut tx, row, s).await?;
        sqlx::query(
            "UPDATE calls SET answered_at = ?, ended_at = ?, final_phase = ?, end_reason = ?,
                acd_task_url = ?, do_not_log = ?, do_not_log_touched = ?, crm_at_end = ?,
                companion_at_end = ?, writer = ?, reason = ?, call_end = ?
             WHERE id = ?",
        )
        .bind(s.answered_at.map(|m| m.0))
        .bind(s.ended_at().unwrap_or_else(|| s.started_at()).0)
        .bind(s.phase().as_str())
        .bind(&s.end_reason)
        .bind(&s.acd_task_url)
        .bind(s.do_not_log.ticked)
        .bind(s.do_not_log.touched)
        .bind(crm_str(f.login_at_end.crm))
        .bind(companion_str(f.login_at_end.companion))
        .bind(f.decision.writer().map(writer_str))
        .bind(f.decision.reason.as_str())
        .bind(s.end().map(|e| e.as_str()))
        .bind(row)
        .execute(&mut *tx)
        .await?;
        // Ringside's own record: queued in this same transaction, so a call
        // that should be logged can never end without its write (LOG-2).
        if f.decision.writer() == Some(Writer::Companion) {
            crate::outbox::enqueue_task(
                &mut tx,
                row,
                target,
                s.ended_at().unwrap_or_else(|| s.started_at()),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Closes calls left live by a crash or a kill: they are kept, marked
    /// interrupted, never dropped. Returns how many there were.
    pub async fn recover_interrupted(&self, now: Millis) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE calls SET ended_at = MAX(?, started_at), final_phase = CASE WHEN answered_at IS NULL AND direction = 'Inbound' THEN ? ELSE ? END,
                end_reason = 'Ringside stopped during the call', interrupted = 1
             WHERE ended_at IS NULL",
        )
        .bind(now.0)
        .bind(Phase::Missed.as_str())
        .bind(Phase::Ended.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// The call's live row. Missing only when recording its start failed (a
/// full disk): then it is written now, so the call is never lost.
async fn live_row(tx: &mut Transaction<'_, Sqlite>, s: &CallSession) -> Result<i64, StoreError> {
    let row = sqlx::query_scalar(
        "SELECT id FROM calls WHERE call_id = ? AND started_at = ? AND ended_at IS NULL",
    )
    .bind(&s.id.0)
    .bind(s.started_at().0)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(row) => Ok(row),
        None => insert_call(tx, s).await,
    }
}

async fn insert_call(tx: &mut Transaction<'_, Sqlite>, s: &CallSession) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO calls (call_id, direction, remote, queue, queue_name, started_at, do_not_log, do_not_log_touched)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&s.id.0)
    .bind(s.direction.as_str())
    .bind(&s.remote)
    .bind(s.queue)
    .bind(&s.queue_name)
    .bind(s.started_at().0)
    .bind(s.do_not_log.ticked)
    .bind(s.do_not_log.touched)
    .fetch_one(&mut **tx)
    .await?)
}

/// Phases kept per call in the store; past it the last row stands for the
/// latest phase (so the file always shows how the call stood) and the
/// final phase is added, so a hold/resume flood cannot grow the file
/// without end.
pub const MAX_STORED_PHASES: u64 = 1_000;

/// Appends the phases not stored yet: one indexed read, then only the new
/// rows, so each event costs the same however long the call.
async fn insert_phases(
    tx: &mut Transaction<'_, Sqlite>,
    row: i64,
    s: &CallSession,
) -> Result<(), StoreError> {
    let (count, last): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MAX(seq) FROM call_phases WHERE call_row = ?")
            .bind(row)
            .fetch_one(&mut **tx)
            .await?;
    let mut count = u64::try_from(count).unwrap_or(0);
    let last = last.and_then(|n| u64::try_from(n).ok());
    let mut latest_past_cap = None;
    for (seq, p) in s.numbered_phases() {
        if last.is_some_and(|n| seq <= n) {
            continue;
        }
        if count >= MAX_STORED_PHASES && !p.phase.is_final() {
            latest_past_cap = Some((seq, p));
            continue;
        }
        if let Some((seq, p)) = latest_past_cap.take() {
            // The final phase follows the latest one, not the 1,000th.
            replace_last_phase(tx, row, seq, p).await?;
        }
        sqlx::query(
            "INSERT OR IGNORE INTO call_phases (call_row, seq, phase, at, crm, companion) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(row)
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(p.phase.as_str())
        .bind(p.at.0)
        .bind(crm_str(p.login.crm))
        .bind(companion_str(p.login.companion))
        .execute(&mut **tx)
        .await?;
        count += 1;
    }
    if let Some((seq, p)) = latest_past_cap {
        replace_last_phase(tx, row, seq, p).await?;
    }
    Ok(())
}

/// At the cap: the last stored (non-final) row becomes the latest phase.
async fn replace_last_phase(
    tx: &mut Transaction<'_, Sqlite>,
    row: i64,
    seq: u64,
    p: &PhaseChange,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE call_phases SET seq = ?, phase = ?, at = ?, crm = ?, companion = ?
         WHERE call_row = ? AND seq = (SELECT MAX(seq) FROM call_phases WHERE call_row = ?)
           AND phase NOT IN ('Ended', 'Missed')",
    )
    .bind(i64::try_from(seq).unwrap_or(i64::MAX))
    .bind(p.phase.as_str())
    .bind(p.at.0)
    .bind(crm_str(p.login.crm))
    .bind(companion_str(p.login.companion))
    .bind(row)
    .bind(row)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
