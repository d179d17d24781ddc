//! Caller matching in the engine (SPEC section 4): the contact store of the
//! connected org and its sync worker, the screen pop on ringing, the
//! agent's pick, click-to-call binding, and live search before auto-create.

pub mod budget;
pub(crate) mod contact_sync;
pub(crate) mod pops;
pub(crate) mod relay_follower;
pub(crate) mod sync_worker;
pub mod view;

pub use ringside_core::screen_pop::{
    CallerKind, CallerMatch, Candidate, ChosenBy, MatchState, NotFoundReason,
};
pub use ringside_core::{AutoCreate, CallerSettings};
pub use view::{RelayHealth, RelayLink, SyncHealth, SyncProgress, SyncState};
