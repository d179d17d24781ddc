//! What the agent or admin should see and act on, typed: each problem has a
//! code (what went wrong, so it is cleared by what fixes it where the
//! engine can tell: a save of those settings, a write landing, the store
//! opening) and a message to show. The list is short and fresh; one-off
//! failures age out of it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub code: ProblemCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ProblemCode {
    /// The data file could not be read; it was set aside and a new one started.
    DataFileSetAside,
    /// The stored desk settings are invalid: the defaults are in use.
    SettingsInvalid,
    /// The stored caller-matching settings are invalid: the defaults are in use.
    CallerSettingsInvalid,
    /// The saved softphone cannot be used: the demo softphone is in use.
    PhoneSettingsInvalid,
    /// A write to Ringside's data file failed.
    StoreFailed,
    /// The disk is full: nothing is lost, writes wait for room.
    DiskFull,
    /// Finished calls are held in memory until the data file takes them.
    CallsUnsaved,
    /// The org's contact store cannot be opened: calls are matched live.
    ContactStoreUnavailable,
    /// A call could not be attributed to the caller chosen for it.
    AttributionFailed,
    /// MATCH-2: a new caller record could not be queued or created.
    CallerNotCreated,
    /// The softphone or platform refused a call command.
    PhoneCommandFailed,
    /// DNL-6: the do-not-log flag could not reach the softphone.
    DoNotLogNotSent,
    /// The CRM account could not be remembered or forgotten.
    CrmAccountNotSaved,
    /// Disconnecting the org was not clean (grant or keychain entry left).
    DisconnectUnclean,
    /// The desktop refused the system-wide shortcuts.
    ShortcutsRefused,
    /// The window did not close: finished calls are not saved yet.
    QuitHeld,
    /// No usable OS keychain: org sign-in is unavailable (said at start).
    KeychainUnavailable,
}

/// At most this many are shown; the oldest goes first.
const MAX_PROBLEMS: usize = 5;

#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    /// Adds a problem; the same one again moves to the end instead of
    /// filling the list.
    pub fn add(&mut self, code: ProblemCode, message: impl Into<String>) {
        let problem = Problem {
            code,
            message: message.into(),
        };
        self.list.retain(|p| *p != problem);
        if self.list.len() >= MAX_PROBLEMS {
            self.list.remove(0);
        }
        self.list.push(problem);
    }

    /// One problem of this kind at a time: a newer message replaces it.
    pub fn set(&mut self, code: ProblemCode, message: impl Into<String>) {
        self.clear(code);
        self.add(code, message);
    }

    /// The problem no longer holds.
    pub fn clear(&mut self, code: ProblemCode) {
        self.list.retain(|p| p.code != code);
    }

    pub fn list(&self) -> Vec<Problem> {
        self.list.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_cleared_by_code_and_kept_short() {
        let mut p = Problems::default();
        p.add(ProblemCode::SettingsInvalid, "stored settings: bad");
        p.add(ProblemCode::CallerSettingsInvalid, "caller settings: bad");
        p.add(ProblemCode::StoreFailed, "could not record the call");
        p.add(ProblemCode::StoreFailed, "could not record the call");
        assert_eq!(p.list().len(), 3, "a repeat is not a new problem");
        assert_eq!(p.list()[2].code, ProblemCode::StoreFailed);
        // Saving the desk settings clears only their problem, whatever the words say.
        p.clear(ProblemCode::SettingsInvalid);
        let codes: Vec<_> = p.list().iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [ProblemCode::CallerSettingsInvalid, ProblemCode::StoreFailed]
        );
        p.set(ProblemCode::CallsUnsaved, "1 finished call is kept");
        p.set(ProblemCode::CallsUnsaved, "2 finished calls are kept");
        let unsaved: Vec<_> = p
            .list()
            .into_iter()
            .filter(|p| p.code == ProblemCode::CallsUnsaved)
            .collect();
        assert_eq!(unsaved.len(), 1);
        assert_eq!(unsaved[0].message, "2 finished calls are kept");
        for i in 0..10 {
            p.add(ProblemCode::PhoneCommandFailed, format!("refused {i}"));
        }
        assert_eq!(p.list().len(), MAX_PROBLEMS);
        assert_eq!(p.list()[4].message, "refused 9");
    }
}
