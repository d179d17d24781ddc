// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod alert;
mod commands;
mod forward;
mod notify;
mod setup;

fn main() {
    let launched = std::time::Instant::now();
    setup::init_logging();
    if let Err(e) = setup::run(launched) {
        eprintln!("Ringside could not start: {e}");
        std::process::exit(1);
    }
}
