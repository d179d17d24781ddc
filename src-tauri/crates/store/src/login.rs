use ringside_core::{LoginEvent, LoginState, Millis};

use crate::codec::{companion_str, crm_str};
use crate::{Store, StoreError};

impl Store {
    /// STATE-4: every login event is kept with its time and the state after it.
    pub async fn record_login(
        &self,
        at: Millis,
        event: LoginEvent,
        state: LoginState,
        changed: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO login_changes (at, event, crm, companion, changed) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(at.0)
        .bind(event.as_str())
        .bind(crm_str(state.crm))
        .bind(companion_str(state.companion))
        .bind(changed)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn login_change_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM login_changes")
            .fetch_one(&self.pool)
            .await?)
    }
}
