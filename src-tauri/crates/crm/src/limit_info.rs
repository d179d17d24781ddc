//! The org's API usage, as Salesforce reports it on every REST response:
//! `Sforce-Limit-Info: api-usage=18/15000` (and, for a connected app with
//! its own limit, `, per-app-api-usage=17/250(appName=…)`). BUDGET-1 reads
//! it to keep Ringside's polling within its share of the org's allocation.

use std::sync::atomic::{AtomicU64, Ordering};

/// The longest header this reads; anything longer is not Salesforce's.
const MAX_HEADER: usize = 512;

/// The org's requests in the last 24 hours, and its allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiUsage {
    pub used: u64,
    pub max: u64,
}

/// The org-wide `api-usage` part of the header; `None` for anything else.
pub fn parse_limit_info(header: &str) -> Option<ApiUsage> {
    if header.len() > MAX_HEADER {
        return None;
    }
    let part = header
        .split(',')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("api-usage="))?;
    let (used, max) = part.split_once('/')?;
    let number = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let (used, max) = (number(used)?, number(max)?);
    (max > 0).then_some(ApiUsage { used, max })
}

/// What a client has learnt of the org's usage, and the requests it made.
#[derive(Debug, Default)]
pub struct UsageMeter {
    /// `used + 1` once known (0: never reported), and the allocation.
    used: AtomicU64,
    max: AtomicU64,
    requests: AtomicU64,
}

impl UsageMeter {
    /// One response's headers.
    pub fn observe(&self, headers: &reqwest::header::HeaderMap) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let usage = headers
            .get("sforce-limit-info")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_limit_info);
        if let Some(u) = usage {
            self.max.store(u.max, Ordering::Relaxed);
            self.used.store(u.used.saturating_add(1), Ordering::Relaxed);
        }
    }

    /// The org's usage as last reported.
    pub fn usage(&self) -> Option<ApiUsage> {
        let used = self.used.load(Ordering::Relaxed).checked_sub(1)?;
        Some(ApiUsage {
            used,
            max: self.max.load(Ordering::Relaxed),
        })
    }

    /// Requests this client has made (answered, whatever the answer).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_salesforce_s_header_and_nothing_else() {
        let cases = [
            ("api-usage=18/15000", Some((18, 15_000))),
            (
                "api-usage=25/5000, per-app-api-usage=17/250(appName=sample-app)",
                Some((25, 5_000)),
            ),
            (
                "per-app-api-usage=17/250(appName=x), api-usage=1/100000",
                Some((1, 100_000)),
            ),
            ("api-usage= 7 / 9 ", Some((7, 9))),
            ("api-usage=7/0", None),
            ("api-usage=-1/10", None),
            ("api-usage=1e3/10", None),
            ("api-usage=99999999999999999999/10", None),
            ("per-app-api-usage=1/2", None),
            ("api-usage=5", None),
            ("", None),
        ];
        for (header, want) in cases {
            let got = parse_limit_info(header).map(|u| (u.used, u.max));
            assert_eq!(got, want, "{header}");
        }
        assert_eq!(
            parse_limit_info(&format!("api-usage=1/2,{}", " ".repeat(MAX_HEADER))),
            None
        );
    }

    #[test]
    fn the_meter_keeps_the_last_report_and_counts_every_response() {
        let m = UsageMeter::default();
        assert_eq!(m.usage(), None);
        let mut h = reqwest::header::HeaderMap::new();
        m.observe(&h);
        assert_eq!((m.usage(), m.requests()), (None, 1));
        h.insert("Sforce-Limit-Info", "api-usage=0/200000".parse().unwrap());
        m.observe(&h);
        assert_eq!(
            m.usage(),
            Some(ApiUsage {
                used: 0,
                max: 200_000
            })
        );
        h.insert("Sforce-Limit-Info", "api-usage=41/200000".parse().unwrap());
        m.observe(&h);
        assert_eq!((m.usage().map(|u| u.used), m.requests()), (Some(41), 3));
    }

    proptest! {
        /// Any text is a usage or nothing, never a panic; a usage read is
        /// the numbers written.
        #[test]
        fn any_header_is_a_usage_or_nothing(s in ".{0,600}") {
            let _ = parse_limit_info(&s);
        }

        #[test]
        fn written_usages_read_back(used in 0u64..u64::MAX / 2, max in 1u64..u64::MAX / 2) {
            let u = parse_limit_info(&format!("api-usage={used}/{max}"));
            prop_assert_eq!(u, Some(ApiUsage { used, max }));
        }
    }
}
