//! Calls as Tasks: one `/composite/sobjects` upsert per batch where the
//! org has Ringside's external-id field, else a CallObject lookup per Task
//! (LOG-2 either way: a repeat updates, never doubles).

use ringside_crm::{CrmError, SalesforceClient};
use ringside_crm_port::WriteOutcome;
use ringside_store::OutboxItem;
use serde_json::{Map, Value};

use crate::errors::port_error;
use crate::link::SalesforceCrm;
use crate::task_record::{collection_record, fallback_fields, fallback_marker, task_fields};

/// Writes a batch: one `/composite/sobjects` upsert when the org has
/// Ringside's key (a Task already written is updated by its id, which also
/// fills in the key on Tasks written before the field existed), else one
/// lookup and write per Task.
pub(crate) async fn deliver(link: &SalesforceCrm, items: &[OutboxItem]) -> Vec<WriteOutcome> {
    let owner = &link.account.user_id;
    match &link.external_id_field {
        Some(field) => deliver_keyed(link, items, field).await,
        None => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(
                    match write_by_call_object(&link.client, item, owner).await {
                        Ok(id) => WriteOutcome::Written(id),
                        Err(e) => failed(&e),
                    },
                );
            }
            out
        }
    }
}

async fn deliver_keyed(
    link: &SalesforceCrm,
    items: &[OutboxItem],
    field: &str,
) -> Vec<WriteOutcome> {
    let owner = &link.account.user_id;
    let mut out: Vec<Option<WriteOutcome>> = items.iter().map(|_| None).collect();
    let mut to_upsert = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(id) = &item.crm_record_id else {
            to_upsert.push(i);
            continue;
        };
        let fields = Value::Object(task_fields(item, owner, Some(field)));
        out[i] = match link.client.update("Task", id, &fields).await {
            Ok(()) => Some(WriteOutcome::Written(id.clone())),
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
        let outcomes: Vec<WriteOutcome> = match results {
            Ok(results) if results.len() == to_upsert.len() => results
                .into_iter()
                .map(|r| match (r.success, r.id) {
                    (true, Some(id)) => WriteOutcome::Written(id),
                    _ => WriteOutcome::Failed(ringside_crm_port::PortError::new(
                        ringside_crm_port::PortErrorKind::Refused,
                        record_errors(&r.errors),
                    )),
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
            o.unwrap_or_else(|| {
                WriteOutcome::Failed(ringside_crm_port::PortError::new(
                    ringside_crm_port::PortErrorKind::Transient,
                    "the CRM gave no answer for this record",
                ))
            })
        })
        .collect()
}

/// Stored in the outbox and shown: the CRM's words, numbers redacted.
fn failed(e: &CrmError) -> WriteOutcome {
    let mut p = port_error(e);
    p.message = ringside_core::untrusted::error_text(&p.message);
    WriteOutcome::Failed(p)
}

fn all_failed(n: usize, e: &CrmError) -> Vec<WriteOutcome> {
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
        let WriteOutcome::Failed(e) = failed(&api) else {
            panic!("a refusal is a failure")
        };
        let error = e.message;
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
