//! Caller matching (SPEC section 4): numbers normalised to E.164, the local
//! contact store, and the sync that fills it.

pub mod live;
pub mod phone;
pub mod store;
pub mod sync;

pub use phone::{normalize, Phone, PhoneError, Region};
pub use store::{ContactRecord, ContactStore, ContactStoreError, Kind, Match, Upserted};
