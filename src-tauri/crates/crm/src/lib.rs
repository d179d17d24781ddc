//! The CRM side of Ringside: the Salesforce wire format (bodies parsed into
//! types; every failure — error arrays, OAuth errors, broken or hostile
//! responses — a typed [`CrmError`] that never carries a token), OAuth with
//! PKCE and a loopback redirect, and the REST client.

pub mod address;
pub mod client;
pub mod error;
pub mod limit_info;
pub mod oauth;
pub mod response;
pub mod secret;
pub mod secrets;
pub mod streaming;
pub mod wire;

pub use client::{http_client, CometdReply, Credentials, SalesforceClient};
pub use error::{ApiError, CrmError};
pub use limit_info::{parse_limit_info, ApiUsage, UsageMeter};
pub use response::{classify, Body};
pub use secret::Sensitive;
pub use secrets::{Keychain, MemorySecrets, OsKeychain, SecretError, SecretKey, SecretStore};
