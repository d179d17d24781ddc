//! Ringside's side of the CRM: the connection, the Task a call becomes, and
//! the worker that writes it.

pub mod backoff;
pub mod caller_record;
pub mod cases;
pub(crate) mod delivery;
pub mod embedded;
pub mod link;
pub mod org;
pub(crate) mod targets;
pub mod task_record;

pub use backoff::DeliveryTuning;
pub use delivery::DeliveryStatus;
pub use link::{CrmAccount, CrmLink};
