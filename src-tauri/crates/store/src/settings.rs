use ringside_core::Settings;

use crate::{Store, StoreError};

impl Store {
    /// Stored settings over the defaults. A stored value that does not parse
    /// is an error naming its field, never silently replaced.
    pub async fn load_settings(&self) -> Result<Settings, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings")
            .fetch_all(&self.pool)
            .await?;
        Ok(Settings::default().with_pairs(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())))?)
    }

    /// Saves every field in one transaction.
    pub async fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let mut tx = self.write_durable().await?;
        for (key, value) in settings.to_pairs() {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES (?, ?)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
