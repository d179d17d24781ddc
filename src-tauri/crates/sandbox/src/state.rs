use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::db::Db;

/// API versions served: every one Salesforce still serves (21.0 to 30.0
/// were retired) up to the newest the sandbox speaks. Clients pin old ones:
/// jsforce 3 defaults to 50.0. Every version answers in the newest shapes.
pub const OLDEST_VERSION: u32 = 31;
pub const NEWEST_VERSION: u32 = 61;

/// A version's release name: three releases a year, v20.0 was Winter '11.
pub fn version_label(major: u32) -> String {
    let n = major.saturating_sub(20);
    let season = ["Winter", "Spring", "Summer"][(n % 3) as usize];
    format!("{season} '{:02}", 11 + n / 3)
}

/// The major number of a served version written `vNN.0`.
pub fn served_version(v: &str) -> Option<u32> {
    let digits = v.strip_prefix('v')?.strip_suffix(".0")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let major: u32 = digits.parse().ok()?;
    (OLDEST_VERSION..=NEWEST_VERSION)
        .contains(&major)
        .then_some(major)
}

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
    /// The org's daily API allocation and what the last 24 hours used.
    pub limits: crate::limits::ApiLimits,
    /// A request's writes commit as one: readers never see half of a
    /// collection (see `server::detach`).
    pub writes: tokio::sync::RwLock<()>,
    /// CometD clients, their subscriptions and the events kept for replay.
    pub streaming: crate::streaming::Streaming,
    /// Which agents' consoles (and so Ringside's component) are open.
    pub omni: crate::omni::Omni,
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

    /// Counts one API request against the org's allocation: the usage
    /// with it, or, when the allocation is spent, `Err` with the usage.
    pub fn count_api_call(&self) -> Result<u64, u64> {
        let used = self.shared.limits.take()?;
        self.shared.api_calls.fetch_add(1, Ordering::Relaxed);
        Ok(used)
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_named_as_salesforce_names_them() {
        // From the captured /services/data response and Salesforce's release notes.
        assert_eq!(version_label(20), "Winter '11");
        assert_eq!(version_label(31), "Summer '14");
        assert_eq!(version_label(50), "Winter '21");
        assert_eq!(version_label(59), "Winter '24");
        assert_eq!(version_label(61), "Summer '24");
    }

    #[test]
    fn only_served_versions_are_accepted() {
        assert_eq!(served_version("v50.0"), Some(50));
        assert_eq!(served_version("v61.0"), Some(61));
        for bad in [
            "v30.0", "v62.0", "59.0", "v59", "v59.1", "v+59.0", "vx.0", "",
        ] {
            assert_eq!(served_version(bad), None, "{bad}");
        }
    }
}
