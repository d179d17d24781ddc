//! Salesforce behind Ringside's CRM ports (`ringside-crm-port`): contacts
//! are synced and searched with the contact crate's Salesforce sync, calls
//! become Tasks keyed by `Ringside_Call_Id__c` (or by CallObject and a
//! marker where the org lacks the field), unknown callers become Leads or
//! Contacts, and cases come from the org's Case object. Sign-in is the
//! OAuth web-server flow with PKCE; the built-in sandbox speaks the same
//! wire and runs in-process for the demo.

mod adapter;
pub mod admin_config;
pub mod budget;
pub mod caller_record;
pub mod cases;
pub mod embedded;
mod errors;
pub mod link;
pub mod list_views;
pub mod org;
pub mod presence;
pub mod presence_config;
mod provider;
pub mod task_record;
mod writes;

pub use errors::port_error;
pub use link::SalesforceCrm;
pub use provider::SalesforceProvider;
