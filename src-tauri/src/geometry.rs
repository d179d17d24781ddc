//! The window's size and position, kept between starts: the agent puts it
//! beside the CRM once. The file sits beside the store (each data folder
//! its own), and it is written a second after the window stops moving as
//! well as on exit, so a crash or a killed session keeps the last place.
//! Visibility is never kept: a Ringside quit from the tray opens its window
//! again.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime, Window};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

fn flags() -> StateFlags {
    StateFlags::all() - StateFlags::VISIBLE
}

pub fn plugin<R: Runtime>(data_dir: &Path) -> TauriPlugin<R> {
    // An absolute name: the plugin joins it to its config folder, which
    // leaves an absolute path as it is.
    let file = data_dir.join("window-state.json");
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(flags())
        .with_filename(file.to_string_lossy())
        .build()
}

/// Counts moves and resizes, so only the last of a drag is written.
#[derive(Default)]
pub struct Moves(AtomicU64);

/// The window moved or changed size: write its place once it settles.
pub fn moved<R: Runtime>(window: &Window<R>) {
    let Some(moves) = window.try_state::<Moves>() else {
        return;
    };
    let this = moves.0.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let latest = app.try_state::<Moves>().map(|m| m.0.load(Ordering::SeqCst));
        if latest == Some(this) {
            if let Err(e) = app.save_window_state(flags()) {
                tracing::warn!(error = %e, "the window's place could not be kept");
            }
        }
    });
}
