//! The screen-pop part: the core's aggregate (`ringside_core::screen_pop`,
//! MATCH-1..7) holds every call's pop; this carries out its effects on the
//! actor: the local lookup runs before the ringing call's first
//! snapshot goes out, so the pop arrives with the call; a live search runs
//! off the actor and answers through `Command::LiveMatch`; attributions and
//! caller creations go to the store. The rules themselves are in the core.

use ringside_contacts::{normalize, ContactRecord, ContactStore, Match};
use ringside_core::screen_pop::{
    CallerKind, Candidate, LiveAnswer, PickError, PopEffect, PopInput,
};
use ringside_core::{CallId, CallView, Millis};

use crate::actor::Actor;
use crate::handle::Command;
use crate::ipc::{DialRecord, ErrorCode, IpcError};
use crate::problems::ProblemCode;

impl From<PickError> for IpcError {
    fn from(e: PickError) -> Self {
        let code = match e {
            PickError::NoPop(_) => ErrorCode::UnknownCall,
            PickError::NotACandidate => ErrorCode::InvalidInput,
        };
        IpcError::new(code, e.to_string())
    }
}

/// What the CRM's search answered, as the core reads it.
fn live_answer(answer: Result<Vec<Match>, String>) -> LiveAnswer {
    match answer {
        Ok(found) if found.is_empty() => LiveAnswer::Nobody,
        Ok(found) => LiveAnswer::Found(found.into_iter().map(Candidate::from).collect()),
        Err(e) => {
            tracing::warn!(error = %e, "live caller search failed");
            LiveAnswer::Failed(e)
        }
    }
}

impl Actor {
    /// One input through the screen pop, its effects carried out (an
    /// effect may answer with another input at once: a local lookup).
    pub(crate) async fn pop(&mut self, input: PopInput) {
        let mut inputs = vec![input];
        while let Some(input) = inputs.pop() {
            let policy = self.contacts.create_policy();
            let effects = self.pops.handle(input, policy, self.clock.now());
            for effect in effects {
                if let Some(next) = self.pop_effect(effect).await {
                    inputs.push(next);
                }
            }
        }
    }

    async fn pop_effect(&mut self, effect: PopEffect) -> Option<PopInput> {
        match effect {
            PopEffect::LookUpLocally { call_id, e164 } => {
                let region = self.contacts.region();
                let found = match self.contacts.contacts() {
                    Some(store) => match store.lookup(&e164, region).await {
                        Ok(found) => found.into_iter().map(Candidate::from).collect(),
                        Err(e) => {
                            tracing::warn!(error = %e, "local caller lookup failed; asking the CRM");
                            Vec::new()
                        }
                    },
                    None => Vec::new(),
                };
                let complete = self.contacts.copy_complete();
                Some(PopInput::Local {
                    call_id,
                    found,
                    complete,
                })
            }
            PopEffect::SearchLive { call_id, e164 } => self.search_live(call_id, e164),
            PopEffect::Attribute { row, who } => {
                let now = self.clock.now();
                match self.store.set_caller(row, Some(&who), now).await {
                    // A Task already written (the call ended before the CRM
                    // answered) is rewritten with its WhoId.
                    Ok(true) => self.outbox_changed(),
                    Ok(false) => {}
                    Err(e) => {
                        tracing::error!(error = %e, "could not attribute the call");
                        self.problem(
                            ProblemCode::AttributionFailed,
                            format!("could not attribute the call to its caller: {e}"),
                        );
                    }
                }
                None
            }
            PopEffect::QueueCreation {
                call_id,
                row,
                object,
                e164,
            } => {
                // The record as the CRM wants it: the one in use, or the one
                // the search asked if the link dropped meanwhile (it is
                // created when that org is back).
                let Some(crm) = self.crm.crm_in_use() else {
                    return Some(PopInput::CreationQueued {
                        call_id,
                        result: Err("no CRM has been connected to create the caller in".into()),
                    });
                };
                let new = crm.new_caller(object, &e164);
                let now = self.clock.now();
                let queued = self
                    .store
                    .queue_caller_creation(row, object, &e164, &new.fields, &new.label, now)
                    .await;
                let result = match queued {
                    Ok(_) => {
                        self.delivery.wake();
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                };
                Some(PopInput::CreationQueued { call_id, result })
            }
            PopEffect::CallerNotCreated(message) => {
                self.problem(ProblemCode::CallerNotCreated, message);
                None
            }
        }
    }

    /// MATCH-1/3/4/5: the pop for a call that just started.
    pub(crate) async fn pop_caller(&mut self, view: &CallView, row: i64) {
        let e164 = normalize(&view.remote, self.contacts.region())
            .ok()
            .map(|p| p.e164);
        self.pop(PopInput::Started {
            call_id: view.id.clone(),
            row,
            direction: view.direction,
            e164,
        })
        .await;
    }

    /// MATCH-6 / SYNC-4: the CRM is searched, and the callers changed since
    /// the last delta are fetched at the same time: they catch a record the
    /// search index has not seen yet.
    fn search_live(&mut self, call_id: CallId, e164: String) -> Option<PopInput> {
        let Some(link) = self.crm.link() else {
            return Some(PopInput::Live {
                call_id,
                answer: LiveAnswer::Unavailable,
            });
        };
        let store = self.contacts.contacts();
        let region = self.contacts.region();
        let back = self.report_back();
        tokio::spawn(async move {
            let store = match store {
                Some(s) => s,
                None => match ContactStore::open_in_memory().await {
                    Ok(s) => s,
                    Err(e) => {
                        back(Command::LiveMatch {
                            call_id,
                            answer: Err(e.to_string()),
                        });
                        return;
                    }
                },
            };
            let (searched, recent) = tokio::join!(
                link.crm.search_number(&store, &e164, region),
                link.crm.recent_callers(&store, region)
            );
            if let Err(e) = recent {
                tracing::warn!(error = %e, "recent callers not fetched; the search alone answers");
            }
            // Either way, the store now holds whatever either one found.
            let answer = match (searched, store.lookup(&e164, region).await) {
                (_, Ok(found)) if !found.is_empty() => Ok(found),
                (Ok(()), found) => found.map_err(|e| e.to_string()),
                (Err(e), _) => Err(e.to_string()),
            };
            back(Command::LiveMatch { call_id, answer });
        });
        None
    }

    /// The CRM answered a live search.
    pub(crate) async fn live_match(&mut self, call_id: CallId, answer: Result<Vec<Match>, String>) {
        let answer = live_answer(answer);
        self.pop(PopInput::Live { call_id, answer }).await;
        self.publish_snapshot();
    }

    /// The delivery worker created (or adopted) a caller record.
    pub(crate) async fn caller_created(&mut self, calls: Vec<String>, record: ContactRecord) {
        if let Some(store) = self.contacts.contacts() {
            // The next call from this number pops from the local store.
            if let Err(e) = store
                .upsert(std::slice::from_ref(&record), self.contacts.region())
                .await
            {
                tracing::warn!(error = %e, "could not keep the new caller locally");
            }
        }
        let record = Candidate {
            id: record.id.clone(),
            kind: record.kind,
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
            display: String::new(),
        };
        let calls = calls.into_iter().map(CallId).collect();
        self.pop(PopInput::Created { calls, record }).await;
        self.emit(crate::handle::EngineEvent::HistoryChanged);
        self.publish_snapshot();
    }

    pub(crate) async fn caller_not_created(&mut self, calls: Vec<String>, error: String) {
        let calls = calls.into_iter().map(CallId).collect();
        self.pop(PopInput::NotCreated { calls, error }).await;
        self.publish_snapshot();
    }

    /// MATCH-4: the agent picks another of the call's matches; written
    /// first, shown once it is.
    pub(crate) async fn pick_caller(
        &mut self,
        call_id: &CallId,
        record_id: &str,
    ) -> Result<(), IpcError> {
        let pick = self.pops.pick(call_id, record_id)?;
        let now = self.clock.now();
        let due = self
            .store
            .set_caller(pick.row, Some(&pick.who), now)
            .await
            .map_err(crate::dispatch::store_error)?;
        self.pops.picked(&pick);
        // After the call, the Task (if written) is rewritten with the new WhoId.
        if due {
            self.outbox_changed();
        }
        self.emit(crate::handle::EngineEvent::HistoryChanged);
        Ok(())
    }

    /// MATCH-5: remember the record a dial starts from.
    pub(crate) async fn bind_dial(&mut self, number: &str, record: DialRecord) {
        let Ok(phone) = normalize(number, self.contacts.region()) else {
            return;
        };
        let kind = self
            .crm
            .crm_in_use()
            .and_then(|crm| crm.caller_kind(&record.id))
            .unwrap_or(CallerKind::Contact);
        let record = Candidate {
            id: record.id,
            kind,
            name: record.label,
            company: None,
            owner: None,
            created_at: None,
            field: "click-to-call".into(),
            raw: number.to_string(),
            display: String::new(),
        };
        self.pop(PopInput::Dialled {
            e164: phone.e164,
            record,
        })
        .await;
    }

    /// MATCH-2: each live call's pop learns whether it is answered and
    /// whether Ringside would log it (a record is made only for those).
    pub(crate) async fn pop_progress(&mut self) {
        let live: Vec<_> = self.desk.live_calls().collect();
        for c in live {
            let ringside_logs = c.logging.writer() == Some(ringside_core::Writer::Companion);
            self.caller_progress(&c.id, c.answered_at.is_some(), ringside_logs)
                .await;
        }
    }

    /// Where `call_id` stands for MATCH-2; at its end, with the decision.
    pub(crate) async fn caller_progress(
        &mut self,
        call_id: &CallId,
        answered: bool,
        ringside_logs: bool,
    ) {
        self.pop(PopInput::Progress {
            call_id: call_id.clone(),
            answered,
            ringside_logs,
        })
        .await;
    }

    /// The call ended: its pop stays a while for a late pick.
    pub(crate) async fn caller_call_ended(&mut self, call_id: &CallId) {
        self.pop(PopInput::Ended {
            call_id: call_id.clone(),
        })
        .await;
    }
}
