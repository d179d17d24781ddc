#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create {path}: {message}")]
    Io { path: String, message: String },
    /// A stored value no longer parses: named so it can be found and fixed.
    #[error("stored value `{value}` in {table}.{column} is not valid")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
    },
    #[error("stored setting is invalid: {0}")]
    Settings(#[from] ringside_core::SettingsError),
    /// Input the agent or admin can correct, naming the field.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A stored setting the core's check refuses (saved by hand or by an
    /// older version), named by its field.
    #[error("the stored setting {field} is invalid: {message}")]
    InvalidStored { field: String, message: String },
    /// The file is not a database Ringside can read (damaged, truncated or
    /// something else entirely).
    #[error("the data file is unreadable: {0}")]
    Unreadable(String),
    /// The call cannot be wrapped up (not Ringside's to log, or unknown).
    #[error("{0}")]
    NotWrappable(String),
}

/// SQLite's primary result codes that mean the file itself is bad.
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_FULL: i64 = 13;
const SQLITE_NOTADB: i64 = 26;

impl StoreError {
    /// SQLite's primary result code, when the database answered one.
    fn sqlite_code(&self) -> Option<i64> {
        let db = match self {
            StoreError::Sql(sqlx::Error::Database(db))
            | StoreError::Migrate(sqlx::migrate::MigrateError::Execute(sqlx::Error::Database(
                db,
            ))) => db,
            _ => return None,
        };
        // sqlx gives the extended code; its low byte is the primary one.
        db.code()?.parse::<i64>().ok().map(|c| c & 0xff)
    }

    /// The file is damaged or not a database at all.
    pub fn is_unreadable(&self) -> bool {
        matches!(self, StoreError::Unreadable(_))
            || matches!(self.sqlite_code(), Some(SQLITE_CORRUPT | SQLITE_NOTADB))
    }

    /// The disk (or the database's size cap) is full.
    pub fn is_disk_full(&self) -> bool {
        self.sqlite_code() == Some(SQLITE_FULL)
            || matches!(self, StoreError::Io { message, .. } if message.contains("No space left"))
    }

    /// An error while opening: a damaged file is named as such.
    pub(crate) fn opening(e: sqlx::Error) -> StoreError {
        StoreError::reading(StoreError::Sql(e))
    }

    pub(crate) fn reading(e: StoreError) -> StoreError {
        if e.is_unreadable() && !matches!(e, StoreError::Unreadable(_)) {
            StoreError::Unreadable(e.to_string())
        } else {
            e
        }
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }
}
