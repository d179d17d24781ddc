#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The desk around the calls in the real app: the pinned call bar, a
//! second call, and the wrap-up that opens by itself. Run through
//! `scripts/e2e.sh`.

use ringside_e2e::{Harness, Session};

type R = Result<(), Box<dyn std::error::Error>>;

/// WebDriver key codes (W3C WebDriver, "keyboard actions").
const CTRL: &str = "\u{E009}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const RELEASE: &str = "\u{E000}";

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built app: run scripts/e2e.sh"]
async fn the_desk_in_the_real_app() -> R {
    let h = Harness::start("desk")?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = desk(&s).await;
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        if let Ok(png) = s.screenshot().await {
            std::fs::write(format!("{dir}/e2e-desk-end.png"), png)?;
        }
    }
    s.close().await?;
    result
}

/// Whether `css`'s first element lies wholly inside the window.
async fn on_screen(s: &Session, css: &str) -> Result<bool, Box<dyn std::error::Error>> {
    let v = s
        .execute(&format!(
            "const r = document.querySelector({css:?})?.getBoundingClientRect();
             return !!r && r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;"
        ))
        .await?;
    Ok(v.as_bool() == Some(true))
}

/// The part of the window that scrolls (history, dial, settings).
const PAGE: &str = "[data-testid=page-scroll]";

async fn scroll_y(s: &Session) -> Result<f64, Box<dyn std::error::Error>> {
    Ok(s.execute(&format!(
        "return document.querySelector({PAGE:?}).scrollTop;"
    ))
    .await?
    .as_f64()
    .unwrap_or(0.0))
}

/// The simulated caller rings without the page moving (a WebDriver click
/// would scroll the demo button into view).
async fn ring_from_outside(s: &Session) -> R {
    s.execute("document.querySelector('[data-testid=demo-incoming]').click(); return true;")
        .await?;
    Ok(())
}

async fn desk(s: &Session) -> R {
    s.wait_for("[data-testid=no-call]").await?;
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;

    // Scrolled far down the history, a call rings: the bar is in view and
    // answers without the page moving.
    // A long history, as after a day of calls.
    s.execute(&format!(
        "const m = document.querySelector({PAGE:?});
         m.firstElementChild.style.paddingBottom = '6000px';
         m.scrollTop = 4000; return true;"
    ))
    .await?;
    let scrolled = scroll_y(s).await?;
    assert!(scrolled > 1000.0, "the page scrolled ({scrolled})");
    ring_from_outside(s).await?;
    s.phase("Ringing").await?;
    assert!(
        on_screen(s, "[data-testid=answer]").await?,
        "Answer is in view while scrolled"
    );
    assert!(on_screen(s, "[data-testid=call-number]").await?);
    s.click(&s.wait_for("[data-testid=answer]").await?).await?;
    s.phase("Answered").await?;
    assert_eq!(scroll_y(s).await?, scrolled, "nothing had to scroll");

    // A second call: answering it puts the first on hold, and the keys
    // now act on the new conversation.
    ring_from_outside(s).await?;
    s.phase("Ringing").await?;
    let first = s
        .wait_for("[data-testid=active-call][data-focused=true]")
        .await?;
    let first_id = s.attribute(&first, "data-call-id").await?.ok_or("no id")?;
    s.click(
        &s.wait_for("[data-testid=active-call] [data-testid=answer]")
            .await?,
    )
    .await?;
    s.wait_for(&format!(
        "[data-testid=active-call][data-call-id='{first_id}'] [data-testid=call-phase][data-phase=Hold]"
    ))
    .await?;
    let talking = s
        .wait_for("[data-testid=active-call][data-focused=true] [data-testid=call-phase][data-phase=Answered]")
        .await?;
    assert!(!s.text(&talking).await?.is_empty());
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        std::fs::write(format!("{dir}/second-call.png"), s.screenshot().await?)?;
    }

    // The conversation ends: its wrap-up opens by itself, with the time
    // spent since; Esc leaves it for later.
    s.click(
        &s.wait_for("[data-testid=active-call][data-focused=true] [data-testid=hangup]")
            .await?,
    )
    .await?;
    let panel = s.wait_for("[data-testid=auto-wrapup]").await?;
    let heading = s.text(&panel).await?;
    assert!(heading.contains("Wrap up"), "{heading}");
    s.wait_for("[data-testid=acw-time]").await?;
    let select = s
        .wait_for("[data-testid=auto-wrapup] [data-testid=wrapup-disposition]")
        .await?;
    s.keys(&select, ESCAPE).await?;
    s.wait_gone("[data-testid=auto-wrapup]").await?;

    // The held call is resumed and ended: its wrap-up opens; typed notes
    // and Ctrl+Enter log it.
    s.click(&s.wait_for("[data-testid=resume]").await?).await?;
    s.phase("Answered").await?;
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    s.wait_for("[data-testid=no-call]").await?;
    let notes = s
        .wait_for("[data-testid=auto-wrapup] [data-testid=wrapup-notes]")
        .await?;
    s.keys(&notes, "Second caller, sorted").await?;
    s.keys(&notes, &format!("{CTRL}{ENTER}{RELEASE}")).await?;
    s.wait_gone("[data-testid=auto-wrapup]").await?;
    s.execute(&format!(
        "document.querySelector({PAGE:?}).scrollTop = 0; return true;"
    ))
    .await?;
    let row = s
        .wait_for(&format!(
            "[data-testid=history-row][data-call-id='{first_id}'] [data-testid=history-wrapup-open]"
        ))
        .await?;
    assert_eq!(
        s.text(&row).await?,
        "Edit wrap-up",
        "the held call's wrap-up was logged"
    );

    // A setting changed but not saved: leaving the tab asks first.
    s.click(&s.wait_for("[data-testid=tab-settings]").await?)
        .await?;
    s.click(
        &s.wait_for("[data-testid=setting-default_do_not_log]")
            .await?,
    )
    .await?;
    s.click(&s.wait_for("[data-testid=tab-history]").await?)
        .await?;
    let guard = s.wait_for("[data-testid=tab-guard]").await?;
    assert!(s.text(&guard).await?.contains("Admin settings"));
    assert!(!s
        .find_all("[data-testid=setting-default_do_not_log]")
        .await?
        .is_empty());
    s.click(&s.wait_for("[data-testid=tab-guard-discard]").await?)
        .await?;
    s.wait_for("[data-testid=history-row]").await?;
    Ok(())
}
