//! The objects and fields the sandbox serves. Writing a field that is not
//! here is `INVALID_FIELD`, as in a real org.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Id,
    Reference,
    String,
    Phone,
    Email,
    Textarea,
    Picklist,
    Boolean,
    Int,
    Date,
    DateTime,
}

impl FieldType {
    pub fn wire_name(self) -> &'static str {
        match self {
            FieldType::Id => "id",
            FieldType::Reference => "reference",
            FieldType::String => "string",
            FieldType::Phone => "phone",
            FieldType::Email => "email",
            FieldType::Textarea => "textarea",
            FieldType::Picklist => "picklist",
            FieldType::Boolean => "boolean",
            FieldType::Int => "int",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
        }
    }
}

pub struct Field {
    pub name: &'static str,
    pub kind: FieldType,
    /// Usable as an upsert key (`externalId` or `idLookup` in a real org).
    pub external_id: bool,
}

pub struct SObject {
    pub name: &'static str,
    pub label: &'static str,
    pub label_plural: &'static str,
    pub fields: &'static [Field],
}

const fn f(name: &'static str, kind: FieldType) -> Field {
    Field {
        name,
        kind,
        external_id: false,
    }
}

const fn ext(name: &'static str, kind: FieldType) -> Field {
    Field {
        name,
        kind,
        external_id: true,
    }
}

use FieldType::*;

/// Fields every object has; maintained by the server, never writable.
pub const SYSTEM_FIELDS: [&str; 6] = [
    "Id",
    "IsDeleted",
    "CreatedDate",
    "LastModifiedDate",
    "SystemModstamp",
    "CreatedById",
];

pub static OBJECTS: &[SObject] = &[
    SObject {
        name: "Account",
        label: "Account",
        label_plural: "Accounts",
        fields: &[
            f("Name", String),
            f("Phone", Phone),
            f("Type", Picklist),
            f("OwnerId", Reference),
            f("IsPersonAccount", Boolean),
            f("FirstName", String),
            f("LastName", String),
            f("PersonMobilePhone", Phone),
            f("PersonHomePhone", Phone),
            f("PersonOtherPhone", Phone),
            f("PersonAssistantPhone", Phone),
            f("PersonEmail", Email),
        ],
    },
    SObject {
        name: "Contact",
        label: "Contact",
        label_plural: "Contacts",
        fields: &[
            f("FirstName", String),
            f("LastName", String),
            f("Name", String),
            f("AccountId", Reference),
            f("Phone", Phone),
            f("MobilePhone", Phone),
            f("HomePhone", Phone),
            f("OtherPhone", Phone),
            f("AssistantPhone", Phone),
            f("Email", Email),
            f("OwnerId", Reference),
            f("Title", String),
        ],
    },
    SObject {
        name: "Lead",
        label: "Lead",
        label_plural: "Leads",
        fields: &[
            f("FirstName", String),
            f("LastName", String),
            f("Name", String),
            f("Company", String),
            f("Phone", Phone),
            f("MobilePhone", Phone),
            f("Email", Email),
            f("Status", Picklist),
            f("OwnerId", Reference),
        ],
    },
    SObject {
        name: "Case",
        label: "Case",
        label_plural: "Cases",
        fields: &[
            f("CaseNumber", String),
            f("Subject", String),
            f("Status", Picklist),
            f("IsClosed", Boolean),
            f("ContactId", Reference),
            f("AccountId", Reference),
            f("ContactPhone", Phone),
            f("OwnerId", Reference),
            f("LastViewedDate", DateTime),
        ],
    },
    SObject {
        name: "Task",
        label: "Task",
        label_plural: "Tasks",
        fields: &[
            f("Subject", String),
            f("Status", Picklist),
            f("Priority", Picklist),
            f("ActivityDate", Date),
            f("TaskSubtype", Picklist),
            f("CallType", Picklist),
            f("CallDurationInSeconds", Int),
            f("CallDisposition", String),
            ext("CallObject", String),
            f("Description", Textarea),
            f("WhoId", Reference),
            f("WhatId", Reference),
            f("OwnerId", Reference),
            ext("Ringside_Call_Id__c", String),
        ],
    },
    SObject {
        name: "User",
        label: "User",
        label_plural: "Users",
        fields: &[
            ext("Username", String),
            f("FirstName", String),
            f("LastName", String),
            f("Name", String),
            f("Email", Email),
            f("IsActive", Boolean),
        ],
    },
    // List views are metadata in a real org; here they are records, so tests
    // and the demo can make them through the API (a sandbox extension).
    SObject {
        name: "ListView",
        label: "List View",
        label_plural: "List Views",
        fields: &[
            f("Name", String),
            ext("DeveloperName", String),
            f("SobjectType", String),
            f("Ringside_Columns__c", String),
            f("Ringside_Where__c", String),
        ],
    },
    SObject {
        name: "ServicePresenceStatus",
        label: "Presence Status",
        label_plural: "Presence Statuses",
        fields: &[ext("DeveloperName", String), f("MasterLabel", String)],
    },
];

pub fn object(name: &str) -> Option<&'static SObject> {
    OBJECTS.iter().find(|o| o.name.eq_ignore_ascii_case(name))
}

impl SObject {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn is_field(&self, name: &str) -> bool {
        self.field(name).is_some() || SYSTEM_FIELDS.iter().any(|s| s.eq_ignore_ascii_case(name))
    }

    /// The field that names a record (describe's `nameField`): what lists of
    /// records such as `/recent` show beside the id.
    pub fn name_field(&self) -> Option<&'static str> {
        ["Name", "CaseNumber", "Subject", "MasterLabel"]
            .into_iter()
            .find_map(|n| self.field(n))
            .map(|f| f.name)
    }
}

/// Objects with fields `derived` computes.
const DERIVING: [&str; 3] = ["Case", "Contact", "Lead"];

/// Whether an update to `obj` may change derived fields (saves a read
/// for every other object).
pub fn derives(obj: &SObject) -> bool {
    DERIVING.contains(&obj.name)
}

/// Fields Salesforce derives from others: a person's compound `Name` from
/// its parts, a Case's `IsClosed` from its status. Applied to a record's
/// whole field set on every create and update.
pub fn derived(
    obj: &SObject,
    fields: &serde_json::Map<std::string::String, serde_json::Value>,
) -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::Value;
    let text = |f: &str| {
        fields
            .get(f)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    match obj.name {
        "Case" => vec![("IsClosed", Value::Bool(text("Status") == Some("Closed")))],
        "Contact" | "Lead" => {
            let parts: Vec<&str> = [text("FirstName"), text("LastName")]
                .into_iter()
                .flatten()
                .collect();
            if parts.is_empty() {
                Vec::new()
            } else {
                vec![("Name", Value::String(parts.join(" ")))]
            }
        }
        _ => Vec::new(),
    }
}
