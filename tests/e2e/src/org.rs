//! What the tests that sign in to an org share: pressing and filling by
//! test id, waiting, and signing in through the org's login page as a
//! browser would.

use std::time::{Duration, Instant};

use crate::driver::free_port;
use crate::Session;

pub type R = Result<(), Box<dyn std::error::Error>>;

pub async fn js(
    s: &Session,
    script: &str,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(s.execute(script).await?)
}

pub async fn press(s: &Session, testid: &str) -> R {
    s.wait_for(&format!("[data-testid={testid}]")).await?;
    js(
        s,
        &format!("document.querySelector('[data-testid={testid}]').click(); return true;"),
    )
    .await?;
    Ok(())
}

/// Sets an input's value as typing would (Svelte listens for `input`).
pub async fn fill(s: &Session, testid: &str, value: &str) -> R {
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

pub async fn until(what: &str, within: Duration, mut check: impl AsyncFnMut() -> bool) -> R {
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
pub async fn play_browser(url: &str, username: &str) -> R {
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
pub async fn sign_in(s: &Session, org: &str, username: &str) -> R {
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
