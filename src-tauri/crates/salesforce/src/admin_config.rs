//! CONF-1..3 on Salesforce: Ringside's settings are the hierarchy custom
//! setting `Ringside_Settings__c` (one row per `SetupOwnerId`: the org, a
//! profile, a user), the disposition codes are `Ringside_Disposition__c`
//! records, and an admin is a holder of the `Ringside_Admin` custom
//! permission (`UserSetupEntityAccess` lists the running user's own). All of
//! it is read in one `/composite` request: one API call per read.

use ringside_core::admin_config::{AdminHierarchy, AdminLayer};
use ringside_core::caller_settings::CreateWhen;
use ringside_core::{AutoCreate, FieldError};
use ringside_crm::{CrmError, SalesforceClient};
use ringside_crm_port::{CrmAccount, OrgConfig, OrgDisposition, PortError, PortErrorKind};
use ringside_store::is_record_id;
use serde_json::{json, Map, Value};

use crate::errors::port_error;
use crate::presence_config;

pub const SETTINGS_OBJECT: &str = "Ringside_Settings__c";
pub const DISPOSITION_OBJECT: &str = "Ringside_Disposition__c";
pub const ADMIN_PERMISSION: &str = "Ringside_Admin";

/// The org keeps at most this many codes for Ringside to read.
const MAX_CODES: usize = 500;
/// Longest disposition label kept (Task.CallDisposition's length).
const MAX_LABEL: usize = 255;

/// Each setting's field in the org, by the name `AdminLayer` gives it.
const FIELDS: [(&str, &str); 11] = [
    ("offer_do_not_log", "Offer_Do_Not_Log__c"),
    ("default_do_not_log", "Default_Do_Not_Log__c"),
    ("log_missed_queue_calls", "Log_Missed_Queue_Calls__c"),
    (
        "log_inbound_while_logged_out",
        "Log_Inbound_While_Logged_Out__c",
    ),
    ("presence_logout_check", "Presence_Logout_Check__c"),
    ("hold_first_call", "Hold_First_Call__c"),
    ("unknown_callers_become", "Unknown_Callers_Become__c"),
    ("create_unknown_callers", "Create_Unknown_Callers__c"),
    ("default_country", "Default_Country__c"),
    ("keep_contact_copy", "Keep_Contact_Copy__c"),
    ("sync_interval_secs", "Sync_Interval_Seconds__c"),
];

fn not_deployed() -> PortError {
    PortError::new(
        PortErrorKind::Refused,
        "this org has no Ringside settings: deploy Ringside's Salesforce project (the salesforce folder) and assign its permission sets",
    )
}

/// The org's ids are 18 characters; a 15-character one names the same.
fn same_id(a: &str, b: &str) -> bool {
    a.get(..15).is_some_and(|x| Some(x) == b.get(..15))
}

pub async fn read_config(
    client: &SalesforceClient,
    account: &CrmAccount,
) -> Result<OrgConfig, PortError> {
    if !is_record_id(&account.user_id) || !is_record_id(&account.org_id) {
        return Err(PortError::new(
            PortErrorKind::Refused,
            "the org named a user or org id that is not one",
        ));
    }
    let columns: Vec<&str> = FIELDS.iter().map(|(_, api)| *api).collect();
    let me = format!(
        "SELECT ProfileId FROM User WHERE Id = '{}'",
        account.user_id
    );
    let rows = format!(
        "SELECT SetupOwnerId, {}, {}, {BUDGET_FIELD}, {RELAY_FIELD} FROM {SETTINGS_OBJECT} WHERE SetupOwnerId IN ('{}', '{}', '@{{q0.records[0].ProfileId}}')",
        columns.join(", "),
        presence_config::OPTION_FIELDS.join(", "),
        account.org_id,
        account.user_id
    );
    let admin = format!(
        "SELECT DeveloperName FROM UserSetupEntityAccess WHERE DeveloperName = '{ADMIN_PERMISSION}' AND NamespacePrefix = null"
    );
    let codes = format!(
        "SELECT Id, Name, Active__c FROM {DISPOSITION_OBJECT} ORDER BY Sort_Order__c ASC NULLS LAST, Name ASC LIMIT {MAX_CODES}"
    );
    let rules = format!(
        "SELECT Name, Direction__c, Crm_Status__c, Phone_Status__c FROM {} ORDER BY Sort_Order__c ASC NULLS LAST, Name ASC LIMIT {}",
        presence_config::RULE_OBJECT,
        presence_config::MAX_RULES
    );
    let answers = client
        .composite_queries(&[&me, &rows, &admin, &codes, &rules])
        .await
        .map_err(|e| port_error(&e))?;
    let mut answers = answers.into_iter();
    let (Some(me), Some(rows), Some(admin), Some(codes), Some(rules)) = (
        answers.next(),
        answers.next(),
        answers.next(),
        answers.next(),
        answers.next(),
    ) else {
        return Err(PortError::new(
            PortErrorKind::Transient,
            "the org answered only part of the settings request",
        ));
    };
    let profile = me
        .map_err(|e| port_error(&e))?
        .records
        .first()
        .and_then(|r| r.get("ProfileId"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let rows = rows.map_err(|e| missing_object(&e))?.records;
    let codes = codes.map_err(|e| missing_object(&e))?.records;
    // Without access to the permission list the user is no admin here.
    let is_admin = admin.is_ok_and(|a| !a.records.is_empty());
    let mut hierarchy = AdminHierarchy::default();
    let mut refused = Vec::new();
    // Presence is org-wide: its options are the org default row's.
    let rules = rules.map(|r| r.records).unwrap_or_default();
    let org_row = rows.iter().find(|r| {
        r.get("SetupOwnerId")
            .and_then(Value::as_str)
            .is_some_and(|o| same_id(o, &account.org_id))
    });
    let (presence, bad) = presence_config::parse_mapping(org_row, &rules);
    refused.extend(bad);
    let (api_share_percent, bad) = budget_share(org_row);
    refused.extend(bad);
    let (relay_url, bad) = relay_url(org_row);
    refused.extend(bad);
    for row in &rows {
        let Some(owner) = row.get("SetupOwnerId").and_then(Value::as_str) else {
            continue;
        };
        let (layer, bad) = parse_layer(row);
        refused.extend(bad);
        if same_id(owner, &account.user_id) {
            hierarchy.user = layer;
        } else if profile.as_deref().is_some_and(|p| same_id(owner, p)) {
            hierarchy.profile = layer;
        } else if same_id(owner, &account.org_id) {
            hierarchy.org = layer;
        }
    }
    Ok(OrgConfig {
        hierarchy,
        is_admin,
        dispositions: parse_codes(&codes),
        refused,
        presence,
        api_share_percent,
        relay_url,
    })
}

/// BUDGET-1's share is org-wide, the org default row's; unset or not a
/// whole percentage, it is Ringside's default.
const BUDGET_FIELD: &str = "Api_Budget_Percent__c";

fn budget_share(org_row: Option<&Map<String, Value>>) -> (u8, Vec<FieldError>) {
    let default = ringside_core::budget::DEFAULT_SHARE_PERCENT;
    match org_row.and_then(|r| r.get(BUDGET_FIELD)) {
        None | Some(Value::Null) => (default, Vec::new()),
        Some(v) => match v.as_f64() {
            Some(p) if (0.0..=100.0).contains(&p) && p.fract() == 0.0 => (p as u8, Vec::new()),
            _ => (
                default,
                vec![FieldError::new(
                    BUDGET_FIELD,
                    format!(
                        "{BUDGET_FIELD} in the org's Ringside settings is {v}: use a whole percentage from 0 to 100"
                    ),
                )],
            ),
        },
    }
}

/// BUDGET-3's relay is org-wide too: the org default row's address.
const RELAY_FIELD: &str = "Relay_Url__c";
/// Longest relay address taken (the field's length).
const MAX_RELAY_URL: usize = 255;

fn relay_url(org_row: Option<&Map<String, Value>>) -> (Option<String>, Vec<FieldError>) {
    let refuse = |why: String| (None, vec![FieldError::new(RELAY_FIELD, why)]);
    match org_row.and_then(|r| r.get(RELAY_FIELD)) {
        None | Some(Value::Null) => (None, Vec::new()),
        Some(Value::String(s)) if s.trim().is_empty() => (None, Vec::new()),
        Some(Value::String(s)) => {
            let url = s.trim();
            let host = url
                .strip_prefix("nats://")
                .or_else(|| url.strip_prefix("tls://"))
                .unwrap_or_default();
            if url.len() > MAX_RELAY_URL
                || host.is_empty()
                || host.contains(['/', '@', ' '])
                || !host.is_ascii()
            {
                refuse(format!(
                    "{RELAY_FIELD} in the org's Ringside settings is not a relay address: use nats://host:port or tls://host:port"
                ))
            } else {
                (Some(url.to_string()), Vec::new())
            }
        }
        Some(v) => refuse(format!(
            "{RELAY_FIELD} in the org's Ringside settings is {v}: use nats://host:port or tls://host:port"
        )),
    }
}

/// An object the org does not have means the project is not deployed.
fn missing_object(e: &CrmError) -> PortError {
    match e {
        CrmError::Api { errors, .. } if errors.iter().any(|a| a.error_code == "INVALID_TYPE") => {
            not_deployed()
        }
        other => port_error(other),
    }
}

fn flag(value: &Value) -> Result<Option<bool>, ()> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "true" | "yes" | "on" => Ok(Some(true)),
            "false" | "no" | "off" => Ok(Some(false)),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

fn text(value: &Value) -> Result<Option<String>, ()> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.trim().to_string())),
        _ => Err(()),
    }
}

/// One settings row, as the hierarchy's layer; values Ringside cannot use
/// are left out (they inherit) and named.
pub fn parse_layer(row: &Map<String, Value>) -> (AdminLayer, Vec<FieldError>) {
    let mut layer = AdminLayer::default();
    let mut bad = Vec::new();
    for (name, api) in FIELDS {
        let value = row.get(api).unwrap_or(&Value::Null);
        let mut refuse = |what: &str| {
            bad.push(FieldError::new(
                name,
                format!(
                    "{api} in the org's Ringside settings is {}: {what}",
                    shown(value)
                ),
            ));
        };
        match name {
            "unknown_callers_become" => match text(value) {
                Ok(None) => {}
                Ok(Some(t)) => match t.to_ascii_lowercase().as_str() {
                    "off" | "none" => layer.unknown_callers_become = Some(AutoCreate::Off),
                    "lead" => layer.unknown_callers_become = Some(AutoCreate::Lead),
                    "contact" => layer.unknown_callers_become = Some(AutoCreate::Contact),
                    _ => refuse("use Off, Lead or Contact"),
                },
                Err(()) => refuse("use Off, Lead or Contact"),
            },
            "create_unknown_callers" => match text(value) {
                Ok(None) => {}
                Ok(Some(t)) => match t.to_ascii_lowercase().as_str() {
                    "ring" => layer.create_unknown_callers = Some(CreateWhen::Ring),
                    "answer" => layer.create_unknown_callers = Some(CreateWhen::Answer),
                    "logged" => layer.create_unknown_callers = Some(CreateWhen::Logged),
                    _ => refuse("use Ring, Answer or Logged"),
                },
                Err(()) => refuse("use Ring, Answer or Logged"),
            },
            "default_country" => match text(value) {
                Ok(c) => layer.default_country = c.map(|c| c.to_ascii_uppercase()),
                Err(()) => refuse("use a two-letter country code"),
            },
            "sync_interval_secs" => match value {
                Value::Null => {}
                Value::Number(n) => match n
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX))
                {
                    Some(f) => layer.sync_interval_secs = Some(f as u32),
                    None => refuse("use whole seconds"),
                },
                _ => refuse("use whole seconds"),
            },
            _ => {
                let parsed = match flag(value) {
                    Ok(v) => v,
                    Err(()) => {
                        refuse("use true or false");
                        None
                    }
                };
                let slot = match name {
                    "offer_do_not_log" => &mut layer.offer_do_not_log,
                    "default_do_not_log" => &mut layer.default_do_not_log,
                    "log_missed_queue_calls" => &mut layer.log_missed_queue_calls,
                    "log_inbound_while_logged_out" => &mut layer.log_inbound_while_logged_out,
                    "presence_logout_check" => &mut layer.presence_logout_check,
                    "hold_first_call" => &mut layer.hold_first_call,
                    _ => &mut layer.keep_contact_copy,
                };
                *slot = parsed;
            }
        }
    }
    // Values of the right type that no agent could use (a country that is
    // not one, an interval out of range) inherit too.
    let checked = layer.check();
    let layer = layer.without_bad_values();
    bad.extend(checked.into_iter().map(|e| {
        FieldError::new(
            e.field.clone(),
            format!("the org's Ringside settings: {}", e.message),
        )
    }));
    (layer, bad)
}

/// A value for an error message, cut short.
fn shown(value: &Value) -> String {
    let s = value.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// The codes, skipping records without a usable id or label.
pub fn parse_codes(records: &[Map<String, Value>]) -> Vec<OrgDisposition> {
    records
        .iter()
        .take(MAX_CODES)
        .filter_map(|r| {
            let id = r
                .get("Id")
                .and_then(Value::as_str)
                .filter(|i| is_record_id(i))?;
            let label = r
                .get("Name")
                .and_then(Value::as_str)
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty() && l.chars().count() <= MAX_LABEL)?;
            Some(OrgDisposition {
                crm_id: id.to_string(),
                label,
                active: r.get("Active__c").and_then(Value::as_bool).unwrap_or(true),
            })
        })
        .collect()
}

/// The row's fields as the org stores them: booleans as `true`/`false`
/// text, unset values as null (they inherit).
pub fn layer_fields(layer: &AdminLayer) -> Value {
    let flag = |v: Option<bool>| v.map_or(Value::Null, |b| json!(b.to_string()));
    json!({
        "Offer_Do_Not_Log__c": flag(layer.offer_do_not_log),
        "Default_Do_Not_Log__c": flag(layer.default_do_not_log),
        "Log_Missed_Queue_Calls__c": flag(layer.log_missed_queue_calls),
        "Log_Inbound_While_Logged_Out__c": flag(layer.log_inbound_while_logged_out),
        "Presence_Logout_Check__c": flag(layer.presence_logout_check),
        "Hold_First_Call__c": flag(layer.hold_first_call),
        "Unknown_Callers_Become__c": layer.unknown_callers_become.map_or(Value::Null, |a| json!(match a {
            AutoCreate::Off => "Off",
            AutoCreate::Lead => "Lead",
            AutoCreate::Contact => "Contact",
        })),
        "Create_Unknown_Callers__c": layer.create_unknown_callers.map_or(Value::Null, |w| json!(w.as_str())),
        "Default_Country__c": layer.default_country.as_ref().map_or(Value::Null, |c| json!(c)),
        "Keep_Contact_Copy__c": flag(layer.keep_contact_copy),
        "Sync_Interval_Seconds__c": layer.sync_interval_secs.map_or(Value::Null, |s| json!(s)),
    })
}

/// Writes the org-default row, creating it the first time.
pub async fn save_org_default(
    client: &SalesforceClient,
    account: &CrmAccount,
    layer: &AdminLayer,
) -> Result<(), PortError> {
    if let Some(bad) = layer.check().into_iter().next() {
        return Err(PortError::new(PortErrorKind::Refused, bad.message));
    }
    if !is_record_id(&account.org_id) {
        return Err(PortError::new(
            PortErrorKind::Refused,
            "the org named an org id that is not one",
        ));
    }
    let existing = client
        .query(&format!(
            "SELECT Id FROM {SETTINGS_OBJECT} WHERE SetupOwnerId = '{}'",
            account.org_id
        ))
        .await
        .map_err(|e| missing_object(&e))?;
    let fields = layer_fields(layer);
    let row = existing
        .records
        .first()
        .and_then(|r| r.get("Id"))
        .and_then(Value::as_str)
        .filter(|id| is_record_id(id));
    let done = match row {
        Some(id) => client.update(SETTINGS_OBJECT, id, &fields).await,
        None => {
            let mut fields = fields;
            fields["SetupOwnerId"] = json!(account.org_id);
            client.create(SETTINGS_OBJECT, &fields).await.map(|_| ())
        }
    };
    done.map_err(|e| refused_to_agent(&e))
}

/// The org-default settings row's id, made (empty) if the org has none.
pub async fn org_default_row(
    client: &SalesforceClient,
    account: &CrmAccount,
) -> Result<String, PortError> {
    if !is_record_id(&account.org_id) {
        return Err(PortError::new(
            PortErrorKind::Refused,
            "the org named an org id that is not one",
        ));
    }
    let existing = client
        .query(&format!(
            "SELECT Id FROM {SETTINGS_OBJECT} WHERE SetupOwnerId = '{}'",
            account.org_id
        ))
        .await
        .map_err(|e| missing_object(&e))?;
    if let Some(id) = existing
        .records
        .first()
        .and_then(|r| r.get("Id"))
        .and_then(Value::as_str)
        .filter(|id| is_record_id(id))
    {
        return Ok(id.to_string());
    }
    client
        .create(SETTINGS_OBJECT, &json!({"SetupOwnerId": account.org_id}))
        .await
        .map_err(|e| refused_to_agent(&e))?
        .id
        .filter(|id| is_record_id(id))
        .ok_or_else(|| {
            PortError::new(
                PortErrorKind::Transient,
                "the org made the settings row but did not say its id",
            )
        })
}

fn clean_label(label: &str) -> Result<String, PortError> {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() || label.chars().count() > MAX_LABEL {
        return Err(PortError::new(
            PortErrorKind::Refused,
            format!("a disposition code needs a name of 1 to {MAX_LABEL} characters"),
        ));
    }
    Ok(label)
}

/// WRAP-3: a new active code, listed after the others.
pub async fn add_disposition(client: &SalesforceClient, label: &str) -> Result<(), PortError> {
    let label = clean_label(label)?;
    // Listed last: one past the highest sort order in use.
    let last = client
        .query(&format!(
            "SELECT Sort_Order__c FROM {DISPOSITION_OBJECT} WHERE Sort_Order__c != null ORDER BY Sort_Order__c DESC LIMIT 1"
        ))
        .await
        .map_err(|e| missing_object(&e))?
        .records
        .first()
        .and_then(|r| r.get("Sort_Order__c"))
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let next = if last.is_finite() && (0.0..999_998.0).contains(&last) {
        last.floor() + 1.0
    } else {
        999_999.0
    };
    client
        .create(
            DISPOSITION_OBJECT,
            &json!({"Name": label, "Active__c": true, "Sort_Order__c": next}),
        )
        .await
        .map(|_| ())
        .map_err(|e| refused_to_agent(&e))
}

/// Renames, retires or restores a code (never deletes it).
pub async fn change_disposition(
    client: &SalesforceClient,
    crm_id: &str,
    label: Option<&str>,
    active: Option<bool>,
) -> Result<(), PortError> {
    if !is_record_id(crm_id) {
        return Err(PortError::new(
            PortErrorKind::Refused,
            "that disposition code has no record in the org",
        ));
    }
    let mut fields = Map::new();
    if let Some(label) = label {
        fields.insert("Name".into(), json!(clean_label(label)?));
    }
    if let Some(active) = active {
        fields.insert("Active__c".into(), json!(active));
    }
    client
        .update(DISPOSITION_OBJECT, crm_id, &Value::Object(fields))
        .await
        .map_err(|e| refused_to_agent(&e))
}

/// The org's refusal of a write, in words an agent can act on.
fn refused_to_agent(e: &CrmError) -> PortError {
    match e {
        CrmError::Api { errors, .. }
            if errors
                .iter()
                .any(|a| a.error_code == "INSUFFICIENT_ACCESS_OR_READONLY") =>
        {
            PortError::new(
                PortErrorKind::Refused,
                "the org does not let you change Ringside's settings: that takes the Ringside Admin permission set and, for the settings, Customize Application",
            )
        }
        other => missing_object(other),
    }
}

#[cfg(test)]
mod tests;
