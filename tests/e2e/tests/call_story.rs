#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The real app under Xvfb, driven like an agent would: run through
//! `scripts/e2e.sh` (it starts the display and the session bus).

use ringside_e2e::{Harness, Session};

type R = Result<(), Box<dyn std::error::Error>>;

async fn phase(s: &Session, want: &str) -> R {
    s.wait_for(&format!("[data-testid=call-phase][data-phase={want}]"))
        .await?;
    Ok(())
}

async fn checkbox_ticked(s: &Session) -> Result<bool, Box<dyn std::error::Error>> {
    let b = s.wait_for("[data-testid=do-not-log]").await?;
    Ok(s.selected(&b).await?)
}

/// Waits until the checkbox shows `want` (the UI updates from the engine's snapshot).
async fn checkbox_becomes(s: &Session, want: bool) -> R {
    for _ in 0..100 {
        if checkbox_ticked(s).await? == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("checkbox never became {want}").into())
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the built app: run scripts/e2e.sh"]
async fn dnl_story_in_the_real_app() -> R {
    let h = Harness::start("story")?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = story(&s).await;
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        if let Ok(png) = s.screenshot().await {
            std::fs::write(format!("{dir}/e2e-end.png"), png)?;
        }
    }
    s.close().await?;
    result
}

/// The phone from the keyboard and the dial screens: system-wide keys (an
/// X key press, as from any window), the dial pad, a contact found by name,
/// and a call back from history.
#[tokio::test]
#[ignore = "needs a display, tauri-driver, xdotool and the built app: run scripts/e2e.sh"]
async fn phone_controls_in_the_real_app() -> R {
    let h = Harness::start("controls")?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = controls(&s).await;
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        if let Ok(png) = s.screenshot().await {
            std::fs::write(format!("{dir}/e2e-controls-end.png"), png)?;
        }
    }
    s.close().await?;
    result
}

/// Presses keys on the X display, as the agent would in any window.
fn press(keys: &str) -> R {
    let ok = std::process::Command::new("xdotool")
        .args(["key", "--clearmodifiers", keys])
        .status()
        .map_err(|e| format!("xdotool: {e} (Debian package xdotool)"))?
        .success();
    if ok {
        Ok(())
    } else {
        Err(format!("xdotool could not press {keys}").into())
    }
}

async fn controls(s: &Session) -> R {
    s.wait_for("[data-testid=no-call]").await?;
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;
    s.click(&s.wait_for("[data-testid=demo-incoming]").await?)
        .await?;
    phase(s, "Ringing").await?;
    press("ctrl+alt+a")?;
    phase(s, "Answered").await?;
    press("ctrl+alt+h")?;
    phase(s, "Hold").await?;
    press("ctrl+alt+h")?;
    phase(s, "Answered").await?;
    press("ctrl+alt+d")?;
    checkbox_becomes(s, true).await?;
    press("ctrl+alt+e")?;
    s.wait_for("[data-testid=no-call]").await?;
    s.wait_for("[data-testid=history-row][data-reason=AgentChoseDoNotLog]")
        .await?;

    // The dial pad: typed digits, then Call (phase Outbound).
    s.click(&s.wait_for("[data-testid=tab-dial]").await?)
        .await?;
    let number = s.wait_for("[data-testid=dial-number]").await?;
    s.keys(&number, "+4930901820").await?;
    s.click(&s.wait_for("[data-testid=dial-call]").await?)
        .await?;
    phase(s, "Outbound").await?;
    let text = s
        .text(&s.wait_for("[data-testid=call-number]").await?)
        .await?;
    assert_eq!(
        text, "+49 30 901820",
        "another country's number, internationally"
    );
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    s.wait_for("[data-testid=no-call]").await?;

    // Find a synced contact by name and call it: bound to that record (MATCH-5).
    let query = s.wait_for("[data-testid=contact-query]").await?;
    s.keys(&query, "Grace").await?;
    let first = s.wait_for("[data-testid=contact-result] strong").await?;
    let who = s.text(&first).await?;
    assert!(who.starts_with("Grace "), "{who}");
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        std::fs::write(format!("{dir}/dial.png"), s.screenshot().await?)?;
    }
    s.click(&s.wait_for("[data-testid=contact-call]").await?)
        .await?;
    phase(s, "Outbound").await?;
    let pop = s
        .wait_for("[data-testid=caller-pop][data-state=Found] [data-testid=caller-match]")
        .await?;
    let shown = s.text(&pop).await?;
    assert!(shown.contains(&who), "MATCH-5: {shown} / {who}");
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    s.wait_for("[data-testid=no-call]").await?;

    // A call back from history is a Dialback (DNL-2 shows the checkbox).
    s.click(&s.wait_for("[data-testid=tab-history]").await?)
        .await?;
    s.click(
        &s.wait_for("[data-testid=history-row][data-reason=AgentChoseDoNotLog] [data-testid=history-call-back]")
            .await?,
    )
    .await?;
    phase(s, "Dialback").await?;
    assert!(!checkbox_ticked(s).await?, "offered, unticked");
    press("ctrl+alt+e")?;
    s.wait_for("[data-testid=no-call]").await?;
    Ok(())
}

/// "Done when": a user with baresip points Ringside at it in the settings,
/// and every call is tracked and controlled from the app. Two real baresip
/// instances on loopback: the customer's, driven directly, and the agent's,
/// driven by the app through its ctrl_tcp.
#[tokio::test]
#[ignore = "needs a display, tauri-driver, baresip and the built app: run scripts/e2e.sh"]
async fn baresip_in_the_real_app() -> R {
    use ringside_softphone::baresip::testkit::{sip_port, tcp_port, Phone};
    let (a_sip, c_sip) = (sip_port(), sip_port());
    let agent = Phone::start("agent", a_sip, tcp_port(), Phone::rtp_base(a_sip, 21000));
    let customer = Phone::start(
        "+13105550100",
        c_sip,
        tcp_port(),
        Phone::rtp_base(c_sip, 31000),
    );
    let h = Harness::start("baresip")?;
    let s = Session::new(&h.url, &h.app).await?;
    let result = on_baresip(&s, &agent, &customer).await;
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        if let Ok(png) = s.screenshot().await {
            std::fs::write(format!("{dir}/e2e-baresip-end.png"), png)?;
        }
    }
    s.close().await?;
    result
}

async fn on_baresip(
    s: &Session,
    agent: &ringside_softphone::baresip::testkit::Phone,
    customer: &ringside_softphone::baresip::testkit::Phone,
) -> R {
    use ringside_softphone::baresip::testkit::Driver;
    s.wait_for("[data-testid=no-call]").await?;
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;
    // Admin settings → Softphone → baresip.
    s.click(&s.wait_for("[data-testid=tab-settings]").await?)
        .await?;
    s.click(&s.wait_for("[data-testid=phone-kind-Baresip]").await?)
        .await?;
    let ctrl = s.wait_for("[data-testid=phone-ctrl]").await?;
    s.clear(&ctrl).await?;
    s.keys(&ctrl, &format!("127.0.0.1:{}", agent.ctrl)).await?;
    let domain = s.wait_for("[data-testid=phone-dial-domain]").await?;
    s.keys(&domain, &format!("127.0.0.1:{}", customer.sip))
        .await?;
    s.click(&s.wait_for("[data-testid=phone-save]").await?)
        .await?;
    // The simulator was already on: wait for the switch, not just "on".
    let phone = s
        .wait_for("[data-testid=phone][data-name=baresip].on")
        .await?;
    assert_eq!(s.text(&phone).await?, "Phone: baresip");
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        std::fs::write(format!("{dir}/softphone.png"), s.screenshot().await?)?;
    }
    s.click(&s.wait_for("[data-testid=tab-history]").await?)
        .await?;

    // The customer calls: it rings in the app, with the caller's record.
    let mut cust = Driver::connect(customer.ctrl).await;
    cust.send("dial", Some(&format!("sip:agent@127.0.0.1:{}", agent.sip)))
        .await;
    phase(s, "Ringing").await?;
    let number = s
        .text(&s.wait_for("[data-testid=call-number]").await?)
        .await?;
    assert_eq!(number, "(310) 555-0100", "in the national display format");
    s.wait_for("[data-testid=caller-pop][data-state=Found]")
        .await?;
    s.click(&s.wait_for("[data-testid=answer]").await?).await?;
    phase(s, "Answered").await?;
    cust.event("CALL_ESTABLISHED").await;
    s.click(&s.wait_for("[data-testid=hold]").await?).await?;
    phase(s, "Hold").await?;
    s.click(&s.wait_for("[data-testid=resume]").await?).await?;
    phase(s, "Answered").await?;
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    s.wait_for("[data-testid=no-call]").await?;
    cust.event("CALL_CLOSED").await;
    let row = s
        .wait_for(
            "[data-testid=history-row][data-reason=CompanionLogs] [data-testid=history-record]",
        )
        .await?;
    assert!(s.text(&row).await?.starts_with("CRM record 00T"));

    // Call back from history: a dialback through baresip, answered by the
    // customer, hung up with the system-wide key.
    s.click(&s.wait_for("[data-testid=history-call-back]").await?)
        .await?;
    phase(s, "Dialback").await?;
    cust.event("CALL_INCOMING").await;
    cust.send("accept", None).await;
    phase(s, "Answered").await?;
    press("ctrl+alt+e")?;
    s.wait_for("[data-testid=no-call]").await?;
    cust.event("CALL_CLOSED").await;
    let rows = s.find_all("[data-testid=history-row]").await?;
    assert_eq!(rows.len(), 2, "both calls in history");
    Ok(())
}

async fn story(s: &Session) -> R {
    // STATE-3: the open window is a logged-in companion.
    s.wait_for("[data-testid=no-call]").await?;
    let companion = s.wait_for("[data-testid=companion-login]").await?;
    for _ in 0..50 {
        if s.text(&companion).await?.contains("logged in") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(s.text(&companion).await?, "Ringside: logged in");
    // The built-in sandbox CRM answers caller searches from here on.
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;

    // A simulated call rings: the checkbox is there, unticked (DNL-1, DNL-2, DNL-5).
    s.click(&s.wait_for("[data-testid=demo-incoming]").await?)
        .await?;
    phase(s, "Ringing").await?;
    let call = s.wait_for("[data-testid=active-call]").await?;
    let call_id = s
        .attribute(&call, "data-call-id")
        .await?
        .ok_or("no call id")?;
    assert!(!checkbox_ticked(s).await?);
    pick_another_caller(s).await?;

    // The agent ticks it (DNL-3).
    s.click(&s.wait_for("[data-testid=do-not-log]").await?)
        .await?;
    checkbox_becomes(s, true).await?;

    // Answer, hold: still shown on hold, still ticked (DNL-2).
    s.click(&s.wait_for("[data-testid=answer]").await?).await?;
    phase(s, "Answered").await?;
    s.click(&s.wait_for("[data-testid=hold]").await?).await?;
    phase(s, "Hold").await?;
    assert!(checkbox_ticked(s).await?, "ticked and visible on hold");
    if let Ok(dir) = std::env::var("RINGSIDE_SCREENSHOT_DIR") {
        std::fs::write(format!("{dir}/on-hold.png"), s.screenshot().await?)?;
    }
    s.click(&s.wait_for("[data-testid=resume]").await?).await?;
    phase(s, "Answered").await?;
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    s.wait_for("[data-testid=no-call]").await?;

    // History: not logged, by the agent's choice (DNL-4, DNL-8, WRAP-5).
    let row = s
        .wait_for(&format!(
            "[data-testid=history-row][data-call-id='{call_id}'][data-reason=AgentChoseDoNotLog]"
        ))
        .await?;
    let text = s.text(&row).await?;
    assert!(text.contains("Not logged"), "{text}");
    assert!(text.contains("you ticked"), "{text}");

    // The next call: unticked again (DNL-5); keyboard toggling works too.
    s.click(&s.wait_for("[data-testid=demo-incoming]").await?)
        .await?;
    phase(s, "Ringing").await?;
    assert!(!checkbox_ticked(s).await?, "DNL-5: reset after the call");
    let b = s.wait_for("[data-testid=do-not-log]").await?;
    s.keys(&b, " ").await?;
    checkbox_becomes(s, true).await?;
    let b = s.wait_for("[data-testid=do-not-log]").await?;
    s.keys(&b, " ").await?;
    checkbox_becomes(s, false).await?;
    // MATCH-2: nobody has this number: a new Lead is made for the caller.
    let pop = s
        .wait_for("[data-testid=caller-pop][data-state=Found] [data-testid=caller-match]")
        .await?;
    let text = s.text(&pop).await?;
    assert!(
        text.contains("Caller +13108675309") && text.contains("Lead"),
        "{text}"
    );
    s.click(&s.wait_for("[data-testid=hangup]").await?).await?;
    let row = s
        .wait_for("[data-testid=history-row][data-reason=CompanionLogs]")
        .await?;
    let text = s.text(&row).await?;
    assert!(text.contains("Caller +13108675309"), "MATCH-7: {text}");
    wrap_up_in_the_built_in_crm(s).await?;

    // The first call was kept out by mistake: logged from history, once.
    s.click(
        &s.wait_for("[data-testid=history-row][data-reason=AgentChoseDoNotLog] [data-testid=history-log-afterwards]")
            .await?,
    )
    .await?;
    let record = s
        .wait_for(&format!(
            "[data-testid=history-row][data-call-id='{call_id}'][data-reason=LoggedAfterwards] [data-testid=history-record]"
        ))
        .await?;
    assert!(s.text(&record).await?.starts_with("CRM record 00T"));
    assert!(s
        .find_all("[data-testid=history-log-afterwards]")
        .await?
        .is_empty());
    Ok(())
}

/// MATCH-4: the first demo caller's number is on a Contact and a Lead. The
/// picker opens on the first created; the arrow key picks the other.
async fn pick_another_caller(s: &Session) -> R {
    if let Err(e) = s.wait_for("[data-testid=caller-picker]").await {
        // Say what the pop showed instead.
        let pop = match s.find_all("[data-testid=caller-pop]").await?.first() {
            Some(p) => format!(
                "{:?}: {}",
                s.attribute(p, "data-state").await?,
                s.text(p).await?
            ),
            None => "no pop".into(),
        };
        return Err(format!("{e}; the pop showed {pop}").into());
    }
    let radios = s.find_all("[data-testid=caller-option] input").await?;
    assert_eq!(radios.len(), 2, "a Contact and a Lead share the number");
    assert!(
        s.selected(&radios[0]).await?,
        "the first created is the default"
    );
    // WebDriver's ArrowDown: the radio group moves to, and chooses, the next.
    s.keys(&radios[0], "\u{E015}").await?;
    for _ in 0..50 {
        let radios = s.find_all("[data-testid=caller-option] input").await?;
        if radios.len() == 2 && s.selected(&radios[1]).await? {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("the arrow key did not pick the other caller".into())
}

/// The logged call becomes a Task in the built-in sandbox CRM (through the
/// real Salesforce client over HTTPS); WRAP-1 then updates that Task.
async fn wrap_up_in_the_built_in_crm(s: &Session) -> R {
    s.wait_for("[data-testid=crm-status][data-state=Connected]")
        .await?;
    let row = "[data-testid=history-row][data-reason=CompanionLogs]";
    let record = s
        .wait_for(&format!("{row} [data-testid=history-record]"))
        .await?;
    let text = s.text(&record).await?;
    assert!(text.starts_with("CRM record 00T"), "{text}");
    // The wrap-up opened by itself when the call ended. The codes arrive
    // from the engine; pick one from the keyboard (a click would open
    // WebKit's native pop-up menu), then type notes.
    let form = "[data-testid=auto-wrapup]";
    let option = s
        .wait_for(&format!(
            "{form} [data-testid=wrapup-disposition] option:nth-child(3)"
        ))
        .await?;
    let label = s.text(&option).await?;
    let select = s
        .wait_for(&format!("{form} [data-testid=wrapup-disposition]"))
        .await?;
    s.keys(&select, &label[..1]).await?;
    let notes = s
        .wait_for(&format!("{form} [data-testid=wrapup-notes]"))
        .await?;
    s.keys(&notes, "Wants a callback").await?;
    s.click(
        &s.wait_for(&format!("{form} [data-testid=wrapup-log]"))
            .await?,
    )
    .await?;
    s.wait_gone("[data-testid=wrapup]").await?;
    let summary = s
        .wait_for(&format!("{row} [data-testid=history-wrapup]"))
        .await?;
    assert_eq!(s.text(&summary).await?, label);
    // Written again under the same record id: updated, not doubled.
    let again = s
        .wait_for(&format!("{row} [data-testid=history-record]"))
        .await?;
    assert_eq!(s.text(&again).await?, text);
    Ok(())
}
