//! A record find-a-contact returns, with every number it has (IPC type).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::screen_pop::CallerKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FoundContact {
    pub id: String,
    pub kind: CallerKind,
    pub name: String,
    /// Account name, or the Lead's company.
    pub company: Option<String>,
    pub owner: Option<String>,
    /// Main line first.
    pub numbers: Vec<ContactNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactNumber {
    /// The CRM's field (`MobilePhone`); the UI names it in words.
    pub field: String,
    /// As the CRM stores it: what is dialled.
    pub raw: String,
    /// In the one display format (`phone_number::display`).
    pub display: String,
    /// The number the search's digits were found in.
    pub matched: bool,
}
