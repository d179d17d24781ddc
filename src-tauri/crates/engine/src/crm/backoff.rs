//! When to try a failed write again: exponential backoff with jitter, so a
//! thousand desks coming back from an outage do not retry in step.

/// Knobs for the delivery worker; tests shrink the times.
#[derive(Debug, Clone)]
pub struct DeliveryTuning {
    /// Records per `/composite/sobjects` request (Salesforce allows 200).
    pub batch: u32,
    pub retry_base_ms: i64,
    pub retry_max_ms: i64,
    /// How long to leave the CRM alone after `REQUEST_LIMIT_EXCEEDED`.
    pub limit_pause_ms: i64,
    /// Longest sleep when nothing is due (a safety net; writes wake it).
    pub idle_check_ms: u64,
}

impl Default for DeliveryTuning {
    fn default() -> Self {
        DeliveryTuning {
            batch: 200,
            retry_base_ms: 2_000,
            retry_max_ms: 15 * 60_000,
            limit_pause_ms: 5 * 60_000,
            idle_check_ms: 30_000,
        }
    }
}

/// A small xorshift generator: jitter needs spread, not cryptography.
pub struct Jitter(u64);

impl Jitter {
    pub fn new(seed: u64) -> Jitter {
        Jitter(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A delay in `[ms / 2, ms]` ("equal jitter").
    pub fn spread(&mut self, ms: i64) -> i64 {
        let ms = ms.max(1);
        let half = ms / 2;
        half + i64::try_from(self.next() % u64::try_from(ms - half + 1).unwrap_or(1)).unwrap_or(0)
    }
}

impl DeliveryTuning {
    /// The delay before attempt `attempts + 1`, jittered.
    pub fn retry_delay(&self, attempts: u32, jitter: &mut Jitter) -> i64 {
        let exp = self
            .retry_base_ms
            .saturating_mul(1_i64 << attempts.min(30))
            .min(self.retry_max_ms);
        jitter.spread(exp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_to_the_cap_and_stay_within_their_jitter_band() {
        let t = DeliveryTuning::default();
        let mut j = Jitter::new(42);
        let mut last_band_top = 0;
        for attempts in 0..40 {
            let top = (t.retry_base_ms << attempts.min(30)).min(t.retry_max_ms);
            for _ in 0..50 {
                let d = t.retry_delay(attempts, &mut j);
                assert!(
                    d >= top / 2 && d <= top,
                    "attempt {attempts}: {d} not in [{}, {top}]",
                    top / 2
                );
            }
            assert!(top >= last_band_top);
            last_band_top = top;
        }
        assert_eq!(last_band_top, t.retry_max_ms);
    }

    #[test]
    fn jitter_spreads_retries() {
        let t = DeliveryTuning::default();
        let mut j = Jitter::new(7);
        let mut seen: Vec<i64> = (0..100).map(|_| t.retry_delay(3, &mut j)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert!(seen.len() > 50, "only {} distinct delays", seen.len());
    }
}
