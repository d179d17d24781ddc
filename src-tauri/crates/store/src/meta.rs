//! Facts about this installation that are not settings: the install id and
//! which CRM account to reconnect to. Never secrets: tokens live only in the
//! OS keychain.

use crate::{Store, StoreError};

const CRM_ACCOUNT: &str = "crm_account";

impl Store {
    /// The connected CRM account (a JSON document the engine owns), if any.
    pub async fn crm_account(&self) -> Result<Option<String>, StoreError> {
        self.meta_value(CRM_ACCOUNT).await
    }

    pub async fn save_crm_account(&self, json: &str) -> Result<(), StoreError> {
        self.save_meta_value(CRM_ACCOUNT, json).await
    }

    /// This installation's random id (`rs` and 16 hex digits), made when
    /// the store was first opened.
    pub async fn install_id(&self) -> Result<String, StoreError> {
        Ok(self.meta_value("install_id").await?.unwrap_or_default())
    }

    pub async fn forget_crm_account(&self) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM meta WHERE key = ?")
            .bind(CRM_ACCOUNT)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl Store {
    pub(crate) async fn meta_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub(crate) async fn save_meta_value(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
