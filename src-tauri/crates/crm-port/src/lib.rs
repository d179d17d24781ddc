//! The ports a CRM adapter implements for the engine. The engine knows a
//! CRM only through these: a [`ContactSource`] fills the local contact
//! store and searches by number, an [`ActivityWriter`] writes each call's
//! record idempotently by Ringside's external id, and what only some CRMs
//! have ([`Cases`], [`AdminConfig`], [`Presence`], [`ListViews`]) are optional
//! capabilities a [`Crm`] may offer; a [`ContactFeed`] follows an org relay
//! instead of polling. A [`CrmProvider`] signs in, reconnects,
//! disconnects and starts a built-in CRM. Salesforce is one adapter
//! (`ringside-salesforce`); the engine's tests run a second, in memory.

mod account;
mod activity;
mod admin;
mod budget;
mod capabilities;
mod contacts;
mod error;
mod feed;
mod link;
mod provider;

pub use account::{CrmAccount, OrgTarget, SavedAccount};
pub use activity::{ActivityWriter, NewCaller, WriteOutcome};
pub use admin::{AdminConfig, OrgConfig, OrgDisposition};
pub use budget::{ApiBudget, OrgUsage};
pub use capabilities::{
    Cases, ListMember, ListView, ListViews, Presence, PresenceHeard, PresenceNews, PresenceReport,
};
pub use contacts::{ContactSource, CopyProgress, Delta};
pub use error::{PortError, PortErrorKind};
pub use feed::{ContactFeed, FeedReport, FeedState};
pub use link::{Crm, CrmLink};
pub use provider::{CrmProvider, EmbeddedCrm, Opener, PageShown, SignInPage, SignInRequest};

/// Re-exported so adapters name the same trait the engine does.
pub use async_trait::async_trait;
