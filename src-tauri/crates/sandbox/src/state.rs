use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::db::Db;

/// API versions served, oldest first: `/services/data` lists them.
pub const VERSIONS: [(&str, &str); 4] = [
    ("58.0", "Summer '23"),
    ("59.0", "Winter '24"),
    ("60.0", "Spring '24"),
    ("61.0", "Summer '24"),
];

/// The daily API request allowance reported in `Sforce-Limit-Info`.
pub const DAILY_API_LIMIT: u64 = 15_000;

#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// OAuth client ids (consumer keys) the sandbox accepts.
    pub client_ids: Vec<String>,
    /// Issue a new refresh token on every refresh, revoking the old one.
    pub rotate_refresh_tokens: bool,
    /// Access token lifetime; `None` = until revoked (Salesforce's default
    /// is the org's session timeout).
    pub access_token_ttl_ms: Option<i64>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            client_ids: vec!["ringside-desktop".into()],
            rotate_refresh_tokens: false,
            access_token_ttl_ms: Some(2 * 3_600_000),
        }
    }
}

pub struct Shared {
    pub db: Db,
    pub cursors: crate::query::Cursors,
    pub faults: crate::faults::Faults,
    pub jobs: crate::bulk::Jobs,
    pub options: SandboxOptions,
    pub org_id: String,
    pub api_calls: AtomicU64,
    /// A request's writes commit as one: readers never see half of a
    /// collection (see `server::detach`).
    pub writes: tokio::sync::RwLock<()>,
}

/// Per listener: the shared state plus the base URL clients reach it on.
#[derive(Clone)]
pub struct AppState {
    pub shared: Arc<Shared>,
    pub base_url: Arc<str>,
}

impl AppState {
    pub fn db(&self) -> &Db {
        &self.shared.db
    }

    pub fn count_api_call(&self) -> u64 {
        self.shared.api_calls.fetch_add(1, Ordering::Relaxed) + 1
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
