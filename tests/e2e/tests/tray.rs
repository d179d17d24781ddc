#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The desktop around the window, in the real app as X11 sees it: a ringing
//! call names itself in the window's title and asks for attention; closing
//! the window leaves Ringside running and logging calls (the tray); a second
//! start brings the window back instead of opening a second Ringside. Run
//! through `scripts/e2e.sh`.

use std::process::Command;
use std::time::{Duration, Instant};

use ringside_e2e::desktop::{running, until, visible, x11};
use ringside_e2e::{Harness, Session};

type R = Result<(), Box<dyn std::error::Error>>;

/// The simulated caller rings or hangs up (through the page, which keeps
/// working while the window is hidden).
async fn demo(s: &Session, button: &str) -> R {
    s.execute(&format!(
        "document.querySelector('[data-testid={button}]').click(); return true;"
    ))
    .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver, python3-xlib and the built app: run scripts/e2e.sh"]
async fn the_tray_keeps_ringside_running_with_the_window_closed() -> R {
    // Xvfb has no StatusNotifier host: the tray is taken as shown.
    let h = Harness::start_with("tray", &[("RINGSIDE_TRAY", "on")])?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = tray(&s, &h).await;
    // The app quit at the end, as asked: the session has nothing left to close.
    let closed = s.close().await;
    result?;
    if let Err(e) = closed {
        eprintln!("session close after quit: {e}");
    }
    Ok(())
}

async fn tray(s: &Session, h: &Harness) -> R {
    s.wait_for("[data-testid=no-call]").await?;
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;
    until("the window is shown as Ringside", || visible("^Ringside$")).await?;

    // A ringing call: the title names it and the window asks for attention.
    demo(s, "demo-incoming").await?;
    s.phase("Ringing").await?;
    until("the title names the ringing call", || visible("^Ringing: ")).await?;
    let (_, ids) = x11(&["find", "^Ringing: ", "--visible"])?;
    let id = ids.split(' ').next().ok_or("no window id")?.to_string();
    assert!(
        x11(&["urgent", &id])?.0,
        "the urgency hint is set while it rings"
    );
    // The caller gives up: the title and the hint go back.
    demo(s, "demo-remote-hangup").await?;
    s.wait_for("[data-testid=no-call]").await?;
    until("the title is back", || visible("^Ringside$")).await?;
    assert!(
        !x11(&["urgent", &id])?.0,
        "no attention asked once it stopped"
    );

    // The agent closes the window: it goes, Ringside stays.
    x11(&["close", &id])?;
    until("the window is hidden", || !visible("^Ringside$")).await?;
    // Said once per data folder: the notice's mark is kept beside the store.
    until("the close notice is marked as given", || {
        h.data_dir.join("tray-notice").exists()
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!visible("Ringside"), "still hidden");
    s.settle().await?;
    let rows_before = s.find_all("[data-testid=history-row]").await?.len();

    // A call while it is in the tray is tracked and logged as ever.
    demo(s, "demo-incoming").await?;
    s.phase("Ringing").await?;
    until("the hidden window's title names the call", || {
        x11(&["find", "^Ringing: "]).is_ok_and(|(found, _)| found)
    })
    .await?;
    s.execute("document.querySelector('[data-testid=answer]').click(); return true;")
        .await?;
    s.phase("Answered").await?;
    s.execute("document.querySelector('[data-testid=hangup]').click(); return true;")
        .await?;
    s.wait_for("[data-testid=no-call]").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let logged = s
            .execute(
                "return [...document.querySelectorAll('[data-testid=history-badge]')]
                    .some(b => b.textContent.includes('Logged by Ringside'));",
            )
            .await?;
        if logged.as_bool() == Some(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the call made while hidden was never logged"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(s.find_all("[data-testid=history-row]").await?.len() > rows_before);
    assert!(
        !visible("Ringside"),
        "ringing did not force the window open"
    );

    // Starting Ringside again brings this one's window back and exits.
    let second = Command::new(&h.app)
        .env("RINGSIDE_DATA_DIR", &h.data_dir)
        .output()?;
    assert!(second.status.success(), "{second:?}");
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("already running"),
        "{second:?}"
    );
    until("the window is back", || visible("^Ringside$")).await?;
    s.settle().await?;

    // Quit from the window: Ringside ends (closing only hid it).
    s.execute("document.querySelector('[data-testid=tab-settings]').click(); return true;")
        .await?;
    s.wait_for("[data-testid=quit]").await?;
    s.execute("document.querySelector('[data-testid=quit]').click(); return true;")
        .await?;
    until("Ringside has quit", || !running(&h.app)).await?;
    Ok(())
}
