//! The engine runs the agent's desk on tokio: softphone events in, the core's
//! decisions applied and persisted, commands out to the softphone, and
//! snapshots out to whichever shell is watching (desktop app, CLI, tests).

mod actor;
pub mod admin;
pub mod caller;
pub mod clock;
pub mod crm;
pub mod demo;
mod dispatch;
mod effects;
mod handle;
pub mod ipc;
mod options;
pub mod paths;
pub mod phone;
pub mod presence;
pub mod problems;
mod records;
pub mod replay;
mod shown_numbers;

pub use actor::start;
pub use handle::{EngineEvent, EngineHandle};
pub use options::{EngineOptions, StoreLocation};
