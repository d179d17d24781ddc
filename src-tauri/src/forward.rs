//! Engine events out to the window: snapshots and history refreshes as Tauri
//! events, ringing calls as desktop notifications when in the background.

use ringside_engine::{EngineEvent, EngineHandle};
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::broadcast::error::RecvError;

use crate::alert::alert_off_the_loop;
use crate::notify::Notifier;

use ringside_engine::ipc::{HISTORY_EVENT, SNAPSHOT_EVENT};

pub fn spawn(app: AppHandle, engine: EngineHandle, notifier: impl Notifier + 'static) {
    let notifier: std::sync::Arc<dyn Notifier> = std::sync::Arc::new(notifier);
    let mut events = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(EngineEvent::Snapshot(snapshot)) => {
                    if let Some(guard) = app.try_state::<crate::quit_guard::QuitGuard>() {
                        guard.set_unsaved(snapshot.unsaved_calls);
                    }
                    if let Err(e) = app.emit(SNAPSHOT_EVENT, snapshot) {
                        tracing::warn!(error = %e, "could not send a snapshot to the window");
                    }
                }
                Ok(EngineEvent::HistoryChanged) => {
                    let _ = app.emit(HISTORY_EVENT, ());
                }
                Ok(EngineEvent::Ringing { remote, .. }) => {
                    let Some(window) = app.get_webview_window("main") else {
                        continue;
                    };
                    let focused = window.is_focused().unwrap_or(false);
                    let show = window.clone();
                    // Showing a notification is a blocking D-Bus call: never
                    // on the task that forwards the desk's events.
                    alert_off_the_loop(notifier.clone(), focused, remote, move || {
                        let _ = show.unminimize();
                        let _ = show.show();
                        let _ = show.set_focus();
                    });
                }
                Ok(_) => {}
                // Missed events only cost a stale frame: the next snapshot is whole.
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(skipped = n, "window lagged behind the engine")
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}
