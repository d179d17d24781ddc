//! The org relay (BUDGET-3): for a large contact centre, one service per
//! org copies the CRM's callers once and follows its change events, and
//! every desktop follows the relay's stream on NATS JetStream instead of
//! polling the CRM. See `docs/ARCHITECTURE.md`, "The org relay".

pub mod cdc;
pub mod checkpoint;
pub mod consumer;
pub mod crm_read;
pub mod feed;
pub mod lease;
pub mod names;
pub mod relay;
pub mod sink;
pub mod streams;
pub mod wire;

pub use consumer::{follow, Following};
pub use feed::NatsFeed;
pub use names::Names;
pub use relay::{run, RelayConfig, RelayStats};
pub use sink::{MemorySink, Sink, StoreSink};
pub use wire::Change;

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error("the relay is misconfigured: {0}")]
    Config(String),
    #[error("JetStream: {0}")]
    Nats(String),
    #[error("the CRM: {0}")]
    Crm(String),
    #[error("{0}")]
    Event(String),
    #[error("another relay holds the org's lease")]
    LeaseLost,
    #[error("{0}")]
    Sink(sink::SinkError),
}
