//! The delivery worker: drains the outbox into the CRM. Every write is keyed
//! by the call's external id, so a write repeated after a crash, a lost
//! response or a retry updates the same Task instead of adding one (LOG-2).

use std::sync::Arc;
use std::time::Duration;

use ringside_crm::{CrmError, SalesforceClient};
use ringside_store::{OutboxItem, RecordRef, Settlement, Store};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::sync::{mpsc, watch, Notify};
use ts_rs::TS;

use super::backoff::{DeliveryTuning, Jitter};
use super::caller_record::{create_caller, give_up_on};
use super::link::CrmLink;
use super::targets::target_of;
use super::task_record::{collection_record, fallback_fields, fallback_marker, task_fields};
use crate::clock::Clock;
use crate::handle::Command;

/// The outbox at a glance, for the UI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeliveryStatus {
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub failed: u64,
    /// CRM writes done since Ringside started (a wrap-up or a changed caller
    /// writes the same Task again, so this can exceed the calls logged).
    #[ts(type = "number")]
    pub written: u64,
    pub last_error: Option<String>,
}

/// What the worker tells the engine after each round.
#[derive(Debug)]
pub(crate) enum DeliveryReport {
    Status(DeliveryStatus),
    /// The session is gone and refreshing it was refused: sign in again.
    SessionLost(String),
    /// A caller record was created (or adopted) and these calls attributed.
    CallerCreated {
        calls: Vec<String>,
        record: ringside_contacts::ContactRecord,
    },
    /// A caller record could not be created; these calls go without one.
    CallerNotCreated {
        calls: Vec<String>,
        error: String,
    },
}

pub(crate) struct Worker {
    pub store: Store,
    pub link: watch::Receiver<Option<Arc<CrmLink>>>,
    pub wake: Arc<Notify>,
    /// Weak, so the engine can stop while the worker still runs.
    pub engine: mpsc::WeakSender<Command>,
    pub tuning: DeliveryTuning,
    pub clock: Arc<dyn Clock>,
}

/// How one item fared.
enum Outcome {
    Written(String),
    Failed { error: String, limit: bool },
}

impl Worker {
    pub async fn run(mut self) {
        let mut jitter = Jitter::new(u64::try_from(self.clock.now().0).unwrap_or(1));
        let mut status = DeliveryStatus::default();
        let mut target_of_link: Option<(Arc<CrmLink>, i64)> = None;
        loop {
            let link = self.link.borrow_and_update().clone();
            let Some(link) = link else {
                if self.link.changed().await.is_err() {
                    return;
                }
                continue;
            };
            // Only what was queued for this org and user is written here
            // (looked up once per connection, not every round).
            let known = target_of_link
                .as_ref()
                .filter(|(l, _)| Arc::ptr_eq(l, &link));
            let target = match known {
                Some((_, id)) => Ok(*id),
                None => self.store.crm_target(&target_of(&link.account)).await,
            };
            let target = match target {
                Ok(id) => {
                    target_of_link = Some((link.clone(), id));
                    Some(id)
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot tell which writes are for this org");
                    status.last_error = Some(format!("cannot read the outbox: {e}"));
                    self.report(DeliveryReport::Status(status.clone())).await;
                    if !self.idle(Duration::from_secs(5)).await {
                        return;
                    }
                    continue;
                }
            };
            if let Some(lost) = self.create_callers(&link, target, &mut jitter).await {
                self.report(DeliveryReport::SessionLost(lost)).await;
                if self.link.changed().await.is_err() {
                    return;
                }
                continue;
            }
            let now = self.clock.now();
            let due = match self.store.outbox_due(now, self.tuning.batch, target).await {
                Ok(due) => due,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the outbox");
                    status.last_error = Some(format!("cannot read the outbox: {e}"));
                    self.report(DeliveryReport::Status(status.clone())).await;
                    if !self.idle(Duration::from_secs(5)).await {
                        return;
                    }
                    continue;
                }
            };
            if due.is_empty() {
                let next = [
                    self.store.outbox_next_due(target).await,
                    self.store.creations_next_due(target).await,
                ]
                .into_iter()
                .filter_map(|r| r.ok().flatten())
                .min();
                let wait = match next {
                    Some(at) => u64::try_from(at.saturating_sub(now)).unwrap_or(0),
                    None => self.tuning.idle_check_ms,
                };
                let wait = wait.clamp(1, self.tuning.idle_check_ms);
                if !self.idle(Duration::from_millis(wait)).await {
                    return;
                }
                continue;
            }
            let sending = std::time::Instant::now();
            let outcomes = deliver(&link, &due).await;
            let sent_in = sending.elapsed();
            let now = self.clock.now();
            let mut session_lost = None;
            let mut failures = Vec::new();
            let mut batch = Vec::with_capacity(due.len());
            for (item, outcome) in due.iter().zip(&outcomes) {
                match outcome {
                    Outcome::Written(id) => {
                        status.written += 1;
                        batch.push(Settlement::Sent {
                            item,
                            crm_record_id: id,
                        });
                    }
                    Outcome::Failed { error, limit } => {
                        let delay = self.retry_in(*limit, item.attempts, &mut jitter);
                        if *error == CrmError::InvalidSession.to_string() {
                            session_lost = Some(error.clone());
                        }
                        status.last_error = Some(error.clone());
                        failures.push((item, error, now.plus(delay)));
                    }
                }
            }
            batch.extend(failures.iter().map(|(item, error, at)| Settlement::Failed {
                item,
                error,
                next_attempt_at: *at,
            }));
            if let Err(e) = self.store.outbox_settle(&batch, now).await {
                // The CRM has them; the next round re-sends under the same keys.
                tracing::error!(error = %e, "cannot record delivery outcomes");
            }
            tracing::debug!(
                records = due.len(),
                send_ms = sent_in.as_millis() as u64,
                total_ms = sending.elapsed().as_millis() as u64,
                "delivery round"
            );
            if let Ok((pending, failed)) = self.store.outbox_backlog(target).await {
                status.pending = pending;
                status.failed = failed;
                if failed == 0 {
                    status.last_error = None;
                }
            }
            self.report(DeliveryReport::Status(status.clone())).await;
            if let Some(reason) = session_lost {
                self.report(DeliveryReport::SessionLost(reason)).await;
                // Wait for a new sign-in; the old link is dead.
                if self.link.changed().await.is_err() {
                    return;
                }
            }
        }
    }

    /// MATCH-2: caller records due, before the Tasks that wait for them.
    /// Returns the reason if the session is gone.
    async fn create_callers(
        &mut self,
        link: &CrmLink,
        target: Option<i64>,
        jitter: &mut Jitter,
    ) -> Option<String> {
        let now = self.clock.now();
        let due = match self
            .store
            .creations_due(now, self.tuning.batch, target)
            .await
        {
            Ok(due) => due,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the caller records to create");
                return None;
            }
        };
        for item in due {
            let made = create_caller(&link.client, &item, &link.account.user_id, now.0).await;
            let now = self.clock.now();
            match made {
                Ok(record) => {
                    let who = RecordRef {
                        id: record.id.clone(),
                        label: record.name.clone(),
                    };
                    match self.store.creation_done(item.id, &who, now).await {
                        Ok(calls) => {
                            tracing::info!(object = %item.object, calls = calls.len(), "caller record created");
                            self.report(DeliveryReport::CallerCreated { calls, record })
                                .await;
                        }
                        // Found again (adopted) on the next round.
                        Err(e) => tracing::error!(error = %e, "cannot record a created caller"),
                    }
                }
                Err(e) => {
                    let give_up = give_up_on(&e);
                    let limit = matches!(e, CrmError::RequestLimit(_));
                    let delay = self.retry_in(limit, item.attempts, jitter);
                    let error = e.to_string();
                    tracing::warn!(%error, give_up, "caller record not created");
                    let calls = match self
                        .store
                        .creation_failed(item.id, &error, now.plus(delay), give_up, now)
                        .await
                    {
                        Ok(calls) => calls,
                        Err(se) => {
                            tracing::error!(error = %se, "cannot record a failed caller record");
                            Vec::new()
                        }
                    };
                    if matches!(e, CrmError::InvalidSession) {
                        return Some(error);
                    }
                    if give_up {
                        self.report(DeliveryReport::CallerNotCreated { calls, error })
                            .await;
                    }
                }
            }
        }
        None
    }

    /// How long until a failed write is tried again: past the limit window
    /// when the org's API limit was hit, else backing off by attempts.
    fn retry_in(&self, limit: bool, attempts: u32, jitter: &mut Jitter) -> i64 {
        if limit {
            jitter.spread(self.tuning.limit_pause_ms)
        } else {
            self.tuning.retry_delay(attempts, jitter)
        }
    }

    async fn report(&self, report: DeliveryReport) {
        if let Some(engine) = self.engine.upgrade() {
            let _ = engine.send(Command::Delivery(report)).await;
        }
    }

    /// Waits for a nudge, the time, or a new link; `false` once the engine
    /// is gone.
    async fn idle(&mut self, wait: Duration) -> bool {
        tokio::select! {
            _ = self.wake.notified() => true,
            _ = tokio::time::sleep(wait) => true,
            changed = self.link.changed() => changed.is_ok(),
        }
    }
}

/// Writes a batch: one `/composite/sobjects` upsert when the org has
/// Ringside's key (a Task already written is updated by its id, which also
/// fills in the key on Tasks written before the field existed), else one
/// lookup and write per Task.
async fn deliver(link: &CrmLink, items: &[OutboxItem]) -> Vec<Outcome> {
    let owner = &link.account.user_id;
    match &link.external_id_field {
        Some(field) => deliver_keyed(link, items, field).await,
        None => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(
                    match write_by_call_object(&link.client, item, owner).await {
                        Ok(id) => Outcome::Written(id),
                        Err(e) => failed(&e),
                    },
                );
            }
            out
        }
    }
}

async fn deliver_keyed(link: &CrmLink, items: &[OutboxItem], field: &str) -> Vec<Outcome> {
    let owner = &link.account.user_id;
    let mut out: Vec<Option<Outcome>> = items.iter().map(|_| None).collect();
    let mut to_upsert = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(id) = &item.crm_record_id else {
            to_upsert.push(i);
            continue;
        };
        let fields = Value::Object(task_fields(item, owner, Some(field)));
        out[i] = match link.client.update("Task", id, &fields).await {
            Ok(()) => Some(Outcome::Written(id.clone())),
            // Deleted in the CRM meanwhile: written anew under the key.
            Err(CrmError::Api { status: 404, .. }) => {
                to_upsert.push(i);
                None
            }
            Err(e) => Some(failed(&e)),
        };
    }
    if !to_upsert.is_empty() {
        let records = to_upsert
            .iter()
            .map(|&i| collection_record(&items[i], owner, field))
            .collect();
        let results = link
            .client
            .upsert_collection("Task", field, records, false)
            .await;
        let outcomes: Vec<Outcome> = match results {
            Ok(results) if results.len() == to_upsert.len() => results
                .into_iter()
                .map(|r| match (r.success, r.id) {
                    (true, Some(id)) => Outcome::Written(id),
                    _ => Outcome::Failed {
                        error: record_errors(&r.errors),
                        limit: false,
                    },
                })
                .collect(),
            Ok(results) => all_failed(
                to_upsert.len(),
                &CrmError::Malformed {
                    status: 200,
                    what: format!("{} results for {} records", results.len(), to_upsert.len()),
                },
            ),
            Err(e) => all_failed(to_upsert.len(), &e),
        };
        for (&i, outcome) in to_upsert.iter().zip(outcomes) {
            out[i] = Some(outcome);
        }
    }
    out.into_iter()
        .map(|o| {
            o.unwrap_or_else(|| Outcome::Failed {
                error: "the CRM gave no answer for this record".into(),
                limit: false,
            })
        })
        .collect()
}

fn failed(e: &CrmError) -> Outcome {
    Outcome::Failed {
        // Stored in the outbox and shown: the CRM's words, numbers redacted.
        error: ringside_core::untrusted::error_text(&e.to_string()),
        limit: matches!(e, CrmError::RequestLimit(_)),
    }
}

fn all_failed(n: usize, e: &CrmError) -> Vec<Outcome> {
    (0..n).map(|_| failed(e)).collect()
}

/// `[{statusCode, message, fields}]` in a collection result, in a sentence.
fn record_errors(errors: &[Value]) -> String {
    let parts: Vec<String> = errors
        .iter()
        .map(|e| {
            let code = e
                .get("statusCode")
                .and_then(Value::as_str)
                .unwrap_or("UNKNOWN");
            let msg = e.get("message").and_then(Value::as_str).unwrap_or("");
            format!("{code}: {msg}")
        })
        .collect();
    if parts.is_empty() {
        "the CRM refused the record without saying why".into()
    } else {
        ringside_core::untrusted::error_text(&format!(
            "the CRM refused the record: {}",
            parts.join("; ")
        ))
    }
}

fn soql_quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\'', "\\'")
}

/// Without an external-id field Ringside's own key rides in the Task's
/// Description (`[Ringside call <key>]`): the call's Task is the one with
/// this CallObject, owner and key, so a reused telephony id (a restarted
/// demo, an ACD's own ids) never updates another call's Task, and a retry
/// after a lost response updates instead of creating a second one.
async fn write_by_call_object(
    client: &SalesforceClient,
    item: &OutboxItem,
    owner: &str,
) -> Result<String, CrmError> {
    let fields = Value::Object(fallback_fields(item, owner));
    // Written before (a wrap-up rewrites it): straight to that Task.
    if let Some(id) = &item.crm_record_id {
        match client.update("Task", id, &fields).await {
            Ok(()) => return Ok(id.clone()),
            // Deleted in the CRM meanwhile: look for it, else write it anew.
            Err(CrmError::Api { status: 404, .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let soql = format!(
        // Newest first: with a reused id, this call's Task is among the latest.
        "SELECT Id, Description FROM Task WHERE CallObject = '{}' AND OwnerId = '{}' ORDER BY CreatedDate DESC LIMIT 200",
        soql_quote(&item.call.call_id),
        soql_quote(owner)
    );
    let marker = fallback_marker(&item.external_id);
    let found = client.query(&soql).await?;
    let existing = found
        .records
        .iter()
        .find(|r: &&Map<String, Value>| {
            r.get("Description")
                .and_then(Value::as_str)
                .is_some_and(|d| d.contains(&marker))
        })
        .and_then(|r| r.get("Id"))
        .and_then(Value::as_str)
        .map(str::to_string);
    match existing {
        Some(id) => {
            client.update("Task", &id, &fields).await?;
            Ok(id)
        }
        None => {
            let r = client.create("Task", &fields).await?;
            r.id.ok_or_else(|| CrmError::Malformed {
                status: 201,
                what: "a create result without an id".into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CRM's own words are stored in the outbox and shown: a number in
    /// them is redacted first.
    #[test]
    fn crm_error_text_is_kept_with_numbers_redacted() {
        let api = CrmError::Api {
            status: 400,
            errors: vec![ringside_crm::ApiError {
                message: "Phone +13108675309 is on the do-not-call list".into(),
                error_code: "FIELD_CUSTOM_VALIDATION_EXCEPTION".into(),
                fields: vec![],
            }],
        };
        let Outcome::Failed { error, .. } = failed(&api) else {
            panic!("a refusal is a failure")
        };
        assert!(!error.contains("3108675309"), "{error}");
        assert!(
            error.contains("FIELD_CUSTOM_VALIDATION_EXCEPTION"),
            "{error}"
        );
        let refused = record_errors(&[serde_json::json!({
            "statusCode": "INVALID_FIELD",
            "message": "call (310) 867-5309 back first",
        })]);
        assert!(
            !refused.contains("867-5309") && !refused.contains("8675309"),
            "{refused}"
        );
        assert!(refused.contains("INVALID_FIELD"), "{refused}");
    }
}
