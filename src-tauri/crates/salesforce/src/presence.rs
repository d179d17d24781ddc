//! Omni-Channel presence behind the `Presence` port. `UserServicePresence`
//! cannot be written over REST, so Ringside asks through its console
//! component: a request is an upsert of the agent's `Ringside_Presence__c`
//! row (one API call); the component applies it with the Omni toolkit and
//! writes every status change back to the row with Omni's reason. Ringside
//! hears the row through the `RingsidePresence` PushTopic, filtered to the
//! agent's own row, on the one streaming connection. Reading the current
//! status is a SOQL query of `UserServicePresence` (no current row:
//! offline).

use std::collections::HashMap;
use std::sync::Mutex;

use ringside_core::presence::{ChangeCause, CrmPresenceStatus};
use ringside_core::Millis;
use ringside_crm::streaming::{Channel, Heard, Streamer};
use ringside_crm_port::{
    async_trait, PortError, PortErrorKind, Presence, PresenceHeard, PresenceNews, PresenceReport,
};
use serde_json::{json, Map, Value};

use crate::errors::port_error;
use crate::link::SalesforceCrm;

/// The PushTopic an admin creates with the component (see
/// `salesforce/README.md`).
pub const PRESENCE_TOPIC: &str = "RingsidePresence";
/// Omni's reasons, as the component reports them.
const TOOLKIT: &str = "OmniToolkitStatusChange";
const FAILED: &str = "OmniToolkitError";
/// How far before listening began a logout still counts as news.
const LOGOUT_GRACE_MS: i64 = 60_000;

/// What the adapter remembers between calls.
#[derive(Debug, Default)]
pub struct PresenceState {
    /// Status id → API name, from the last `statuses`.
    names: Mutex<HashMap<String, String>>,
    /// Tags are written `{run}-{tag}`: an answer to another run's request
    /// (an earlier start, another machine) is not taken for ours.
    run: Mutex<Option<String>>,
    /// The newest org logout told (STATE-2a): each is news once, across
    /// every listening; before the first, one from before it began (a
    /// minute's grace for the org's clock) is the row's history.
    logout_seen: Mutex<Option<i64>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl PresenceState {
    fn run(&self) -> String {
        lock(&self.run)
            .get_or_insert_with(|| {
                // Unique enough per start and machine: the clock and the process.
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
                    .unwrap_or(0);
                format!("{:08x}{:x}", nanos, std::process::id())
            })
            .clone()
    }

    /// Whether a logout at `at` is news; it is not again.
    fn new_logout(&self, at: i64) -> bool {
        let mut seen = lock(&self.logout_seen);
        let since = *seen.get_or_insert_with(|| now_ms() - LOGOUT_GRACE_MS);
        if at > since {
            *seen = Some(at);
        }
        at > since
    }

    /// Our tag in a request id written by this run.
    fn tag_of(&self, request_id: &str) -> Option<u64> {
        let (run, tag) = request_id.split_once('-')?;
        (run == self.run()).then(|| tag.parse().ok()).flatten()
    }
}

/// Omni's reason → who changed it.
pub fn cause_of(reason: &str) -> ChangeCause {
    match reason {
        "OmniSupervisorStatusChange" => ChangeCause::Supervisor,
        "OmniPushTimeout" => ChangeCause::PushTimeout,
        "OmniDeclineWork" => ChangeCause::DeclinedWork,
        "OmniLoginStatusChange" | "Logout" => ChangeCause::Login,
        // Ringside's own requests are known by their tag; a toolkit change
        // without ours is another integration's, as good as the agent's.
        _ => ChangeCause::Agent,
    }
}

fn text<'a>(m: &'a Map<String, Value>, f: &str) -> Option<&'a str> {
    m.get(f).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn at_of(m: &Map<String, Value>, f: &str) -> Millis {
    text(m, f)
        .and_then(ringside_core::time::parse_sf_datetime)
        .map(Millis)
        .unwrap_or_default()
}

/// A presence row's report, if the event carries one (the component's
/// fields; a request of ours alone carries none).
fn report_of(state: &PresenceState, row: &Map<String, Value>) -> Option<PresenceReport> {
    let reason = text(row, "Change_Reason__c")?;
    let tag = text(row, "Change_Request_Id__c").and_then(|r| state.tag_of(r));
    Some(PresenceReport {
        status: text(row, "Current_Status__c").map(str::to_string),
        cause: if reason == TOOLKIT && tag.is_some() {
            ChangeCause::Followed
        } else {
            cause_of(reason)
        },
        at: at_of(row, "Changed_At__c"),
        tag,
        failed: reason == FAILED,
    })
}

fn quote(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

#[async_trait]
impl Presence for SalesforceCrm {
    async fn statuses(&self) -> Result<Vec<CrmPresenceStatus>, PortError> {
        let c = &self.client;
        let statuses = c
            .query_all_pages("SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus")
            .await
            .map_err(|e| port_error(&e))?;
        let channels = c
            .query_all_pages("SELECT Id, DeveloperName FROM ServiceChannel")
            .await
            .map_err(|e| port_error(&e))?;
        let links = c
            .query_all_pages(
                "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus",
            )
            .await
            .map_err(|e| port_error(&e))?;
        let channel_name: HashMap<&str, &str> = channels
            .iter()
            .filter_map(|r| Some((text(r, "Id")?, text(r, "DeveloperName")?)))
            .collect();
        let mut names = HashMap::new();
        let out: Vec<CrmPresenceStatus> = statuses
            .iter()
            .filter_map(|r| {
                let id = text(r, "Id")?;
                let api = text(r, "DeveloperName")?;
                names.insert(id.to_string(), api.to_string());
                let channels = links
                    .iter()
                    .filter(|l| text(l, "ServicePresenceStatusId") == Some(id))
                    .filter_map(|l| channel_name.get(text(l, "ServiceChannelId")?))
                    .map(|c| c.to_string())
                    .collect();
                Some(CrmPresenceStatus {
                    api_name: api.to_string(),
                    label: text(r, "MasterLabel").unwrap_or(api).to_string(),
                    channels,
                })
            })
            .collect();
        *lock(&self.presence.names) = names;
        Ok(out)
    }

    async fn current(&self) -> Result<PresenceReport, PortError> {
        if lock(&self.presence.names).is_empty() {
            self.statuses().await?;
        }
        let soql = format!(
            "SELECT ServicePresenceStatusId, StatusStartDate FROM UserServicePresence WHERE UserId = '{}' AND IsCurrentState = true ORDER BY StatusStartDate DESC LIMIT 1",
            quote(&self.account.user_id)
        );
        let rows = self
            .client
            .query_all_pages(&soql)
            .await
            .map_err(|e| port_error(&e))?;
        // Offline now: as of this read, so it is not taken for old news.
        let Some(row) = rows.first() else {
            return Ok(PresenceReport {
                status: None,
                cause: ChangeCause::Read,
                at: Millis(now_ms()),
                tag: None,
                failed: false,
            });
        };
        let id = text(row, "ServicePresenceStatusId").unwrap_or_default();
        let status = lock(&self.presence.names).get(id).cloned().ok_or_else(|| {
            PortError::new(
                PortErrorKind::Refused,
                "the agent's Omni-Channel status is not one the org lists",
            )
        })?;
        Ok(PresenceReport {
            status: Some(status),
            cause: ChangeCause::Read,
            at: at_of(row, "StatusStartDate"),
            tag: None,
            failed: false,
        })
    }

    async fn request(&self, status: &str, tag: u64) -> Result<(), PortError> {
        let me = &self.account.user_id;
        let body = json!({
            "Name": format!("Presence of {}", self.account.username),
            "User__c": me,
            "Requested_Status__c": status,
            "Request_Id__c": format!("{}-{tag}", self.presence.run()),
            "Requested_At__c": ringside_core::time::format_sf_datetime(now_ms()),
        });
        self.client
            .upsert("Ringside_Presence__c", "User_Key__c", me, &body)
            .await
            .map(|_| ())
            .map_err(|e| port_error(&e))
    }

    async fn listen(&self, heard: PresenceHeard) -> Result<(), PortError> {
        let channel = format!(
            "/topic/{PRESENCE_TOPIC}?User__c={}",
            quote(&self.account.user_id)
        );
        let mut streamer = Streamer::new(
            self.client.clone(),
            vec![Channel {
                name: channel,
                replay_from: -1,
            }],
        );
        // A report is new when its fields are: our own request's echo
        // through the topic carries the last report unchanged.
        let mut last: Option<(String, String, String)> = None;
        let state = &self.presence;
        // The baseline is set as listening begins, not at the first event.
        state.new_logout(i64::MIN);
        let mut on = |h: Heard| match h {
            Heard::Subscribed => heard(PresenceNews::Live),
            Heard::Gap => heard(PresenceNews::Gap),
            Heard::Event { data, .. } => {
                let Some(row) = data.get("sobject").and_then(Value::as_object) else {
                    return true;
                };
                let logout = text(row, "Org_Logout_At__c")
                    .and_then(ringside_core::time::parse_sf_datetime)
                    .filter(|at| state.new_logout(*at));
                if let Some(at) = logout {
                    if !heard(PresenceNews::OrgLogout { at: Millis(at) }) {
                        return false;
                    }
                }
                // Times are kept to the second: two changes within one are
                // told apart by their status.
                let key = (
                    text(row, "Changed_At__c").unwrap_or_default().to_string(),
                    text(row, "Change_Reason__c")
                        .unwrap_or_default()
                        .to_string(),
                    format!(
                        "{}|{}",
                        text(row, "Change_Request_Id__c").unwrap_or_default(),
                        text(row, "Current_Status__c").unwrap_or_default()
                    ),
                );
                if last.as_ref() == Some(&key) {
                    return true;
                }
                last = Some(key);
                match report_of(state, row) {
                    Some(r) => heard(PresenceNews::Changed(r)),
                    None => true,
                }
            }
        };
        streamer.run(&mut on).await.map_err(|e| port_error(&e))
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// STATE-2a: each logout is told once, across listenings; one from
    /// well before Ringside listened is the row's history.
    #[test]
    fn a_logout_is_news_once_and_an_old_one_is_history() {
        let state = PresenceState::default();
        let now = now_ms();
        state.new_logout(i64::MIN);
        assert!(!state.new_logout(now - 3_600_000), "an hour old");
        assert!(state.new_logout(now - 1_000), "within the grace");
        assert!(!state.new_logout(now - 1_000), "told already");
        assert!(!state.new_logout(now - 2_000), "older than one told");
        assert!(state.new_logout(now + 5_000));
    }

    fn row(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn omni_reasons_name_who_changed_the_status() {
        for (reason, cause) in [
            ("OmniManualStatusChange", ChangeCause::Agent),
            ("OmniSupervisorStatusChange", ChangeCause::Supervisor),
            ("OmniPushTimeout", ChangeCause::PushTimeout),
            ("OmniDeclineWork", ChangeCause::DeclinedWork),
            ("OmniLoginStatusChange", ChangeCause::Login),
            ("Logout", ChangeCause::Login),
            ("OmniToolkitStatusChange", ChangeCause::Agent),
        ] {
            assert_eq!(cause_of(reason), cause, "{reason}");
        }
    }

    #[test]
    fn only_this_runs_request_ids_are_ours() {
        let s = PresenceState::default();
        let run = s.run();
        let ours = row(
            json!({"Change_Reason__c": TOOLKIT, "Current_Status__c": "Lunch_Break",
            "Change_Request_Id__c": format!("{run}-7"), "Changed_At__c": "2026-12-04T10:00:00.000+0000"}),
        );
        let r = report_of(&s, &ours).unwrap();
        assert_eq!(
            (r.tag, r.cause, r.failed),
            (Some(7), ChangeCause::Followed, false)
        );
        assert_eq!(r.status.as_deref(), Some("Lunch_Break"));
        let theirs =
            row(json!({"Change_Reason__c": TOOLKIT, "Change_Request_Id__c": "0badc0de-7"}));
        let r = report_of(&s, &theirs).unwrap();
        assert_eq!((r.tag, r.cause), (None, ChangeCause::Agent));
        assert_eq!(r.status, None, "no current status: offline");
        let failed =
            row(json!({"Change_Reason__c": FAILED, "Change_Request_Id__c": format!("{run}-8")}));
        assert!(report_of(&s, &failed).unwrap().failed);
        // A row with only our request on it carries no report.
        assert!(report_of(&s, &row(json!({"Requested_Status__c": "Online"}))).is_none());
    }
}
