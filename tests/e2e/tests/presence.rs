#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Section 6 in the real app: an org admin who takes calls on a
//! contact-centre platform signs in to the org, points Ringside at the
//! platform, turns presence sync on in the mapping editor (PRES-7 asks to
//! confirm) and maps the platform's own "Lunch" to Omni's Lunch Break. Then
//! a state change on the platform moves the Omni status in the org, an Omni
//! change made in Salesforce moves the platform's state, and a call makes
//! both On a Call and returns both to where they were after it (and its
//! wrap-up, if Ringside logs it). Run through `scripts/e2e.sh`.

use std::time::Duration;

use ringside_core::{CallId, CallSignal, EndedBy};
use ringside_e2e::org::{fill, js, press, sign_in, until, R};
use ringside_e2e::{Harness, Session};
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::ADMIN_USERNAME;
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::acd::protocol::WireStateCause;
use ringside_softphone::acd::simulator::{start_acd_simulator, AcdSimulator};

const WITHIN: Duration = Duration::from_secs(10);

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built app: run scripts/e2e.sh"]
async fn presence_follows_both_ways_in_the_real_app() -> R {
    let dir =
        std::env::temp_dir().join(format!("ringside-e2e-presence-org-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let org = Sandbox::start(SandboxConfig {
        db_path: Some(dir.join("org.db")),
        ..Default::default()
    })
    .await?;
    // The admin takes calls too, and is online in Omni-Channel.
    org.omni_change(ADMIN_USERNAME, Some("Available_for_Calls"), reason::MANUAL)
        .await?;
    let sim = start_acd_simulator("127.0.0.1:0".parse()?).await?;
    let h = Harness::start_with("presence", &[("RINGSIDE_KEYCHAIN", "keyutils")])?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = story(&s, &org, &sim).await;
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        if let Ok(png) = s.screenshot().await {
            let _ = std::fs::write(format!("{dir}/presence.png"), png);
        }
    }
    let _ = s.close().await;
    org.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Picks `value` in the `<select>` with this test id, as the agent would.
async fn choose(s: &Session, testid: &str, value: &str) -> R {
    s.wait_for(&format!("[data-testid={testid}] option[value={value:?}]"))
        .await?;
    js(
        s,
        &format!(
            "const e = document.querySelector('[data-testid={testid}]');
             e.value = {value:?}; e.dispatchEvent(new Event('change', {{ bubbles: true }})); return e.value;"
        ),
    )
    .await?;
    Ok(())
}

/// What a `<select>` with this test id shows now.
async fn shown(s: &Session, testid: &str) -> String {
    js(
        s,
        &format!(
            "const e = document.querySelector('[data-testid={testid}]'); return e ? e.value : '';"
        ),
    )
    .await
    .ok()
    .and_then(|v| v.as_str().map(str::to_string))
    .unwrap_or_default()
}

async fn omni_is(org: &Sandbox, want: &str) -> R {
    until(&format!("Omni is {want}"), WITHIN, async || {
        org.omni_status(ADMIN_USERNAME)
            .await
            .is_ok_and(|now| now.as_deref() == Some(want))
    })
    .await
}

async fn platform_is(sim: &AcdSimulator, want: &str) -> R {
    until(&format!("the platform is {want}"), WITHIN, async || {
        sim.probe.state() == want
    })
    .await
}

/// Both sides as the presence bar shows them.
async fn bar_is(s: &Session, crm: &str, phone: &str) -> R {
    until(
        &format!("the bar shows {crm} / {phone}"),
        WITHIN,
        async || shown(s, "presence-crm").await == crm && shown(s, "presence-phone").await == phone,
    )
    .await
}

async fn story(s: &Session, org: &Sandbox, sim: &AcdSimulator) -> R {
    sign_in(s, &org.http_url, ADMIN_USERNAME).await?;

    // The contact-centre platform as the phone.
    press(s, "tab-settings").await?;
    press(s, "phone-kind-Acd").await?;
    fill(s, "phone-url", &sim.url).await?;
    fill(s, "phone-agent", "agent-42").await?;
    press(s, "phone-save").await?;
    s.wait_for("[data-testid=phone-status].on").await?;

    // The admin maps statuses in the editor and turns sync on.
    press(s, "tab-presence").await?;
    s.wait_for("[data-testid=presence-mapping-editor]").await?;
    press(s, "presence-edit-enabled").await?;
    press(s, "presence-edit-confirm-yes").await?;
    // The platform's own states are offered once it has listed them.
    let row = js(
        s,
        "return [...document.querySelectorAll('[data-testid^=presence-edit-to-phone-][data-testid$=-crm]')]
             .findIndex((e) => e.value === 'Lunch_Break')",
    )
    .await?
    .as_i64()
    .ok_or("no rule rows")?;
    assert!(row >= 0, "the org's mapping has a Lunch Break rule");
    choose(
        s,
        &format!("presence-edit-to-phone-{row}-phone"),
        "platform:Lunch",
    )
    .await?;
    let rows = js(
        s,
        "return document.querySelectorAll('[data-testid^=presence-edit-to-crm-][data-testid$=-crm]').length",
    )
    .await?
    .as_i64()
    .ok_or("no rule rows")?;
    press(s, "presence-edit-to-crm-add").await?;
    choose(
        s,
        &format!("presence-edit-to-crm-{rows}-phone"),
        "platform:Lunch",
    )
    .await?;
    choose(
        s,
        &format!("presence-edit-to-crm-{rows}-crm"),
        "Lunch_Break",
    )
    .await?;
    press(s, "presence-edit-save").await?;
    s.wait_for("[data-testid=presence-edit-saved]").await?;
    s.wait_for("[data-testid=presence-bar]").await?;
    bar_is(s, "Available_for_Calls", "Available").await?;

    // A state change on the platform moves the Omni status in the org.
    sim.probe.change_state("Lunch", WireStateCause::Agent);
    omni_is(org, "Lunch_Break").await?;
    bar_is(s, "Lunch_Break", "platform:Lunch").await?;

    // An Omni change made in Salesforce moves the platform's state.
    org.omni_change(ADMIN_USERNAME, Some("Chat_Only"), reason::SUPERVISOR)
        .await?;
    platform_is(sim, "busy").await?;
    bar_is(s, "Chat_Only", "Busy").await?;

    // A call: both On a Call while it lasts.
    let id = CallId("e2e-presence-1".into());
    sim.probe.emit(
        &id,
        &CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: true,
            queue_name: Some("Support".into()),
        },
    );
    s.phase("Ringing").await?;
    sim.probe.emit(&id, &CallSignal::Answered);
    omni_is(org, "On_a_Call").await?;
    platform_is(sim, "on_call").await?;
    bar_is(s, "On_a_Call", "OnACall").await?;
    sim.probe.emit(
        &id,
        &CallSignal::Hangup {
            reason: Some("caller hung up".into()),
            by: Some(EndedBy::FarEnd),
        },
    );
    // Its wrap-up, when Ringside logs the call, is done by the agent.
    until("the call over", WITHIN, async || {
        let form = s
            .find_all("[data-testid=auto-wrapup] [data-testid=wrapup-log]")
            .await
            .unwrap_or_default();
        if let Some(log) = form.first() {
            let _ = s.click(log).await;
        }
        s.find_all("[data-testid=wrapup]")
            .await
            .is_ok_and(|w| w.is_empty())
            && shown(s, "presence-crm").await != "On_a_Call"
    })
    .await?;
    // PRES-6: both back where the agent was before the call.
    omni_is(org, "Chat_Only").await?;
    platform_is(sim, "busy").await?;
    bar_is(s, "Chat_Only", "Busy").await?;
    s.wait_for("[data-testid=presence-sync][data-state=in-sync]")
        .await?;
    Ok(())
}
