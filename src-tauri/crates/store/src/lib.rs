//! SQLite through sqlx: migrations embedded, WAL, one transaction per fact so
//! a crash never leaves half a call behind.

mod afterwards;
mod callers;
mod calls;
mod codec;
mod dispositions;
mod error;
mod history;
mod login;
mod meta;
mod outbox;
mod presence;
mod settings;
mod targets;
mod wrapup;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Sqlite, SqlitePool, Transaction};

pub use callers::CreationItem;
pub use calls::MAX_STORED_PHASES;
pub use dispositions::{DispositionCode, OrgCode};
pub use error::StoreError;
pub use history::{HistoryEntry, HistoryStatus};
pub use outbox::{CallFacts, Delivery, OutboxItem, Settlement};
pub use presence::{PresenceLine, PRESENCE_HISTORY_KEPT};
pub use targets::{CrmTarget, WaitingWrites, MAX_DISCARD_REASON};
pub use wrapup::{is_record_id, RecordRef, WrapUp, MAX_NOTES};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

const MAX_CONNECTIONS: u32 = 4;

#[derive(Clone, Debug)]
pub struct Store {
    /// Reads and the writes a crash may lose a moment of (a call's phases,
    /// delivery outcomes that are re-sent under the same key).
    pool: SqlitePool,
    /// The writes Ringside promises to keep (a call's end with its Task
    /// write, wrap-ups, the agent's choices): one connection whose commits
    /// are synced, which also syncs every earlier commit in the WAL.
    durable: SqlitePool,
    /// The page cap new connections get (0: none); see `cap_pages`.
    cap: Arc<AtomicU32>,
}

/// How commits reach the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Each commit is synced (`synchronous = FULL`): survives a power cut.
    Full,
    /// WAL's default (`NORMAL`): survives a crash of Ringside, not
    /// necessarily of the machine.
    Normal,
}

/// A damaged database file that was renamed so a fresh one could start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// Where the old file is now.
    pub kept: PathBuf,
    /// What was wrong with it.
    pub reason: String,
}

impl Store {
    /// Opens (creating if needed) the database file and brings it up to date.
    ///
    /// The writes Ringside promises to keep (the end of a call with its
    /// Task write, wrap-ups, the agent's choices) are committed with
    /// `synchronous = FULL`, so they are on disk, with everything committed
    /// before them, even across a power cut; a call's phases and delivery
    /// outcomes are WAL's `NORMAL` (safe across a crash of Ringside). The
    /// cost is in docs/BENCHMARKS.md.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, Durability::Full).await
    }

    /// `open` with a chosen durability for the kept writes (the benchmark
    /// measures what `Full` costs against `Normal`; Ringside uses `Full`).
    pub async fn open_with(path: &Path, durability: Durability) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            private_dir(dir)?;
        }
        let cap = Arc::new(AtomicU32::new(0));
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = pool_options(&cap, MAX_CONNECTIONS)
            .connect_with(options.clone())
            .await
            .map_err(StoreError::opening)?;
        let synced = match durability {
            Durability::Full => SqliteSynchronous::Full,
            Durability::Normal => SqliteSynchronous::Normal,
        };
        let durable = match pool_options(&cap, 1)
            .connect_with(options.synchronous(synced))
            .await
        {
            Ok(durable) => durable,
            Err(e) => {
                pool.close().await;
                return Err(StoreError::opening(e));
            }
        };
        match Store::migrate(pool.clone(), durable.clone(), cap).await {
            Ok(store) => Ok(store),
            Err(e) => {
                // Closed before the file may be set aside.
                pool.close().await;
                durable.close().await;
                Err(StoreError::reading(e))
            }
        }
    }

    /// Opens the store; a file that is not a readable database is kept
    /// aside (renamed with its WAL, never deleted) and a fresh one started,
    /// so a damaged file never stops the desk. Says what was set aside.
    pub async fn open_or_set_aside(path: &Path) -> Result<(Store, Option<SetAside>), StoreError> {
        match Store::open(path).await {
            Ok(store) => Ok((store, None)),
            Err(e) if e.is_unreadable() => {
                let kept = set_aside(path)?;
                let store = Store::open(path).await?;
                Ok((
                    store,
                    Some(SetAside {
                        kept,
                        reason: e.to_string(),
                    }),
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// A private in-memory database (tests, `replay`).
    pub async fn open_in_memory() -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // One connection: every connection to `:memory:` is its own database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            // Never reaped: the one connection is the whole database.
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        // The same connection for every write: it is the whole database.
        Store::migrate(pool.clone(), pool, Arc::new(AtomicU32::new(0))).await
    }

    async fn migrate(
        pool: SqlitePool,
        durable: SqlitePool,
        cap: Arc<AtomicU32>,
    ) -> Result<Store, StoreError> {
        // A damaged file fails here, at start, rather than mid-call.
        let check: String = sqlx::query_scalar("PRAGMA quick_check(1)")
            .fetch_one(&pool)
            .await?;
        if check != "ok" {
            return Err(StoreError::Unreadable(check));
        }
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
        Ok(Store { pool, durable, cap })
    }

    /// A write transaction that takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred one that reads first fails with
    /// SQLITE_BUSY_SNAPSHOT when another connection commits in between, and
    /// the busy timeout cannot help it.
    pub(crate) async fn write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// `write` for what Ringside promises to keep: its commit is synced.
    pub(crate) async fn write_durable(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.durable.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Caps the database at `pages` pages (0: no cap), on every connection,
    /// now and later: fault tests fill the "disk" this way.
    pub async fn cap_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.cap.store(pages, Ordering::SeqCst);
        // Hold every connection at once so each one gets the new cap.
        let mut held = Vec::new();
        for pool in [&self.pool, &self.durable] {
            for _ in 0..pool.options().get_max_connections() {
                held.push(pool.acquire().await?);
            }
        }
        let limit = if pages == 0 { u32::MAX / 2 } else { pages };
        for conn in &mut held {
            sqlx::query(&format!("PRAGMA max_page_count = {limit}"))
                .execute(&mut **conn)
                .await?;
        }
        Ok(())
    }

    pub async fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&self.pool)
            .await?)
    }

    pub async fn close(&self) {
        self.durable.close().await;
        self.pool.close().await;
    }
}

/// A pool whose connections get the page cap, and that never hands out a
/// connection SQLite left believing it is inside a transaction (SQLite rolls
/// a transaction back by itself on some errors, such as a full disk; sqlx's
/// own rollback then fails and that connection would refuse every BEGIN).
fn pool_options(cap: &Arc<AtomicU32>, max: u32) -> SqlitePoolOptions {
    let cap = cap.clone();
    SqlitePoolOptions::new()
        .max_connections(max)
        // No reaping: a local SQLite connection never goes stale, and
        // sqlx 0.8's reaper can spin a core for good (sqlx#3645: its idle
        // count underflows when a release races an acquire).
        .idle_timeout(None)
        .max_lifetime(None)
        .before_acquire(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }))
        .after_connect(move |conn, _| {
            let cap = cap.load(Ordering::SeqCst);
            Box::pin(async move {
                if cap > 0 {
                    sqlx::query(&format!("PRAGMA max_page_count = {cap}"))
                        .execute(conn)
                        .await?;
                }
                Ok(())
            })
        })
}

/// Creates the data folder readable by its owner only: it holds call
/// history and phone numbers.
fn private_dir(dir: &Path) -> Result<(), StoreError> {
    let io = |e: std::io::Error| StoreError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
        }
        let mode = std::fs::metadata(dir).map_err(io)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).map_err(io)?;
    Ok(())
}

/// Renames a damaged database (and its WAL and shared-memory files) to
/// `<name>.unreadable-<n>`, the first `n` free. Never deletes.
fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let io = |e: std::io::Error| StoreError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ringside.db".into());
    let kept = (1..)
        .map(|n| path.with_file_name(format!("{name}.unreadable-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{name}.unreadable")));
    std::fs::rename(path, &kept).map_err(io)?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            let to = kept.with_file_name(format!(
                "{}{suffix}",
                kept.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            std::fs::rename(&side, to).map_err(io)?;
        }
    }
    Ok(kept)
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
