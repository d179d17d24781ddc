//! The engine runs the agent's desk on tokio: softphone events in, the core's
//! decisions applied and persisted, commands out to the softphone, and
//! snapshots out to whichever shell is watching (desktop app, CLI, tests).

mod actor;
mod apply;
pub mod caller;
pub mod clock;
mod connect;
pub mod crm;
pub mod demo;
mod handle;
pub mod ipc;
pub mod paths;
pub mod phone;
pub mod problems;
mod progress;
pub mod replay;
mod unsaved;

pub use actor::{start, EngineOptions, StoreLocation};
pub use handle::{EngineEvent, EngineHandle};
