#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Omni-Channel presence behind the port, against the sandbox org: the
//! statuses with their channels, the current status (STATE-2: none is the
//! presence logout), a request applied by the console component and heard
//! back with its tag, changes made in Salesforce heard with who made them,
//! and the API calls each costs.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ringside_core::presence::ChangeCause;
use ringside_crm_port::{Crm, PresenceNews, PresenceReport};
use ringside_salesforce::embedded::user_client;
use ringside_salesforce::SalesforceCrm;
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};

async fn org() -> (Sandbox, Arc<SalesforceCrm>) {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let client = user_client(&sb, &sb.http_url, None, AGENT_USERNAME)
        .await
        .unwrap();
    let crm = Arc::new(SalesforceCrm::establish(client, false).await.unwrap());
    (sb, crm)
}

type Heard = Arc<Mutex<Vec<PresenceNews>>>;

fn listen(crm: Arc<SalesforceCrm>) -> (Heard, tokio::task::JoinHandle<()>) {
    let heard: Heard = Arc::default();
    let log = heard.clone();
    let task = tokio::spawn(async move {
        let p = crm.presence().unwrap();
        let _ = p
            .listen(Arc::new(move |n| {
                log.lock().unwrap().push(n);
                true
            }))
            .await;
    });
    (heard, task)
}

async fn until(heard: &Heard, what: &str, f: impl Fn(&[PresenceNews]) -> bool) {
    for _ in 0..500 {
        if f(&heard.lock().unwrap()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{what}: heard {:?}", heard.lock().unwrap());
}

fn changes(heard: &[PresenceNews]) -> Vec<PresenceReport> {
    heard
        .iter()
        .filter_map(|n| match n {
            PresenceNews::Changed(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn pres_1_the_orgs_statuses_come_with_their_channels() {
    let (sb, crm) = org().await;
    let before = sb.api_requests();
    let statuses = crm.presence().unwrap().statuses().await.unwrap();
    assert_eq!(
        sb.api_requests() - before,
        3,
        "statuses, channels and their links"
    );
    let by = |api: &str| statuses.iter().find(|s| s.api_name == api).unwrap().clone();
    assert_eq!(by("Available_for_Calls").channels, ["sfdc_phone"]);
    assert!(by("Lunch_Break").is_busy());
    assert_eq!(
        by("Online").urgent_channels(),
        ["sfdc_phone", "sfdc_liveagent"]
    );
    assert_eq!(by("On_a_Call").label, "On a Call");
    sb.stop().await;
}

#[tokio::test]
async fn state_2_the_current_status_and_the_presence_logout_are_read_from_the_org() {
    let (sb, crm) = org().await;
    let p = crm.presence().unwrap();
    let now = p.current().await.unwrap();
    assert_eq!(now.status.as_deref(), Some("Available_for_Calls"));
    assert_eq!(now.cause, ChangeCause::Read);
    sb.omni_change(AGENT_USERNAME, None, reason::LOGOUT)
        .await
        .unwrap();
    let before = sb.api_requests();
    assert_eq!(p.current().await.unwrap().status, None, "offline in Omni");
    assert_eq!(
        sb.api_requests() - before,
        1,
        "one query once the statuses are known"
    );
    sb.stop().await;
}

#[tokio::test]
async fn a_request_is_applied_by_the_component_and_heard_back_with_its_tag() {
    let (sb, crm) = org().await;
    let (heard, task) = listen(crm.clone());
    until(&heard, "listening", |h| h.contains(&PresenceNews::Live)).await;
    let p = crm.presence().unwrap();
    let before = sb.api_requests();
    p.request("Lunch_Break", 41).await.unwrap();
    assert_eq!(sb.api_requests() - before, 1, "a request is one API call");
    until(&heard, "the answer", |h| !changes(h).is_empty()).await;
    let r = &changes(&heard.lock().unwrap())[0];
    assert_eq!(r.status.as_deref(), Some("Lunch_Break"));
    assert_eq!(r.tag, Some(41));
    assert_eq!(r.cause, ChangeCause::Followed);
    assert!(!r.failed);
    assert_eq!(
        p.current().await.unwrap().status.as_deref(),
        Some("Lunch_Break")
    );

    // Made in Salesforce: a supervisor, then a push timeout.
    sb.omni_change(AGENT_USERNAME, Some("Online"), reason::SUPERVISOR)
        .await
        .unwrap();
    sb.omni_change(AGENT_USERNAME, Some("Away_from_Desk"), reason::PUSH_TIMEOUT)
        .await
        .unwrap();
    until(&heard, "both changes", |h| changes(h).len() == 3).await;
    let got = changes(&heard.lock().unwrap());
    assert_eq!(
        (got[1].status.as_deref(), got[1].cause, got[1].tag),
        (Some("Online"), ChangeCause::Supervisor, None)
    );
    assert_eq!(got[2].cause, ChangeCause::PushTimeout);
    assert!(got[1].at <= got[2].at, "in the org's order, with its times");

    // A status the org does not have: the request fails, nothing changes.
    p.request("No_Such_Status", 42).await.unwrap();
    until(&heard, "the refusal", |h| changes(h).len() == 4).await;
    let refused = &changes(&heard.lock().unwrap())[3];
    assert!(refused.failed);
    assert_eq!(refused.tag, Some(42));
    task.abort();
    sb.stop().await;
}
