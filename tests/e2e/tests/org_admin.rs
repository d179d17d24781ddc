#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Admin configuration kept in the org (CONF-1..3), in two real apps side by
//! side: an agent and an admin sign in to the same org through its login
//! page, the agent's admin settings are read-only and say who set them, the
//! admin changes one for the org, and the agent's Ringside follows within a
//! minute. Run through `scripts/e2e.sh`.

use std::time::{Duration, Instant};

use ringside_e2e::driver::free_port;
use ringside_e2e::{Harness, Session};
use ringside_sandbox::seed::{ADMIN_USERNAME, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};

type R = Result<(), Box<dyn std::error::Error>>;

async fn js(s: &Session, script: &str) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(s.execute(script).await?)
}

async fn press(s: &Session, testid: &str) -> R {
    s.wait_for(&format!("[data-testid={testid}]")).await?;
    js(
        s,
        &format!("document.querySelector('[data-testid={testid}]').click(); return true;"),
    )
    .await?;
    Ok(())
}

/// Sets an input's value as typing would (Svelte listens for `input`).
async fn fill(s: &Session, testid: &str, value: &str) -> R {
    s.wait_for(&format!("[data-testid={testid}]")).await?;
    js(
        s,
        &format!(
            "const e = document.querySelector('[data-testid={testid}]');
             e.value = {value:?}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;"
        ),
    )
    .await?;
    Ok(())
}

async fn until(what: &str, within: Duration, mut check: impl AsyncFnMut() -> bool) -> R {
    let deadline = Instant::now() + within;
    while !check().await {
        if Instant::now() > deadline {
            return Err(format!("never: {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

/// The agent at the org's login page, as a browser would: the address the
/// app shows (no browser opens here), the form, then the redirect back.
async fn play_browser(url: &str, username: &str) -> R {
    let web = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    assert_eq!(web.get(url).send().await?.status(), 200, "the login page");
    let parsed = reqwest::Url::parse(url)?;
    let param = |name: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let base = url.split("/services/oauth2").next().unwrap_or_default();
    let answer = web
        .post(format!("{base}/services/oauth2/authorize"))
        .form(&[
            ("client_id", param("client_id")),
            ("redirect_uri", param("redirect_uri")),
            ("code_challenge", param("code_challenge")),
            ("state", param("state")),
            ("username", username.to_string()),
            ("password", "ringside".to_string()),
        ])
        .send()
        .await?;
    let back = answer
        .headers()
        .get("location")
        .ok_or("the login page did not send the browser back")?
        .to_str()?
        .to_string();
    web.get(back).send().await?;
    Ok(())
}

/// Leaves the built-in CRM and signs in to the org as `username`.
async fn sign_in(s: &Session, org: &str, username: &str) -> R {
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;
    press(s, "tab-crm").await?;
    press(s, "connect-disconnect").await?;
    press(s, "connect-disconnect-confirm").await?;
    fill(s, "connect-url", org).await?;
    fill(s, "connect-port", &free_port()?.to_string()).await?;
    press(s, "connect-sign-in").await?;
    s.wait_for("[data-testid=connect-link-url]").await?;
    let link = js(
        s,
        "return document.querySelector('[data-testid=connect-link-url]').value",
    )
    .await?;
    play_browser(link.as_str().ok_or("no sign-in address")?, username).await?;
    until("signed in to the org", Duration::from_secs(15), async || {
        js(s, "const u = document.querySelector('[data-testid=connect-user]'); return u ? u.textContent : ''")
            .await
            .is_ok_and(|t| t.as_str().is_some_and(|t| t.contains(username)))
    })
    .await
}

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
