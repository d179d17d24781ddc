//! Presence sync's history (section 6), and the memory PRES-6 needs
//! across a restart (the statuses before the calls in progress), kept as
//! the engine hands them over.

use sqlx::Row;

use crate::error::StoreError;
use crate::Store;

/// Lines kept: older ones are dropped as new ones come.
pub const PRESENCE_HISTORY_KEPT: i64 = 1_000;
const MEMORY: &str = "presence_memory";

/// One line of presence history, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceLine {
    pub at: i64,
    /// `Crm` or `Phone`.
    pub side: String,
    pub status: Option<String>,
    pub cause: String,
    pub note: Option<String>,
}

impl Store {
    /// Appends lines, oldest first, and drops what is past the limit.
    pub async fn add_presence_history(&self, lines: &[PresenceLine]) -> Result<(), StoreError> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for l in lines {
            sqlx::query(
                "INSERT INTO presence_history (at, side, status, cause, note) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(l.at)
            .bind(&l.side)
            .bind(&l.status)
            .bind(&l.cause)
            .bind(&l.note)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "DELETE FROM presence_history WHERE id <= (SELECT MAX(id) FROM presence_history) - ?",
        )
        .bind(PRESENCE_HISTORY_KEPT)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest `limit` lines, oldest first.
    pub async fn presence_history(&self, limit: u32) -> Result<Vec<PresenceLine>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, side, status, cause, note FROM (
                SELECT id, at, side, status, cause, note FROM presence_history ORDER BY id DESC LIMIT ?
             ) ORDER BY id ASC",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PresenceLine {
                    at: r.try_get("at")?,
                    side: r.try_get("side")?,
                    status: r.try_get("status")?,
                    cause: r.try_get("cause")?,
                    note: r.try_get("note")?,
                })
            })
            .collect()
    }

    /// The PRES-6 memory, as the engine wrote it.
    pub async fn presence_memory(&self) -> Result<Option<String>, StoreError> {
        self.meta_value(MEMORY).await
    }

    pub async fn save_presence_memory(&self, json: &str) -> Result<(), StoreError> {
        self.save_meta_value(MEMORY, json).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: i64) -> PresenceLine {
        PresenceLine {
            at: n,
            side: "Crm".into(),
            status: Some(format!("S{n}")),
            cause: "Agent".into(),
            note: None,
        }
    }

    #[tokio::test]
    async fn history_keeps_the_newest_in_order_and_memory_round_trips() {
        let store = Store::open_in_memory().await.unwrap();
        let lines: Vec<PresenceLine> = (0..(PRESENCE_HISTORY_KEPT + 5)).map(line).collect();
        store.add_presence_history(&lines).await.unwrap();
        let got = store.presence_history(3).await.unwrap();
        let ats: Vec<i64> = got.iter().map(|l| l.at).collect();
        let n = PRESENCE_HISTORY_KEPT + 5;
        assert_eq!(ats, [n - 3, n - 2, n - 1]);
        let all = store.presence_history(5_000).await.unwrap();
        assert_eq!(all.len() as i64, PRESENCE_HISTORY_KEPT);
        assert_eq!(store.presence_memory().await.unwrap(), None);
        store
            .save_presence_memory("{\"before\":null}")
            .await
            .unwrap();
        assert_eq!(
            store.presence_memory().await.unwrap().as_deref(),
            Some("{\"before\":null}")
        );
    }
}
