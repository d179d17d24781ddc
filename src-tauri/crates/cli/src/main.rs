//! `ringside`: the headless face of Ringside.

mod acd_sim;
mod args;
mod embedded;
mod external;
mod relay;
mod run_demo;
mod sandbox;
mod sync;

use std::process::ExitCode;

use args::{Command, USAGE};
use ringside_core::Settings;
use ringside_engine::replay::replay;
use ringside_softphone::{parse_scenario, Scenario};

fn main() -> ExitCode {
    init_logging();
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ringside: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Replay { file, reveal } => run_replay(&file, reveal),
        Command::RunDemo(opts) => block_on(run_demo::run(opts)),
        Command::Sandbox(opts) => block_on(sandbox::run(opts)),
        Command::Sync(opts) => block_on(sync::run(opts)),
        Command::AcdSim(opts) => block_on(acd_sim::run(opts)),
        Command::Relay(opts) => block_on(relay::run(opts)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ringside: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The commands that serve or connect run on two worker threads.
fn block_on(work: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(work)
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RINGSIDE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

fn run_replay(file: &str, reveal: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read scenario `{file}`: {e}"))?;
    let scenario: Scenario = parse_scenario(&text).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    let (lines, summary) = replay(&scenario, Settings::default(), reveal);
    for line in lines {
        println!("{line}");
    }
    println!("{summary}");
    Ok(())
}
