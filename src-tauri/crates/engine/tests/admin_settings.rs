#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Admin settings kept in the org (CONF-1..3), end to end against the
//! sandbox org: the settings in force are the org's, agents cannot change
//! them, an admin can and every agent's engine follows within its poll;
//! with the built-in CRM or no org the local settings apply.

mod common;

use common::{org_as, salesforce, until};

use std::time::Duration;

use ringside_core::admin_config::{AdminLayer, Source};
use ringside_core::{LoginEvent, Settings};
use ringside_engine::admin::{SettingsKept, SettingsSource};
use ringside_engine::caller::CallerSettings;
use ringside_engine::ipc::{ErrorCode, Request};
use ringside_engine::{start, EngineHandle, EngineOptions, StoreLocation};
use ringside_sandbox::seed::{Seed, ADMIN_USERNAME, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::spawn_simulator;

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap()
}

async fn engine() -> EngineHandle {
    let (connector, probe) = spawn_simulator();
    let mut options = EngineOptions::new(StoreLocation::Memory);
    options.simulator = Some(probe);
    options.admin_poll = Duration::from_millis(200);
    let e = start(options, connector).await.unwrap();
    e.login(LoginEvent::CompanionOpened).await.unwrap();
    e
}

fn no_offer() -> Settings {
    Settings {
        show_do_not_save: false,
        ..Settings::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conf_2_3_agents_follow_the_org_and_only_an_admin_changes_it() {
    let sb = sandbox().await;
    let agent = engine().await;
    // Saved locally before any org: these stop applying once the org's do.
    agent
        .request(Request::UpdateSettings {
            settings: no_offer(),
        })
        .await
        .unwrap();
    agent
        .connect_crm(org_as(&sb, AGENT_USERNAME).await)
        .await
        .unwrap();
    let s = until(&agent, "the org's settings", |s| {
        s.admin.source == SettingsSource::Org
    })
    .await;
    assert!(!s.admin.is_admin);
    assert!(
        s.settings.show_do_not_save,
        "the org offers the checkbox: {:?}",
        s.settings
    );
    assert_eq!(
        s.admin.sources.as_ref().unwrap().offer_do_not_log,
        Source::Org
    );

    // CONF-2: an agent changes nothing, here or for the org.
    for request in [
        Request::UpdateSettings {
            settings: no_offer(),
        },
        Request::UpdateCallerSettings {
            settings: CallerSettings::default(),
        },
        Request::SaveOrgSettings {
            layer: AdminLayer::default(),
        },
    ] {
        let err = agent.request(request).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::SetInOrg, "{}", err.message);
    }

    // An admin saves the org default from their own Ringside.
    let admin = engine().await;
    admin
        .connect_crm(org_as(&sb, ADMIN_USERNAME).await)
        .await
        .unwrap();
    let s = until(&admin, "the admin's view", |s| s.admin.is_admin).await;
    let mut layer = s.admin.org_default.clone().unwrap();
    layer.default_country = Some("DE".into());
    layer.offer_do_not_log = Some(false);
    let bad = AdminLayer {
        default_country: Some("Germany".into()),
        ..layer.clone()
    };
    let err = admin
        .request(Request::SaveOrgSettings { layer: bad })
        .await
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("default_country"));
    admin
        .request(Request::SaveOrgSettings { layer })
        .await
        .unwrap();

    // CONF-3: the agent's Ringside follows without a restart.
    let s = until(&agent, "the admin's change", |s| {
        s.caller_settings.default_region == "DE" && !s.settings.show_do_not_save
    })
    .await;
    assert_eq!(s.admin.source, SettingsSource::Org);
    agent.shutdown().await;
    admin.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conf_3_the_built_in_crm_and_no_org_keep_the_local_settings() {
    let sb = sandbox().await;
    let e = engine().await;
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();
    e.request(Request::UpdateSettings {
        settings: no_offer(),
    })
    .await
    .unwrap();
    let s = e.snapshot().await.unwrap();
    assert_eq!(s.admin.source, SettingsSource::Local);
    assert!(!s.settings.show_do_not_save);

    // An org's settings apply while it is connected, the local ones after.
    e.connect_crm(org_as(&sb, AGENT_USERNAME).await)
        .await
        .unwrap();
    until(&e, "the org's settings", |s| {
        s.admin.source == SettingsSource::Org && s.settings.show_do_not_save
    })
    .await;
    e.request(Request::CrmDisconnect).await.unwrap();
    let s = until(&e, "the local settings again", |s| {
        s.admin.source == SettingsSource::Local
    })
    .await;
    assert!(
        !s.settings.show_do_not_save,
        "the local save is back in force"
    );
    e.shutdown().await;
}

async fn codes(e: &EngineHandle, with_retired: bool) -> Vec<(String, bool)> {
    match e
        .request(Request::Dispositions { with_retired })
        .await
        .unwrap()
    {
        ringside_engine::ipc::Response::Dispositions { codes } => {
            codes.into_iter().map(|c| (c.label, c.retired)).collect()
        }
        other => panic!("{other:?}"),
    }
}

/// WRAP-3 with CONF-1: the org's disposition codes are the ones offered;
/// only an admin changes them, in the org, and every agent follows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conf_1_wrap_3_the_orgs_codes_are_offered_and_only_admins_change_them() {
    let sb = sandbox().await;
    let agent = engine().await;
    agent
        .connect_crm(org_as(&sb, AGENT_USERNAME).await)
        .await
        .unwrap();
    until(&agent, "the org's settings", |s| {
        s.admin.source == SettingsSource::Org
    })
    .await;
    let want: Vec<(String, bool)> = ringside_sandbox::seed::DISPOSITIONS
        .iter()
        .map(|(l, active)| (l.to_string(), !active))
        .collect();
    assert_eq!(codes(&agent, true).await, want, "the org's, retired last");
    let err = agent
        .request(Request::AddDisposition {
            label: "Mine".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SetInOrg);

    let admin = engine().await;
    admin
        .connect_crm(org_as(&sb, ADMIN_USERNAME).await)
        .await
        .unwrap();
    until(&admin, "the admin's view", |s| s.admin.is_admin).await;
    let ringside_engine::ipc::Response::Dispositions { codes: listed } = admin
        .request(Request::AddDisposition {
            label: "Callback booked".into(),
        })
        .await
        .unwrap()
    else {
        panic!("codes")
    };
    let active: Vec<&str> = listed
        .iter()
        .filter(|c| !c.retired)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        active.last(),
        Some(&"Callback booked"),
        "a new code is listed last: {active:?}"
    );
    let resolved = listed.iter().find(|c| c.label == "Resolved").unwrap().id;
    admin
        .request(Request::RetireDisposition {
            id: resolved,
            retired: true,
        })
        .await
        .unwrap();
    // The agent's Ringside follows within its poll.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let now = codes(&agent, false).await;
        if now.iter().any(|(l, _)| l == "Callback booked")
            && !now.iter().any(|(l, _)| l == "Resolved")
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the agent still has {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let all = codes(&agent, true).await;
    assert!(
        all.contains(&("Resolved".to_string(), true)),
        "retired, kept: {all:?}"
    );
    agent.shutdown().await;
    admin.shutdown().await;
}

/// Switching to another org drops the first org's settings at once, even
/// while the second one's cannot be read yet: nothing of org A applies in
/// org B (CONF-1), and an admin of A is no admin of B.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conf_1_another_orgs_settings_never_carry_over() {
    let a = sandbox().await;
    let b = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        org_number: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let e = engine().await;
    e.request(Request::UpdateSettings {
        settings: no_offer(),
    })
    .await
    .unwrap();
    e.connect_crm(org_as(&a, ADMIN_USERNAME).await)
        .await
        .unwrap();
    until(&e, "org A's settings", |s| {
        s.admin.is_admin && s.settings.show_do_not_save
    })
    .await;
    let link_b = org_as(&b, AGENT_USERNAME).await;
    // B answers nothing but errors from now on.
    b.set_faults(ringside_sandbox::faults::FaultPlan {
        server_error_rate: 1.0,
        ..Default::default()
    });
    e.connect_crm(link_b).await.unwrap();
    let s = until(&e, "org B's failed read", |s| s.admin.trouble.is_some()).await;
    assert_eq!(s.admin.source, SettingsSource::Local, "{:?}", s.admin);
    assert_eq!(
        s.admin.trouble.as_ref().map(|t| t.kept),
        Some(SettingsKept::LocalUntilRead),
        "not read yet, so this computer's settings apply meanwhile: {:?}",
        s.admin.trouble
    );
    assert!(!s.admin.is_admin);
    assert!(
        !s.settings.show_do_not_save,
        "the local settings, not org A's"
    );
    let err = e
        .request(Request::SaveOrgSettings {
            layer: AdminLayer::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    b.set_faults(ringside_sandbox::faults::FaultPlan::default());
    let s = until(&e, "org B's settings", |s| {
        s.admin.source == SettingsSource::Org
    })
    .await;
    assert!(s.admin.trouble.is_none());
    e.shutdown().await;
}
