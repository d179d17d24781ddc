//! One record change as the relay publishes it and desktops read it:
//! `{"o": object, "id": …, "v": version, "r": fields | null}`. The fields
//! are the record as the CRM's REST API returns it (the same ones the
//! direct copy reads), `null` for a deleted record (a tombstone). The
//! version is the record's `SystemModstamp` (or the change's commit time)
//! in ms: a desktop never lets an older version replace a newer one.
//!
//! Decoding is bounded: a message from the stream is outside input.

use bytes::Bytes;
use ringside_contacts::sync::Source;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Largest message published or read.
pub const MAX_MESSAGE: usize = 32 * 1024;
/// Most fields in one record.
pub const MAX_FIELDS: usize = 64;
/// Longest field value.
pub const MAX_VALUE: usize = 4 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The CRM object: `User`, `Account`, `Contact` or `Lead`.
    #[serde(rename = "o")]
    pub object: String,
    pub id: String,
    #[serde(rename = "v")]
    pub version: i64,
    /// The record's fields; `None`: deleted.
    #[serde(rename = "r")]
    pub record: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WireError {
    #[error("a relay message of {0} bytes is larger than {MAX_MESSAGE}")]
    TooLarge(usize),
    #[error("a relay message that is not a record change: {0}")]
    Malformed(String),
}

impl Change {
    pub fn source(&self) -> Option<Source> {
        Source::from_object(&self.object)
    }

    pub fn is_tombstone(&self) -> bool {
        self.record.is_none()
    }

    pub fn encode(&self) -> Bytes {
        Bytes::from(serde_json::to_vec(self).unwrap_or_default())
    }

    /// A message's bytes → a change, or a clear error; never panics.
    pub fn decode(bytes: &[u8]) -> Result<Change, WireError> {
        if bytes.len() > MAX_MESSAGE {
            return Err(WireError::TooLarge(bytes.len()));
        }
        let bad = |m: &str| WireError::Malformed(m.to_string());
        let c: Change = serde_json::from_slice(bytes).map_err(|e| bad(&e.to_string()))?;
        if c.source().is_none() {
            return Err(bad("an object Ringside does not copy"));
        }
        if !is_record_id(&c.id) {
            return Err(bad("a record id that is not 15 or 18 letters and digits"));
        }
        if let Some(r) = &c.record {
            if r.len() > MAX_FIELDS {
                return Err(bad("a record with too many fields"));
            }
            for v in r.values() {
                match v {
                    Value::Null | Value::Bool(_) | Value::Number(_) => {}
                    Value::String(s) if s.len() <= MAX_VALUE => {}
                    _ => return Err(bad("a field value that is not a short scalar")),
                }
            }
            if r.get("Id")
                .and_then(Value::as_str)
                .is_some_and(|id| id != c.id)
            {
                return Err(bad("a record whose Id is not the change's"));
            }
        }
        Ok(c)
    }
}

/// A Salesforce record id: 15 or 18 letters and digits.
pub fn is_record_id(id: &str) -> bool {
    matches!(id.len(), 15 | 18) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// At most 40 characters of outside text, for an error message.
pub fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn changes_round_trip_and_bad_ones_are_refused() {
        let c = Change {
            object: "Contact".into(),
            id: "003000000000001AAA".into(),
            version: 42,
            record:
                json!({"Id": "003000000000001AAA", "Name": "Ana Ruiz", "Phone": "+34 600 000 001"})
                    .as_object()
                    .cloned(),
        };
        assert_eq!(Change::decode(&c.encode()).unwrap(), c);
        let tomb = Change {
            record: None,
            ..c.clone()
        };
        assert!(Change::decode(&tomb.encode()).unwrap().is_tombstone());
        for bad in [
            json!({"o": "Case", "id": "500000000000001AAA", "v": 1, "r": null}),
            json!({"o": "Contact", "id": "003.*", "v": 1, "r": null}),
            json!({"o": "Contact", "id": "003000000000001AAA", "v": "x", "r": null}),
            json!({"o": "Contact", "id": "003000000000001AAA", "v": 1, "r": {"Name": {"deep": 1}}}),
            json!({"o": "Contact", "id": "003000000000001AAA", "v": 1, "r": {"Id": "003000000000002AAA"}}),
        ] {
            assert!(Change::decode(bad.to_string().as_bytes()).is_err(), "{bad}");
        }
        let huge = vec![b' '; MAX_MESSAGE + 1];
        assert_eq!(
            Change::decode(&huge),
            Err(WireError::TooLarge(MAX_MESSAGE + 1))
        );
    }

    proptest! {
        /// Any bytes: a change or an error, never a panic.
        #[test]
        fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let _ = Change::decode(&bytes);
        }

        /// Any valid change survives encoding.
        #[test]
        fn valid_changes_round_trip(
            object in prop::sample::select(vec!["User", "Account", "Contact", "Lead"]),
            n in 1u64..1_000_000,
            version in any::<i64>(),
            fields in prop::collection::btree_map("[A-Z][a-zA-Z]{0,12}", "[ -~]{0,40}", 0..10),
            deleted in any::<bool>(),
        ) {
            let id = format!("003{n:012}AAA");
            let record = (!deleted).then(|| fields.into_iter().filter(|(k, _)| k != "Id").map(|(k, v)| (k, Value::String(v))).collect());
            let c = Change { object: object.into(), id, version, record };
            prop_assert_eq!(Change::decode(&c.encode()).unwrap(), c);
        }
    }
}
