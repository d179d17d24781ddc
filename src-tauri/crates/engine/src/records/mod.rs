//! The call-records part: what the desk's calls leave in the store beyond
//! each effect's own write. Finished calls the store could not take yet
//! are held and saved again (`unsaved`); a live call's hold/resume floods
//! are written at most every 250 ms per call (`progress`).

pub(crate) mod progress;
pub(crate) mod unsaved;

#[derive(Default)]
pub(crate) struct CallRecords {
    pub unsaved: unsaved::Unsaved,
    pub progress: progress::ProgressWrites,
}
