//! BUDGET-1 and BUDGET-2 for the contact sync: once a day this install's
//! heartbeat (which counts the installs sharing the budget), the cost of a
//! polling cycle as measured, and the core's plan from the org's usage.
//! While the org is into its last tenth, polling waits and the usage is
//! read afresh (one request) before polling again: calls and screen-pop
//! searches keep going, and find new callers by the live search.

use ringside_core::budget::{plan, BudgetInput, PollPause, PollPlan};
use ringside_core::Millis;
use ringside_crm_port::ApiBudget;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How often the heartbeat is sent (a day, less an hour of slack).
const BEAT_EVERY_MS: i64 = 23 * 3_600_000;
/// While polling waits, how often the usage is looked at again.
pub(crate) const RECHECK_SECS: u64 = 15 * 60;
/// What a delta is taken to cost until one has been measured (against the
/// sandbox: four objects read for changes and for deletions, and more).
const FIRST_GUESS_PER_CYCLE: u64 = 10;

/// What the sync panel shows of the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetView {
    /// The org's requests in the last 24 hours and its allocation, as its
    /// last answer said.
    #[ts(type = "number | null")]
    pub used: Option<u64>,
    #[ts(type = "number | null")]
    pub max: Option<u64>,
    /// The admin's share for every Ringside together, in percent.
    pub share_percent: u8,
    /// Installs seen in the org in the last 24 hours.
    pub installs: u32,
    /// Requests a polling cycle costs, as measured.
    #[ts(type = "number")]
    pub per_cycle: u64,
    /// Seconds between polls now.
    #[ts(type = "number")]
    pub interval_secs: u64,
    pub paused: Option<PollPause>,
    /// Requests a day this install's share allows.
    #[ts(type = "number | null")]
    pub per_install_per_day: Option<u64>,
}

pub(crate) struct Budget {
    install: String,
    version: String,
    installs: u32,
    beat_at: Option<Millis>,
    per_cycle: u64,
    /// Polling waited: read the usage before polling again.
    stale: bool,
}

impl Budget {
    pub fn new(install: String) -> Budget {
        Budget {
            install,
            version: env!("CARGO_PKG_VERSION").to_string(),
            installs: 1,
            beat_at: None,
            per_cycle: FIRST_GUESS_PER_CYCLE,
            stale: false,
        }
    }

    /// Before a cycle: the heartbeat when due, and the usage afresh after
    /// polling waited.
    pub async fn before(&mut self, api: &dyn ApiBudget, now: Millis) {
        if self
            .beat_at
            .is_none_or(|b| now.saturating_sub(b) >= BEAT_EVERY_MS)
        {
            match api.heartbeat(&self.install, &self.version).await {
                Ok(n) => {
                    self.installs = n;
                    self.beat_at = Some(now);
                }
                // Tried again next cycle; the last count stands meanwhile.
                Err(e) => tracing::warn!(error = %e.message, "the install heartbeat failed"),
            }
        }
        if std::mem::take(&mut self.stale) {
            if let Err(e) = api.read_usage().await {
                tracing::warn!(error = %e.message, "the org's API usage could not be read");
            }
        }
    }

    /// A delta cycle cost this many requests.
    pub fn measured(&mut self, cost: u64) {
        if cost > 0 {
            // Smoothed: one slow cycle (a retry) does not halve the pace.
            self.per_cycle = (self.per_cycle * 3 + cost).div_ceil(4).max(1);
        }
    }

    pub fn plan(&mut self, api: &dyn ApiBudget, share_percent: u8, base_secs: u32) -> PollPlan {
        let p = plan(&BudgetInput {
            usage: api.usage().map(|u| (u.used, u.max)),
            share_percent,
            installs: self.installs,
            per_cycle: self.per_cycle,
            base_secs: u64::from(base_secs),
        });
        if p.paused == Some(PollPause::OrgReserve) {
            self.stale = true;
        }
        p
    }

    pub fn view(&self, api: &dyn ApiBudget, share_percent: u8, p: &PollPlan) -> BudgetView {
        let usage = api.usage();
        BudgetView {
            used: usage.map(|u| u.used),
            max: usage.map(|u| u.max),
            share_percent,
            installs: self.installs,
            per_cycle: self.per_cycle,
            interval_secs: p.interval_secs,
            paused: p.paused,
            per_install_per_day: p.per_install_per_day,
        }
    }
}
