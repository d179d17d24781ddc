//! A call kept out of the CRM by mistake is logged from history, once: its
//! decision becomes `LoggedAfterwards` and its Task is queued like any other
//! (same external id, so it can never be written twice).

use ringside_core::{DecisionReason, Millis, Writer};

use crate::codec::writer_str;
use crate::{Store, StoreError};

impl Store {
    pub async fn log_afterwards(&self, call_row: i64, now: Millis) -> Result<(), StoreError> {
        let target = self.write_target().await?;
        let mut tx = self.write_durable().await?;
        let call: Option<(Option<i64>, Option<String>)> =
            sqlx::query_as("SELECT ended_at, reason FROM calls WHERE id = ?")
                .bind(call_row)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((ended_at, reason)) = call else {
            return Err(StoreError::NotWrappable(format!(
                "there is no call {call_row}"
            )));
        };
        if ended_at.is_none() {
            return Err(StoreError::NotWrappable(
                "the call is still in progress: untick \"Do not log the call\" instead".into(),
            ));
        }
        let reason = reason.as_deref().and_then(DecisionReason::parse);
        match reason {
            Some(DecisionReason::AgentChoseDoNotLog | DecisionReason::DefaultDoNotLog) => {}
            Some(DecisionReason::LoggedAfterwards) => {
                return Err(StoreError::NotWrappable(
                    "this call was already logged afterwards".into(),
                ))
            }
            _ => {
                return Err(StoreError::NotWrappable(
                    "only a call kept out of the CRM with \"Do not log the call\" can be logged afterwards"
                        .into(),
                ))
            }
        }
        let logged = DecisionReason::LoggedAfterwards;
        sqlx::query("UPDATE calls SET writer = ?, reason = ? WHERE id = ?")
            .bind(writer_str(Writer::Companion))
            .bind(logged.as_str())
            .bind(call_row)
            .execute(&mut *tx)
            .await?;
        crate::outbox::enqueue_task(&mut tx, call_row, target, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
