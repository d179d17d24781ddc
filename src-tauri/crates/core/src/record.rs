//! A CRM record a call relates to (its caller, its case), as Ringside keeps
//! and shows it: the CRM's id and the words to show for it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordRef {
    pub id: String,
    pub label: String,
}
