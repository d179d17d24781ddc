use ringside_core::redact::Pii;
use ringside_core::CallSignal;
use ringside_engine::demo::{play, DEMO_SCENARIO};
use ringside_engine::ipc::{CallControl, Request};
use ringside_engine::phone::{spawn_phone, PhoneSettings};
use ringside_engine::{start, EngineEvent, EngineOptions, StoreLocation};
use ringside_softphone::{parse_scenario, StepAction};

use crate::args::DemoOptions;

pub async fn run(opts: DemoOptions) -> anyhow::Result<()> {
    let db = match opts.db.clone() {
        Some(db) => db,
        None => ringside_engine::paths::database_path()?,
    };
    let phone = opts.phone.clone().unwrap_or_default();
    let (connector, probe) = spawn_phone(&phone).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut options = EngineOptions::new(StoreLocation::File(db.clone()));
    // The built-in sandbox CRM, started by the engine beside the store.
    options.crm = Some(std::sync::Arc::new(
        ringside_salesforce::SalesforceProvider::without_keychain(),
    ));
    options.simulator = probe.clone();
    options.phone = phone;
    // BUDGET-3: an org that runs a relay is followed, not polled.
    options.feed = Some(std::sync::Arc::new(ringside_relay::NatsFeed {
        token: std::env::var("RINGSIDE_NATS_TOKEN").ok(),
    }));
    options.reveal_pii = opts.reveal;
    if let Some(ms) = opts.retry_base_ms {
        options.delivery.retry_base_ms = ms;
    }
    if let Some(ms) = opts.retry_max_ms {
        options.delivery.retry_max_ms = ms;
        options.delivery.limit_pause_ms = ms;
    }
    let engine = start(options, connector)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the store at {}: {e}", db.display()))?;
    // What the desk would show first (a data file set aside, bad settings).
    for problem in engine
        .snapshot()
        .await
        .map(|s| s.problems)
        .unwrap_or_default()
    {
        eprintln!("ringside: {}", problem.message);
    }
    match &opts.phone {
        Some(PhoneSettings::Baresip { ctrl, dial_domain }) => println!(
            "Ringside on baresip at {ctrl} (dialling at {dial_domain}), store {}",
            db.display()
        ),
        Some(PhoneSettings::Acd { url, agent }) => println!(
            "Ringside on the contact-centre platform at {url} as {agent}, store {}",
            db.display()
        ),
        _ => println!("Ringside demo: simulated softphone, store {}", db.display()),
    }
    if opts.no_crm {
        println!("CRM: none (--no-crm); calls Ringside logs wait in the outbox");
    } else if let Some(url) = &opts.crm_url {
        let link = crate::external::external_crm(url, opts.crm_ca.as_deref()).await?;
        println!("CRM: {url} as {}", link.account.username);
        engine
            .connect_crm(link)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    } else {
        // The same path as the desktop app: the engine starts it beside the store.
        let account = crate::embedded::use_sandbox(&engine).await?;
        let dir = db
            .parent()
            .map_or_else(|| "sandbox".into(), |d| d.join("sandbox"));
        println!(
            "CRM: built-in sandbox at {} as {} (CA certificate: {})",
            account.instance_url,
            account.username,
            ringside_salesforce::embedded::ca_certificate(&dir).display()
        );
    }
    println!("Ctrl-C to stop.\n");
    let mut events = engine.subscribe();
    let scenario = match &opts.scenario {
        None => parse_scenario(DEMO_SCENARIO)?,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read scenario `{}`: {e}", path.display()))?;
            parse_scenario(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
    };
    // Calls one pass starts: with --calls N the player stops after enough
    // passes, so no call id is played twice however events are delivered.
    let per_pass = {
        let mut ids: Vec<&ringside_core::CallId> = scenario
            .steps
            .iter()
            .filter_map(|s| match &s.action {
                StepAction::Call {
                    id,
                    signal: CallSignal::Incoming { .. } | CallSignal::Dialing { .. },
                } => Some(id),
                _ => None,
            })
            .collect();
        ids.sort();
        ids.dedup();
        u32::try_from(ids.len()).unwrap_or(u32::MAX)
    };
    let player = probe.map(|probe| {
        let engine = engine.clone();
        let wanted = opts.calls;
        tokio::spawn(async move {
            let mut started = 0u32;
            loop {
                if let Err(e) = play(&engine, &probe, &scenario, opts.speed).await {
                    eprintln!("demo stopped: {e}");
                    break;
                }
                started = started.saturating_add(per_pass);
                if per_pass == 0 || wanted.is_some_and(|n| started >= n) {
                    break;
                }
            }
        })
    });
    let mut ended = 0u32;
    let mut lagged = false;
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(200));
    let mut written = 0u64;
    let mut pops: std::collections::HashMap<ringside_core::CallId, String> = Default::default();
    let reveal = opts.reveal;
    // Calls auto-answer has asked for: answered from the snapshots, so a
    // ring whose event was skipped (a lagging receiver) is answered too.
    let mut asked: std::collections::HashSet<ringside_core::CallId> = Default::default();
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            // A skipped "ended" event must not keep the demo running: it is
            // done when the player is and no call is live.
            _ = tick.tick(), if lagged && opts.calls.is_some() => {
                if player.as_ref().is_none_or(|p| p.is_finished()) && engine.snapshot().await.is_ok_and(|s| s.calls.is_empty()) {
                    break;
                }
            }
            ev = events.recv() => match ev {
                Ok(EngineEvent::Snapshot(s)) => {
                    if opts.auto_answer {
                        for c in s.calls.iter().filter(|c| c.phase == ringside_core::Phase::Ringing) {
                            if asked.insert(c.id.clone()) {
                                let action = CallControl::Answer { call_id: c.id.clone() };
                                if let Err(e) = engine.request(Request::CallControl { action }).await {
                                    println!("{:<8} could not answer: {}", c.id, e.message);
                                }
                            }
                        }
                        asked.retain(|id| s.calls.iter().any(|c| &c.id == id));
                    }
                    for pop in &s.callers {
                        let line = pop_line(pop, reveal);
                        if pops.get(&pop.call_id) != Some(&line) {
                            println!("{:<8} {line}", pop.call_id);
                            pops.insert(pop.call_id.clone(), line);
                        }
                    }
                    pops.retain(|id, _| s.callers.iter().any(|p| &p.call_id == id));
                    if s.delivery.written > written {
                        written = s.delivery.written;
                        println!("crm      Task written ({written} writes so far, {} waiting)", s.delivery.pending + s.delivery.failed);
                    }
                }
                Ok(EngineEvent::Phase { call_id, phase, remote, checkbox_visible, do_not_log }) => {
                    let cb = match (checkbox_visible, do_not_log) {
                        (false, _) => "checkbox hidden",
                        (true, false) => "checkbox shown, unticked",
                        (true, true) => "checkbox shown, TICKED",
                    };
                    println!("{call_id:<8} {:<9} {}  {cb}", phase.as_str(), Pii { value: &remote, reveal });
                }
                Ok(EngineEvent::Checkbox { call_id, visible, ticked }) => {
                    println!("{call_id:<8} checkbox {}, {}", if visible { "shown" } else { "hidden" }, if ticked { "TICKED" } else { "unticked" });
                }
                Ok(EngineEvent::Finished { call_id, phase, reason, .. }) => {
                    println!("{call_id:<8} {:<9} {}\n", phase.as_str(), reason.describe());
                    ended += 1;
                    if opts.calls.is_some_and(|n| ended >= n) {
                        break;
                    }
                }
                Ok(EngineEvent::Anomaly { call_id, message }) => println!("{call_id:<8} ignored: {message}"),
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    eprintln!("(skipped {n} events)");
                    lagged = true;
                }
                Err(_) => break,
            }
        }
    }
    if let Some(player) = player {
        player.abort();
    }
    if !opts.no_crm {
        settle(&engine, opts.settle_secs, written).await;
    }
    engine.shutdown().await;
    println!("{ended} calls ended.");
    Ok(())
}

/// Before exiting, give the outbox a few seconds to reach the CRM; what is
/// left is kept and written on the next start.
async fn settle(engine: &ringside_engine::EngineHandle, secs: u64, mut written: u64) {
    use ringside_engine::caller::MatchState;
    use ringside_store::Delivery;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(secs);
    while tokio::time::Instant::now() < deadline {
        let snapshot = engine.snapshot().await;
        // Writes made while settling are reported like those before.
        if let Ok(s) = &snapshot {
            if s.delivery.written > written {
                written = s.delivery.written;
                println!(
                    "crm      Task written ({written} writes so far, {} waiting)",
                    s.delivery.pending + s.delivery.failed
                );
            }
        }
        match snapshot {
            // Also wait for screen pops still asking the CRM: their answer
            // can make a Task due again (its caller).
            Ok(s)
                if s.delivery.pending + s.delivery.failed == 0
                    && !s.delivery.counting
                    && !s.callers.iter().any(|p| {
                        matches!(p.state, MatchState::Searching | MatchState::Creating { .. })
                    }) =>
            {
                let logged = engine
                    .history(1_000)
                    .await
                    .map(|h| {
                        h.iter()
                            .filter(|e| matches!(e.delivery, Some(Delivery::Logged { .. })))
                            .count()
                    })
                    .unwrap_or(0);
                println!(
                    "CRM: {logged} call(s) logged as Tasks ({} writes), nothing waiting",
                    s.delivery.written
                );
                return;
            }
            Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            Err(_) => return,
        }
    }
    if let Ok(s) = engine.snapshot().await {
        println!(
            "CRM: {} write(s) still waiting; they are kept for the next start",
            s.delivery.pending + s.delivery.failed
        );
    }
}

/// The screen pop in a line; names as initials unless revealed.
fn pop_line(pop: &ringside_engine::caller::CallerMatch, reveal: bool) -> String {
    use ringside_engine::caller::MatchState;
    let name = |n: &str| {
        if reveal {
            n.to_string()
        } else {
            ringside_core::redact::redact_name(n)
        }
    };
    match &pop.state {
        MatchState::Found => {
            let chosen = pop
                .candidates
                .iter()
                .find(|c| Some(&c.id) == pop.chosen.as_ref());
            let who = chosen.map_or_else(
                || "?".into(),
                |c| format!("{} ({:?})", name(&c.name), c.kind),
            );
            match pop.candidates.len() {
                1 => format!("caller    {who}"),
                n => format!("caller    {who}, 1 of {n} matches"),
            }
        }
        MatchState::Searching => "caller    not in the local copy; searching the CRM".into(),
        MatchState::NotFound { reason: None } => "caller    unknown".into(),
        MatchState::NotFound { reason: Some(r) } => format!("caller    unknown ({r})"),
        MatchState::Creating { object } => format!("caller    unknown; creating a {object}"),
        MatchState::NoNumber => "caller    no number".into(),
    }
}
