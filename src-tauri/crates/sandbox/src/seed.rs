//! The sandbox org's starting data, the same on every start: an agent user,
//! accounts, contacts, leads, person accounts and cases with phone numbers
//! in many national and international formats (several callers share a
//! number, on purpose), and Omni-Channel presence statuses.

use serde_json::{json, Map, Value};

use crate::db::Db;
use crate::ids;
use crate::schema;
use crate::state::now_ms;
use crate::time::format_ms;

pub const AGENT_USERNAME: &str = "agent@ringside.sandbox";
/// Holds the `Ringside_Admin` custom permission.
pub const ADMIN_USERNAME: &str = "admin@ringside.sandbox";
/// The profile the demo agents have.
pub const AGENT_PROFILE: &str = "Contact Center Agent";

/// The disposition codes the demo org starts with: the last is retired.
pub const DISPOSITIONS: [(&str, bool); 6] = [
    ("Resolved", true),
    ("Follow-up needed", true),
    ("Left voicemail", true),
    ("Wrong number", true),
    ("Escalated", true),
    ("Sale", false),
];

/// The org-default row of Ringside's settings (CONF-1), as an admin would
/// leave it after a first save: every field set. Profiles and users
/// override it with rows of their own.
async fn seed_admin_config(
    db: &Db,
    org: &str,
    tick: &mut impl FnMut() -> i64,
) -> Result<(), sqlx::Error> {
    add(db, "Ringside_Settings__c", json!({"Name": "Ringside Settings (Organization)", "SetupOwnerId": org, "Offer_Do_Not_Log__c": "true", "Default_Do_Not_Log__c": "false", "Log_Missed_Queue_Calls__c": "false", "Log_Inbound_While_Logged_Out__c": "false", "Presence_Logout_Check__c": "true", "Hold_First_Call__c": "true", "Unknown_Callers_Become__c": "Lead", "Create_Unknown_Callers__c": "Ring", "Default_Country__c": "US", "Keep_Contact_Copy__c": "true", "Sync_Interval_Seconds__c": 60, "Presence_Sync__c": "false", "Presence_On_Call_Status__c": "On_a_Call", "Presence_Return_To_Previous__c": "true", "Presence_Phone_Default__c": "Busy", "Presence_Crm_Offline__c": "Offline", "Presence_Ring_While_Away__c": "false", "Api_Budget_Percent__c": 20}), tick()).await?;
    for (i, (direction, crm, phone)) in PRESENCE_RULES.iter().enumerate() {
        add(db, "Ringside_Presence_Rule__c", json!({"Name": format!("{crm} ↔ {phone}"), "Direction__c": direction, "Crm_Status__c": crm, "Phone_Status__c": phone, "Sort_Order__c": i}), tick()).await?;
    }
    for (i, (label, active)) in DISPOSITIONS.iter().enumerate() {
        add(
            db,
            "Ringside_Disposition__c",
            json!({"Name": label, "Active__c": active, "Sort_Order__c": i + 1}),
            tick(),
        )
        .await?;
    }
    Ok(())
}

/// What a new org starts with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Seed {
    /// Users, presence statuses and the demo customers.
    #[default]
    Demo,
    /// Users and presence statuses only: a clean slate for tests.
    UsersOnly,
}

const FIRST: [&str; 16] = [
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "Tim",
    "Radia",
    "Edsger",
    "Hedy",
    "Donald",
    "Sophie",
];
const LAST: [&str; 16] = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Berners-Lee",
    "Perlman",
    "Dijkstra",
    "Lamarr",
    "Knuth",
    "Wilson",
];
const COMPANIES: [&str; 10] = [
    "Acme Logistics",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Energy",
    "Wayne Foods",
    "Tyrell Systems",
    "Cyberdyne",
    "Soylent",
    "Hooli",
];
pub const PRESENCE_STATUSES: [(&str, &str); 6] = [
    ("Available_for_Calls", "Available for calls"),
    ("Online", "Online"),
    ("Away_from_Desk", "Away from desk"),
    ("Lunch_Break", "Lunch break"),
    ("Chat_Only", "Chat only"),
    ("On_a_Call", "On a Call"),
];

/// The demo org's presence mapping: direction, Omni status, phone status.
pub const PRESENCE_RULES: [(&str, &str, &str); 8] = [
    ("ToPhone", "Available_for_Calls", "Available"),
    ("ToPhone", "Online", "Available"),
    ("ToPhone", "Away_from_Desk", "Away"),
    ("ToPhone", "Lunch_Break", "Away"),
    ("ToPhone", "Chat_Only", "Busy"),
    ("ToCrm", "Available_for_Calls", "Available"),
    ("ToCrm", "Away_from_Desk", "Away"),
    ("ToCrm", "Away_from_Desk", "Busy"),
];

/// Omni-Channel's service channels: API name, label, what they route.
pub const SERVICE_CHANNELS: [(&str, &str, &str); 3] = [
    ("sfdc_phone", "Phone", "VoiceCall"),
    ("sfdc_liveagent", "Chat", "LiveChatTranscript"),
    ("Cases", "Cases", "Case"),
];

/// Which channels each presence status carries (none: a busy status).
/// "Online" mixes voice with chat on purpose: the mapping editor warns.
pub fn status_channels(status: &str) -> &'static [&'static str] {
    match status {
        "Available_for_Calls" => &["sfdc_phone"],
        "Online" => &["sfdc_phone", "sfdc_liveagent", "Cases"],
        "Chat_Only" => &["sfdc_liveagent"],
        _ => &[],
    }
}

/// The PushTopic over Ringside's presence rows, as an admin creates it
/// (see `salesforce/README.md`).
pub const PRESENCE_TOPIC: &str = "RingsidePresence";
pub const PRESENCE_TOPIC_QUERY: &str = "SELECT Id, User__c, Requested_Status__c, Request_Id__c, Requested_At__c, Current_Status__c, Change_Reason__c, Change_Request_Id__c, Changed_At__c, Org_Logout_At__c FROM Ringside_Presence__c";

/// Statuses, channels, the agent online in Omni-Channel, and the PushTopic.
async fn seed_presence(
    db: &Db,
    agent: &str,
    tick: &mut impl FnMut() -> i64,
) -> Result<(), sqlx::Error> {
    let mut channels = std::collections::HashMap::new();
    for (dev, label, entity) in SERVICE_CHANNELS {
        let id = add(
            db,
            "ServiceChannel",
            json!({"DeveloperName": dev, "MasterLabel": label, "RelatedEntity": entity}),
            tick(),
        )
        .await?;
        channels.insert(dev, id);
    }
    let mut available = None;
    for (dev, label) in PRESENCE_STATUSES {
        let id = add(
            db,
            "ServicePresenceStatus",
            json!({"DeveloperName": dev, "MasterLabel": label}),
            tick(),
        )
        .await?;
        for c in status_channels(dev) {
            if let Some(channel) = channels.get(c) {
                add(
                    db,
                    "ServiceChannelStatus",
                    json!({"ServicePresenceStatusId": id, "ServiceChannelId": channel}),
                    tick(),
                )
                .await?;
            }
        }
        if dev == "Available_for_Calls" {
            available = Some(id);
        }
    }
    let start = tick();
    add(db, "UserServicePresence", json!({"UserId": agent, "OwnerId": agent, "ServicePresenceStatusId": available, "IsCurrentState": true, "IsAway": false, "StatusStartDate": crate::time::format_ms(start), "StatusEndDate": null}), start).await?;
    add(db, "PushTopic", json!({"Name": PRESENCE_TOPIC, "Query": PRESENCE_TOPIC_QUERY, "ApiVersion": "61.0", "IsActive": true, "NotifyForOperationCreate": true, "NotifyForOperationUpdate": true, "NotifyForOperationDelete": true, "NotifyForFields": "Referenced", "Description": "Ringside: presence requests and the statuses the console component reports"}), tick()).await?;
    Ok(())
}

/// A phone number for caller `i`, in one of several real-world formats.
pub fn demo_phone(i: usize) -> String {
    let n = 100 + (i * 37) % 900;
    match i % 8 {
        0 => format!("(310) 555-0{n}"),
        1 => format!("+1 310 555 0{n}"),
        2 => format!("310.555.0{n}"),
        3 => format!("+44 20 7946 0{n}"),
        4 => format!("020 7946 0{n}"),
        5 => format!("+49 30 9018{n}"),
        6 => format!("+34 91 123 4{n}"),
        _ => format!("0{n} 555 0{n} ext. 12"),
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

async fn add(db: &Db, kind: &str, fields: Value, at: i64) -> Result<String, sqlx::Error> {
    let (Some(o), Some(prefix)) = (schema::object(kind), ids::key_prefix(kind)) else {
        return Ok(String::new());
    };
    db.insert(o, prefix, obj(fields), at).await
}

/// Idempotent: seeds only an empty org.
pub async fn seed(db: &Db, kind: Seed, org: &str) -> Result<(), sqlx::Error> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE sobject = 'User'")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        return Ok(());
    }
    // Created "a while ago", oldest first, so created-date order is meaningful.
    let mut at = now_ms() - 90 * 86_400_000;
    let mut tick = || {
        at += 3_600_000;
        at
    };
    let admin_profile = add(
        db,
        "Profile",
        json!({"Name": "System Administrator"}),
        tick(),
    )
    .await?;
    let agent_profile = add(db, "Profile", json!({"Name": AGENT_PROFILE}), tick()).await?;
    let agent = add(db, "User", json!({"Username": AGENT_USERNAME, "FirstName": "Alex", "LastName": "Agent", "Name": "Alex Agent", "Email": AGENT_USERNAME, "IsActive": true, "ProfileId": agent_profile}), tick()).await?;
    add(db, "User", json!({"Username": "supervisor@ringside.sandbox", "FirstName": "Sam", "LastName": "Supervisor", "Name": "Sam Supervisor", "Email": "supervisor@ringside.sandbox", "IsActive": true, "ProfileId": agent_profile}), tick()).await?;
    let admin = add(db, "User", json!({"Username": ADMIN_USERNAME, "FirstName": "Ada", "LastName": "Admin", "Name": "Ada Admin", "Email": ADMIN_USERNAME, "IsActive": true, "ProfileId": admin_profile}), tick()).await?;
    add(db, "UserSetupEntityAccess", json!({"DeveloperName": crate::permissions::ADMIN_PERMISSION, "NamespacePrefix": null, "SetupEntityType": "CustomPermission", "AssigneeId": admin}), tick()).await?;
    seed_admin_config(db, org, &mut tick).await?;
    seed_presence(db, &agent, &mut tick).await?;
    if kind == Seed::UsersOnly {
        return Ok(());
    }
    for (label, dev, kind, cols, cond) in [
        (
            "All Contacts",
            "AllContacts",
            "Contact",
            "Name,Phone,MobilePhone,Email",
            "",
        ),
        (
            "Call back today",
            "CallBackToday",
            "Contact",
            "Name,Phone",
            "LastName LIKE 'H%' OR LastName LIKE 'L%'",
        ),
        (
            "Open leads",
            "OpenLeads",
            "Lead",
            "Name,Company,Phone,Status",
            "Status = 'Open - Not Contacted'",
        ),
    ] {
        add(db, "ListView", json!({"Name": label, "DeveloperName": dev, "SobjectType": kind, "Ringside_Columns__c": cols, "Ringside_Where__c": cond}), tick()).await?;
    }
    let mut accounts = Vec::new();
    for (i, name) in COMPANIES.iter().enumerate() {
        accounts.push(add(db, "Account", json!({"Name": name, "Phone": demo_phone(i + 200), "Type": "Customer", "OwnerId": agent, "IsPersonAccount": false}), tick()).await?);
    }
    let mut contacts = Vec::new();
    for i in 0..120 {
        let (first, last) = (FIRST[i % 16], LAST[(i / 16 + i) % 16]);
        let mut f = json!({"FirstName": first, "LastName": last, "Name": format!("{first} {last}"), "AccountId": accounts[i % accounts.len()], "Phone": demo_phone(i), "OwnerId": agent, "Email": format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase())});
        if i % 3 == 0 {
            f["MobilePhone"] = json!(format!("+1 213 555 0{}", 100 + i));
        }
        contacts.push(add(db, "Contact", f, tick()).await?);
    }
    for i in 0..60 {
        let (first, last) = (FIRST[(i + 5) % 16], LAST[(i + 9) % 16]);
        // Every tenth lead shares its number with a contact: several matches.
        let phone = if i % 10 == 0 {
            demo_phone(i)
        } else {
            demo_phone(i + 500)
        };
        add(db, "Lead", json!({"FirstName": first, "LastName": last, "Name": format!("{first} {last}"), "Company": COMPANIES[i % 10], "Phone": phone, "Status": "Open - Not Contacted", "OwnerId": agent}), tick()).await?;
    }
    for i in 0..12 {
        let (first, last) = (FIRST[(i + 3) % 16], LAST[(i + 1) % 16]);
        add(db, "Account", json!({"Name": format!("{first} {last}"), "FirstName": first, "LastName": last, "IsPersonAccount": true, "PersonMobilePhone": demo_phone(i + 800), "OwnerId": agent}), tick()).await?;
    }
    let subjects = [
        "Delivery late",
        "Invoice question",
        "Cannot log in",
        "Refund request",
        "Address change",
    ];
    for i in 0..40 {
        let closed = i % 4 == 0;
        let viewed = now_ms() - (i as i64) * 1_800_000;
        add(db, "Case", json!({"CaseNumber": format!("{:08}", 1001 + i), "Subject": subjects[i % 5], "Status": if closed { "Closed" } else { "New" }, "IsClosed": closed, "ContactId": contacts[i % 30], "AccountId": accounts[i % accounts.len()], "ContactPhone": demo_phone(i % 30), "OwnerId": agent, "LastViewedDate": format_ms(viewed)}), tick()).await?;
    }
    Ok(())
}
