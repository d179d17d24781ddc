//! Caller matching (SPEC section 4): numbers normalised to E.164, the local
//! contact store, and the sync that fills it.

mod candidate;
pub mod find;
pub mod live;
mod search_index;
mod sql;
pub mod store;
pub mod sync;

pub use find::{Found, FoundNumber, FoundPage};
pub use phone::{normalize, Phone, PhoneError, Region};
/// MATCH-1 lives in the core; re-exported for the store and sync.
pub use ringside_core::phone_number as phone;
pub use store::{ContactRecord, ContactStore, ContactStoreError, Kind, Match, Upserted};
