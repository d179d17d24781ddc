//! Facts about this installation that are not settings: the install id and
//! which CRM account to reconnect to. Never secrets: tokens live only in the
//! OS keychain.

use crate::{Store, StoreError};

const CRM_ACCOUNT: &str = "crm_account";

impl Store {
    /// The connected CRM account (a JSON document the engine owns), if any.
    pub async fn crm_account(&self) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(CRM_ACCOUNT)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn save_crm_account(&self, json: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(CRM_ACCOUNT)
        .bind(json)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn forget_crm_account(&self) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM meta WHERE key = ?")
            .bind(CRM_ACCOUNT)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

const CALLER_SETTINGS: &str = "caller_settings";

impl Store {
    /// The caller-matching settings (a JSON document the engine owns).
    pub async fn caller_settings(&self) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(CALLER_SETTINGS)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn save_caller_settings(&self, json: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(CALLER_SETTINGS)
        .bind(json)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
