//! BUDGET-1: what the engine needs to keep its polling within the org's
//! API allocation — the org's usage as it last reported it, the requests
//! this connection made, and the installs sharing the budget today.

use async_trait::async_trait;

use crate::error::PortError;

/// The org's API requests in the last 24 hours, and its daily allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgUsage {
    pub used: u64,
    pub max: u64,
}

#[async_trait]
pub trait ApiBudget: Send + Sync {
    /// The org's usage as its last answer reported it (no request).
    fn usage(&self) -> Option<OrgUsage>;

    /// Requests this connection has made so far (no request).
    fn requests_made(&self) -> u64;

    /// Reads the org's usage afresh (one request).
    async fn read_usage(&self) -> Result<OrgUsage, PortError>;

    /// This install says it is running, and counts the installs of the
    /// org seen in the last 24 hours, itself included (one request).
    async fn heartbeat(&self, install: &str, version: &str) -> Result<u32, PortError>;
}
