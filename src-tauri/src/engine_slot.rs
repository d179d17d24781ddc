//! The engine as the window's commands reach it. The window is shown before
//! the engine has started (first paint waits for nothing else), so a
//! command that arrives early waits for it, and a store that cannot be
//! opened is an error the window shows instead of a silent exit.

use ringside_engine::ipc::{ErrorCode, IpcError};
use ringside_engine::EngineHandle;
use tokio::sync::watch;

type State = Option<Result<EngineHandle, String>>;

pub struct EngineSlot(watch::Receiver<State>);

/// The one side that says how the start went.
pub struct Started(watch::Sender<State>);

impl EngineSlot {
    pub fn new() -> (Started, EngineSlot) {
        let (tx, rx) = watch::channel(None);
        (Started(tx), EngineSlot(rx))
    }

    pub async fn get(&self) -> Result<EngineHandle, IpcError> {
        let mut rx = self.0.clone();
        let state = rx
            .wait_for(Option::is_some)
            .await
            .map_err(|_| IpcError::new(ErrorCode::EngineStopped, "Ringside is shutting down."))?;
        match state.as_ref() {
            Some(Ok(engine)) => Ok(engine.clone()),
            // The store could not be opened: nothing else works without it.
            Some(Err(why)) => Err(IpcError::new(ErrorCode::StoreFailed, why.clone())),
            None => Err(IpcError::new(
                ErrorCode::EngineStopped,
                "Ringside has not started.",
            )),
        }
    }
}

impl Started {
    pub fn ready(self, engine: EngineHandle) {
        let _ = self.0.send(Some(Ok(engine)));
    }

    pub fn failed(self, why: String) {
        let _ = self.0.send(Some(Err(why)));
    }
}
