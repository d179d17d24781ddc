//! Quitting while finished calls are held in memory (the store could not
//! take them, e.g. a full disk) would lose them: the first close is refused
//! with a warning, a second one within `CONFIRM_WINDOW` quits anyway, and on
//! the way out the engine gets one last chance to save them.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const CONFIRM_WINDOW: Duration = Duration::from_secs(30);

/// The held calls' count, kept current from the engine's snapshots.
#[derive(Default)]
pub struct QuitGuard {
    unsaved: AtomicU32,
    warned_at: Mutex<Option<Instant>>,
}

impl QuitGuard {
    pub fn set_unsaved(&self, n: u32) {
        self.unsaved.store(n, Ordering::SeqCst);
    }

    /// Whether Ringside may quit now; the error says why not. `again` is
    /// how the agent confirms ("Close the window", "Choose Quit").
    pub fn may_close(&self, now: Instant, again: &str) -> Result<(), String> {
        let n = self.unsaved.load(Ordering::SeqCst);
        if n == 0 {
            return Ok(());
        }
        let mut warned = self.warned_at.lock().unwrap_or_else(|p| p.into_inner());
        if warned.is_some_and(|at| now.duration_since(at) < CONFIRM_WINDOW) {
            return Ok(());
        }
        *warned = Some(now);
        let calls = if n == 1 {
            "1 finished call is".to_string()
        } else {
            format!("{n} finished calls are")
        };
        Err(format!(
            "Ringside did not quit: {calls} not saved yet (free some disk space). {again} again within {} s to quit anyway and lose them.",
            CONFIRM_WINDOW.as_secs()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_with_held_calls_is_refused_once_then_confirmed() {
        let g = QuitGuard::default();
        let t0 = Instant::now();
        assert!(
            g.may_close(t0, "Choose Quit").is_ok(),
            "nothing held: closes"
        );
        g.set_unsaved(2);
        let refused = g.may_close(t0, "Choose Quit").unwrap_err();
        assert!(
            refused.contains("2 finished calls are not saved")
                && refused.contains("Choose Quit again within 30 s"),
            "{refused}"
        );
        assert!(
            g.may_close(t0 + Duration::from_secs(5), "Choose Quit")
                .is_ok(),
            "a second close quits"
        );
        assert!(
            g.may_close(t0 + Duration::from_secs(40), "Choose Quit")
                .is_err(),
            "a later close warns again"
        );
        g.set_unsaved(0);
        assert!(g
            .may_close(t0 + Duration::from_secs(41), "Choose Quit")
            .is_ok());
    }
}
