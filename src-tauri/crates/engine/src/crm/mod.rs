//! Ringside's side of the CRM: which org each call's record is for, and
//! the worker that writes it. The CRM itself is behind the ports of
//! `ringside-crm-port` (Salesforce is `ringside-salesforce`).

pub mod backoff;
pub(crate) mod connection;
pub(crate) mod delivery;
pub(crate) mod outbox;
pub mod problem;

pub use backoff::DeliveryTuning;
pub use delivery::DeliveryStatus;
pub use problem::{CrmCause, CrmProblem, NotConnectedWhy};
pub use ringside_crm_port::{CrmAccount, CrmLink, CrmProvider};
