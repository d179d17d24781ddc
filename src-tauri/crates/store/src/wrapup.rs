//! Wrap-up (WRAP-1, WRAP-4): disposition, notes and the related case, added
//! after the call. The Task may already be in the CRM; the wrap-up makes its
//! write due again under the same external id, so the record is updated,
//! never doubled.

use ringside_core::Millis;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::outbox::{write_again, Calls};
use crate::{Store, StoreError};

/// Salesforce's `Task.Description` holds 32,000 characters.
pub const MAX_NOTES: usize = 32_000;

pub use ringside_core::RecordRef;

/// What the agent confirms with "Log".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WrapUp {
    #[ts(type = "number | null")]
    pub disposition: Option<i64>,
    pub notes: String,
    /// The case the Task is filed on (`WhatId`).
    pub case: Option<RecordRef>,
}

/// 15 or 18 letters and digits: the shape of every Salesforce id.
pub fn is_record_id(id: &str) -> bool {
    matches!(id.len(), 15 | 18) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl Store {
    /// Returns the call's id (its wrap-up is over: presence may move on).
    pub async fn wrap_up(
        &self,
        call_row: i64,
        w: &WrapUp,
        now: Millis,
    ) -> Result<String, StoreError> {
        if w.notes.chars().count() > MAX_NOTES {
            return Err(StoreError::invalid(
                "notes",
                format!("notes hold at most {MAX_NOTES} characters"),
            ));
        }
        if let Some(case) = &w.case {
            if !is_record_id(&case.id) {
                return Err(StoreError::invalid("case", "that is not a CRM record id"));
            }
        }
        let mut tx = self.write_durable().await?;
        let call: Option<(Option<i64>, Option<i64>, String)> =
            sqlx::query_as("SELECT ended_at, disposition_code, call_id FROM calls WHERE id = ?")
                .bind(call_row)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((ended_at, current_code, call_id)) = call else {
            return Err(StoreError::NotWrappable(format!(
                "there is no call {call_row}"
            )));
        };
        if ended_at.is_none() {
            return Err(StoreError::NotWrappable(
                "the call is still in progress; wrap it up when it ends".into(),
            ));
        }
        let queued: Option<i64> = sqlx::query_scalar("SELECT id FROM outbox WHERE call_row = ?")
            .bind(call_row)
            .fetch_optional(&mut *tx)
            .await?;
        if queued.is_none() {
            // DNL-8 and LOG-1: no Task of Ringside's to carry a wrap-up.
            return Err(StoreError::NotWrappable(
                "Ringside does not log this call, so it has no record to wrap up".into(),
            ));
        }
        let label = match w.disposition {
            None => None,
            Some(code) => {
                let found: Option<(String, bool)> = sqlx::query_as(
                    "SELECT label, retired_at IS NOT NULL FROM disposition_codes WHERE id = ?",
                )
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?;
                match found {
                    None => {
                        return Err(StoreError::invalid(
                            "disposition",
                            "no such disposition code",
                        ))
                    }
                    // WRAP-3: a retired code is kept on the calls that have it.
                    Some((_, true)) if current_code != Some(code) => {
                        return Err(StoreError::invalid(
                            "disposition",
                            "that disposition code is retired; pick another",
                        ))
                    }
                    Some((label, _)) => Some(label),
                }
            }
        };
        let notes = w.notes.trim();
        sqlx::query(
            "UPDATE calls SET disposition_code = ?, disposition = ?,
                notes = ?, what_id = ?, what_label = ?, wrapped_up_at = ? WHERE id = ?",
        )
        .bind(w.disposition)
        .bind(&label)
        .bind((!notes.is_empty()).then_some(notes))
        .bind(w.case.as_ref().map(|c| c.id.as_str()))
        .bind(w.case.as_ref().map(|c| c.label.as_str()))
        .bind(now.0)
        .bind(call_row)
        .execute(&mut *tx)
        .await?;
        write_again(&mut tx, Calls::One(call_row), now).await?;
        tx.commit().await?;
        Ok(call_id)
    }
}
