//! The engine's only source of time, so tests can pin it.

use ringside_core::Millis;

/// The engine's only source of time, so tests can pin it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Millis;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Millis {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        Millis(i64::try_from(ms).unwrap_or(i64::MAX))
    }
}
