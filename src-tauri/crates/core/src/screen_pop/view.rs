//! What the screen pop shows for one call (IPC types).

use crate::caller_settings::CreateWhen;
use crate::{CallId, Millis};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum CallerKind {
    Contact,
    Lead,
    PersonAccount,
}

impl CallerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CallerKind::Contact => "Contact",
            CallerKind::Lead => "Lead",
            CallerKind::PersonAccount => "PersonAccount",
        }
    }

    pub fn parse(s: &str) -> Option<CallerKind> {
        match s {
            "Contact" => Some(CallerKind::Contact),
            "Lead" => Some(CallerKind::Lead),
            "PersonAccount" => Some(CallerKind::PersonAccount),
            _ => None,
        }
    }
}

/// One record the caller may be, with why it matched (MATCH-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub id: String,
    pub kind: CallerKind,
    pub name: String,
    /// Account name, or the Lead's company.
    pub company: Option<String>,
    pub owner: Option<String>,
    /// Unknown for a record a call was started from and not yet synced.
    pub created_at: Option<Millis>,
    /// The phone field that matched, and the number as the CRM stores it.
    pub field: String,
    pub raw: String,
    /// `raw` in the display format; the engine fills it in.
    #[serde(default)]
    pub display: String,
}

/// Where the screen pop stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state")]
pub enum MatchState {
    /// One or more candidates are shown.
    Found,
    /// Not in the local store; the CRM is being searched (MATCH-6).
    Searching,
    /// Nobody has this number and nothing is created; `reason` says why
    /// nothing is (or is yet), as data the UI words in the agent's language.
    NotFound { reason: Option<NotFoundReason> },
    /// MATCH-2: a record is being created for this caller.
    Creating { object: String },
    /// No number to match (withheld, or not a phone number).
    NoNumber,
}

/// Why an unknown caller has no record (MATCH-2/6). English for logs and
/// the CLI comes from `Display`; the UI words each code itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code")]
pub enum NotFoundReason {
    /// Nobody has the number: a new `object` is made at the admin's moment.
    WillCreate { object: String, when: CreateWhen },
    /// The call ended before that moment came (it was not answered).
    NotAnswered,
    /// The call ended and Ringside does not log it, so it makes no record.
    NotLoggedByRingside,
    /// The CRM search failed, so nothing was made: the caller may exist.
    SearchFailed { detail: String },
    /// No CRM is connected to search, so nothing was made.
    NoCrm,
    /// The outbox could not take the new record (e.g. a full disk).
    NotQueued { object: String, detail: String },
    /// The CRM refused the new record.
    NotCreated { detail: String },
}

impl std::fmt::Display for NotFoundReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotFoundReason::WillCreate { object, when } => match when {
                CreateWhen::Ring => {
                    write!(f, "nobody has this number: a new {object} is being made")
                }
                CreateWhen::Answer => write!(
                    f,
                    "nobody has this number: a new {object} is made when the call is answered"
                ),
                CreateWhen::Logged => write!(
                    f,
                    "nobody has this number: a new {object} is made when Ringside logs the call"
                ),
            },
            NotFoundReason::NotAnswered => f.write_str(
                "nobody has this number; no record was made (the call was not answered)",
            ),
            NotFoundReason::NotLoggedByRingside => f.write_str(
                "nobody has this number; no record was made, as Ringside does not log this call",
            ),
            NotFoundReason::SearchFailed { detail } => {
                write!(f, "the CRM search failed, so nothing was created: {detail}")
            }
            NotFoundReason::NoCrm => {
                f.write_str("no CRM is connected to search, so nothing was created")
            }
            NotFoundReason::NotQueued { object, detail } => {
                write!(f, "could not queue a new {object}: {detail}")
            }
            NotFoundReason::NotCreated { detail } => {
                write!(f, "a new caller record could not be created: {detail}")
            }
        }
    }
}

/// How the chosen candidate was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ChosenBy {
    /// MATCH-4: the default, the record created first.
    FirstCreated,
    Agent,
    /// MATCH-5: the call was started from this record.
    ClickToCall,
    /// MATCH-2: the record Ringside created.
    Created,
}

/// The screen pop for one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallerMatch {
    pub call_id: CallId,
    pub state: MatchState,
    /// First created first.
    pub candidates: Vec<Candidate>,
    pub chosen: Option<String>,
    pub chosen_by: Option<ChosenBy>,
    /// Whether the CRM was searched live for this call.
    pub searched_live: bool,
    /// The call has ended (the pick can still change until wrap-up).
    pub ended: bool,
}
