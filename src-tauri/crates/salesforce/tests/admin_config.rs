#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! CONF-1..3 against the sandbox org: the settings hierarchy, the admin
//! check and the codes come back in one API request; only an admin's save
//! is taken.

use ringside_core::admin_config::{AdminLayer, Source};
use ringside_crm_port::{Crm, PortErrorKind};
use ringside_salesforce::embedded::user_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::seed::{Seed, ADMIN_USERNAME, AGENT_USERNAME, DISPOSITIONS};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

async fn org() -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap()
}

async fn as_user(sb: &Sandbox, username: &str) -> SalesforceCrm {
    let client = user_client(sb, &sb.http_url, None, username).await.unwrap();
    SalesforceCrm::establish(client, false).await.unwrap()
}

#[tokio::test]
async fn conf_1_2_one_request_reads_the_rows_the_admin_check_and_the_codes() {
    let sb = org().await;
    let agent = as_user(&sb, AGENT_USERNAME).await;
    let before = sb.api_requests();
    let config = agent.admin_config().unwrap().read_config().await.unwrap();
    assert_eq!(sb.api_requests() - before, 1, "one API call per read");
    assert!(!config.is_admin);
    assert!(config.refused.is_empty(), "{:?}", config.refused);
    assert_eq!(config.hierarchy.org.default_country.as_deref(), Some("US"));
    assert_eq!(config.hierarchy.profile, AdminLayer::default());
    // PRES-1: the presence mapping comes in the same request, sync off.
    assert!(!config.presence.enabled);
    assert_eq!(config.presence.to_phone.len(), 5);
    assert_eq!(config.presence.to_crm.len(), 3);
    assert_eq!(config.presence.on_call.as_deref(), Some("On_a_Call"));
    assert!(config.presence.return_to_previous);
    let codes: Vec<(&str, bool)> = config
        .dispositions
        .iter()
        .map(|c| (c.label.as_str(), c.active))
        .collect();
    assert_eq!(codes, DISPOSITIONS.to_vec());

    let admin = as_user(&sb, ADMIN_USERNAME).await;
    assert!(
        admin
            .admin_config()
            .unwrap()
            .read_config()
            .await
            .unwrap()
            .is_admin
    );
}

#[tokio::test]
async fn conf_1_the_agents_profile_and_own_rows_override_the_org() {
    let sb = org().await;
    let agent = as_user(&sb, AGENT_USERNAME).await;
    let admin_client = user_client(&sb, &sb.http_url, None, ADMIN_USERNAME)
        .await
        .unwrap();
    let profile = admin_client
        .query(&format!(
            "SELECT ProfileId FROM User WHERE Id = '{}'",
            agent.account.user_id
        ))
        .await
        .unwrap()
        .records[0]["ProfileId"]
        .as_str()
        .unwrap()
        .to_string();
    admin_client
        .create("Ringside_Settings__c", &json!({"SetupOwnerId": profile, "Default_Country__c": "de", "Offer_Do_Not_Log__c": "false"}))
        .await
        .unwrap();
    admin_client
        .create("Ringside_Settings__c", &json!({"SetupOwnerId": agent.account.user_id, "Default_Country__c": "ES", "Sync_Interval_Seconds__c": 3}))
        .await
        .unwrap();
    let config = agent.admin_config().unwrap().read_config().await.unwrap();
    let r = config.hierarchy.resolve();
    assert_eq!(r.callers.default_region, "ES");
    assert_eq!(r.sources.default_country, Source::User);
    assert!(!r.desk.show_do_not_save);
    assert_eq!(r.sources.offer_do_not_log, Source::Profile);
    assert_eq!(
        r.callers.sync_interval_secs, 60,
        "3 s is refused and inherits"
    );
    assert_eq!(r.sources.sync_interval_secs, Source::Org);
    let refused: Vec<&str> = config.refused.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(refused, ["sync_interval_secs"]);
}

#[tokio::test]
async fn conf_2_an_admins_save_is_taken_and_an_agents_refused() {
    let sb = org().await;
    let agent = as_user(&sb, AGENT_USERNAME).await;
    let admin = as_user(&sb, ADMIN_USERNAME).await;
    let layer = AdminLayer {
        default_country: Some("GB".into()),
        offer_do_not_log: Some(false),
        ..AdminLayer::default()
    };
    let err = agent
        .admin_config()
        .unwrap()
        .save_org_default(&layer)
        .await
        .unwrap_err();
    assert_eq!(err.kind, PortErrorKind::Refused);
    assert!(
        err.message.contains("Ringside Admin permission set"),
        "{}",
        err.message
    );
    admin
        .admin_config()
        .unwrap()
        .save_org_default(&layer)
        .await
        .unwrap();
    let org = agent
        .admin_config()
        .unwrap()
        .read_config()
        .await
        .unwrap()
        .hierarchy
        .org;
    assert_eq!(
        org, layer,
        "the whole row is the saved layer; the rest inherits"
    );
}

#[tokio::test]
async fn pres_1_an_admins_presence_mapping_is_written_to_the_org_and_read_back() {
    use ringside_core::presence::{CrmRule, PhoneRule, PhoneStatus, PresenceMapping};
    let sb = org().await;
    let admin = as_user(&sb, ADMIN_USERNAME).await;
    let mapping = PresenceMapping {
        enabled: true,
        to_phone: vec![CrmRule {
            crm: "Lunch_Break".into(),
            phone: PhoneStatus::Away,
        }],
        to_crm: vec![PhoneRule {
            phone: PhoneStatus::Platform {
                name: "Training".into(),
            },
            crm: "Away_from_Desk".into(),
        }],
        on_call: Some("On_a_Call".into()),
        ring_while_away: true,
        ..PresenceMapping::default()
    };
    admin
        .admin_config()
        .unwrap()
        .save_presence_mapping(&mapping)
        .await
        .unwrap();
    let agent = as_user(&sb, AGENT_USERNAME).await;
    let read = agent.admin_config().unwrap().read_config().await.unwrap();
    assert_eq!(
        read.presence, mapping,
        "every agent reads what the admin saved"
    );
    assert!(read.refused.is_empty(), "{:?}", read.refused);
    // An agent may not; a mapping the editor refuses is not written.
    let e = agent
        .admin_config()
        .unwrap()
        .save_presence_mapping(&PresenceMapping::default())
        .await
        .unwrap_err();
    assert_ne!(e.kind, PortErrorKind::Transient, "{e:?}");
    let bad = PresenceMapping {
        next_status: Some("Online".into()),
        ..mapping.clone()
    };
    assert_eq!(
        admin
            .admin_config()
            .unwrap()
            .save_presence_mapping(&bad)
            .await
            .unwrap_err()
            .kind,
        PortErrorKind::Refused
    );
    let again = agent.admin_config().unwrap().read_config().await.unwrap();
    assert_eq!(
        again.presence, mapping,
        "nothing of the refused one was written"
    );
}
