//! BUDGET-1 and BUDGET-2: how often Ringside may poll the org. An org's
//! daily API allocation is shared by every agent's Ringside and every other
//! integration; the admin gives Ringside's fleet a share of it, the share is
//! split among the installs active today, and each stretches its contact
//! polling to fit. The org's last tenth is never spent on polling: call
//! records and screen-pop searches come first.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Ringside's fleet share of the daily allocation unless the admin sets one.
pub const DEFAULT_SHARE_PERCENT: u8 = 20;
/// The part of the allocation polling never touches (BUDGET-2).
pub const RESERVE_PERCENT: u64 = 10;
const DAY_SECS: u64 = 86_400;

/// What a plan is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetInput {
    /// The org's requests in the last 24 hours and its allocation, as its
    /// last response said; `None` before any.
    pub usage: Option<(u64, u64)>,
    /// The admin's share for Ringside's fleet, in percent (0 to 100).
    pub share_percent: u8,
    /// Ringside installs active in the org today (this one included).
    pub installs: u32,
    /// Requests one polling cycle costs.
    pub per_cycle: u64,
    /// The fastest polling the admin allows, in seconds.
    pub base_secs: u64,
}

/// Why polling waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum PollPause {
    /// The org is into its last tenth: kept for call records and searches.
    OrgReserve,
    /// The admin gave Ringside no share of the allocation.
    NoShare,
}

/// How often to poll, and what that leaves each install.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PollPlan {
    /// Seconds between polling cycles.
    pub interval_secs: u64,
    pub paused: Option<PollPause>,
    /// Requests a day this install's share allows (`None`: the allocation
    /// is not known yet).
    pub per_install_per_day: Option<u64>,
}

pub fn plan(i: &BudgetInput) -> PollPlan {
    let base = i.base_secs.max(1);
    let Some((used, max)) = i.usage.filter(|(_, max)| *max > 0) else {
        return PollPlan {
            interval_secs: base,
            paused: None,
            per_install_per_day: None,
        };
    };
    let share = max.saturating_mul(u64::from(i.share_percent.min(100))) / 100;
    let per_install = share / u64::from(i.installs.max(1));
    let reserve_from = max - max.saturating_mul(RESERVE_PERCENT) / 100;
    let paused = if used >= reserve_from {
        Some(PollPause::OrgReserve)
    } else if share == 0 {
        Some(PollPause::NoShare)
    } else {
        None
    };
    let cycles = per_install / i.per_cycle.max(1);
    let interval_secs = if cycles == 0 {
        DAY_SECS
    } else {
        DAY_SECS.div_ceil(cycles).min(DAY_SECS)
    };
    PollPlan {
        interval_secs: interval_secs.max(base),
        paused,
        per_install_per_day: Some(per_install),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(usage: Option<(u64, u64)>, share: u8, installs: u32) -> BudgetInput {
        BudgetInput {
            usage,
            share_percent: share,
            installs,
            per_cycle: 10,
            base_secs: 60,
        }
    }

    /// BUDGET-1 as a table: allocation, usage, share and installs → the
    /// polling interval and pause.
    #[test]
    fn budget_1_2_polling_stretches_to_fit_the_share() {
        let cases = [
            // Unknown until the org has answered once: the admin's interval.
            (input(None, 20, 25), 60, None),
            // One agent in an org of 100 licences: 40,000 a day, the
            // admin's minute is well within it.
            (input(Some((0, 200_000)), 20, 1), 60, None),
            // 25 agents: 1,600 requests a day each, 160 cycles: every 540 s.
            (input(Some((5_000, 200_000)), 20, 25), 540, None),
            // 1,000 agents in an org of 1,000 licences: 220 requests a day
            // each, 22 cycles: every 3,928 s.
            (input(Some((0, 1_100_000)), 20, 1_000), 3_928, None),
            // Less than one cycle a day: once a day.
            (input(Some((0, 100_000)), 1, 5_000), 86_400, None),
            // BUDGET-2: into the org's last tenth, polling waits.
            (
                input(Some((180_000, 200_000)), 20, 25),
                540,
                Some(PollPause::OrgReserve),
            ),
            (input(Some((179_999, 200_000)), 20, 25), 540, None),
            // Spent by others: still waits.
            (
                input(Some((250_000, 200_000)), 20, 1),
                60,
                Some(PollPause::OrgReserve),
            ),
            // No share: no polling.
            (
                input(Some((0, 200_000)), 0, 1),
                86_400,
                Some(PollPause::NoShare),
            ),
            // Nonsense from a broken org: a zero allocation is unknown.
            (input(Some((0, 0)), 20, 1), 60, None),
        ];
        for (i, interval, paused) in cases {
            let p = plan(&i);
            assert_eq!((p.interval_secs, p.paused), (interval, paused), "{i:?}");
        }
    }

    proptest! {
        /// Whatever the inputs: never faster than the admin allows, never
        /// slower than a day, and a fleet polling at the planned pace stays
        /// within its share (when it has one).
        #[test]
        fn the_fleet_keeps_within_its_share(
            used in 0u64..2_000_000,
            max in 1u64..2_000_000,
            share in 0u8..=120,
            installs in 0u32..5_000,
            per_cycle in 0u64..50,
            base in 0u64..7_200,
        ) {
            let i = BudgetInput { usage: Some((used, max)), share_percent: share, installs, per_cycle, base_secs: base };
            let p = plan(&i);
            prop_assert!(p.interval_secs >= base.max(1));
            prop_assert!(p.interval_secs <= DAY_SECS.max(base));
            let cycles_a_day = DAY_SECS / p.interval_secs;
            let fleet = cycles_a_day * per_cycle.max(1) * u64::from(installs.max(1));
            let share_requests = max * u64::from(share.min(100)) / 100;
            if p.interval_secs < DAY_SECS {
                prop_assert!(fleet <= share_requests, "{fleet} > {share_requests}");
            }
        }
    }
}
