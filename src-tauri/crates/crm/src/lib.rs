//! The CRM side of Ringside. This first part is the Salesforce wire format:
//! the bodies the REST API returns, parsed into types, and every failure —
//! Salesforce's error arrays, OAuth errors, and broken or hostile responses —
//! turned into a typed [`CrmError`] that never carries a token.

pub mod error;
pub mod response;
pub mod wire;

pub use error::{ApiError, CrmError};
pub use response::{classify, Body};
