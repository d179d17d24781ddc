//! WRAP-4: the open cases a call may be filed on, most recently viewed first.

use ringside_crm::{CrmError, SalesforceClient};
use ringside_store::{is_record_id, RecordRef};
use serde_json::Value;

/// How many cases the picker offers.
const MAX_CASES: u32 = 20;

pub async fn recent_open_cases(
    client: &SalesforceClient,
    contact_id: Option<&str>,
) -> Result<Vec<RecordRef>, CrmError> {
    let contact = match contact_id {
        // Only a record id goes into the query text. A Person Account caller
        // (`001…`) has its cases on the account.
        Some(id) if is_record_id(id) && id.starts_with("001") => format!(" AND AccountId = '{id}'"),
        Some(id) if is_record_id(id) => format!(" AND ContactId = '{id}'"),
        Some(_) => return Ok(Vec::new()),
        None => String::new(),
    };
    let soql = format!(
        "SELECT Id, CaseNumber, Subject FROM Case WHERE IsClosed = false{contact} ORDER BY LastViewedDate DESC NULLS LAST LIMIT {MAX_CASES}"
    );
    let page = client.query(&soql).await?;
    Ok(page
        .records
        .iter()
        .filter_map(|r| {
            let id = r.get("Id").and_then(Value::as_str)?;
            let number = r.get("CaseNumber").and_then(Value::as_str).unwrap_or("");
            let subject = r.get("Subject").and_then(Value::as_str).unwrap_or("");
            Some(RecordRef {
                id: id.to_string(),
                label: format!("{number} {subject}").trim().to_string(),
            })
        })
        .collect())
}
