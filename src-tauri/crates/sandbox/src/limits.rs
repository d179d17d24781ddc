//! The org's daily API allocation (BUDGET-1): Salesforce Enterprise grants
//! 100,000 + 1,000 per licence over a rolling 24 hours, shared by every
//! integration. Every REST request counts (a composite is one); once the
//! allocation is spent the org answers `REQUEST_LIMIT_EXCEEDED` until
//! requests age out of the window. Time here can run ahead of the wall
//! clock, so a simulated day passes in seconds.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;

/// Enterprise Edition's base allocation and what each licence adds.
pub const BASE_ALLOCATION: u64 = 100_000;
pub const PER_LICENCE: u64 = 1_000;
/// Licences of an org unless its config says otherwise.
pub const DEFAULT_LICENCES: u64 = 100;

const MINUTE_MS: i64 = 60_000;
const WINDOW_MINUTES: i64 = 24 * 60;

/// The allocation for an org with this many licences.
pub fn allocation(licences: u64) -> u64 {
    BASE_ALLOCATION.saturating_add(PER_LICENCE.saturating_mul(licences))
}

#[derive(Debug)]
pub struct ApiLimits {
    max: AtomicU64,
    /// Requests per minute over the last 24 hours, oldest first.
    window: Mutex<VecDeque<(i64, u64)>>,
    /// How far the org's clock runs ahead of this machine's.
    ahead_ms: AtomicI64,
}

impl ApiLimits {
    pub fn new(max: u64) -> ApiLimits {
        ApiLimits {
            max: AtomicU64::new(max),
            window: Mutex::new(VecDeque::new()),
            ahead_ms: AtomicI64::new(0),
        }
    }

    pub fn max(&self) -> u64 {
        self.max.load(Ordering::Relaxed)
    }

    pub fn set_max(&self, max: u64) {
        self.max.store(max, Ordering::Relaxed);
    }

    /// The org's time now (ms since the epoch).
    pub fn now_ms(&self) -> i64 {
        crate::state::now_ms() + self.ahead_ms.load(Ordering::Relaxed)
    }

    /// Moves the org's clock on (a simulated day in seconds).
    pub fn advance(&self, ms: i64) {
        self.ahead_ms.fetch_add(ms.max(0), Ordering::Relaxed);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(i64, u64)>> {
        self.window.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Requests counted in the last 24 hours.
    pub fn used(&self) -> u64 {
        let mut w = self.lock();
        Self::expire(&mut w, self.now_ms() / MINUTE_MS);
        w.iter().map(|(_, n)| n).sum()
    }

    fn expire(w: &mut VecDeque<(i64, u64)>, minute: i64) {
        while w
            .front()
            .is_some_and(|(m, _)| *m <= minute - WINDOW_MINUTES)
        {
            w.pop_front();
        }
    }

    /// Counts one request: `Ok(used)` with it counted, or `Err(used)` when
    /// the allocation is spent (a refused request is not counted).
    pub fn take(&self) -> Result<u64, u64> {
        let minute = self.now_ms() / MINUTE_MS;
        let mut w = self.lock();
        Self::expire(&mut w, minute);
        let used: u64 = w.iter().map(|(_, n)| n).sum();
        if used >= self.max() {
            return Err(used);
        }
        match w.back_mut() {
            Some((m, n)) if *m == minute => *n += 1,
            _ => w.push_back((minute, 1)),
        }
        Ok(used + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_allocation_grows_with_licences() {
        assert_eq!(allocation(0), 100_000);
        assert_eq!(allocation(1_000), 1_100_000);
        assert_eq!(allocation(u64::MAX), u64::MAX);
    }

    /// The window rolls: spent requests age out after 24 hours, not at
    /// midnight, and refused ones are not counted.
    #[test]
    fn a_spent_allocation_refuses_until_requests_age_out() {
        let l = ApiLimits::new(3);
        assert_eq!(l.take(), Ok(1));
        l.advance(10 * MINUTE_MS);
        assert_eq!(l.take(), Ok(2));
        assert_eq!(l.take(), Ok(3));
        assert_eq!(l.take(), Err(3));
        assert_eq!(l.used(), 3);
        // 23 h 55 min after the first: still inside the window.
        l.advance(WINDOW_MINUTES * MINUTE_MS - 15 * MINUTE_MS);
        assert_eq!(l.take(), Err(3));
        // Past 24 h: the first has aged out, the other two not yet.
        l.advance(6 * MINUTE_MS);
        assert_eq!(l.used(), 2);
        assert_eq!(l.take(), Ok(3));
        l.set_max(10);
        assert_eq!(l.take(), Ok(4));
    }
}
