//! Section 6: presence mapping between the CRM and the telephony side,
//! and the machine that keeps both in step without loops or drift.

pub mod mapping;
pub mod sync;
#[cfg(test)]
mod tests;

pub use mapping::{
    CrmPresenceStatus, CrmRule, MappingWarning, PhoneRule, PhoneStatus, PresenceMapping,
};
pub use sync::{
    CallMark, ChangeCause, ChangeNote, Held, PresenceChange, PresenceEffect, PresenceInput,
    PresenceMemory, PresenceSync, PresenceValue, Side,
};
