//! Engine events out to the window: snapshots and history refreshes as Tauri
//! events, ringing calls as desktop notifications when in the background.

use ringside_core::CallEnd;
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
                    crate::tray::follow_desk(&app, &snapshot);
                    if let Err(e) = app.emit(SNAPSHOT_EVENT, snapshot) {
                        tracing::warn!(error = %e, "could not send a snapshot to the window");
                    }
                }
                Ok(EngineEvent::HistoryChanged) => {
                    let _ = app.emit(HISTORY_EVENT, ());
                }
                Ok(EngineEvent::Ringing { remote, .. }) => {
                    // The window is asked on the main thread (asking from
                    // here waits on the event loop), and the notification,
                    // a blocking D-Bus call, is shown off both.
                    let (handle, notifier) = (app.clone(), notifier.clone());
                    let _ = app.run_on_main_thread(move || {
                        let Some(window) = handle.get_webview_window("main") else {
                            return;
                        };
                        // Hidden in the tray counts as in the background.
                        let focused = window.is_focused().unwrap_or(false)
                            && window.is_visible().unwrap_or(false);
                        let show = handle.clone();
                        alert_off_the_loop(notifier, focused, remote, move || {
                            crate::tray::show_window(&show);
                        });
                    });
                }
                Ok(EngineEvent::Finished {
                    end: Some(CallEnd::Missed | CallEnd::Abandoned),
                    ..
                }) => {
                    // Missed while the agent was looking is no news.
                    crate::tray::missed_while_away(&app);
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
