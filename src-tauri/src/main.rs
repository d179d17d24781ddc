// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod alert;
mod commands;
mod desk_lines;
mod engine_slot;
mod forward;
mod geometry;
mod global_keys;
mod language;
mod notify;
mod quit_guard;
mod setup;
mod shell_text;
#[cfg(unix)]
mod single_instance;
mod tray;
mod tray_host;

fn main() {
    let launched = std::time::Instant::now();
    tune_webkit();
    setup::init_logging();
    if let Err(e) = setup::run(launched) {
        eprintln!("Ringside could not start: {e}");
        std::process::exit(1);
    }
}

/// WebKitGTK's accelerated compositing buys this static UI nothing, and where
/// there is no GPU it runs through software GL at a cost of ~85 MB and ~100 ms
/// to first paint (docs/BENCHMARKS.md). Off unless `RINGSIDE_GPU=1` or the
/// user chose a value. Without compositing the DMA-BUF renderer has nothing
/// to do, and setting up its GPU buffers costs the window ~5 MB: off too.
/// Runs first, while the process has a single thread.
fn tune_webkit() {
    #[cfg(target_os = "linux")]
    if !std::env::var("RINGSIDE_GPU").is_ok_and(|v| v == "1") {
        for name in [
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            "WEBKIT_DISABLE_DMABUF_RENDERER",
        ] {
            if std::env::var_os(name).is_none() {
                std::env::set_var(name, "1");
            }
        }
    }
    // JavaScriptCore's optimising tiers (DFG, FTL) pay off for long-running
    // hot loops; this UI redraws a snapshot at a time and never has one, and
    // they hold ~5 MB in the page's process. The quick baseline JIT stays.
    // (Whatever `RINGSIDE_GPU` says: this is about code, not drawing.)
    #[cfg(target_os = "linux")]
    for name in ["JSC_useDFGJIT", "JSC_useFTLJIT"] {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, "0");
        }
    }
}
