#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Admin configuration kept in the org (CONF-1..3), in two real apps side by
//! side: an agent and an admin sign in to the same org through its login
//! page, the agent's admin settings are read-only and say who set them, the
//! admin changes one for the org, and the agent's Ringside follows within a
//! minute. Run through `scripts/e2e.sh`.

use std::time::Duration;

use ringside_e2e::org::{js, press, sign_in, until, R};
use ringside_e2e::{Harness, Session};
use ringside_sandbox::seed::{ADMIN_USERNAME, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};

async fn offered(s: &Session) -> Result<bool, Box<dyn std::error::Error>> {
    let v = js(
        s,
        "return document.querySelector('[data-testid=setting-show_do_not_save]').checked",
    )
    .await?;
    v.as_bool().ok_or_else(|| "no setting on screen".into())
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built app: run scripts/e2e.sh"]
async fn the_admin_sets_the_org_and_every_agent_follows() -> R {
    let dir = std::env::temp_dir().join(format!("ringside-e2e-org-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    // Plain HTTP: the apps accept it on the loopback only.
    let org = Sandbox::start(SandboxConfig {
        db_path: Some(dir.join("org.db")),
        ..Default::default()
    })
    .await?;
    let keychain = [("RINGSIDE_KEYCHAIN", "keyutils")];
    let agent_h = Harness::start_with("org-agent", &keychain)?;
    let admin_h = Harness::start_with("org-admin", &keychain)?;
    let agent = Session::new(&agent_h.url, &agent_h.app).await?;
    let admin = Session::new(&admin_h.url, &admin_h.app).await?;
    let result = admin_story(&agent, &admin, &org.http_url).await;
    for (who, s) in [("agent", agent), ("admin", admin)] {
        if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
            if let Ok(png) = s.screenshot().await {
                let _ = std::fs::write(format!("{dir}/org-{who}.png"), png);
            }
        }
        let _ = s.close().await;
    }
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn admin_story(agent: &Session, admin: &Session, org: &str) -> R {
    sign_in(agent, org, AGENT_USERNAME).await?;
    sign_in(admin, org, ADMIN_USERNAME).await?;

    // CONF-2: the agent reads the org's settings and cannot change them.
    press(agent, "tab-settings").await?;
    agent.wait_for("form.settings[data-mode=org-agent]").await?;
    let locked = js(
        agent,
        "return document.querySelector('[data-testid=setting-show_do_not_save]').disabled",
    )
    .await?;
    assert_eq!(locked, true, "an agent's admin settings are read-only");
    assert!(
        agent
            .find_all("[data-testid=settings-save]")
            .await?
            .is_empty(),
        "no save for an agent"
    );
    let whose = js(
        agent,
        "return document.querySelector('[data-testid=settings-source]').textContent",
    )
    .await?;
    assert!(
        whose.as_str().is_some_and(|t| t.contains("admin")),
        "says who sets them: {whose}"
    );
    let before = offered(agent).await?;

    // The admin edits the org default in Ringside and saves it for the org.
    press(admin, "tab-settings").await?;
    admin.wait_for("form.settings[data-mode=org-admin]").await?;
    assert_eq!(offered(admin).await?, before, "both read the same org");
    press(admin, "setting-show_do_not_save").await?;
    press(admin, "settings-save").await?;
    admin.wait_for("[data-testid=settings-saved]").await?;

    // CONF-3: the agent's Ringside follows within a minute (it reads the org once a minute).
    until(
        "the agent's Ringside follows the org",
        Duration::from_secs(75),
        async || offered(agent).await.is_ok_and(|now| now != before),
    )
    .await
}
