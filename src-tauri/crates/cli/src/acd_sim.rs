//! `ringside acd-sim`: a contact-centre platform on 127.0.0.1 speaking the
//! ACD event socket (docs/ACD-PROTOCOL.md). It plays the demo day's phone
//! events (or a scenario file's) to every connected Ringside, pass after
//! pass, and prints the do-not-log flags and commands it receives.

use std::time::Duration;

use ringside_core::CallId;
use ringside_engine::demo::DEMO_SCENARIO;
use ringside_softphone::acd::simulator::start_acd_simulator;
use ringside_softphone::{parse_scenario, StepAction};

use crate::args::AcdSimOptions;

pub async fn run(opts: AcdSimOptions) -> anyhow::Result<()> {
    let scenario = match &opts.scenario {
        None => parse_scenario(DEMO_SCENARIO)?,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read scenario `{}`: {e}", path.display()))?;
            parse_scenario(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
    };
    let sim = start_acd_simulator(([127, 0, 0, 1], opts.port).into())
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
    println!("ACD simulator: {} (subprotocol ringside.acd.v1)", sim.url);
    println!(
        "Connect Ringside: ringside run --acd {} --agent agent-42",
        sim.url
    );
    println!("Calls start once a Ringside is connected. Ctrl-C to stop.\n");
    let probe = sim.probe.clone();
    let player = tokio::spawn(async move {
        let mut pass = 0u32;
        loop {
            while probe.sessions() == 0 {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            pass += 1;
            for step in &scenario.steps {
                let ms = (step.delay_ms as f64 / opts.speed).round() as u64;
                tokio::time::sleep(Duration::from_millis(ms)).await;
                // Only the phone's part: the agent's own steps are Ringside's.
                if let StepAction::Call { id, signal } = &step.action {
                    probe.emit(&CallId(format!("p{pass}-{}", id.0)), signal);
                }
            }
            if opts.passes.is_some_and(|n| pass >= n) {
                break;
            }
        }
    });
    let mut seen = 0usize;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = tick.tick() => {
                let commands = sim.probe.commands();
                for c in commands.iter().skip(seen) {
                    println!("from Ringside: {}", ringside_softphone::acd::protocol::encode(c));
                }
                seen = commands.len();
                if player.is_finished() {
                    break;
                }
            }
        }
    }
    player.abort();
    let flags = sim.probe.flags();
    println!("\n{} do-not-log flag(s) received.", flags.len());
    Ok(())
}
