//! What the desktop sees of the app's windows (`x11.py`, python3-xlib), and
//! a bounded wait on it.

use std::process::Command;
use std::time::{Duration, Instant};

type R<T> = Result<T, Box<dyn std::error::Error>>;

/// Runs `x11.py`: whether it said yes, and what it printed.
pub fn x11(args: &[&str]) -> R<(bool, String)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/x11.py");
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .args(args)
        .output()
        .map_err(|e| format!("x11.py: {e} (Debian package python3-xlib)"))?;
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    ))
}

/// A shown top-level window whose title matches `pattern`.
pub fn visible(pattern: &str) -> bool {
    x11(&["find", pattern, "--visible"]).is_ok_and(|(found, _)| found)
}

/// Whether a process of this app binary runs (one test's Ringside must be
/// gone before the next start, or that start would just show its window).
pub fn running(app: &str) -> bool {
    Command::new("pgrep")
        .args(["-f", app])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Waits until `check` holds, for up to 10 s.
pub async fn until(what: &str, check: impl Fn() -> bool) -> R<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        if Instant::now() > deadline {
            return Err(format!("never: {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}
