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
    #[error("no live call `{0}` in the store")]
    NoLiveCall(String),
    /// Input the agent or admin can correct, naming the field.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The call cannot be wrapped up (not Ringside's to log, or unknown).
    #[error("{0}")]
    NotWrappable(String),
}

impl StoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }
}
