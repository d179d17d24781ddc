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

/// Who may create, update or delete records of an object over the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writers {
    Anyone,
    /// Users holding the `Ringside_Admin` custom permission (its
    /// permission set grants the object and, in a real org, Customize
    /// Application allows writing custom settings).
    RingsideAdmins,
    /// Setup data: made in Setup, not through the REST API.
    Nobody,
    /// Read and deleted, never created or updated over the API
    /// (`UserServicePresence`).
    DeleteOnly,
}

pub struct SObject {
    pub name: &'static str,
    pub label: &'static str,
    pub label_plural: &'static str,
    pub fields: &'static [Field],
    pub writers: Writers,
    /// A hierarchy custom setting: one row per `SetupOwnerId` (the org, a
    /// profile or a user).
    pub hierarchy_setting: bool,
}

const fn standard(
    name: &'static str,
    label: &'static str,
    label_plural: &'static str,
    fields: &'static [Field],
) -> SObject {
    SObject {
        name,
        label,
        label_plural,
        fields,
        writers: Writers::Anyone,
        hierarchy_setting: false,
    }
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
    standard(
        "Account",
        "Account",
        "Accounts",
        &[
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
    ),
    standard(
        "Contact",
        "Contact",
        "Contacts",
        &[
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
    ),
    standard(
        "Lead",
        "Lead",
        "Leads",
        &[
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
    ),
    standard(
        "Case",
        "Case",
        "Cases",
        &[
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
    ),
    standard(
        "Task",
        "Task",
        "Tasks",
        &[
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
    ),
    standard(
        "User",
        "User",
        "Users",
        &[
            ext("Username", String),
            f("FirstName", String),
            f("LastName", String),
            f("Name", String),
            f("Email", Email),
            f("IsActive", Boolean),
            f("ProfileId", Reference),
        ],
    ),
    // List views are metadata in a real org; here they are records, so tests
    // and the demo can make them through the API (a sandbox extension).
    standard(
        "ListView",
        "List View",
        "List Views",
        &[
            f("Name", String),
            ext("DeveloperName", String),
            f("SobjectType", String),
            f("Ringside_Columns__c", String),
            f("Ringside_Where__c", String),
        ],
    ),
    // Omni-Channel: statuses and channels are setup data; a user's status
    // periods can be read and deleted but never written over the API.
    SObject {
        name: "ServicePresenceStatus",
        label: "Presence Status",
        label_plural: "Presence Statuses",
        fields: &[ext("DeveloperName", String), f("MasterLabel", String)],
        writers: Writers::Nobody,
        hierarchy_setting: false,
    },
    SObject {
        name: "ServiceChannel",
        label: "Service Channel",
        label_plural: "Service Channels",
        fields: &[
            ext("DeveloperName", String),
            f("MasterLabel", String),
            f("RelatedEntity", String),
        ],
        writers: Writers::Nobody,
        hierarchy_setting: false,
    },
    SObject {
        name: "ServiceChannelStatus",
        label: "Service Channel Status",
        label_plural: "Service Channel Statuses",
        fields: &[
            f("ServicePresenceStatusId", Reference),
            f("ServiceChannelId", Reference),
        ],
        writers: Writers::Nobody,
        hierarchy_setting: false,
    },
    SObject {
        name: "UserServicePresence",
        label: "User Presence",
        label_plural: "User Presences",
        fields: &[
            f("UserId", Reference),
            f("OwnerId", Reference),
            f("ServicePresenceStatusId", Reference),
            f("IsCurrentState", Boolean),
            f("IsAway", Boolean),
            f("StatusStartDate", DateTime),
            f("StatusEndDate", DateTime),
        ],
        writers: Writers::DeleteOnly,
        hierarchy_setting: false,
    },
    // Streaming: a PushTopic's query picks the records whose changes its
    // channel `/topic/{Name}` carries.
    standard(
        "PushTopic",
        "Push Topic",
        "Push Topics",
        &[
            ext("Name", String),
            f("Query", String),
            f("ApiVersion", String),
            f("IsActive", Boolean),
            f("NotifyForOperationCreate", Boolean),
            f("NotifyForOperationUpdate", Boolean),
            f("NotifyForOperationDelete", Boolean),
            f("NotifyForFields", Picklist),
            f("Description", String),
        ],
    ),
    // Ringside's own objects, as its SFDX project (`salesforce/`) defines
    // them; `tests/sfdx_project.rs` fails if the two drift.
    SObject {
        name: "Ringside_Settings__c",
        label: "Ringside Settings",
        label_plural: "Ringside Settings",
        fields: &[
            f("Name", String),
            f("SetupOwnerId", Reference),
            f("Offer_Do_Not_Log__c", String),
            f("Default_Do_Not_Log__c", String),
            f("Log_Missed_Queue_Calls__c", String),
            f("Log_Inbound_While_Logged_Out__c", String),
            f("Presence_Logout_Check__c", String),
            f("Hold_First_Call__c", String),
            f("Unknown_Callers_Become__c", String),
            f("Create_Unknown_Callers__c", String),
            f("Default_Country__c", String),
            f("Keep_Contact_Copy__c", String),
            f("Sync_Interval_Seconds__c", Int),
            f("Presence_Sync__c", String),
            f("Presence_On_Call_Status__c", String),
            f("Presence_Return_To_Previous__c", String),
            f("Presence_Next_Status__c", String),
            f("Presence_Phone_Default__c", String),
            f("Presence_Crm_Default__c", String),
            f("Presence_Crm_Offline__c", String),
            f("Presence_Ring_While_Away__c", String),
            f("Api_Budget_Percent__c", Int),
            f("Relay_Url__c", String),
        ],
        writers: Writers::RingsideAdmins,
        hierarchy_setting: true,
    },
    SObject {
        name: "Ringside_Presence_Rule__c",
        label: "Ringside Presence Rule",
        label_plural: "Ringside Presence Rules",
        fields: &[
            f("Name", String),
            f("Direction__c", String),
            f("Crm_Status__c", String),
            f("Phone_Status__c", String),
            f("Sort_Order__c", Int),
        ],
        writers: Writers::RingsideAdmins,
        hierarchy_setting: false,
    },
    SObject {
        name: "Ringside_Disposition__c",
        label: "Ringside Disposition",
        label_plural: "Ringside Dispositions",
        fields: &[
            f("Name", String),
            f("Active__c", Boolean),
            f("Sort_Order__c", Int),
        ],
        writers: Writers::RingsideAdmins,
        hierarchy_setting: false,
    },
    // One row per agent: the presence status Ringside asks for, and the
    // status the console component reports, with its reason.
    standard(
        "Ringside_Presence__c",
        "Ringside Presence",
        "Ringside Presences",
        &[
            f("Name", String),
            ext("User_Key__c", String),
            f("User__c", Reference),
            f("Requested_Status__c", String),
            f("Request_Id__c", String),
            f("Requested_At__c", DateTime),
            f("Current_Status__c", String),
            f("Change_Reason__c", String),
            f("Change_Request_Id__c", String),
            f("Changed_At__c", DateTime),
            // STATE-2a: the org's LogoutEventStream, as RingsideLogoutTrigger records it.
            f("Org_Logout_At__c", DateTime),
            f("Component_Seen_At__c", DateTime),
        ],
    ),
    // BUDGET-1: one row per install, its heartbeat once a day; the rows
    // seen in the last 24 hours are the installs sharing the budget.
    standard(
        "Ringside_Install__c",
        "Ringside install",
        "Ringside installs",
        &[
            f("Name", String),
            ext("Install_Key__c", String),
            f("User__c", Reference),
            f("Last_Seen__c", DateTime),
            f("App_Version__c", String),
        ],
    ),
    SObject {
        name: "Profile",
        label: "Profile",
        label_plural: "Profiles",
        fields: &[f("Name", String)],
        writers: Writers::Nobody,
        hierarchy_setting: false,
    },
    // The running user's enabled custom permissions. `AssigneeId` is the
    // sandbox's own: a query sees only the running user's rows, as in an org.
    SObject {
        name: "UserSetupEntityAccess",
        label: "User Setup Entity Access",
        label_plural: "User Setup Entity Access",
        fields: &[
            f("DeveloperName", String),
            f("NamespacePrefix", String),
            f("SetupEntityType", String),
            f("AssigneeId", Reference),
        ],
        writers: Writers::Nobody,
        hierarchy_setting: false,
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
