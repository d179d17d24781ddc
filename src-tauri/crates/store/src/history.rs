use ringside_core::{
    CallId, DecisionReason, Direction, LoginState, Millis, Phase, PhaseChange, Writer,
};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use crate::codec;
use crate::outbox::Delivery;
use crate::wrapup::RecordRef;
use crate::{Store, StoreError};

/// Where a call stands in the agent's history (WRAP-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum HistoryStatus {
    /// Still in progress.
    Live,
    /// Ended, and the logging decision is made.
    Decided,
    /// Ringside stopped during the call; kept, not logged by Ringside.
    Interrupted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub row: i64,
    pub call_id: CallId,
    pub direction: Direction,
    pub remote: String,
    /// `remote` in the agent's country's display format (the engine fills
    /// it in when it hands out a page).
    pub remote_display: String,
    pub started_at: Millis,
    pub answered_at: Option<Millis>,
    pub ended_at: Option<Millis>,
    pub phase: Phase,
    /// How it ended (declined, missed, abandoned…); `None` while live and
    /// for calls stored before Ringside told these apart.
    pub end: Option<ringside_core::CallEnd>,
    /// Routed by an ACD queue, and the queue's name when the platform gave it.
    pub queue: bool,
    pub queue_name: Option<String>,
    #[ts(type = "number")]
    pub talk_seconds: i64,
    pub status: HistoryStatus,
    pub writer: Option<Writer>,
    pub reason: Option<DecisionReason>,
    /// The outcome in a sentence: who logs it, or why nobody does.
    pub outcome: String,
    pub do_not_log: bool,
    /// The label the call was wrapped up with, and its code (WRAP-3).
    pub disposition: Option<String>,
    #[ts(type = "number | null")]
    pub disposition_code: Option<i64>,
    pub notes: Option<String>,
    /// The CRM record the call is attributed to (MATCH-7), when known.
    pub who_id: Option<String>,
    /// The caller as shown: a name, or a record still being created.
    pub who_label: Option<String>,
    /// The case the Task is filed on (WRAP-4).
    pub case: Option<RecordRef>,
    pub wrapped_up_at: Option<Millis>,
    pub end_reason: Option<String>,
    pub phases: Vec<PhaseChange>,
    pub anomalies: Vec<String>,
    /// Ringside's CRM write for this call, when Ringside is the writer.
    pub delivery: Option<Delivery>,
}

const T: &str = "calls";

impl Store {
    /// The newest calls first, each with its phases and anomalies.
    pub async fn history(&self, limit: u32) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, call_id, direction, remote, started_at, answered_at, ended_at, final_phase,
                    writer, reason, do_not_log, disposition, disposition_code, notes, who_id, who_label, what_id, what_label,
                    wrapped_up_at, end_reason, interrupted, call_end, queue, queue_name
             FROM calls ORDER BY started_at DESC, id DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let row: i64 = r.try_get("id")?;
            let phases = self.phases(row).await?;
            let writer = opt(r.try_get("writer")?, |s| codec::writer(T, s))?;
            let reason = opt(r.try_get("reason")?, |s| codec::reason(T, s))?;
            let final_phase = opt(r.try_get("final_phase")?, |s| {
                codec::phase(T, "final_phase", s)
            })?;
            let interrupted: bool = r.try_get("interrupted")?;
            let status = match (interrupted, final_phase, reason) {
                (true, _, _) => HistoryStatus::Interrupted,
                (false, Some(_), Some(_)) => HistoryStatus::Decided,
                _ => HistoryStatus::Live,
            };
            let phase = final_phase
                .or_else(|| phases.last().map(|p| p.phase))
                .unwrap_or(Phase::Ringing);
            let answered_at: Option<i64> = r.try_get("answered_at")?;
            let ended_at: Option<i64> = r.try_get("ended_at")?;
            let outcome = match (status, reason) {
                (HistoryStatus::Interrupted, _) => {
                    "not logged: Ringside stopped during the call".to_string()
                }
                (HistoryStatus::Decided, Some(reason)) => reason.describe().to_string(),
                _ => "in progress".to_string(),
            };
            out.push(HistoryEntry {
                row,
                call_id: CallId(r.try_get("call_id")?),
                direction: codec::direction(T, r.try_get("direction")?)?,
                remote: r.try_get("remote")?,
                remote_display: String::new(),
                started_at: Millis(r.try_get("started_at")?),
                answered_at: answered_at.map(Millis),
                ended_at: ended_at.map(Millis),
                phase,
                end: opt(r.try_get("call_end")?, |s| codec::call_end(T, s))?,
                queue: r.try_get("queue")?,
                queue_name: r.try_get("queue_name")?,
                talk_seconds: match (answered_at, ended_at) {
                    (Some(a), Some(e)) => (e - a).max(0) / 1000,
                    _ => 0,
                },
                status,
                writer,
                reason,
                outcome,
                do_not_log: r.try_get::<Option<bool>, _>("do_not_log")?.unwrap_or(false),
                disposition: r.try_get("disposition")?,
                disposition_code: r.try_get("disposition_code")?,
                notes: r.try_get("notes")?,
                who_id: r.try_get("who_id")?,
                who_label: r.try_get("who_label")?,
                case: match (
                    r.try_get::<Option<String>, _>("what_id")?,
                    r.try_get::<Option<String>, _>("what_label")?,
                ) {
                    (Some(id), label) => Some(RecordRef {
                        label: label.unwrap_or_else(|| id.clone()),
                        id,
                    }),
                    _ => None,
                },
                wrapped_up_at: r.try_get::<Option<i64>, _>("wrapped_up_at")?.map(Millis),
                end_reason: r.try_get("end_reason")?,
                phases,
                anomalies: self.anomalies(row).await?,
                delivery: self.delivery(row).await?,
            });
        }
        Ok(out)
    }

    async fn phases(&self, row: i64) -> Result<Vec<PhaseChange>, StoreError> {
        let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT phase, at, crm, companion FROM call_phases WHERE call_row = ? ORDER BY seq",
        )
        .bind(row)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(phase, at, crm, companion)| {
                Ok(PhaseChange {
                    phase: codec::phase("call_phases", "phase", &phase)?,
                    at: Millis(at),
                    login: LoginState {
                        crm: codec::crm("call_phases", "crm", &crm)?,
                        companion: codec::companion("call_phases", "companion", &companion)?,
                    },
                })
            })
            .collect()
    }

    async fn anomalies(&self, row: i64) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT message FROM call_anomalies WHERE call_row = ? ORDER BY id LIMIT 100",
        )
        .bind(row)
        .fetch_all(&self.pool)
        .await?)
    }
}

fn opt<T>(
    v: Option<String>,
    f: impl FnOnce(&str) -> Result<T, StoreError>,
) -> Result<Option<T>, StoreError> {
    v.as_deref().map(f).transpose()
}
