//! The Task a call becomes in Salesforce (WRAP-2).

use ringside_core::{Direction, Phase};
use ringside_store::OutboxItem;
use serde_json::{json, Map, Value};

/// The custom external-id field an org adds so Ringside's writes are
/// idempotent (see docs/ARCHITECTURE.md, "Call records").
pub const EXTERNAL_ID_FIELD: &str = "Ringside_Call_Id__c";

const MAX_SUBJECT: usize = 255;

fn subject(item: &OutboxItem) -> String {
    let c = &item.call;
    let kind = match (c.phase, c.direction) {
        (Phase::Missed, _) => "Missed call",
        (_, Direction::Inbound) => "Inbound call",
        (_, Direction::Outbound | Direction::Dialback) => "Outbound call",
    };
    let s = match &c.disposition {
        Some(d) => format!("{kind}: {d}"),
        None => kind.to_string(),
    };
    s.chars().take(MAX_SUBJECT).collect()
}

/// The Task's fields. Absent wrap-up values are sent as null so a later
/// revision can clear what an earlier one set.
pub fn task_fields(
    item: &OutboxItem,
    owner_id: &str,
    external_id: Option<&str>,
) -> Map<String, Value> {
    let c = &item.call;
    let talk = match c.answered_at {
        Some(a) => (c.ended_at.saturating_sub(a) / 1000).max(0),
        None => 0,
    };
    let mut m = Map::new();
    m.insert("Subject".into(), json!(subject(item)));
    m.insert("Status".into(), json!("Completed"));
    m.insert("ActivityDate".into(), json!(c.started_at.utc_date()));
    m.insert("TaskSubtype".into(), json!("Call"));
    m.insert(
        "CallType".into(),
        json!(match c.direction {
            Direction::Inbound => "Inbound",
            Direction::Outbound | Direction::Dialback => "Outbound",
        }),
    );
    m.insert("CallDurationInSeconds".into(), json!(talk));
    m.insert("CallDisposition".into(), json!(c.disposition));
    m.insert("Description".into(), json!(c.notes));
    m.insert("CallObject".into(), json!(c.call_id));
    let (who, what) = who_and_what(c.who_id.as_deref(), c.what_id.as_deref());
    m.insert("WhoId".into(), json!(who));
    m.insert("WhatId".into(), json!(what));
    m.insert("OwnerId".into(), json!(owner_id));
    if let Some(field) = external_id {
        m.insert(field.into(), json!(item.external_id));
    }
    m
}

/// WhoId takes Contacts and Leads only. A Person Account caller (an Account
/// id, prefix `001`) relates through WhatId instead, unless the agent chose
/// a case: the case wins (WRAP-4) and the account is left off.
fn who_and_what<'a>(
    who: Option<&'a str>,
    what: Option<&'a str>,
) -> (Option<&'a str>, Option<&'a str>) {
    match who {
        Some(w) if w.starts_with("001") => (None, what.or(Some(w))),
        _ => (who, what),
    }
}

/// Ringside's key as it is written into the Description of orgs without
/// the external-id field.
pub fn fallback_marker(external_id: &str) -> String {
    format!("[Ringside call {external_id}]")
}

/// Salesforce's cap on a Task's Description.
const MAX_DESCRIPTION: usize = 32_000;

/// The Task's fields for an org without the external-id field: the notes,
/// then Ringside's key on a line of its own.
pub fn fallback_fields(item: &OutboxItem, owner_id: &str) -> Map<String, Value> {
    let mut m = task_fields(item, owner_id, None);
    let marker = fallback_marker(&item.external_id);
    let room = MAX_DESCRIPTION.saturating_sub(marker.chars().count() + 2);
    let description = match item.call.notes.as_deref().filter(|n| !n.is_empty()) {
        Some(notes) => format!(
            "{}\n\n{marker}",
            notes.chars().take(room).collect::<String>()
        ),
        None => marker,
    };
    m.insert("Description".into(), json!(description));
    m
}

/// One record of a `/composite/sobjects` upsert body.
pub fn collection_record(item: &OutboxItem, owner_id: &str, field: &str) -> Value {
    let mut m = Map::new();
    m.insert("attributes".into(), json!({"type": "Task"}));
    m.extend(task_fields(item, owner_id, Some(field)));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn match_7_person_accounts_relate_through_what_id() {
        let (contact, lead, person, case) = (
            Some("003000000000001AAA"),
            Some("00Q000000000001AAA"),
            Some("001000000000001AAA"),
            Some("500000000000001AAA"),
        );
        let table = [
            (contact, None, contact, None),
            (lead, case, lead, case),
            (person, None, None, person),
            (person, case, None, case),
            (None, case, None, case),
            (None, None, None, None),
        ];
        for (who, what, want_who, want_what) in table {
            assert_eq!(
                who_and_what(who, what),
                (want_who, want_what),
                "{who:?} {what:?}"
            );
        }
    }
    use ringside_core::Millis;
    use ringside_store::CallFacts;

    fn item(direction: Direction, phase: Phase, answered: Option<i64>) -> OutboxItem {
        OutboxItem {
            id: 1,
            call_row: 7,
            external_id: "rsabc-7".into(),
            attempts: 0,
            revision: 0,
            crm_record_id: None,
            call: CallFacts {
                call_id: "call-7".into(),
                direction,
                remote: "+13108675309".into(),
                queue: false,
                started_at: Millis(1_763_683_200_000), // 2025-11-21T00:00:00Z
                answered_at: answered.map(Millis),
                ended_at: Millis(1_763_683_200_000 + 95_400),
                phase,
                disposition: None,
                notes: None,
                who_id: None,
                what_id: None,
            },
        }
    }

    /// WRAP-2, one row per kind of call.
    #[test]
    fn wrap_2_task_fields_per_kind_of_call() {
        let t0 = 1_763_683_200_000;
        let rows = [
            (
                Direction::Inbound,
                Phase::Ended,
                Some(t0 + 5_000),
                "Inbound call",
                "Inbound",
                90,
            ),
            (
                Direction::Inbound,
                Phase::Missed,
                None,
                "Missed call",
                "Inbound",
                0,
            ),
            (
                Direction::Outbound,
                Phase::Ended,
                Some(t0),
                "Outbound call",
                "Outbound",
                95,
            ),
            (
                Direction::Dialback,
                Phase::Ended,
                Some(t0 + 400),
                "Outbound call",
                "Outbound",
                95,
            ),
        ];
        for (dir, phase, answered, subject, call_type, secs) in rows {
            let f = task_fields(
                &item(dir, phase, answered),
                "005000000000001AAA",
                Some(EXTERNAL_ID_FIELD),
            );
            assert_eq!(f["Subject"], subject, "{dir:?} {phase:?}");
            assert_eq!(f["CallType"], call_type);
            assert_eq!(f["CallDurationInSeconds"], secs);
            assert_eq!(f["ActivityDate"], "2025-11-21");
            assert_eq!(f["TaskSubtype"], "Call");
            assert_eq!(f["Status"], "Completed");
            assert_eq!(f["CallObject"], "call-7");
            assert_eq!(f["OwnerId"], "005000000000001AAA");
            assert_eq!(f[EXTERNAL_ID_FIELD], "rsabc-7");
            assert!(
                f["WhoId"].is_null() && f["WhatId"].is_null() && f["CallDisposition"].is_null()
            );
        }
    }

    #[test]
    fn wrap_up_values_reach_the_task_and_the_subject_is_capped() {
        let mut i = item(Direction::Inbound, Phase::Ended, Some(1_763_683_200_000));
        i.call.disposition = Some("R".repeat(300));
        i.call.notes = Some("Wants a callback".into());
        i.call.what_id = Some("500000000000001AAA".into());
        let f = task_fields(&i, "005000000000001AAA", None);
        assert_eq!(f["Subject"].as_str().unwrap().chars().count(), 255);
        assert_eq!(f["Description"], "Wants a callback");
        assert_eq!(f["WhatId"], "500000000000001AAA");
        assert!(
            !f.contains_key(EXTERNAL_ID_FIELD),
            "fallback mode sends no external id"
        );
        let r = collection_record(&i, "005000000000001AAA", EXTERNAL_ID_FIELD);
        assert_eq!(r["attributes"]["type"], "Task");
    }

    /// Without the external-id field Ringside's key follows the notes in the
    /// Description, within Salesforce's 32,000 characters.
    #[test]
    fn fallback_tasks_carry_ringsides_key_after_the_notes() {
        let mut i = item(Direction::Inbound, Phase::Ended, Some(1_763_683_200_000));
        let f = fallback_fields(&i, "005000000000001AAA");
        assert_eq!(f["Description"], "[Ringside call rsabc-7]");
        assert_eq!(
            f["CallObject"], "call-7",
            "CallObject stays the telephony id"
        );
        i.call.notes = Some("Wants a callback".into());
        let f = fallback_fields(&i, "005000000000001AAA");
        assert_eq!(
            f["Description"],
            "Wants a callback\n\n[Ringside call rsabc-7]"
        );
        i.call.notes = Some("n".repeat(32_000));
        let d = fallback_fields(&i, "005000000000001AAA")["Description"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(d.chars().count(), 32_000);
        assert!(d.ends_with("[Ringside call rsabc-7]"));
    }
}
