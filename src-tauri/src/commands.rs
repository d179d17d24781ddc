//! The app's two IPC commands. Everything the UI asks goes through `ipc`,
//! typed end to end by the generated bindings.

use std::time::Instant;

use ringside_engine::ipc::{IpcError, Request, Response};
use ringside_engine::EngineHandle;
use tauri::State;

pub struct Launch(pub Instant);

#[tauri::command]
pub async fn ipc(engine: State<'_, EngineHandle>, request: Request) -> Result<Response, IpcError> {
    engine.request(request).await
}

/// The UI reports its first painted frame; the launch benchmark reads this line.
#[tauri::command]
pub fn painted(launch: State<'_, Launch>) {
    let since_launch = launch.0.elapsed().as_millis();
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    tracing::info!(since_launch_ms = since_launch, epoch_ms, "first paint");
}
