//! BUDGET-1 on Salesforce: the org's usage from `Sforce-Limit-Info` (every
//! response carries it) or `/limits`, and each install's heartbeat on its
//! `Ringside_Install__c` row, upserted and counted in one composite request.

use ringside_core::time::format_sf_datetime;
use ringside_crm::client::{Method, API_VERSION};
use ringside_crm_port::{async_trait, ApiBudget, OrgUsage, PortError, PortErrorKind};
use serde_json::{json, Value};

use crate::errors::port_error;
use crate::link::SalesforceCrm;

pub const INSTALL_OBJECT: &str = "Ringside_Install__c";
const DAY_MS: i64 = 86_400_000;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// An install key names no more than a row: letters, digits and dashes.
fn is_install_key(k: &str) -> bool {
    !k.is_empty() && k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[async_trait]
impl ApiBudget for SalesforceCrm {
    fn usage(&self) -> Option<OrgUsage> {
        self.client.api_usage().map(|u| OrgUsage {
            used: u.used,
            max: u.max,
        })
    }

    fn requests_made(&self) -> u64 {
        self.client.requests_made()
    }

    async fn read_usage(&self) -> Result<OrgUsage, PortError> {
        let limits: Value = self
            .client
            .call(
                Method::GET,
                &format!("/services/data/{API_VERSION}/limits"),
                None,
                &[],
            )
            .await
            .map_err(|e| port_error(&e))?;
        let daily = &limits["DailyApiRequests"];
        match (daily["Max"].as_u64(), daily["Remaining"].as_u64()) {
            (Some(max), Some(remaining)) if max > 0 => Ok(OrgUsage {
                used: max.saturating_sub(remaining),
                max,
            }),
            _ => Err(PortError::new(
                PortErrorKind::Refused,
                "the org's limits did not say its daily API requests",
            )),
        }
    }

    async fn heartbeat(&self, install: &str, version: &str) -> Result<u32, PortError> {
        if !is_install_key(install) {
            return Err(PortError::new(
                PortErrorKind::Refused,
                "an install key is letters, digits and dashes",
            ));
        }
        let now = now_ms();
        let body = json!({
            "Name": format!("Ringside on {}", self.account.username),
            "User__c": self.account.user_id,
            "Last_Seen__c": format_sf_datetime(now),
            "App_Version__c": version.chars().take(40).collect::<String>(),
        });
        let since = format_sf_datetime(now - DAY_MS).replace(".000+0000", "Z");
        let count = format!("SELECT COUNT() FROM {INSTALL_OBJECT} WHERE Last_Seen__c > {since}");
        let answer = self
            .client
            .upsert_then_query(INSTALL_OBJECT, "Install_Key__c", install, &body, &count)
            .await
            .map_err(|e| port_error(&e))?;
        // This install has just been seen: at least one.
        Ok(u32::try_from(answer.total_size).unwrap_or(u32::MAX).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_keys_are_plain() {
        for ok in ["a1b2-c3", "0f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"] {
            assert!(is_install_key(ok), "{ok}");
        }
        for bad in ["", "a/b", "x' OR '1'='1", &"a".repeat(65)] {
            assert!(!is_install_key(bad), "{bad}");
        }
    }
}
