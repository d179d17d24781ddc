//! PRES-6 and the no-loop, no-drift rules: keeping the CRM's presence and
//! the telephony status in step through the mapping, as a pure machine.
//!
//! - Ringside's own writes carry a tag; their echo updates what is known
//!   and is never mapped back (no ping-pong).
//! - Each side keeps the time of its latest change; a report older than
//!   that is history, not the truth (last writer by time, not arrival).
//! - The side changed last leads; the other follows through the mapping.
//! - During a call (and its wrap-up) the CRM holds the admin's busy
//!   status; a change the agent or a supervisor makes meanwhile is kept and
//!   applied when the last call and wrap-up end. Otherwise the statuses held
//!   before the first of the calls come back (return to previous).
//! - `Tick` reconciles: a difference from the mapping is healed, and a
//!   write that got no answer is tried again, a bounded number of times.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::{PhoneStatus, PresenceMapping};
use crate::session::CallId;
use crate::time::Millis;

/// A write without an answer within this long is tried again.
pub const WRITE_TIMEOUT_MS: i64 = 2_000;
/// Tries of one write before Ringside says it could not set the status.
pub const MAX_ATTEMPTS: u32 = 3;
/// Replaced writes whose late echo is still recognised.
const RETIRED_KEPT: usize = 32;
/// Presence history kept for the agent.
pub const HISTORY_LEN: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Side {
    Crm,
    Phone,
}

/// Who or what changed a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum ChangeCause {
    /// The agent, in the CRM or on the phone.
    Agent,
    /// A supervisor changed the agent's status.
    Supervisor,
    /// Omni-Channel set a busy status after a work item was not accepted.
    PushTimeout,
    /// The agent declined a work item.
    DeclinedWork,
    /// The platform's own flow (a call's statuses on a contact-centre phone).
    Platform,
    /// The agent logged in to or out of the CRM's presence.
    Login,
    /// Ringside followed the other side's change through the mapping.
    Followed,
    /// A call started: the CRM stops routing work.
    CallStart,
    /// The last call and its wrap-up ended.
    CallEnd,
    /// Ringside found the sides apart and healed them.
    Reconcile,
    /// A read of the side (at start, on *Sync status*) found it changed.
    Read,
}

/// A status on either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "side")]
pub enum PresenceValue {
    /// `None`: offline in the CRM's presence.
    Crm {
        status: Option<String>,
    },
    Phone {
        status: PhoneStatus,
    },
}

/// One line of the agent's presence history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresenceChange {
    pub at: Millis,
    pub to: PresenceValue,
    pub cause: ChangeCause,
    /// What happened to it, when it is not simply applied.
    pub note: Option<ChangeNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ChangeNote {
    /// Made during a call or wrap-up: applied when they end.
    KeptForAfterCall,
    /// Older than the side's current status (arrived out of order).
    Outdated,
    /// Ringside could not set it after several tries.
    NotApplied,
}

/// What the machine is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceInput {
    /// The CRM reports the agent's status since `at`; `tag` echoes a write
    /// of Ringside's.
    Crm {
        status: Option<String>,
        cause: ChangeCause,
        at: Millis,
        tag: Option<u64>,
    },
    Phone {
        status: PhoneStatus,
        cause: ChangeCause,
        at: Millis,
        tag: Option<u64>,
    },
    /// A write was refused or could not be delivered.
    WriteFailed {
        tag: u64,
        at: Millis,
    },
    CallStarted {
        call: CallId,
        at: Millis,
    },
    /// `wrap_up`: a wrap-up follows before the agent is free.
    CallEnded {
        call: CallId,
        wrap_up: bool,
        at: Millis,
    },
    WrapUpEnded {
        call: CallId,
        at: Millis,
    },
    /// The periodic reconcile.
    Tick {
        now: Millis,
    },
    /// The agent's *Sync status*.
    SyncNow {
        now: Millis,
    },
    /// After a restart: what was remembered, and which calls still go on.
    Restore {
        memory: PresenceMemory,
        live_calls: Vec<CallId>,
        at: Millis,
    },
}

/// What the machine asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresenceEffect {
    SetCrm {
        status: String,
        tag: u64,
    },
    SetPhone {
        status: PhoneStatus,
        tag: u64,
    },
    Recorded(PresenceChange),
    /// What must survive a restart changed.
    Remember(PresenceMemory),
}

/// The statuses before the first of the current calls, the calls, and a
/// change kept for after them: all PRES-6 needs across a restart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresenceMemory {
    pub before: Option<Held>,
    pub calls: Vec<CallMark>,
    pub after: Option<PresenceValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Held {
    pub crm: Option<String>,
    pub phone: PhoneStatus,
    /// Which side led then: it leads again once both are back.
    #[serde(default = "crm_side")]
    pub leader: Side,
}

fn crm_side() -> Side {
    Side::Crm
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallMark {
    pub call: CallId,
    /// Ended, with its wrap-up still open.
    pub wrapping_up: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Known<T> {
    value: T,
    at: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Write {
    tag: u64,
    target: PresenceValue,
    cause: ChangeCause,
    sent_at: Millis,
    /// When it was first sent: what a report's time is compared with.
    first_sent_at: Millis,
    attempts: u32,
}

/// The presence sync of one agent.
#[derive(Debug, Clone)]
pub struct PresenceSync {
    mapping: PresenceMapping,
    /// The phone has no agent states of its own (baresip): Ringside holds
    /// the telephony status, including the call's.
    holds_phone: bool,
    crm: Option<Known<Option<String>>>,
    phone: Option<Known<PhoneStatus>>,
    leader: Side,
    memory: PresenceMemory,
    writes: Vec<Write>,
    /// Writes given up on, by target: not tried again until that side
    /// changes by itself.
    given_up: Vec<PresenceValue>,
    /// Tags of writes replaced or given up on, newest last.
    retired: Vec<u64>,
    /// Calls remembered from before a restart that no longer go on.
    ending: Vec<CallId>,
    next_tag: u64,
}

impl PresenceSync {
    pub fn new(mapping: PresenceMapping, holds_phone: bool) -> PresenceSync {
        PresenceSync {
            mapping,
            holds_phone,
            crm: None,
            phone: None,
            leader: Side::Crm,
            memory: PresenceMemory::default(),
            writes: Vec::new(),
            given_up: Vec::new(),
            retired: Vec::new(),
            ending: Vec::new(),
            next_tag: 1,
        }
    }

    pub fn mapping(&self) -> &PresenceMapping {
        &self.mapping
    }

    /// A new mapping applies at once (PRES-7): the next tick heals to it.
    /// Turned off, nothing waits for an answer any more.
    pub fn set_mapping(&mut self, mapping: PresenceMapping) {
        if !mapping.enabled {
            self.retire_side(Side::Crm);
            self.retire_side(Side::Phone);
        }
        self.mapping = mapping;
        self.given_up.clear();
    }

    /// Whether Ringside holds the telephony status (a phone without agent
    /// states). A phone that has them starts unknown until it reports;
    /// one that has not starts from nothing too, until told.
    pub fn set_holds_phone(&mut self, holds: bool) {
        if self.holds_phone != holds {
            self.holds_phone = holds;
            self.phone = None;
            self.retire_side(Side::Phone);
            self.given_up.retain(|g| side_of(g) != Side::Phone);
        }
    }

    pub fn holds_phone(&self) -> bool {
        self.holds_phone
    }

    /// Given-up targets are tried again (the other side is reachable
    /// again: the stream came back).
    pub fn retry_given_up(&mut self) {
        self.given_up.clear();
    }

    pub fn crm(&self) -> Option<Option<&str>> {
        self.crm.as_ref().map(|k| k.value.as_deref())
    }

    pub fn phone(&self) -> Option<&PhoneStatus> {
        self.phone.as_ref().map(|k| &k.value)
    }

    pub fn memory(&self) -> &PresenceMemory {
        &self.memory
    }

    /// Writes sent and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.writes.len()
    }

    fn busy(&self) -> bool {
        !self.memory.calls.is_empty()
    }

    pub fn step(&mut self, input: PresenceInput) -> Vec<PresenceEffect> {
        let mut out = Vec::new();
        if !self.mapping.enabled {
            // Still known, so turning sync on starts from the truth.
            match input {
                PresenceInput::Crm { status, at, .. } => {
                    self.crm = Some(Known { value: status, at })
                }
                PresenceInput::Phone { status, at, .. } => {
                    self.phone = Some(Known { value: status, at })
                }
                PresenceInput::Restore {
                    memory, live_calls, ..
                } => self.restore(memory, &live_calls),
                // Calls are still counted, so turning sync on mid-call (or
                // off during one) leaves no call that never ends; nothing
                // is written, and the statuses before are not kept.
                PresenceInput::CallStarted { call, .. }
                    if !self.memory.calls.iter().any(|m| m.call == call) =>
                {
                    self.memory.calls.push(CallMark {
                        call,
                        wrapping_up: false,
                    });
                }
                PresenceInput::CallEnded { call, wrap_up, .. } => {
                    if wrap_up {
                        if let Some(m) = self.memory.calls.iter_mut().find(|m| m.call == call) {
                            m.wrapping_up = true;
                        }
                    } else {
                        self.memory.calls.retain(|m| m.call != call);
                    }
                    if self.memory.calls.is_empty() {
                        self.memory.before = None;
                        self.memory.after = None;
                    }
                }
                PresenceInput::WrapUpEnded { call, .. } => {
                    self.memory.calls.retain(|m| m.call != call);
                    if self.memory.calls.is_empty() {
                        self.memory.before = None;
                        self.memory.after = None;
                    }
                }
                _ => {}
            }
            return out;
        }
        match input {
            PresenceInput::Crm {
                status,
                cause,
                at,
                tag,
            } => {
                self.on_report(PresenceValue::Crm { status }, cause, at, tag, &mut out);
                self.end_restored(at, &mut out);
            }
            PresenceInput::Phone {
                status,
                cause,
                at,
                tag,
            } => {
                self.on_report(PresenceValue::Phone { status }, cause, at, tag, &mut out);
                self.end_restored(at, &mut out);
            }
            PresenceInput::WriteFailed { tag, at } => {
                // Tried again on the next tick, as if unanswered.
                if let Some(w) = self.writes.iter_mut().find(|w| w.tag == tag) {
                    w.sent_at = at.plus(-WRITE_TIMEOUT_MS);
                }
            }
            PresenceInput::CallStarted { call, at } => self.call_started(call, at, &mut out),
            PresenceInput::CallEnded { call, wrap_up, at } => {
                self.call_ended(&call, wrap_up, at, &mut out)
            }
            PresenceInput::WrapUpEnded { call, at } => {
                if let Some(m) = self.memory.calls.iter().position(|m| m.call == call) {
                    if self.memory.calls[m].wrapping_up {
                        self.memory.calls.remove(m);
                        self.remember(&mut out);
                        self.maybe_free(at, &mut out);
                    }
                }
            }
            PresenceInput::Tick { now } => self.reconcile(now, &mut out),
            PresenceInput::SyncNow { now } => {
                // The agent asks: what was given up on is tried again.
                self.given_up.clear();
                self.retire_side(Side::Crm);
                self.retire_side(Side::Phone);
                self.reconcile(now, &mut out);
            }
            PresenceInput::Restore {
                memory,
                live_calls,
                at,
            } => {
                self.restore(memory, &live_calls);
                self.end_restored(at, &mut out);
            }
        }
        out
    }

    /// A call that did not survive the restart has ended; once both sides
    /// have been read, what was before comes back.
    fn restore(&mut self, memory: PresenceMemory, live_calls: &[CallId]) {
        self.memory = memory;
        self.ending = self
            .memory
            .calls
            .iter()
            .filter(|m| m.wrapping_up || !live_calls.contains(&m.call))
            .map(|m| m.call.clone())
            .collect();
    }

    /// Writes to `side` no longer awaited; their tags are remembered so a
    /// late echo is known for what it is.
    fn retire_side(&mut self, side: Side) {
        let (gone, kept): (Vec<Write>, Vec<Write>) = std::mem::take(&mut self.writes)
            .into_iter()
            .partition(|w| side_of(&w.target) == side);
        self.writes = kept;
        for w in gone {
            self.retire_tag(w.tag);
        }
    }

    fn retire_tag(&mut self, tag: u64) {
        if self.retired.len() >= RETIRED_KEPT {
            self.retired.remove(0);
        }
        self.retired.push(tag);
    }

    /// Ends the calls that did not survive a restart, once both sides are
    /// known (until then their statuses are the call's, not the agent's).
    fn end_restored(&mut self, at: Millis, out: &mut Vec<PresenceEffect>) {
        if self.ending.is_empty() || self.crm.is_none() || self.phone.is_none() {
            return;
        }
        let ending = std::mem::take(&mut self.ending);
        self.memory.calls.retain(|m| !ending.contains(&m.call));
        self.remember(out);
        self.maybe_free(at, out);
    }

    fn known_at(&self, side: Side) -> Option<Millis> {
        match side {
            Side::Crm => self.crm.as_ref().map(|k| k.at),
            Side::Phone => self.phone.as_ref().map(|k| k.at),
        }
    }

    fn set_known(&mut self, v: &PresenceValue, at: Millis) {
        match v {
            PresenceValue::Crm { status } => {
                self.crm = Some(Known {
                    value: status.clone(),
                    at,
                })
            }
            PresenceValue::Phone { status } => {
                self.phone = Some(Known {
                    value: status.clone(),
                    at,
                })
            }
        }
    }

    fn is_known(&self, v: &PresenceValue) -> bool {
        match v {
            PresenceValue::Crm { status } => self.crm.as_ref().is_some_and(|k| &k.value == status),
            PresenceValue::Phone { status } => {
                self.phone.as_ref().is_some_and(|k| &k.value == status)
            }
        }
    }

    fn on_report(
        &mut self,
        value: PresenceValue,
        cause: ChangeCause,
        at: Millis,
        tag: Option<u64>,
        out: &mut Vec<PresenceEffect>,
    ) {
        let side = side_of(&value);
        // An echo: the tag, or (for a side that cannot carry one) the very
        // value a write of ours is waiting for.
        // The value must be the write's: a side that mislabels a change
        // does not confirm a write it did not make.
        let echo = self.writes.iter().position(|w| {
            side_of(&w.target) == side && w.target == value && (tag == Some(w.tag) || tag.is_none())
        });
        if let Some(i) = echo {
            let w = self.writes.remove(i);
            if self.known_at(side).is_some_and(|k| at < k) {
                return;
            }
            let changed = !self.is_known(&value);
            self.set_known(&value, at);
            if changed {
                record(out, at, value, w.cause, None);
            }
            return;
        }
        // A write of ours no longer awaited (replaced, confirmed before,
        // or replayed by the other side later) lands: the side took it, but
        // it leads nothing (a newer write or change follows it).
        if tag.is_some_and(|t| t < self.next_tag) {
            if self.known_at(side).is_none_or(|k| at >= k) {
                self.set_known(&value, at);
            }
            return;
        }
        // Older than the side's status, or than a write of ours on its way
        // there (ties go to the write): history, not the truth.
        let overtaken = self
            .writes
            .iter()
            .any(|w| side_of(&w.target) == side && w.first_sent_at >= at);
        let newer = self.known_at(side).is_none_or(|k| at >= k);
        // Made before the call's busy status was sent, but heard after: the
        // status before the call, which the agent returns to (PRES-6).
        let own = matches!(cause, ChangeCause::Platform | ChangeCause::Read);
        if overtaken && newer && !own && self.busy() && self.memory.after.is_none() {
            let mapping = &self.mapping;
            if let Some(b) = self.memory.before.as_mut() {
                // It leads: the other side's status before is what it maps to.
                match &value {
                    PresenceValue::Crm { status } => {
                        b.crm = status.clone();
                        b.phone = mapping.phone_for(status.as_deref(), false);
                    }
                    PresenceValue::Phone { status } => {
                        b.phone = status.clone();
                        if let Some(crm) = mapping.crm_for(status) {
                            b.crm = Some(crm);
                        }
                    }
                }
                b.leader = side;
                record(out, at, value, cause, Some(ChangeNote::KeptForAfterCall));
                self.remember(out);
                return;
            }
        }
        if overtaken || !newer {
            record(out, at, value, cause, Some(ChangeNote::Outdated));
            return;
        }
        let first = self.known_at(side).is_none();
        let changed = !self.is_known(&value);
        self.set_known(&value, at);
        if !changed && !first {
            return;
        }
        // A side changing by itself may be set again later.
        self.given_up.retain(|g| side_of(g) != side);
        // Our pending writes to this side are overtaken.
        self.retire_side(side);
        if self.busy() {
            if cause == ChangeCause::Platform || cause == ChangeCause::Read {
                record(out, at, value, cause, None);
            } else {
                record(
                    out,
                    at,
                    value.clone(),
                    cause,
                    Some(ChangeNote::KeptForAfterCall),
                );
                self.memory.after = Some(value);
                self.remember(out);
            }
            return;
        }
        record(out, at, value, cause, None);
        // A change leads, unless the other side changed after it (events
        // co-occurring on both sides: the later one by time wins, whatever
        // order they arrive in). Of the first readings, the CRM's leads: the
        // phone only until the CRM has been read.
        let other = match side {
            Side::Crm => Side::Phone,
            Side::Phone => Side::Crm,
        };
        let later_there = self.known_at(other).is_some_and(|o| o > at);
        if !first && !later_there || first && (side == Side::Crm || self.crm.is_none()) {
            self.leader = side;
        }
        self.follow(at, ChangeCause::Followed, out);
    }

    /// The other side's target, from the leader's status.
    fn target(&self) -> Option<PresenceValue> {
        match self.leader {
            Side::Crm => {
                let crm = self.crm.as_ref()?;
                Some(PresenceValue::Phone {
                    status: self.mapping.phone_for(crm.value.as_deref(), false),
                })
            }
            Side::Phone => {
                let phone = self.phone.as_ref()?;
                let crm = self.mapping.crm_for(&phone.value)?;
                Some(PresenceValue::Crm { status: Some(crm) })
            }
        }
    }

    /// Makes the follower match the leader, if it does not.
    fn follow(&mut self, now: Millis, cause: ChangeCause, out: &mut Vec<PresenceEffect>) {
        let Some(target) = self.target() else {
            return;
        };
        if self.known_at(side_of(&target)).is_some() {
            self.ensure(target, cause, now, out);
        }
    }

    /// Sets `target` unless it holds already, is on its way, or was given
    /// up on.
    fn ensure(
        &mut self,
        target: PresenceValue,
        cause: ChangeCause,
        now: Millis,
        out: &mut Vec<PresenceEffect>,
    ) {
        // Ringside never logs the agent out of the CRM's presence.
        if matches!(target, PresenceValue::Crm { status: None }) {
            return;
        }
        // Known already, unless a write of ours elsewhere is on its way
        // there: it will land and move the side, so this one follows it.
        let moving = self
            .writes
            .iter()
            .any(|w| side_of(&w.target) == side_of(&target) && w.target != target);
        if self.given_up.contains(&target) || self.is_known(&target) && !moving {
            self.retire_side(side_of(&target));
            return;
        }
        if self.writes.iter().any(|w| w.target == target) {
            return;
        }
        // One write per side at a time: a newer target replaces an older.
        self.retire_side(side_of(&target));
        let tag = self.next_tag;
        self.next_tag += 1;
        out.push(write_effect(&target, tag));
        self.writes.push(Write {
            tag,
            target,
            cause,
            sent_at: now,
            first_sent_at: now,
            attempts: 1,
        });
    }

    fn call_started(&mut self, call: CallId, at: Millis, out: &mut Vec<PresenceEffect>) {
        if self.memory.calls.iter().any(|m| m.call == call) {
            return;
        }
        if !self.busy() {
            self.memory.before = Some(Held {
                crm: self.crm.as_ref().and_then(|k| k.value.clone()),
                phone: self
                    .phone
                    .as_ref()
                    .map(|k| k.value.clone())
                    .unwrap_or(PhoneStatus::Available),
                leader: self.leader,
            });
            self.memory.after = None;
        }
        self.memory.calls.push(CallMark {
            call,
            wrapping_up: false,
        });
        self.remember(out);
        self.hold_for_call(at, ChangeCause::CallStart, out);
    }

    /// The statuses while a call is in progress.
    fn hold_for_call(&mut self, at: Millis, cause: ChangeCause, out: &mut Vec<PresenceEffect>) {
        let talking = self.memory.calls.iter().any(|m| !m.wrapping_up);
        if self.holds_phone {
            let status = if talking {
                PhoneStatus::OnACall
            } else {
                PhoneStatus::AfterCallWork
            };
            self.ensure(PresenceValue::Phone { status }, cause, at, out);
        }
        // Not while the agent changed it during this call, and never
        // logging in an agent who was offline in the CRM.
        let kept = matches!(self.memory.after, Some(PresenceValue::Crm { .. }));
        let online = self.crm.as_ref().is_some_and(|k| k.value.is_some());
        if let (Some(on_call), false, true) = (self.mapping.on_call.clone(), kept, online) {
            self.ensure(
                PresenceValue::Crm {
                    status: Some(on_call),
                },
                cause,
                at,
                out,
            );
        }
    }

    fn call_ended(
        &mut self,
        call: &CallId,
        wrap_up: bool,
        at: Millis,
        out: &mut Vec<PresenceEffect>,
    ) {
        let Some(i) = self.memory.calls.iter().position(|m| &m.call == call) else {
            return;
        };
        if wrap_up {
            self.memory.calls[i].wrapping_up = true;
        } else {
            self.memory.calls.remove(i);
        }
        self.remember(out);
        if self.busy() {
            self.hold_for_call(at, ChangeCause::Platform, out);
        } else {
            self.maybe_free(at, out);
        }
    }

    /// The last call and wrap-up are over: the agent's choice made
    /// meanwhile, else the next status, else the statuses from before.
    fn maybe_free(&mut self, at: Millis, out: &mut Vec<PresenceEffect>) {
        if self.busy() || (self.memory.before.is_none() && self.memory.after.is_none()) {
            return;
        }
        let before = self.memory.before.take();
        let after = self.memory.after.take();
        self.remember(out);
        let cause = ChangeCause::CallEnd;
        match after {
            Some(PresenceValue::Crm { status }) => {
                self.leader = Side::Crm;
                if let Some(s) = status {
                    self.ensure(PresenceValue::Crm { status: Some(s) }, cause, at, out);
                }
                self.follow(at, cause, out);
            }
            Some(PresenceValue::Phone { status }) => {
                self.leader = Side::Phone;
                self.ensure(PresenceValue::Phone { status }, cause, at, out);
                self.follow(at, cause, out);
            }
            None => {
                if let Some(next) = self.mapping.next_status.clone() {
                    self.leader = Side::Crm;
                    let phone = self.mapping.phone_for(Some(&next), false);
                    self.ensure(PresenceValue::Crm { status: Some(next) }, cause, at, out);
                    self.ensure(PresenceValue::Phone { status: phone }, cause, at, out);
                } else if let (true, Some(b)) = (self.mapping.return_to_previous, before) {
                    self.leader = b.leader;
                    if let Some(crm) = b.crm {
                        self.ensure(PresenceValue::Crm { status: Some(crm) }, cause, at, out);
                    }
                    self.ensure(PresenceValue::Phone { status: b.phone }, cause, at, out);
                } else {
                    self.leader = Side::Phone;
                    if self.holds_phone {
                        let status = PhoneStatus::Available;
                        self.ensure(PresenceValue::Phone { status }, cause, at, out);
                    }
                    if let Some(crm) = self.mapping.crm_for(&PhoneStatus::Available) {
                        self.ensure(PresenceValue::Crm { status: Some(crm) }, cause, at, out);
                    }
                }
            }
        }
    }

    fn reconcile(&mut self, now: Millis, out: &mut Vec<PresenceEffect>) {
        self.end_restored(now, out);
        // Unanswered writes: again, or given up on.
        let mut again = Vec::new();
        self.writes.retain(|w| {
            if now.saturating_sub(w.sent_at) < WRITE_TIMEOUT_MS {
                return true;
            }
            again.push(w.clone());
            false
        });
        for mut w in again {
            // It landed, its answer lost: nothing to send again.
            if self.is_known(&w.target) {
                self.retire_tag(w.tag);
                continue;
            }
            if w.attempts >= MAX_ATTEMPTS {
                self.retire_tag(w.tag);
                record(
                    out,
                    now,
                    w.target.clone(),
                    w.cause,
                    Some(ChangeNote::NotApplied),
                );
                self.given_up.push(w.target);
                continue;
            }
            self.retire_tag(w.tag);
            w.attempts += 1;
            w.sent_at = now;
            w.tag = self.next_tag;
            self.next_tag += 1;
            out.push(write_effect(&w.target, w.tag));
            self.writes.push(w);
        }
        if !self.writes.is_empty() {
            return;
        }
        if self.busy() {
            self.hold_for_call(now, ChangeCause::Reconcile, out);
        } else {
            self.follow(now, ChangeCause::Reconcile, out);
        }
    }

    fn remember(&self, out: &mut Vec<PresenceEffect>) {
        out.push(PresenceEffect::Remember(self.memory.clone()));
    }

    /// Whether both sides agree with the mapping (nothing in flight, no
    /// call): what the reconcile heals towards.
    pub fn consistent(&self) -> bool {
        if self.busy() {
            return true;
        }
        match self.target() {
            None => true,
            Some(t) => self.is_known(&t) || self.given_up.contains(&t),
        }
    }
}

fn side_of(v: &PresenceValue) -> Side {
    match v {
        PresenceValue::Crm { .. } => Side::Crm,
        PresenceValue::Phone { .. } => Side::Phone,
    }
}

fn write_effect(target: &PresenceValue, tag: u64) -> PresenceEffect {
    match target {
        PresenceValue::Crm { status } => PresenceEffect::SetCrm {
            status: status.clone().unwrap_or_default(),
            tag,
        },
        PresenceValue::Phone { status } => PresenceEffect::SetPhone {
            status: status.clone(),
            tag,
        },
    }
}

fn record(
    out: &mut Vec<PresenceEffect>,
    at: Millis,
    to: PresenceValue,
    cause: ChangeCause,
    note: Option<ChangeNote>,
) {
    out.push(PresenceEffect::Recorded(PresenceChange {
        at,
        to,
        cause,
        note,
    }));
}
