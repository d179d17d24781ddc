#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The sandbox serves Ringside's own objects exactly as the repo's SFDX
//! project (`salesforce/`) defines them: same objects, same custom fields,
//! matching types. A field added on one side only fails here.

use std::path::{Path, PathBuf};

use ringside_sandbox::schema::{self, FieldType};

fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../salesforce/force-app/main/default")
}

/// The text between `<tag>` and `</tag>`, first occurrence.
fn element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{tag}>"))? + start;
    Some(xml[start..end].trim())
}

/// (field name, metadata type) of every custom field of `object`.
fn fields(object: &str) -> Vec<(String, String)> {
    let dir = project().join("objects").join(object).join("fields");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let xml = std::fs::read_to_string(e.unwrap().path()).unwrap();
            (
                element(&xml, "fullName").unwrap().to_string(),
                element(&xml, "type").unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn served_type(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "Text",
        FieldType::Int => "Number",
        FieldType::Boolean => "Checkbox",
        FieldType::Reference => "Lookup",
        FieldType::DateTime => "DateTime",
        other => other.wire_name(),
    }
}

fn served(object: &str) -> Vec<(String, String)> {
    let obj = schema::object(object).unwrap_or_else(|| panic!("the sandbox has no {object}"));
    let mut out: Vec<(String, String)> = obj
        .fields
        .iter()
        .filter(|f| f.name.ends_with("__c"))
        .map(|f| (f.name.to_string(), served_type(f.kind).to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn every_ringside_object_is_in_both_with_the_same_fields() {
    let mut in_project: Vec<String> = std::fs::read_dir(project().join("objects"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("Ringside_"))
        .collect();
    in_project.sort();
    let mut served_objects: Vec<String> = schema::OBJECTS
        .iter()
        .map(|o| o.name.to_string())
        .filter(|n| n.starts_with("Ringside_"))
        .collect();
    served_objects.sort();
    assert_eq!(in_project, served_objects);
    for object in &served_objects {
        assert_eq!(served(object), fields(object), "{object}");
    }
}

#[test]
fn conf_1_the_settings_and_dispositions_are_the_projects() {
    for object in ["Ringside_Settings__c", "Ringside_Disposition__c"] {
        assert_eq!(served(object), fields(object), "{object}");
        assert!(project()
            .join(format!("objects/{object}/{object}.object-meta.xml"))
            .exists());
    }
    let setting = std::fs::read_to_string(
        project().join("objects/Ringside_Settings__c/Ringside_Settings__c.object-meta.xml"),
    )
    .unwrap();
    assert_eq!(element(&setting, "customSettingsType"), Some("Hierarchy"));
    assert!(
        schema::object("Ringside_Settings__c")
            .unwrap()
            .hierarchy_setting
    );
}

#[test]
fn log_2_the_tasks_external_id_is_the_projects() {
    let task: Vec<(String, String)> = served("Task");
    assert_eq!(task, fields("Activity"));
    let xml = std::fs::read_to_string(
        project().join("objects/Activity/fields/Ringside_Call_Id__c.field-meta.xml"),
    )
    .unwrap();
    assert_eq!(element(&xml, "externalId"), Some("true"));
    assert!(
        schema::object("Task")
            .unwrap()
            .field("Ringside_Call_Id__c")
            .unwrap()
            .external_id
    );
}

#[test]
fn conf_2_the_admin_permission_set_grants_the_custom_permission() {
    let xml = std::fs::read_to_string(
        project().join("permissionsets/Ringside_Admin.permissionset-meta.xml"),
    )
    .unwrap();
    let granted = element(&xml, "customPermissions").unwrap();
    assert_eq!(
        element(granted, "name"),
        Some(ringside_sandbox::permissions::ADMIN_PERMISSION)
    );
    assert!(project()
        .join("customPermissions/Ringside_Admin.customPermission-meta.xml")
        .exists());
    let agent = std::fs::read_to_string(
        project().join("permissionsets/Ringside_Agent.permissionset-meta.xml"),
    )
    .unwrap();
    assert!(
        element(&agent, "customPermissions").is_none(),
        "agents are not admins"
    );
}

#[test]
fn the_presence_topic_the_sandbox_serves_is_the_one_the_admin_script_creates() {
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../salesforce/scripts/create-presence-topic.apex"),
    )
    .unwrap();
    let query = script
        .lines()
        .find_map(|l| l.trim().strip_prefix("Query = '"))
        .and_then(|q| q.strip_suffix("',"))
        .unwrap();
    assert_eq!(query, ringside_sandbox::seed::PRESENCE_TOPIC_QUERY);
    assert!(script.contains(&format!(
        "Name = '{}'",
        ringside_sandbox::seed::PRESENCE_TOPIC
    )));
}
