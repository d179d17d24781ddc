use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds since the Unix epoch (UTC). The core never reads a clock:
/// callers pass the time in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
pub struct Millis(#[ts(type = "number")] pub i64);

impl Millis {
    pub fn saturating_sub(self, earlier: Millis) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
    pub fn plus(self, ms: i64) -> Millis {
        Millis(self.0.saturating_add(ms))
    }
}
