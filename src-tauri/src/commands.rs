//! The app's IPC commands. Everything the UI asks the engine goes through
//! `ipc`, typed end to end by the generated bindings; the language is the
//! shell's own (its tray and title speak it too).

use std::time::Instant;

use ringside_engine::ipc::{IpcError, Request, Response};

use crate::engine_slot::EngineSlot;
use tauri::{AppHandle, State};

use crate::language::{Language, LanguageChoice, Speech};

pub struct Launch(pub Instant);

/// Waits for the engine if the window asks before it has started.
#[tauri::command]
pub async fn ipc(engine: State<'_, EngineSlot>, request: Request) -> Result<Response, IpcError> {
    engine.get().await?.request(request).await
}

/// The window's first frame, once painted: what waited for it may start.
#[derive(Default)]
pub struct FirstPaint(tokio::sync::watch::Sender<bool>);

impl FirstPaint {
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<bool> {
        self.0.subscribe()
    }

    /// Until the first frame is painted, or `at_most` has passed.
    pub async fn wait(
        mut painted: tokio::sync::watch::Receiver<bool>,
        at_most: std::time::Duration,
    ) {
        if tokio::time::timeout(at_most, painted.wait_for(|p| *p))
            .await
            .is_err()
        {
            tracing::warn!("no first paint reported in time; starting anyway");
        }
    }
}

/// The UI reports its first painted frame; the launch benchmark reads this line.
#[tauri::command]
pub fn painted(launch: State<'_, Launch>, first: State<'_, FirstPaint>) {
    first.0.send_replace(true);
    let since_launch = launch.0.elapsed().as_millis();
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    tracing::info!(since_launch_ms = since_launch, epoch_ms, "first paint");
}

/// The language pick and the system's locale, for the UI's first frame.
#[tauri::command]
pub fn language(speech: State<'_, std::sync::Arc<Speech>>) -> LanguageChoice {
    speech.choice()
}

/// The agent picks a language (none: follow the system). The tray and the
/// title switch at once; a pick that cannot be saved still holds until quit.
#[tauri::command]
pub fn set_language(
    app: AppHandle,
    speech: State<'_, std::sync::Arc<Speech>>,
    chosen: Option<Language>,
) -> Result<LanguageChoice, IpcError> {
    let (choice, saved) = speech.choose(chosen);
    crate::tray::language_changed(&app);
    saved.map(|()| choice).map_err(|e| {
        IpcError::new(
            ringside_engine::ipc::ErrorCode::StoreFailed,
            format!("The language file could not be written: {e}"),
        )
    })
}

/// Quit from the window (closing it only hides or minimises it): held
/// once while finished calls are only in memory, as from the tray.
#[tauri::command]
pub fn quit(app: AppHandle) {
    crate::tray::quit(&app);
}
