//! The presence part (section 6): the core's `PresenceSync` fed with what
//! the CRM reports (through the port's listener), the telephony status and
//! the desk's calls, and its effects carried out: a CRM request through the
//! port, the telephony status set. For a phone without agent states (the
//! demo softphone, baresip) Ringside holds the telephony status itself; a
//! contact-centre platform (the ACD socket) holds its own, and Ringside asks
//! it for a change and waits for the platform to confirm it.
//! With a CRM that has presence, its login state (STATE-2: offline in the
//! CRM's presence is the presence logout) reaches the desk from the org.

mod persist;
mod worker;

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use ringside_core::presence::{
    ChangeCause, CrmPresenceStatus, MappingWarning, PhoneStatus, PresenceChange, PresenceEffect,
    PresenceInput, PresenceMapping, PresenceSync,
};
use ringside_core::{CallId, Input, LoginEvent, Millis};
use ringside_crm_port::{CrmLink, PresenceReport};
use ringside_softphone::StateCause;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::actor::Actor;

pub(crate) use worker::PresenceEvent;

/// History lines kept for the agent.
const HISTORY: usize = 200;
/// A wrap-up not logged within this long no longer holds the agent busy.
const WRAP_UP_LIMIT_MS: i64 = 120_000;
/// Tags of the agent's own picks (not the machine's writes) start here.
const PICK_BASE: u64 = 1 << 48;
/// How far ahead of this machine's clock a CRM time may be.
const MAX_SKEW_MS: i64 = 60_000;
/// The reconcile tick.
pub(crate) const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// What the agent and the admin see of presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresenceView {
    /// The CRM in use has presence statuses.
    pub available: bool,
    pub mapping: PresenceMapping,
    /// The CRM's statuses, with their channels.
    pub statuses: Vec<CrmPresenceStatus>,
    pub warnings: Vec<MappingWarning>,
    /// Whether the CRM's status has been read.
    pub crm_known: bool,
    /// The agent's CRM status (`None`: offline there).
    pub crm: Option<String>,
    pub phone: Option<PhoneStatus>,
    /// The platform's own list of telephony statuses (empty: the standard
    /// ones, Ringside holds the status).
    pub phone_statuses: Vec<PhoneStatus>,
    /// Both sides agree with the mapping.
    pub in_sync: bool,
    /// Ringside's writes not yet confirmed.
    pub pending: u32,
    /// Newest first.
    pub history: Vec<PresenceChange>,
}

pub(crate) struct Presence {
    sync: PresenceSync,
    statuses: Vec<CrmPresenceStatus>,
    history: VecDeque<PresenceChange>,
    /// The link the listener works for.
    link: Option<Arc<CrmLink>>,
    worker: Option<tokio::task::JoinHandle<()>>,
    /// Calls the machine was told of: wrapping up since when, if ended.
    calls: BTreeMap<CallId, Option<Millis>>,
    /// The CRM's presence login, as last told to the desk.
    crm_online: Option<bool>,
    /// History lines and memory not yet in the store.
    unsaved: Vec<PresenceChange>,
    memory_dirty: Option<ringside_core::presence::PresenceMemory>,
    /// The agent's CRM picks sent so far (their tags).
    picks: u64,
    /// Requests go to the CRM one at a time, in order.
    requests: Option<tokio::sync::mpsc::UnboundedSender<(String, u64)>>,
    /// The platform's list of statuses, when the phone has its own.
    platform_states: Vec<PhoneStatus>,
    /// The platform's next report is its new session's first: a read.
    phone_fresh: bool,
}

impl Presence {
    pub fn new() -> Presence {
        // Ringside holds the telephony status until a platform reports one.
        let mut sync = PresenceSync::new(PresenceMapping::default(), true);
        sync.step(PresenceInput::Phone {
            status: PhoneStatus::Available,
            cause: ChangeCause::Read,
            at: Millis(0),
            tag: None,
        });
        Presence {
            sync,
            statuses: Vec::new(),
            history: VecDeque::new(),
            link: None,
            worker: None,
            calls: BTreeMap::new(),
            crm_online: None,
            unsaved: Vec::new(),
            memory_dirty: None,
            picks: 0,
            requests: None,
            platform_states: Vec::new(),
            phone_fresh: true,
        }
    }

    pub fn view(&self) -> PresenceView {
        let mapping = self.sync.mapping().clone();
        PresenceView {
            available: self.link.is_some(),
            warnings: mapping.warnings(&self.statuses),
            mapping,
            statuses: self.statuses.clone(),
            crm_known: self.sync.crm().is_some(),
            crm: self.sync.crm().flatten().map(str::to_string),
            phone: self.sync.phone().cloned(),
            phone_statuses: self.platform_states.clone(),
            in_sync: self.sync.consistent(),
            pending: u32::try_from(self.sync.in_flight()).unwrap_or(u32::MAX),
            history: self.history.iter().rev().cloned().collect(),
        }
    }

    /// An incoming call is declined rather than rung: sync is on, Ringside
    /// holds the telephony status, it is Away, Busy or Offline, and the
    /// admin did not let calls ring while away.
    pub fn declines_calls(&self) -> bool {
        let m = self.sync.mapping();
        m.enabled
            && !m.ring_while_away
            && self.sync.holds_phone()
            && self.link.is_some()
            && matches!(
                self.sync.phone(),
                Some(PhoneStatus::Away | PhoneStatus::Busy | PhoneStatus::Offline)
            )
    }

    /// What of the view a tick can change: both sides, the writes in
    /// flight, agreement, and new history lines.
    fn shown(
        &self,
    ) -> (
        Option<Option<String>>,
        Option<PhoneStatus>,
        usize,
        bool,
        usize,
    ) {
        (
            self.sync.crm().map(|c| c.map(str::to_string)),
            self.sync.phone().cloned(),
            self.sync.in_flight(),
            self.sync.consistent(),
            self.unsaved.len(),
        )
    }

    /// Whether the reconcile tick should run.
    pub fn ticking(&self) -> bool {
        self.sync.mapping().enabled && self.link.is_some()
    }

    pub fn stop(&mut self) {
        if let Some(w) = self.worker.take() {
            w.abort();
        }
        self.requests = None;
        self.link = None;
    }

    fn is_current(&self, link: &Arc<CrmLink>) -> bool {
        self.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, link))
    }
}

impl Actor {
    /// A new CRM link: listen to its presence, if it has any.
    pub(crate) fn presence_connect(&mut self, link: &Arc<CrmLink>) {
        self.presence.stop();
        if link.crm.presence().is_none() {
            return;
        }
        self.presence.link = Some(link.clone());
        self.presence.worker = Some(worker::spawn(link.clone(), self.report_back()));
        self.presence.requests = Some(worker::requests(link.clone(), self.report_back()));
    }

    pub(crate) fn presence_disconnect(&mut self) {
        self.presence.stop();
    }

    /// The org's mapping (from its admin configuration); applies at once.
    pub(crate) fn presence_mapping(&mut self, mapping: PresenceMapping) {
        if *self.presence.sync.mapping() != mapping {
            tracing::info!(enabled = mapping.enabled, "presence mapping");
            self.presence.sync.set_mapping(mapping);
            let now = self.clock.now();
            self.presence_step(PresenceInput::Tick { now });
        }
    }

    pub(crate) async fn on_presence(&mut self, event: PresenceEvent) {
        match event {
            PresenceEvent::Statuses(link, statuses) if self.presence.is_current(&link) => {
                self.presence.statuses = statuses;
            }
            PresenceEvent::Heard(link, report) if self.presence.is_current(&link) => {
                self.presence_report(report).await;
            }
            PresenceEvent::Mapping(link, mapping) if self.presence.is_current(&link) => {
                self.presence_mapping(mapping);
            }
            PresenceEvent::Live(link) if self.presence.is_current(&link) => {
                self.presence.sync.retry_given_up();
            }
            PresenceEvent::OrgLogout(link) if self.presence.is_current(&link) => {
                // Acted on only with the presence-state logout check on:
                // the core's rule (STATE-2a).
                tracing::info!("the agent logged out of the org");
                if let Err(e) = self.apply(Input::Login(LoginEvent::CrmOrgLogout)).await {
                    tracing::warn!(error = %e, "the org logout was not taken");
                }
            }
            PresenceEvent::RequestFailed(link, tag) if self.presence.is_current(&link) => {
                let at = self.clock.now();
                self.presence_step(PresenceInput::WriteFailed { tag, at });
            }
            // About a link no longer in use.
            _ => return,
        }
        self.publish_snapshot();
    }

    async fn presence_report(&mut self, mut r: PresenceReport) {
        // The agent's own pick, sent from Ringside: the agent's change.
        if r.tag.is_some_and(|t| t >= PICK_BASE) {
            r.tag = None;
            r.cause = ChangeCause::Agent;
        }
        // A time from the future (a skewed or tampered clock) would make
        // every later report look old.
        let now = self.clock.now();
        if r.at > now.plus(MAX_SKEW_MS) {
            r.at = now;
        }
        if r.failed {
            if let Some(tag) = r.tag {
                let at = self.clock.now();
                self.presence_step(PresenceInput::WriteFailed { tag, at });
            }
            return;
        }
        self.presence_step(PresenceInput::Crm {
            status: r.status,
            cause: r.cause,
            at: r.at,
            tag: r.tag,
        });
        // The login follows what the machine took, not each report.
        let Some(accepted) = self.presence.sync.crm() else {
            return;
        };
        let online = accepted.is_some();
        // STATE-2b from the org: offline in the CRM's presence is its logout.
        // Only with presence sync on: then the org's console component
        // reports it; without, the login facts come as before (the demo
        // panel, the CRM softphone).
        if self.presence.sync.mapping().enabled && self.presence.crm_online != Some(online) {
            self.presence.crm_online = Some(online);
            // Online in Omni-Channel is working in the CRM's console: a
            // live session there too.
            let events: &[LoginEvent] = if online {
                &[LoginEvent::CrmOrgLogin, LoginEvent::CrmPresenceAvailable]
            } else {
                &[LoginEvent::CrmPresenceLogout]
            };
            for event in events {
                if let Err(e) = self.apply(Input::Login(*event)).await {
                    tracing::warn!(error = %e, "the CRM's presence login was not taken");
                }
            }
        }
    }

    /// The agent picks a status on either side.
    pub(crate) fn presence_set(&mut self, crm: Option<String>, phone: Option<PhoneStatus>) {
        let at = self.clock.now();
        if let Some(status) = phone {
            if self.presence.sync.holds_phone() {
                self.presence_step(PresenceInput::Phone {
                    status,
                    cause: ChangeCause::Agent,
                    at,
                    tag: None,
                });
            } else {
                // The platform's state is the platform's: asked, then heard.
                let tag = self.presence_pick_tag();
                if !self.phone.try_set_state(status, tag) {
                    self.problem(
                        crate::problems::ProblemCode::PhoneCommandFailed,
                        "the contact-centre platform is not connected",
                    );
                }
            }
        }
        if let Some(status) = crm {
            // Asked of the CRM like any write: the machine hears it back.
            let tag = self.presence_pick_tag();
            self.presence_request(status, tag);
        }
        self.publish_snapshot();
    }

    fn presence_pick_tag(&mut self) -> u64 {
        self.presence.picks += 1;
        PICK_BASE + self.presence.picks
    }

    /// The phone in use: whether it has agent states of its own (a
    /// contact-centre platform) or Ringside holds its status.
    pub(crate) fn presence_phone_kind(&mut self, has_states: bool) {
        let holds = !has_states;
        if self.presence.sync.holds_phone() == holds {
            return;
        }
        self.presence.sync.set_holds_phone(holds);
        self.presence.platform_states.clear();
        self.presence.phone_fresh = true;
        if holds {
            let at = self.clock.now();
            self.presence_step(PresenceInput::Phone {
                status: PhoneStatus::Available,
                cause: ChangeCause::Read,
                at,
                tag: None,
            });
        }
    }

    /// The platform's session (re)opened: its first report is a read, and
    /// what was given up on while it was away is tried again.
    pub(crate) fn presence_phone_connected(&mut self) {
        self.presence.phone_fresh = true;
        self.presence.sync.retry_given_up();
    }

    pub(crate) fn presence_phone_states(&mut self, states: Vec<PhoneStatus>) {
        self.presence.platform_states = states;
    }

    /// The platform reports the agent's state.
    pub(crate) fn presence_phone_heard(
        &mut self,
        status: PhoneStatus,
        cause: StateCause,
        mut tag: Option<u64>,
        at: Option<Millis>,
    ) {
        if self.presence.sync.holds_phone() {
            return;
        }
        let mut cause = match cause {
            StateCause::Agent => ChangeCause::Agent,
            StateCause::Supervisor => ChangeCause::Supervisor,
            StateCause::Timeout => ChangeCause::PushTimeout,
            StateCause::Ringside => ChangeCause::Followed,
            StateCause::Call | StateCause::Platform => ChangeCause::Platform,
        };
        if std::mem::take(&mut self.presence.phone_fresh) && cause == ChangeCause::Platform {
            cause = ChangeCause::Read;
        }
        // The agent's own pick, confirmed: the agent's change.
        if tag.is_some_and(|t| t >= PICK_BASE) {
            tag = None;
            cause = ChangeCause::Agent;
        }
        let now = self.clock.now();
        let at = match at {
            Some(at) if at <= now.plus(MAX_SKEW_MS) => at,
            _ => now,
        };
        self.presence_step(PresenceInput::Phone {
            status,
            cause,
            at,
            tag,
        });
    }

    /// The platform refused a state (or it could not be sent).
    pub(crate) fn presence_phone_refused(&mut self, tag: u64, detail: &str) {
        if tag >= PICK_BASE {
            // The agent asked: the agent is told.
            self.problem(crate::problems::ProblemCode::PhoneCommandFailed, detail);
            return;
        }
        let at = self.clock.now();
        self.presence_step(PresenceInput::WriteFailed { tag, at });
    }

    /// *Sync status*: the CRM read afresh, and what was given up on again.
    pub(crate) fn presence_sync_now(&mut self) {
        if let Some(link) = self.presence.link.clone() {
            worker::read_current(link, self.report_back());
        }
        let now = self.clock.now();
        self.presence_step(PresenceInput::SyncNow { now });
        self.publish_snapshot();
    }

    pub(crate) fn presence_tick(&mut self) {
        let now = self.clock.now();
        // A wrap-up left open does not keep the agent busy for ever.
        let stale: Vec<CallId> = self
            .presence
            .calls
            .iter()
            .filter(|(_, since)| since.is_some_and(|s| now.saturating_sub(s) > WRAP_UP_LIMIT_MS))
            .map(|(id, _)| id.clone())
            .collect();
        for call in stale {
            self.presence_wrap_up_ended(&call);
        }
        // Every second: what the snapshot shows is compared, not built.
        let before = self.presence.shown();
        self.presence_step(PresenceInput::Tick { now });
        if self.presence.shown() != before {
            self.publish_snapshot();
        }
    }

    pub(crate) fn presence_call_started(&mut self, call: &CallId) {
        if self.presence.calls.contains_key(call) {
            return;
        }
        self.presence.calls.insert(call.clone(), None);
        let at = self.clock.now();
        self.presence_step(PresenceInput::CallStarted {
            call: call.clone(),
            at,
        });
    }

    /// `wrap_up`: Ringside logs the call, so its wrap-up follows.
    pub(crate) fn presence_call_ended(&mut self, call: &CallId, wrap_up: bool) {
        let at = self.clock.now();
        if wrap_up {
            self.presence.calls.insert(call.clone(), Some(at));
        } else {
            self.presence.calls.remove(call);
        }
        self.presence_step(PresenceInput::CallEnded {
            call: call.clone(),
            wrap_up,
            at,
        });
    }

    pub(crate) fn presence_wrap_up_ended(&mut self, call: &CallId) {
        if self.presence.calls.remove(call).is_none() {
            return;
        }
        let at = self.clock.now();
        self.presence_step(PresenceInput::WrapUpEnded {
            call: call.clone(),
            at,
        });
    }

    /// One input through the machine; its effects carried out (a status
    /// Ringside holds is confirmed at once, and that too goes through).
    pub(crate) fn presence_step(&mut self, input: PresenceInput) {
        let mut queue = VecDeque::from([input]);
        let mut rounds = 0;
        while let Some(input) = queue.pop_front() {
            rounds += 1;
            if rounds > 16 {
                tracing::error!("presence kept changing; stopped a loop");
                break;
            }
            for effect in self.presence.sync.step(input) {
                match effect {
                    PresenceEffect::SetCrm { status, tag } => self.presence_request(status, tag),
                    PresenceEffect::SetPhone { status, tag } => {
                        tracing::info!(%status, "telephony status");
                        let at = self.clock.now();
                        if self.presence.sync.holds_phone() {
                            queue.push_back(PresenceInput::Phone {
                                status,
                                cause: ChangeCause::Followed,
                                at,
                                tag: Some(tag),
                            });
                        } else if !self.phone.try_set_state(status, tag) {
                            // Tried again on the next tick.
                            queue.push_back(PresenceInput::WriteFailed { tag, at });
                        }
                    }
                    PresenceEffect::Recorded(change) => {
                        // Given up on: read the CRM afresh, it may be
                        // there already, or somewhere else.
                        if change.note == Some(ringside_core::presence::ChangeNote::NotApplied) {
                            if let Some(link) = self.presence.link.clone() {
                                worker::read_current(link, self.report_back());
                            }
                        }
                        if self.presence.history.len() >= HISTORY {
                            self.presence.history.pop_front();
                        }
                        self.presence.unsaved.push(change.clone());
                        self.presence.history.push_back(change);
                    }
                    PresenceEffect::Remember(m) => self.presence.memory_dirty = Some(m),
                }
            }
        }
    }

    /// A CRM status asked of the CRM, off the actor.
    fn presence_request(&mut self, status: String, tag: u64) {
        // After those before it: two writes of the row never race.
        if let Some(q) = &self.presence.requests {
            let _ = q.send((status, tag));
        }
    }
}
