//! Change Data Capture events as the streaming endpoint delivers them
//! (`data.payload.ChangeEventHeader` plus the fields), parsed and bounded,
//! and an event's fields merged into the relay's last copy of the record:
//! an update carries only what changed, so the relay rebuilds the whole
//! record without asking the CRM.

use serde_json::{Map, Value};

use crate::wire::{clip, is_record_id, MAX_FIELDS, MAX_VALUE};

/// Most record ids one event may name.
pub const MAX_IDS: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeType {
    Create,
    Update,
    Delete,
    Undelete,
    /// `GAP_CREATE`, `GAP_UPDATE`, `GAP_DELETE`, `GAP_UNDELETE`: the event
    /// has no fields; the records must be read again.
    Gap,
    /// `GAP_OVERFLOW`: too many changes to describe; copy the entity again.
    Overflow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CdcEvent {
    pub entity: String,
    pub ids: Vec<String>,
    pub change: ChangeType,
    pub commit_ms: i64,
    /// The fields the event carries (a person's `Name` as its parts).
    pub fields: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("a change event Ringside cannot read: {0}")]
pub struct CdcError(pub String);

/// A delivered event's `data` → the event, or a clear error; never panics.
pub fn parse_event(data: &Value) -> Result<CdcEvent, CdcError> {
    let bad = |m: &str| CdcError(m.to_string());
    let payload = data
        .get("payload")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("no payload"))?;
    let header = payload
        .get("ChangeEventHeader")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("no ChangeEventHeader"))?;
    let entity = header
        .get("entityName")
        .and_then(Value::as_str)
        .filter(|e| e.len() <= 80 && e.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .ok_or_else(|| bad("no entity name"))?
        .to_string();
    let kind = header
        .get("changeType")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no change type"))?;
    let change = match kind {
        "CREATE" => ChangeType::Create,
        "UPDATE" => ChangeType::Update,
        "DELETE" => ChangeType::Delete,
        "UNDELETE" => ChangeType::Undelete,
        "GAP_OVERFLOW" => ChangeType::Overflow,
        k if k.starts_with("GAP_") => ChangeType::Gap,
        k => return Err(CdcError(format!("the change type {:?}", clip(k)))),
    };
    let ids: Vec<String> = match header.get("recordIds") {
        Some(Value::Array(list)) if list.len() <= MAX_IDS => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::Array(_)) => return Err(bad("too many record ids")),
        _ => Vec::new(),
    };
    // A wildcard id (`001xx000000000*`) means "every record of the entity
    // changed alike": copy the entity again.
    let wildcard = ids.iter().any(|id| !is_record_id(id));
    let change = if wildcard && change != ChangeType::Overflow {
        ChangeType::Overflow
    } else {
        change
    };
    if ids.is_empty() && change != ChangeType::Overflow {
        return Err(bad("no record ids"));
    }
    let commit_ms = header
        .get("commitTimestamp")
        .and_then(Value::as_i64)
        .ok_or_else(|| bad("no commit time"))?;
    let mut fields = Map::new();
    for (k, v) in payload {
        if k == "ChangeEventHeader" {
            continue;
        }
        if fields.len() >= MAX_FIELDS {
            return Err(bad("too many fields"));
        }
        let ok = |v: &Value| match v {
            Value::String(s) => s.len() <= MAX_VALUE,
            Value::Null | Value::Bool(_) | Value::Number(_) => true,
            _ => false,
        };
        let fine = match v {
            Value::Object(parts) => parts.len() <= 8 && parts.values().all(ok),
            v => ok(v),
        };
        if !fine {
            return Err(CdcError(format!("the value of {}", clip(k))));
        }
        fields.insert(k.clone(), v.clone());
    }
    Ok(CdcEvent {
        entity,
        ids: if wildcard { Vec::new() } else { ids },
        change,
        commit_ms,
        fields,
    })
}

/// What merging an event into the last copy gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Merged {
    /// Nothing Ringside reads changed.
    Unchanged,
    Record(Map<String, Value>),
    /// The event cannot be merged (no copy to merge into, or a compound
    /// field Ringside keeps only whole): read the record again.
    Reread,
}

/// Merges an event's `fields` into `base`, keeping only the `wanted`
/// fields; a person's `Name` is rebuilt from its parts as Salesforce does.
pub fn merge(
    base: Option<&Map<String, Value>>,
    fields: &Map<String, Value>,
    wanted: &[&str],
) -> Merged {
    let Some(base) = base else {
        return Merged::Reread;
    };
    let mut out = base.clone();
    let mut changed = false;
    let set = |out: &mut Map<String, Value>, k: &str, v: &Value| {
        if !wanted.contains(&k) {
            return false;
        }
        let before = out.get(k).cloned().unwrap_or(Value::Null);
        if before == *v {
            return false;
        }
        if v.is_null() {
            out.remove(k);
        } else {
            out.insert(k.to_string(), v.clone());
        }
        true
    };
    let mut name_parts = false;
    for (k, v) in fields {
        match (k.as_str(), v) {
            ("Name", Value::Object(parts)) => {
                if !wanted.contains(&"FirstName") {
                    return Merged::Reread;
                }
                for (p, pv) in parts {
                    if matches!(p.as_str(), "FirstName" | "LastName") {
                        name_parts |= set(&mut out, p, pv);
                    }
                }
            }
            _ => changed |= set(&mut out, k, v),
        }
    }
    if name_parts {
        let text = |f: &str| {
            out.get(f)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let name: Vec<String> = [text("FirstName"), text("LastName")]
            .into_iter()
            .flatten()
            .collect();
        out.insert("Name".into(), Value::String(name.join(" ")));
        changed = true;
    }
    if changed {
        Merged::Record(out)
    } else {
        Merged::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn event(header: Value, fields: Value) -> Value {
        let mut payload = fields.as_object().cloned().unwrap_or_default();
        payload.insert("ChangeEventHeader".into(), header);
        json!({"schema": "x", "payload": payload, "event": {"replayId": 3}})
    }

    #[test]
    fn events_parse_from_salesforces_shape() {
        let e = parse_event(&event(
            json!({"entityName": "Contact", "recordIds": ["003000000000001AAA"], "changeType": "UPDATE", "commitTimestamp": 1700000000000i64}),
            json!({"Phone": "+34 600", "Name": {"LastName": "Gil"}, "LastModifiedDate": "2026-12-04T10:00:00.000+0000"}),
        ))
        .unwrap();
        assert_eq!(e.change, ChangeType::Update);
        assert_eq!(e.ids, vec!["003000000000001AAA"]);
        assert_eq!(e.fields["Name"], json!({"LastName": "Gil"}));
        let gap = |t: &str, ids: Value| {
            parse_event(&event(
                json!({"entityName": "Lead", "recordIds": ids, "changeType": t, "commitTimestamp": 1}),
                json!({}),
            ))
        };
        assert_eq!(
            gap("GAP_UPDATE", json!(["00Q000000000001AAA"]))
                .unwrap()
                .change,
            ChangeType::Gap
        );
        assert_eq!(
            gap("GAP_OVERFLOW", json!([])).unwrap().change,
            ChangeType::Overflow
        );
        // A wildcard id: the whole entity.
        assert_eq!(
            gap("UPDATE", json!(["00Q000000000*"])).unwrap().change,
            ChangeType::Overflow
        );
        for bad in [
            json!({}),
            json!({"payload": {}}),
            event(
                json!({"entityName": "Lead", "changeType": "UPDATE", "commitTimestamp": 1}),
                json!({}),
            ),
            event(
                json!({"entityName": "Lead", "recordIds": ["00Q000000000001AAA"], "changeType": "MERGE", "commitTimestamp": 1}),
                json!({}),
            ),
            event(
                json!({"entityName": "Lead", "recordIds": ["00Q000000000001AAA"], "changeType": "UPDATE"}),
                json!({}),
            ),
            event(
                json!({"entityName": "Lead", "recordIds": ["00Q000000000001AAA"], "changeType": "UPDATE", "commitTimestamp": 1}),
                json!({"Phone": [1]}),
            ),
        ] {
            assert!(parse_event(&bad).is_err(), "{bad}");
        }
    }

    const WANTED: &[&str] = &[
        "Id",
        "Name",
        "FirstName",
        "LastName",
        "Phone",
        "MobilePhone",
        "SystemModstamp",
    ];

    #[test]
    fn an_update_merges_into_the_copy_and_rebuilds_the_name() {
        let base = json!({"Id": "003000000000001AAA", "FirstName": "Ana", "LastName": "Ruiz", "Name": "Ana Ruiz", "Phone": "+34 600"});
        let base = base.as_object().unwrap();
        let f = |v: Value| v.as_object().cloned().unwrap();
        let Merged::Record(r) = merge(
            Some(base),
            &f(json!({"Name": {"LastName": "Gil"}, "MobilePhone": "+34 611"})),
            WANTED,
        ) else {
            panic!("merged")
        };
        assert_eq!(r["Name"], "Ana Gil");
        assert_eq!(r["MobilePhone"], "+34 611");
        assert_eq!(r["Phone"], "+34 600");
        let Merged::Record(r) = merge(Some(base), &f(json!({"Phone": null})), WANTED) else {
            panic!()
        };
        assert!(!r.contains_key("Phone"), "a nulled field is gone");
        assert_eq!(
            merge(
                Some(base),
                &f(json!({"Description": "x", "Phone": "+34 600"})),
                WANTED
            ),
            Merged::Unchanged
        );
        assert_eq!(
            merge(None, &f(json!({"Phone": "1"})), WANTED),
            Merged::Reread
        );
        // A compound name where only the whole Name is kept: read again.
        assert_eq!(
            merge(
                Some(base),
                &f(json!({"Name": {"LastName": "X"}})),
                &["Name", "Phone"]
            ),
            Merged::Reread
        );
    }

    proptest! {
        /// Any JSON shape under `data`: an event or an error, never a panic.
        #[test]
        fn parse_never_panics(s in "[\\[\\]{}\",:a-zA-Z0-9_ ]{0,200}") {
            if let Ok(v) = serde_json::from_str::<Value>(&s) {
                let _ = parse_event(&v);
                let _ = parse_event(&json!({"payload": {"ChangeEventHeader": v.clone(), "Phone": v}}));
            }
        }

        /// Merging only ever touches wanted fields, and merging the result
        /// again with the same fields changes nothing.
        #[test]
        fn merge_is_idempotent(phone in proptest::option::of("[0-9]{3,8}"), last in "[A-Z][a-z]{0,6}", other in "[a-z]{0,5}") {
            let base = json!({"Id": "003000000000001AAA", "FirstName": "A", "LastName": "B", "Name": "A B"});
            let fields = json!({"Phone": phone, "Name": {"LastName": last}, "Other__c": other});
            let fields = fields.as_object().unwrap();
            let once = match merge(base.as_object(), fields, WANTED) { Merged::Record(r) => r, _ => base.as_object().unwrap().clone() };
            prop_assert!(!once.contains_key("Other__c"));
            prop_assert_eq!(merge(Some(&once), fields, WANTED), Merged::Unchanged);
        }
    }
}
