//! The screen pop (MATCH-1..7), on the actor. The local lookup runs before
//! the ringing call's first snapshot goes out, so the pop arrives with the
//! call; a local miss searches the CRM off the actor and updates the pop
//! when it answers. Only a search that answered "nobody" leads to a record
//! being created, so a failed search never makes a duplicate.

use ringside_contacts::live::search_into;
use ringside_contacts::sync::{recent_callers, SyncOptions, PAGE};
use ringside_contacts::{normalize, ContactRecord, ContactStore, Match};
use ringside_core::{CallId, CallView, Direction, Millis};
use ringside_store::RecordRef;

use super::view::{CallerKind, CallerMatch, Candidate, ChosenBy, MatchState, SyncHealth};
use crate::actor::Actor;
use crate::crm::caller_record::{label_of, new_caller_fields};
use crate::handle::Command;
use crate::ipc::{DialRecord, ErrorCode, IpcError};

/// A call's pop and the store row its choice is written to.
pub(crate) struct CallerEntry {
    pub view: CallerMatch,
    pub row: i64,
    /// Shown from a local copy that may be incomplete (first copy running,
    /// or sync off): a live search is completing the list.
    pub refining: bool,
}

/// MATCH-5: a call the agent started from a record, not yet seen ringing.
pub(crate) struct PendingDial {
    e164: String,
    candidate: Candidate,
    at: Millis,
}

/// How long a click-to-call waits for its call to show up.
const DIAL_BINDING_MS: i64 = 60_000;
/// Ended calls whose pop stays, so the pick can change until wrap-up.
const KEEP_ENDED: usize = 5;

fn who(c: &Candidate) -> RecordRef {
    RecordRef {
        id: c.id.clone(),
        label: c.name.clone(),
    }
}

impl Actor {
    /// MATCH-1/3/4/5: the pop for a call that just started.
    pub(crate) async fn pop_caller(&mut self, view: &CallView, row: i64) {
        let region = self.caller_settings.region();
        let mut pop = CallerMatch {
            call_id: view.id.clone(),
            state: MatchState::Searching,
            candidates: Vec::new(),
            chosen: None,
            chosen_by: None,
            searched_live: false,
            ended: false,
        };
        let Ok(phone) = normalize(&view.remote, region) else {
            pop.state = MatchState::NoNumber;
            self.callers.push(CallerEntry {
                view: pop,
                row,
                refining: false,
            });
            return;
        };
        if view.direction != Direction::Inbound {
            let now = self.clock.now();
            self.dials
                .retain(|d| now.saturating_sub(d.at) <= DIAL_BINDING_MS);
            if let Some(i) = self.dials.iter().position(|d| d.e164 == phone.e164) {
                let dial = self.dials.remove(i);
                self.settle(pop, row, vec![dial.candidate], ChosenBy::ClickToCall, None)
                    .await;
                return;
            }
        }
        // Until a sync has finished on this run (or with sync off) the local
        // copy may lack records: what it has pops at once, and a live search
        // completes the list (MATCH-4 needs every match to pick the default).
        let complete = self.caller_settings.sync_enabled && self.sync_health.last_sync_at.is_some();
        if let Some(store) = self.contacts() {
            match store.lookup(&phone.e164, region).await {
                Ok(found) if !found.is_empty() => {
                    let found = found.into_iter().map(Candidate::from).collect();
                    let call_id = pop.call_id.clone();
                    pop.searched_live = !complete;
                    self.settle(pop, row, found, ChosenBy::FirstCreated, None)
                        .await;
                    if !complete {
                        if let Some(e) = self.callers.iter_mut().find(|c| c.view.call_id == call_id)
                        {
                            e.refining = true;
                        }
                        self.search_live(call_id, phone.e164);
                    }
                    return;
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "local caller lookup failed; asking the CRM"),
            }
        }
        pop.searched_live = true;
        let call_id = pop.call_id.clone();
        self.callers.push(CallerEntry {
            view: pop,
            row,
            refining: false,
        });
        self.search_live(call_id, phone.e164);
    }

    /// Shows the candidates with the agent's earlier pick (if still among
    /// them) or the first chosen, and attributes the call to it (MATCH-7).
    async fn settle(
        &mut self,
        mut pop: CallerMatch,
        row: i64,
        candidates: Vec<Candidate>,
        by: ChosenBy,
        picked: Option<String>,
    ) {
        let (chosen, by) = match candidates.iter().find(|c| Some(&c.id) == picked.as_ref()) {
            Some(c) => (Some(who(c)), ChosenBy::Agent),
            None => (candidates.first().map(who), by),
        };
        pop.state = MatchState::Found;
        pop.chosen = chosen.as_ref().map(|c| c.id.clone());
        pop.chosen_by = chosen.as_ref().map(|_| by);
        pop.candidates = candidates;
        if let Some(c) = &chosen {
            let now = self.clock.now();
            match self.store.set_caller(row, Some(c), now).await {
                // A Task already written (the call ended before the CRM
                // answered) is rewritten with its WhoId.
                Ok(true) => self.outbox_changed().await,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(error = %e, "could not attribute the call");
                    self.problem(format!("could not attribute the call to its caller: {e}"));
                }
            }
        }
        match self
            .callers
            .iter_mut()
            .find(|c| c.view.call_id == pop.call_id)
        {
            Some(entry) => {
                pop.ended = entry.view.ended;
                entry.view = pop;
            }
            None => self.callers.push(CallerEntry {
                view: pop,
                row,
                refining: false,
            }),
        }
    }

    /// MATCH-6 / SYNC-4: the CRM is searched, and the callers changed since
    /// the last delta are fetched at the same time: they catch a record the
    /// search index has not seen yet.
    fn search_live(&mut self, call_id: CallId, e164: String) {
        let Some(link) = self.link.borrow().clone() else {
            self.set_state(
                &call_id,
                MatchState::NotFound {
                    reason: Some("no CRM is connected to search".into()),
                },
            );
            return;
        };
        let store = self.contacts();
        let opts = SyncOptions {
            region: self.caller_settings.region(),
            person_accounts: link.person_accounts,
            page: PAGE,
            poll_ms: 250,
        };
        let back = self.report_back();
        tokio::spawn(async move {
            let store = match store {
                Some(s) => s,
                None => match ContactStore::open_in_memory().await {
                    Ok(s) => s,
                    Err(e) => {
                        back(Command::LiveMatch {
                            call_id,
                            e164,
                            answer: Err(e.to_string()),
                        });
                        return;
                    }
                },
            };
            let (searched, recent) = tokio::join!(
                search_into(&link.client, &store, &e164, &opts),
                recent_callers(&link.client, &store, &opts)
            );
            if let Err(e) = recent {
                tracing::warn!(error = %e, "recent callers not fetched; the search alone answers");
            }
            // Either way, the store now holds whatever either one found.
            let answer = match (searched, store.lookup(&e164, opts.region).await) {
                (_, Ok(found)) if !found.is_empty() => Ok(found),
                (Ok(()), found) => found.map_err(|e| e.to_string()),
                (Err(e), _) => Err(e.to_string()),
            };
            back(Command::LiveMatch {
                call_id,
                e164,
                answer,
            });
        });
    }

    fn set_state(&mut self, call_id: &CallId, state: MatchState) {
        if let Some(entry) = self.callers.iter_mut().find(|c| &c.view.call_id == call_id) {
            entry.view.state = state;
        }
    }

    /// The CRM answered a live search.
    pub(crate) async fn live_match(
        &mut self,
        call_id: CallId,
        e164: String,
        answer: Result<Vec<Match>, String>,
    ) {
        let Some(entry) = self.callers.iter_mut().find(|c| c.view.call_id == call_id) else {
            return;
        };
        let refining = std::mem::take(&mut entry.refining);
        if !refining && entry.view.state != MatchState::Searching {
            return;
        }
        let (pop, row) = (entry.view.clone(), entry.row);
        match answer {
            Ok(found) if !found.is_empty() => {
                let found = found.into_iter().map(Candidate::from).collect();
                // A pick the agent already made stands if it is still a match.
                let picked = pop
                    .chosen
                    .clone()
                    .filter(|_| pop.chosen_by == Some(ChosenBy::Agent));
                self.settle(pop, row, found, ChosenBy::FirstCreated, picked)
                    .await;
            }
            // Refining a local hit: nothing more found, what is shown stands.
            _ if refining => {}
            Ok(_) => self.create_caller(&call_id, row, &e164).await,
            Err(e) => {
                tracing::warn!(error = %e, "live caller search failed");
                // Never create on a failed search: the caller may exist.
                self.set_state(
                    &call_id,
                    MatchState::NotFound {
                        reason: Some(format!(
                            "the CRM search failed, so nothing was created: {e}"
                        )),
                    },
                );
            }
        }
        self.publish_snapshot();
    }

    /// MATCH-2: the CRM has nobody with this number; create one if the
    /// admin says so, through the outbox.
    async fn create_caller(&mut self, call_id: &CallId, row: i64, e164: &str) {
        let Some(object) = self.caller_settings.auto_create.object() else {
            self.set_state(call_id, MatchState::NotFound { reason: None });
            return;
        };
        let fields = new_caller_fields(object, e164);
        let label = format!("{} (new {object})", label_of(&fields));
        let now = self.clock.now();
        match self
            .store
            .queue_caller_creation(row, object, e164, &fields.to_string(), &label, now)
            .await
        {
            Ok(_) => {
                self.set_state(
                    call_id,
                    MatchState::Creating {
                        object: object.to_string(),
                    },
                );
                self.wake.notify_one();
            }
            Err(e) => {
                self.problem(format!("could not queue a new {object}: {e}"));
                self.set_state(
                    call_id,
                    MatchState::NotFound {
                        reason: Some(e.to_string()),
                    },
                );
            }
        }
    }

    /// The delivery worker created (or adopted) a caller record.
    pub(crate) async fn caller_created(&mut self, calls: Vec<String>, record: ContactRecord) {
        if let Some(store) = self.contacts() {
            // The next call from this number pops from the local store.
            if let Err(e) = store
                .upsert(std::slice::from_ref(&record), self.caller_settings.region())
                .await
            {
                tracing::warn!(error = %e, "could not keep the new caller locally");
            }
        }
        let candidate = Candidate {
            id: record.id.clone(),
            kind: record.kind.into(),
            name: record.name.clone(),
            company: record.company.clone(),
            owner: None,
            created_at: Some(Millis(record.created_at)),
            field: "Phone".into(),
            raw: record
                .phones
                .first()
                .map(|p| p.1.clone())
                .unwrap_or_default(),
        };
        for entry in self.callers.iter_mut() {
            if calls.contains(&entry.view.call_id.0)
                && matches!(entry.view.state, MatchState::Creating { .. })
            {
                entry.view.state = MatchState::Found;
                entry.view.candidates = vec![candidate.clone()];
                entry.view.chosen = Some(candidate.id.clone());
                entry.view.chosen_by = Some(ChosenBy::Created);
            }
        }
        self.emit(crate::handle::EngineEvent::HistoryChanged);
        self.publish_snapshot();
    }

    pub(crate) fn caller_not_created(&mut self, calls: Vec<String>, error: String) {
        for entry in self.callers.iter_mut() {
            if calls.contains(&entry.view.call_id.0)
                && matches!(entry.view.state, MatchState::Creating { .. })
            {
                entry.view.state = MatchState::NotFound {
                    reason: Some(error.clone()),
                };
            }
        }
        self.problem(format!("a new caller record could not be created: {error}"));
        self.publish_snapshot();
    }

    /// MATCH-4: the agent picks another of the call's matches.
    pub(crate) async fn pick_caller(
        &mut self,
        call_id: &CallId,
        record_id: &str,
    ) -> Result<(), IpcError> {
        let Some(entry) = self.callers.iter_mut().find(|c| &c.view.call_id == call_id) else {
            return Err(IpcError::new(
                ErrorCode::UnknownCall,
                format!("no caller matches are shown for call {call_id}"),
            ));
        };
        let Some(c) = entry.view.candidates.iter().find(|c| c.id == record_id) else {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "that record is not one of this caller's matches",
            ));
        };
        let chosen = who(c);
        let row = entry.row;
        let now = self.clock.now();
        let due = self
            .store
            .set_caller(row, Some(&chosen), now)
            .await
            .map_err(|e| IpcError::new(ErrorCode::StoreFailed, e.to_string()))?;
        if let Some(entry) = self.callers.iter_mut().find(|c| &c.view.call_id == call_id) {
            entry.view.chosen = Some(chosen.id);
            entry.view.chosen_by = Some(ChosenBy::Agent);
        }
        // After the call, the Task (if written) is rewritten with the new WhoId.
        if due {
            self.outbox_changed().await;
        }
        self.emit(crate::handle::EngineEvent::HistoryChanged);
        Ok(())
    }

    /// MATCH-5: remember the record a dial starts from.
    pub(crate) fn bind_dial(&mut self, number: &str, record: DialRecord) {
        let Ok(phone) = normalize(number, self.caller_settings.region()) else {
            return;
        };
        let kind = CallerKind::of_id(&record.id).unwrap_or(CallerKind::Contact);
        self.dials.push(PendingDial {
            e164: phone.e164,
            candidate: Candidate {
                id: record.id,
                kind,
                name: record.label,
                company: None,
                owner: None,
                created_at: None,
                field: "click-to-call".into(),
                raw: number.to_string(),
            },
            at: self.clock.now(),
        });
    }

    /// The call ended: its pop stays a while for a late pick.
    pub(crate) fn caller_call_ended(&mut self, call_id: &CallId) {
        if let Some(entry) = self.callers.iter_mut().find(|c| &c.view.call_id == call_id) {
            entry.view.ended = true;
        }
        let ended = self.callers.iter().filter(|c| c.view.ended).count();
        let mut drop = ended.saturating_sub(KEEP_ENDED);
        self.callers.retain(|c| {
            if drop > 0 && c.view.ended {
                drop -= 1;
                false
            } else {
                true
            }
        });
    }

    pub(crate) fn sync_health_changed(&mut self, health: SyncHealth) {
        if health != self.sync_health {
            self.sync_health = health;
            self.publish_snapshot();
        }
    }

    /// The connected org's contact store, as the sync worker sees it too.
    pub(crate) fn contacts(&self) -> Option<ContactStore> {
        self.contacts_tx.borrow().as_ref().map(|(_, s)| s.clone())
    }
}
