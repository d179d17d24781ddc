//! The presence mapping as the org keeps it (PRES-1..7): the options on
//! the org-default `Ringside_Settings__c` row, and one
//! `Ringside_Presence_Rule__c` record per rule. Read with the rest of the
//! admin configuration; values Ringside cannot use are named, not guessed.

use ringside_core::presence::{CrmRule, PhoneRule, PhoneStatus, PresenceMapping};
use ringside_core::FieldError;
use serde_json::{Map, Value};

pub const RULE_OBJECT: &str = "Ringside_Presence_Rule__c";
/// An org keeps at most this many rules for Ringside to read.
pub const MAX_RULES: usize = 500;

/// The options' fields on the settings row.
pub const OPTION_FIELDS: [&str; 8] = [
    "Presence_Sync__c",
    "Presence_On_Call_Status__c",
    "Presence_Return_To_Previous__c",
    "Presence_Next_Status__c",
    "Presence_Phone_Default__c",
    "Presence_Crm_Default__c",
    "Presence_Crm_Offline__c",
    "Presence_Ring_While_Away__c",
];

fn text<'a>(row: &'a Map<String, Value>, f: &str) -> Option<&'a str> {
    row.get(f)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A status API name as Salesforce allows it (letters, digits, `_`).
fn api_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 80 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The mapping from the org-default row and the rule records; refusals
/// name the field. No row: sync off, Ringside's defaults.
pub fn parse_mapping(
    org_row: Option<&Map<String, Value>>,
    rules: &[Map<String, Value>],
) -> (PresenceMapping, Vec<FieldError>) {
    let mut m = PresenceMapping::default();
    let mut bad = Vec::new();
    let refuse = |bad: &mut Vec<FieldError>, field: &str, value: &str, what: &str| {
        bad.push(FieldError::new(
            field,
            format!("{field} in the org's Ringside settings is \"{value}\": {what}"),
        ))
    };
    if let Some(row) = org_row {
        let flag =
            |bad: &mut Vec<FieldError>, f: &str| match text(row, f).map(str::to_ascii_lowercase) {
                None => None,
                Some(v) if v == "true" => Some(true),
                Some(v) if v == "false" => Some(false),
                Some(v) => {
                    refuse(bad, f, &v, "use true or false");
                    None
                }
            };
        let status = |bad: &mut Vec<FieldError>, f: &str| match text(row, f) {
            Some(v) if api_name(v) => Some(v.to_string()),
            Some(v) => {
                refuse(bad, f, v, "use a presence status's API name");
                None
            }
            None => None,
        };
        let phone = |bad: &mut Vec<FieldError>, f: &str| match text(row, f) {
            Some(v) => match PhoneStatus::from_code(v) {
                Some(p) => Some(p),
                None => {
                    refuse(
                        bad,
                        f,
                        v,
                        "use Available, Away, Busy, AfterCallWork, Offline or Platform:Name",
                    );
                    None
                }
            },
            None => None,
        };
        m.enabled = flag(&mut bad, "Presence_Sync__c").unwrap_or(false);
        m.on_call = status(&mut bad, "Presence_On_Call_Status__c");
        m.return_to_previous =
            flag(&mut bad, "Presence_Return_To_Previous__c").unwrap_or(m.return_to_previous);
        m.next_status = status(&mut bad, "Presence_Next_Status__c");
        if let Some(p) = phone(&mut bad, "Presence_Phone_Default__c") {
            m.to_phone_default = p;
        }
        m.to_crm_default = status(&mut bad, "Presence_Crm_Default__c");
        if let Some(p) = phone(&mut bad, "Presence_Crm_Offline__c") {
            m.crm_offline = p;
        }
        m.ring_while_away = flag(&mut bad, "Presence_Ring_While_Away__c").unwrap_or(false);
    }
    for r in rules.iter().take(MAX_RULES) {
        let (Some(direction), Some(crm), Some(phone)) = (
            text(r, "Direction__c"),
            text(r, "Crm_Status__c"),
            text(r, "Phone_Status__c"),
        ) else {
            bad.push(FieldError::new(
                RULE_OBJECT,
                format!(
                    "the presence rule \"{}\" lacks its direction, Omni-Channel status or telephony status",
                    text(r, "Name").unwrap_or("?")
                ),
            ));
            continue;
        };
        let Some(phone_status) = PhoneStatus::from_code(phone) else {
            refuse(
                &mut bad,
                "Phone_Status__c",
                phone,
                "use Available, Away, Busy, AfterCallWork, Offline or Platform:Name",
            );
            continue;
        };
        if !api_name(crm) {
            refuse(
                &mut bad,
                "Crm_Status__c",
                crm,
                "use a presence status's API name",
            );
            continue;
        }
        match direction {
            "ToPhone" => m.to_phone.push(CrmRule {
                crm: crm.to_string(),
                phone: phone_status,
            }),
            "ToCrm" => m.to_crm.push(PhoneRule {
                phone: phone_status,
                crm: crm.to_string(),
            }),
            other => refuse(&mut bad, "Direction__c", other, "use ToPhone or ToCrm"),
        }
    }
    // What the editor would refuse is not applied: the agent's Ringside
    // keeps sync off until the admin mends it.
    if let Err(errors) = m.validate() {
        if m.enabled {
            m.enabled = false;
        }
        bad.extend(errors);
    }
    (m, bad)
}

/// The mapping's options as the settings row's fields.
fn option_fields(m: &PresenceMapping) -> Value {
    let flag = |b: bool| Value::String(if b { "true" } else { "false" }.into());
    let opt = |s: &Option<String>| s.clone().map(Value::String).unwrap_or(Value::Null);
    serde_json::json!({
        "Presence_Sync__c": flag(m.enabled),
        "Presence_On_Call_Status__c": opt(&m.on_call),
        "Presence_Return_To_Previous__c": flag(m.return_to_previous),
        "Presence_Next_Status__c": opt(&m.next_status),
        "Presence_Phone_Default__c": m.to_phone_default.code(),
        "Presence_Crm_Default__c": opt(&m.to_crm_default),
        "Presence_Crm_Offline__c": m.crm_offline.code(),
        "Presence_Ring_While_Away__c": flag(m.ring_while_away),
    })
}

/// The rule records for `m`, in the editor's order.
fn rule_records(m: &PresenceMapping) -> Vec<Value> {
    let to_phone = m
        .to_phone
        .iter()
        .map(|r| ("ToPhone", r.crm.as_str(), r.phone.code()));
    let to_crm = m
        .to_crm
        .iter()
        .map(|r| ("ToCrm", r.crm.as_str(), r.phone.code()));
    to_phone
        .chain(to_crm)
        .enumerate()
        .map(|(i, (direction, crm, phone))| {
            serde_json::json!({
                "attributes": {"type": RULE_OBJECT},
                "Name": format!("{crm} ↔ {phone}"),
                "Direction__c": direction,
                "Crm_Status__c": crm,
                "Phone_Status__c": phone,
                "Sort_Order__c": i,
            })
        })
        .collect()
}

/// An admin's mapping written to the org: the options on the org-default
/// row, the rules replaced. Refused before anything is written if the
/// editor would refuse it; the org refuses a user who may not.
pub async fn save_mapping(
    client: &ringside_crm::SalesforceClient,
    org_row: &str,
    m: &PresenceMapping,
) -> Result<(), ringside_crm_port::PortError> {
    use ringside_crm::client::Method;
    use ringside_crm_port::{PortError, PortErrorKind};
    let refused = |e: ringside_crm::CrmError| crate::errors::port_error(&e);
    if let Err(errors) = m.validate() {
        let first = errors
            .into_iter()
            .next()
            .map(|e| e.message)
            .unwrap_or_default();
        return Err(PortError::new(PortErrorKind::Refused, first));
    }
    if m.to_phone.len() + m.to_crm.len() > MAX_RULES {
        return Err(PortError::new(
            PortErrorKind::Refused,
            format!("a mapping has at most {MAX_RULES} rules"),
        ));
    }
    client
        .update(
            crate::admin_config::SETTINGS_OBJECT,
            org_row,
            &option_fields(m),
        )
        .await
        .map_err(refused)?;
    let old = client
        .query_all_pages(&format!(
            "SELECT Id FROM {RULE_OBJECT} LIMIT {}",
            MAX_RULES * 2
        ))
        .await
        .map_err(refused)?;
    let ids: Vec<String> = old
        .iter()
        .filter_map(|r| r.get("Id").and_then(Value::as_str))
        .filter(|id| ringside_store::is_record_id(id))
        .map(str::to_string)
        .collect();
    for chunk in ids.chunks(200) {
        let _: Value = client
            .call(
                Method::DELETE,
                &format!(
                    "/services/data/{}/composite/sobjects?ids={}&allOrNone=true",
                    ringside_crm::client::API_VERSION,
                    chunk.join(",")
                ),
                None,
                &[],
            )
            .await
            .map_err(refused)?;
    }
    for chunk in rule_records(m).chunks(200) {
        let _: Value = client
            .call(
                Method::POST,
                &format!(
                    "/services/data/{}/composite/sobjects",
                    ringside_crm::client::API_VERSION
                ),
                Some(serde_json::json!({"allOrNone": true, "records": chunk})),
                &[],
            )
            .await
            .map_err(refused)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn the_orgs_rows_become_the_mapping() {
        let org = row(
            json!({"Presence_Sync__c": "true", "Presence_On_Call_Status__c": "On_a_Call",
            "Presence_Return_To_Previous__c": "true", "Presence_Phone_Default__c": "Busy", "Presence_Crm_Offline__c": "Platform:Logged out"}),
        );
        let rules = vec![
            row(
                json!({"Direction__c": "ToPhone", "Crm_Status__c": "Lunch_Break", "Phone_Status__c": "Away"}),
            ),
            row(
                json!({"Direction__c": "ToCrm", "Crm_Status__c": "Away_from_Desk", "Phone_Status__c": "Busy"}),
            ),
        ];
        let (m, bad) = parse_mapping(Some(&org), &rules);
        assert!(bad.is_empty(), "{bad:?}");
        assert!(m.enabled);
        assert_eq!(m.on_call.as_deref(), Some("On_a_Call"));
        assert_eq!(m.phone_for(Some("Lunch_Break"), false), PhoneStatus::Away);
        assert_eq!(
            m.crm_for(&PhoneStatus::Busy).as_deref(),
            Some("Away_from_Desk")
        );
        assert_eq!(
            m.crm_offline,
            PhoneStatus::Platform {
                name: "Logged out".into()
            }
        );
    }

    #[test]
    fn bad_values_are_named_and_an_invalid_mapping_is_not_applied() {
        let org =
            row(json!({"Presence_Sync__c": "yes please", "Presence_Next_Status__c": "x'; DROP"}));
        let rules = vec![
            row(
                json!({"Name": "r1", "Direction__c": "Sideways", "Crm_Status__c": "A", "Phone_Status__c": "Away"}),
            ),
            row(
                json!({"Name": "r2", "Direction__c": "ToPhone", "Crm_Status__c": "A", "Phone_Status__c": "Lunch"}),
            ),
            row(json!({"Name": "r3"})),
        ];
        let (m, bad) = parse_mapping(Some(&org), &rules);
        let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "Presence_Sync__c",
                "Presence_Next_Status__c",
                "Direction__c",
                "Phone_Status__c",
                RULE_OBJECT
            ]
        );
        assert!(!m.enabled);
        // PRES-3 and PRES-6 refusals turn sync off and are named.
        let org = row(
            json!({"Presence_Sync__c": "true", "Presence_Return_To_Previous__c": "true", "Presence_Next_Status__c": "Online"}),
        );
        let (m, bad) = parse_mapping(
            Some(&org),
            &[row(
                json!({"Direction__c": "ToPhone", "Crm_Status__c": "Online", "Phone_Status__c": "OnACall"}),
            )],
        );
        assert!(!m.enabled);
        assert!(bad.iter().any(|e| e.field == "next_status"));
        assert!(bad.iter().any(|e| e.field == "to_phone.0.phone"));
        let (m, bad) = parse_mapping(None, &[]);
        assert!(!m.enabled && bad.is_empty(), "no row: off, quietly");
    }
}
