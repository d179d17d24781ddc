//! SQLite through sqlx: migrations embedded, WAL, one transaction per fact so
//! a crash never leaves half a call behind.

mod callers;
mod calls;
mod codec;
mod dispositions;
mod error;
mod history;
mod login;
mod meta;
mod outbox;
mod settings;
mod wrapup;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub use callers::CreationItem;
pub use dispositions::DispositionCode;
pub use error::StoreError;
pub use history::{HistoryEntry, HistoryStatus};
pub use outbox::{CallFacts, Delivery, OutboxItem, Settlement};
pub use wrapup::{is_record_id, RecordRef, WrapUp, MAX_NOTES};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database file and brings it up to date.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Store::migrate(pool).await
    }

    /// A private in-memory database (tests, `replay`).
    pub async fn open_in_memory() -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // One connection: every connection to `:memory:` is its own database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Store::migrate(pool).await
    }

    async fn migrate(pool: SqlitePool) -> Result<Store, StoreError> {
        MIGRATOR.run(&pool).await?;
        // A random id per installation keeps outbox keys unique across
        // desktops writing to the same org.
        let mut bytes = [0u8; 8];
        getrandom(&mut bytes);
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        sqlx::query("INSERT OR IGNORE INTO meta (key, value) VALUES ('install_id', ?)")
            .bind(format!("rs{id}"))
            .execute(&pool)
            .await?;
        Ok(Store { pool })
    }

    pub async fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&self.pool)
            .await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Good-enough randomness without a dependency: the OS's `/dev/urandom`,
/// falling back to the clock and process id.
fn getrandom(buf: &mut [u8]) {
    use std::io::Read;
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .is_ok()
    {
        return;
    }
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
        ^ u128::from(std::process::id());
    for (i, b) in buf.iter_mut().enumerate() {
        *b = (seed >> ((i % 16) * 8)) as u8;
    }
}
