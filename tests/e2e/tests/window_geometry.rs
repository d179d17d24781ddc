#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The window keeps its size and position between starts (the agent puts
//! it beside the CRM once). Run through `scripts/e2e.sh`.

use std::time::{Duration, Instant};

use ringside_e2e::desktop::{running, until};
use ringside_e2e::{Harness, Session};

type R = Result<(), Box<dyn std::error::Error>>;

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built app: run scripts/e2e.sh"]
async fn the_window_keeps_its_size_and_position_across_a_restart() -> R {
    let h = Harness::start("geometry")?;
    let s = Session::new(&h.url, &h.app).await?;
    s.wait_for("[data-testid=no-call]").await?;
    let first = s.window_rect().await?;
    // Somewhere the defaults would never put it.
    let want = (137, 91, 880, 640);
    s.set_window_rect(want.0, want.1, want.2, want.3).await?;
    let deadline = Instant::now() + Duration::from_secs(5);
    let moved = loop {
        let now = s.window_rect().await?;
        if (now.2, now.3) == (want.2, want.3) || Instant::now() > deadline {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_ne!(
        (first.2, first.3),
        (want.2, want.3),
        "the test needs a size the default is not"
    );
    assert_eq!(
        (moved.2, moved.3),
        (want.2, want.3),
        "the window took the new size"
    );
    // Written beside the store a second after it settles, not only on a
    // clean exit (the session's end here kills the app).
    let kept = h.data_dir.join("window-state.json");
    let deadline = Instant::now() + Duration::from_secs(5);
    // (The window's first placing is written too: wait for the new size.)
    while !std::fs::read_to_string(&kept).is_ok_and(|t| t.contains("\"width\": 880")) {
        assert!(
            Instant::now() < deadline,
            "the window's new place was never written"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.close().await?;
    until("the first Ringside exited", || !running(&h.app)).await?;

    let s = Session::new(&h.url, &h.app).await?;
    s.wait_for("[data-testid=no-call]").await?;
    let again = s.window_rect().await?;
    s.close().await?;
    assert_eq!(
        (again.2, again.3),
        (moved.2, moved.3),
        "size kept: {again:?} vs {moved:?}"
    );
    assert_eq!(
        (again.0, again.1),
        (moved.0, moved.1),
        "position kept: {again:?} vs {moved:?}"
    );
    Ok(())
}
