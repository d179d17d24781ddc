//! A CRM given on the command line: its URL as an argument, its tokens on
//! stdin (argv and the environment are visible to other processes).

use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_salesforce::embedded::SANDBOX_CLIENT_ID;
use ringside_salesforce::SalesforceCrm;

/// Connects to a CRM at `url` with tokens read from stdin (argv and the
/// environment are visible to other processes; stdin is not).
pub async fn external_crm(
    url: &str,
    ca: Option<&std::path::Path>,
) -> anyhow::Result<SalesforceCrm> {
    use std::io::BufRead;
    let mut lines = std::io::stdin().lock().lines();
    let mut next = |what: &str| -> anyhow::Result<String> {
        let line = lines
            .next()
            .ok_or_else(|| anyhow::anyhow!("--crm-url needs the {what} token on stdin"))??;
        let t = line.trim().to_string();
        anyhow::ensure!(!t.is_empty(), "the {what} token on stdin is empty");
        Ok(t)
    };
    let access = next("access")?;
    // The refresh token is optional: without it, an expired session ends the run.
    let refresh = next("refresh").ok();
    let pem = match ca {
        Some(p) => Some(
            std::fs::read(p).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?,
        ),
        None => None,
    };
    let client = SalesforceClient::new(
        http_client(pem.as_deref())?,
        url,
        url,
        SANDBOX_CLIENT_ID,
        Credentials {
            access: Sensitive::new(access),
            refresh: refresh.map(Sensitive::new),
        },
    );
    // The CRM may be briefly unavailable: retry what can succeed later.
    let client = std::sync::Arc::new(client);
    let mut delay = std::time::Duration::from_millis(50);
    let mut attempt = 0;
    loop {
        attempt += 1;
        match SalesforceCrm::establish_shared(client.clone(), false).await {
            Ok(link) => return Ok(link),
            Err(e) if e.is_retryable() && attempt < 20 => {
                eprintln!("CRM not ready ({e}); retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(std::time::Duration::from_secs(2));
            }
            Err(e) => return Err(e.into()),
        }
    }
}
