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
            // On the main thread: the plugin holds its cache's lock while it
            // asks the window where it is, and from another thread each of
            // those questions waits on the main thread, which may itself be
            // waiting on that lock (a move event): neither would go on.
            let main = app.clone();
            let _ = app.run_on_main_thread(move || {
                if let Err(e) = main.save_window_state(flags()) {
                    tracing::warn!(error = %e, "the window's place could not be kept");
                }
            });
        }
    });
}

/// Where earlier versions kept the window's place (the config folder,
/// shared by every data folder): moved beside the store once, so an
/// upgrade keeps the agent's window where it was.
pub fn adopt_earlier(data_dir: &Path) {
    let new = data_dir.join("window-state.json");
    if new.exists() {
        return;
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".config")));
    let Some(old) = config.map(|c| c.join("app.ringside.desktop").join(".window-state.json"))
    else {
        return;
    };
    if old.exists() {
        match std::fs::copy(&old, &new) {
            Ok(_) => {
                tracing::info!(from = %old.display(), "the window's place moved beside the store")
            }
            Err(e) => tracing::warn!(error = %e, "the window's earlier place could not be read"),
        }
    }
}
