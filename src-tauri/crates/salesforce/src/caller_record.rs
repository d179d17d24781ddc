//! Records Ringside creates for unknown callers (MATCH-2), written by the
//! delivery worker before the Tasks that wait for them. Find-or-create: a
//! record whose Phone is exactly the number we write (our own, if an earlier
//! response was lost; or one made meanwhile) is adopted, never doubled.

use ringside_contacts::{ContactRecord, Kind};
use ringside_crm::{CrmError, SalesforceClient};
use ringside_store::CreationItem;
use serde_json::{json, Map, Value};

/// Which kind of caller a Salesforce id is, from its key prefix.
pub fn kind_of_id(id: &str) -> Option<Kind> {
    match id.get(..3)? {
        "003" => Some(Kind::Contact),
        "00Q" => Some(Kind::Lead),
        "001" => Some(Kind::PersonAccount),
        _ => None,
    }
}

/// A new caller's fields (MATCH-2): what Salesforce requires of a Lead or
/// a Contact, named after the number.
pub fn new_caller_fields(object: &str, e164: &str) -> Value {
    let name = format!("Caller {e164}");
    match object {
        "Lead" => json!({"LastName": name, "Company": "Unknown", "Phone": e164}),
        _ => json!({"LastName": name, "Phone": e164}),
    }
}

/// The words shown for a record, from its fields.
pub fn label_of(fields: &Value) -> String {
    let part = |k: &str| fields.get(k).and_then(Value::as_str).unwrap_or("").trim();
    [part("FirstName"), part("LastName")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a failed creation is worth trying again unchanged.
pub fn give_up_on(e: &CrmError) -> bool {
    !e.is_retryable()
}

fn soql_quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\'', "\\'")
}

/// Creates (or adopts) the record; returns it as the contact store keeps it.
pub async fn create_caller(
    client: &SalesforceClient,
    item: &CreationItem,
    owner: &str,
    now_ms: i64,
) -> Result<ContactRecord, CrmError> {
    let fields: Value = serde_json::from_str(&item.fields).map_err(|e| CrmError::Malformed {
        status: 0,
        what: format!("queued caller record is not JSON: {e}"),
    })?;
    let kind = match item.object.as_str() {
        "Lead" => Kind::Lead,
        _ => Kind::Contact,
    };
    let soql = format!(
        "SELECT Id, CreatedDate FROM {} WHERE Phone = '{}' ORDER BY CreatedDate LIMIT 1",
        item.object,
        soql_quote(&item.e164)
    );
    let existing = client.query(&soql).await?;
    let id = match existing
        .records
        .first()
        .and_then(|r: &Map<String, Value>| r.get("Id"))
        .and_then(Value::as_str)
    {
        Some(id) => id.to_string(),
        None => client
            .create(&item.object, &fields)
            .await?
            .id
            .ok_or_else(|| CrmError::Malformed {
                status: 201,
                what: "a create result without an id".into(),
            })?,
    };
    Ok(ContactRecord {
        id,
        kind,
        name: label_of(&fields),
        company: fields
            .get("Company")
            .and_then(Value::as_str)
            .map(str::to_string),
        owner_id: Some(owner.to_string()),
        account_id: None,
        created_at: now_ms,
        modstamp: now_ms,
        phones: vec![("Phone".into(), item.e164.clone())],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_callers_carry_what_the_crm_requires() {
        let lead = new_caller_fields("Lead", "+13108675309");
        assert_eq!(lead["LastName"], "Caller +13108675309");
        assert_eq!(lead["Company"], "Unknown");
        assert_eq!(lead["Phone"], "+13108675309");
        let contact = new_caller_fields("Contact", "+442079460958");
        assert!(contact.get("Company").is_none());
        assert_eq!(label_of(&contact), "Caller +442079460958");
        assert_eq!(
            label_of(&json!({"FirstName": " Ada ", "LastName": "Byron"})),
            "Ada Byron"
        );
    }

    #[test]
    fn only_refusals_are_given_up() {
        assert!(give_up_on(&CrmError::Api {
            status: 400,
            errors: vec![]
        }));
        assert!(!give_up_on(&CrmError::Transport("reset".into())));
        assert!(!give_up_on(&CrmError::RequestLimit("later".into())));
    }
}
