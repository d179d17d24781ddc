//! The screen pop (MATCH-1..7) as a pure aggregate: who each call's caller
//! may be, which of them the call is attributed to, and when to ask the
//! local copy, the CRM, or the outbox for more. The engine feeds it what the
//! phone, the contact store and the CRM say, and carries out its effects.
//!
//! The rules it keeps:
//! - MATCH-1: a call with a number is looked up in the local copy first
//!   (by the E.164 key the engine normalised it to); no number, no lookup.
//! - MATCH-3/4: what is found is shown; the default is the record created
//!   first (candidates arrive first-created first); the agent may pick another.
//! - MATCH-5: an outbound call to a number dialled from a record within a
//!   minute is that record's, without a lookup.
//! - MATCH-6: a local miss, or a local copy that may be incomplete, is
//!   searched in the CRM; a pick the agent made stands if the search still
//!   finds it.
//! - MATCH-2: only a search that answered "nobody" creates a record (if the
//!   admin says so); a failed or impossible search never does, so a caller
//!   who exists is never doubled.
//! - MATCH-7: every choice is attributed to the call's record at once.

mod view;

#[cfg(test)]
mod tests;

pub use view::{CallerKind, CallerMatch, Candidate, ChosenBy, MatchState, NotFoundReason};

use crate::caller_settings::{AutoCreate, CreateWhen};
use crate::phase::Direction;
use crate::record::RecordRef;
use crate::session::CallId;
use crate::time::Millis;

/// How long a click-to-call waits for its call to show up (MATCH-5).
pub const DIAL_BINDING_MS: i64 = 60_000;
/// Ended calls whose pop stays, so the pick can change until wrap-up.
pub const KEEP_ENDED: usize = 5;
/// Dials waiting for their call; more means the phone never reports them.
pub const MAX_PENDING_DIALS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopInput {
    /// A call started. `e164` is its number normalised (MATCH-1), `None`
    /// when it has none (withheld, or not a phone number); `row` is the
    /// store row its choice is written to.
    Started {
        call_id: CallId,
        row: i64,
        direction: Direction,
        e164: Option<String>,
    },
    /// The local copy answered a `LookUpLocally`. `complete` says whether
    /// the copy holds every record (a sync finished on this run, sync on);
    /// else a live search completes the list.
    Local {
        call_id: CallId,
        found: Vec<Candidate>,
        complete: bool,
    },
    /// The CRM answered a `SearchLive`.
    Live { call_id: CallId, answer: LiveAnswer },
    /// The outbox took (`Ok`) or refused a `QueueCreation`.
    CreationQueued {
        call_id: CallId,
        result: Result<(), String>,
    },
    /// The CRM created (or adopted) a caller record for these calls.
    Created {
        calls: Vec<CallId>,
        record: Candidate,
    },
    /// The CRM would not create a caller record for these calls.
    NotCreated { calls: Vec<CallId>, error: String },
    /// MATCH-5: the agent dials `e164` from `record`.
    Dialled { e164: String, record: Candidate },
    /// Where the call stands for MATCH-2: answered yet, and whether
    /// Ringside logs it (as predicted while live; decided at the end).
    Progress {
        call_id: CallId,
        answered: bool,
        ringside_logs: bool,
    },
    /// The call ended; its pop stays a while for a late pick.
    Ended { call_id: CallId },
}

/// MATCH-2 as the admin set it: what an unknown caller becomes, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreatePolicy {
    pub what: AutoCreate,
    pub when: CreateWhen,
}

impl From<AutoCreate> for CreatePolicy {
    fn from(what: AutoCreate) -> Self {
        CreatePolicy {
            what,
            when: CreateWhen::Ring,
        }
    }
}

/// What a live CRM search said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveAnswer {
    /// These records have the number (first created first).
    Found(Vec<Candidate>),
    /// The search ran and found nobody.
    Nobody,
    /// The search failed: the caller may exist.
    Failed(String),
    /// No CRM could be searched (none connected).
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopEffect {
    /// Look the number up in the local copy; answer with `PopInput::Local`.
    LookUpLocally { call_id: CallId, e164: String },
    /// Search the CRM; answer with `PopInput::Live`.
    SearchLive { call_id: CallId, e164: String },
    /// MATCH-7: the call's record is attributed to `who`.
    Attribute { row: i64, who: RecordRef },
    /// MATCH-2: queue a new `object` for this number; answer with
    /// `PopInput::CreationQueued`.
    QueueCreation {
        call_id: CallId,
        row: i64,
        object: &'static str,
        e164: String,
    },
    /// MATCH-2: no record was made for a caller nobody knows; the agent
    /// should know why.
    CallerNotCreated(String),
}

/// A pick the aggregate cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    #[error("no caller matches are shown for call {0}")]
    NoPop(CallId),
    #[error("that record is not one of this caller's matches")]
    NotACandidate,
}

/// A pick the agent made, checked: write it, then `picked`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub call_id: CallId,
    pub row: i64,
    pub who: RecordRef,
}

#[derive(Debug, Clone)]
struct Entry {
    view: CallerMatch,
    row: i64,
    e164: Option<String>,
    /// Shown from a local copy that may be incomplete: a live search is
    /// completing the list.
    refining: bool,
    /// MATCH-2: nobody has the number; a record is to be made once the
    /// admin's moment comes (`object`).
    pending: Option<&'static str>,
    answered: bool,
    /// Until told otherwise, Ringside is assumed to log the call.
    ringside_logs: bool,
}

#[derive(Debug, Clone)]
struct PendingDial {
    e164: String,
    record: Candidate,
    at: Millis,
}

#[derive(Debug, Clone, Default)]
pub struct ScreenPops {
    entries: Vec<Entry>,
    dials: Vec<PendingDial>,
}

fn who(c: &Candidate) -> RecordRef {
    RecordRef {
        id: c.id.clone(),
        label: c.name.clone(),
    }
}

impl ScreenPops {
    /// Each live (and recently ended) call's pop, in the order calls started.
    pub fn views(&self) -> impl Iterator<Item = &CallerMatch> + '_ {
        self.entries.iter().map(|e| &e.view)
    }

    pub fn view(&self, call_id: &CallId) -> Option<&CallerMatch> {
        self.entry(call_id).map(|e| &e.view)
    }

    fn entry(&self, call_id: &CallId) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.view.call_id == call_id)
    }

    fn entry_mut(&mut self, call_id: &CallId) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| &e.view.call_id == call_id)
    }

    /// Applies one input; `create` is the admin's MATCH-2 setting.
    pub fn handle(
        &mut self,
        input: PopInput,
        create: impl Into<CreatePolicy>,
        now: Millis,
    ) -> Vec<PopEffect> {
        let create = create.into();
        let mut fx = Vec::new();
        match input {
            PopInput::Started {
                call_id,
                row,
                direction,
                e164,
            } => self.started(call_id, row, direction, e164, now, &mut fx),
            PopInput::Local {
                call_id,
                found,
                complete,
            } => self.local(&call_id, found, complete, &mut fx),
            PopInput::Live { call_id, answer } => self.live(&call_id, answer, create, &mut fx),
            PopInput::Progress {
                call_id,
                answered,
                ringside_logs,
            } => {
                if let Some(e) = self.entry_mut(&call_id) {
                    e.answered = answered;
                    e.ringside_logs = ringside_logs;
                }
                self.create_if_due(&call_id, create.when, false, &mut fx);
            }
            PopInput::CreationQueued { call_id, result } => {
                if let Some(e) = self.entry_mut(&call_id) {
                    if let (Err(reason), MatchState::Creating { object }) = (&result, &e.view.state)
                    {
                        let why = NotFoundReason::NotQueued {
                            object: object.clone(),
                            detail: reason.clone(),
                        };
                        fx.push(PopEffect::CallerNotCreated(why.to_string()));
                        e.view.state = MatchState::NotFound { reason: Some(why) };
                    }
                }
            }
            PopInput::Created { calls, record } => {
                for e in self.entries.iter_mut() {
                    if calls.contains(&e.view.call_id)
                        && matches!(e.view.state, MatchState::Creating { .. })
                    {
                        e.view.state = MatchState::Found;
                        e.view.chosen = Some(record.id.clone());
                        e.view.chosen_by = Some(ChosenBy::Created);
                        e.view.candidates = vec![record.clone()];
                    }
                }
            }
            PopInput::NotCreated { calls, error } => {
                for e in self.entries.iter_mut() {
                    if calls.contains(&e.view.call_id)
                        && matches!(e.view.state, MatchState::Creating { .. })
                    {
                        e.view.state = MatchState::NotFound {
                            reason: Some(NotFoundReason::NotCreated {
                                detail: error.clone(),
                            }),
                        };
                    }
                }
                let why = NotFoundReason::NotCreated { detail: error };
                fx.push(PopEffect::CallerNotCreated(why.to_string()));
            }
            PopInput::Dialled { e164, record } => {
                self.dials
                    .retain(|d| now.saturating_sub(d.at) <= DIAL_BINDING_MS);
                if self.dials.len() >= MAX_PENDING_DIALS {
                    self.dials.remove(0);
                }
                self.dials.push(PendingDial {
                    e164,
                    record,
                    at: now,
                });
            }
            PopInput::Ended { call_id } => {
                self.create_if_due(&call_id, create.when, true, &mut fx);
                self.give_up_pending(&call_id);
                self.ended(&call_id)
            }
        }
        fx
    }

    fn started(
        &mut self,
        call_id: CallId,
        row: i64,
        direction: Direction,
        e164: Option<String>,
        now: Millis,
        fx: &mut Vec<PopEffect>,
    ) {
        let pop = CallerMatch {
            call_id: call_id.clone(),
            state: MatchState::Searching,
            candidates: Vec::new(),
            chosen: None,
            chosen_by: None,
            searched_live: false,
            ended: false,
        };
        // A call id seen again (a restarted phone) starts a new pop.
        self.entries.retain(|e| e.view.call_id != call_id);
        self.entries.push(Entry {
            view: pop,
            row,
            e164: e164.clone(),
            refining: false,
            pending: None,
            answered: false,
            ringside_logs: true,
        });
        let Some(e164) = e164 else {
            if let Some(e) = self.entry_mut(&call_id) {
                e.view.state = MatchState::NoNumber;
            }
            return;
        };
        if direction != Direction::Inbound {
            self.dials
                .retain(|d| now.saturating_sub(d.at) <= DIAL_BINDING_MS);
            if let Some(i) = self.dials.iter().position(|d| d.e164 == e164) {
                let dial = self.dials.remove(i);
                self.settle(&call_id, vec![dial.record], ChosenBy::ClickToCall, None, fx);
                return;
            }
        }
        fx.push(PopEffect::LookUpLocally { call_id, e164 });
    }

    fn local(
        &mut self,
        call_id: &CallId,
        found: Vec<Candidate>,
        complete: bool,
        fx: &mut Vec<PopEffect>,
    ) {
        let Some(e) = self.entry_mut(call_id) else {
            return;
        };
        if e.view.state != MatchState::Searching || e.view.searched_live {
            return;
        }
        let Some(e164) = e.e164.clone() else {
            return;
        };
        if found.is_empty() {
            e.view.searched_live = true;
        } else {
            // What the copy has pops at once; an incomplete copy is
            // completed live (MATCH-4 needs every match to pick the default).
            e.view.searched_live = !complete;
            e.refining = !complete;
            self.settle(call_id, found, ChosenBy::FirstCreated, None, fx);
            if complete {
                return;
            }
        }
        fx.push(PopEffect::SearchLive {
            call_id: call_id.clone(),
            e164,
        });
    }

    fn live(
        &mut self,
        call_id: &CallId,
        answer: LiveAnswer,
        create: CreatePolicy,
        fx: &mut Vec<PopEffect>,
    ) {
        let Some(e) = self.entry_mut(call_id) else {
            return;
        };
        let refining = std::mem::take(&mut e.refining);
        if !refining && (e.view.state != MatchState::Searching || !e.view.searched_live) {
            return;
        }
        match answer {
            LiveAnswer::Found(found) if !found.is_empty() => {
                // A pick the agent already made stands if it is still a match.
                let picked = e
                    .view
                    .chosen
                    .clone()
                    .filter(|_| e.view.chosen_by == Some(ChosenBy::Agent));
                self.settle(call_id, found, ChosenBy::FirstCreated, picked, fx);
            }
            // Refining a local hit: nothing more found (or nobody to ask),
            // what is shown stands.
            _ if refining => {}
            LiveAnswer::Found(_) | LiveAnswer::Nobody => match (create.what.object(), &e.e164) {
                (Some(object), Some(_)) => {
                    e.pending = Some(object);
                    e.view.state = MatchState::NotFound {
                        reason: Some(NotFoundReason::WillCreate {
                            object: object.to_string(),
                            when: create.when,
                        }),
                    };
                    // The answer may come after a short call ended: its
                    // moment is now or never.
                    let ended = e.view.ended;
                    self.create_if_due(call_id, create.when, ended, fx);
                    if ended {
                        self.give_up_pending(call_id);
                    }
                }
                _ => e.view.state = MatchState::NotFound { reason: None },
            },
            // Never create on a failed search: the caller may exist.
            LiveAnswer::Failed(error) => {
                e.view.state = MatchState::NotFound {
                    reason: Some(NotFoundReason::SearchFailed { detail: error }),
                };
            }
            LiveAnswer::Unavailable => {
                e.view.state = MatchState::NotFound {
                    reason: Some(NotFoundReason::NoCrm),
                };
            }
        }
    }

    /// A record still waiting when the call is over is never made; the pop
    /// says why (not answered, or not Ringside's to log).
    fn give_up_pending(&mut self, call_id: &CallId) {
        if let Some(e) = self.entry_mut(call_id) {
            if e.pending.take().is_some() {
                e.view.state = MatchState::NotFound {
                    reason: Some(if e.ringside_logs {
                        NotFoundReason::NotAnswered
                    } else {
                        NotFoundReason::NotLoggedByRingside
                    }),
                };
            }
        }
    }

    /// MATCH-2: makes the pending record once the admin's moment has come
    /// and Ringside logs the call; `at_end` = the call just ended.
    fn create_if_due(
        &mut self,
        call_id: &CallId,
        when: CreateWhen,
        at_end: bool,
        fx: &mut Vec<PopEffect>,
    ) {
        let Some(e) = self.entry_mut(call_id) else {
            return;
        };
        let moment = match when {
            CreateWhen::Ring => true,
            CreateWhen::Answer => e.answered,
            CreateWhen::Logged => at_end,
        };
        if !(moment && e.ringside_logs) {
            return;
        }
        let (Some(object), Some(e164)) = (e.pending.take(), e.e164.clone()) else {
            return;
        };
        e.view.state = MatchState::Creating {
            object: object.to_string(),
        };
        fx.push(PopEffect::QueueCreation {
            call_id: call_id.clone(),
            row: e.row,
            object,
            e164,
        });
    }

    /// Shows `candidates` with the agent's earlier pick (if still among
    /// them) or the first, and attributes the call to it (MATCH-7).
    fn settle(
        &mut self,
        call_id: &CallId,
        candidates: Vec<Candidate>,
        by: ChosenBy,
        picked: Option<String>,
        fx: &mut Vec<PopEffect>,
    ) {
        let Some(e) = self.entry_mut(call_id) else {
            return;
        };
        let (chosen, by) = match candidates.iter().find(|c| Some(&c.id) == picked.as_ref()) {
            Some(c) => (Some(who(c)), ChosenBy::Agent),
            None => (candidates.first().map(who), by),
        };
        e.view.state = MatchState::Found;
        e.view.chosen = chosen.as_ref().map(|c| c.id.clone());
        e.view.chosen_by = chosen.as_ref().map(|_| by);
        e.view.candidates = candidates;
        if let Some(who) = chosen {
            fx.push(PopEffect::Attribute { row: e.row, who });
        }
    }

    /// MATCH-4: checks the agent's pick; nothing changes until `picked`.
    pub fn pick(&self, call_id: &CallId, record_id: &str) -> Result<Pick, PickError> {
        let e = self
            .entry(call_id)
            .ok_or_else(|| PickError::NoPop(call_id.clone()))?;
        let c = e
            .view
            .candidates
            .iter()
            .find(|c| c.id == record_id)
            .ok_or(PickError::NotACandidate)?;
        Ok(Pick {
            call_id: call_id.clone(),
            row: e.row,
            who: who(c),
        })
    }

    /// The pick was written: it is what the pop shows now.
    pub fn picked(&mut self, pick: &Pick) {
        if let Some(e) = self.entry_mut(&pick.call_id) {
            e.view.chosen = Some(pick.who.id.clone());
            e.view.chosen_by = Some(ChosenBy::Agent);
        }
    }

    fn ended(&mut self, call_id: &CallId) {
        if let Some(e) = self.entry_mut(call_id) {
            e.view.ended = true;
        }
        let ended = self.entries.iter().filter(|e| e.view.ended).count();
        let mut drop = ended.saturating_sub(KEEP_ENDED);
        self.entries.retain(|e| {
            if drop > 0 && e.view.ended {
                drop -= 1;
                false
            } else {
                true
            }
        });
    }
}
