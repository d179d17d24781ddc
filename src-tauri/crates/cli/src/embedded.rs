//! The built-in sandbox CRM for `ringside run`, started by the engine the
//! way the desktop app starts it (one code path).

use std::time::Duration;

use ringside_engine::crm::CrmAccount;
use ringside_engine::ipc::{CrmStatus, Request};
use ringside_engine::EngineHandle;

/// How long the sandbox may take to start and sign the demo agent in.
const START_WITHIN: Duration = Duration::from_secs(60);

/// Asks the engine for the built-in CRM and waits until it is connected.
pub async fn use_sandbox(engine: &EngineHandle) -> anyhow::Result<CrmAccount> {
    let mut events = engine.subscribe();
    engine
        .request(Request::CrmUseSandbox)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    tokio::time::timeout(START_WITHIN, async {
        loop {
            // The snapshot, not the event, is the truth; events only wake us.
            match engine.snapshot().await.map(|s| s.crm) {
                Ok(CrmStatus::Connected { account, .. }) => return Ok(*account),
                Ok(CrmStatus::NotConnected { why: Some(why) }) => anyhow::bail!("{why}"),
                Ok(_) => {}
                Err(e) => anyhow::bail!("{e}"),
            }
            if let Err(tokio::sync::broadcast::error::RecvError::Closed) = events.recv().await {
                anyhow::bail!("the engine stopped");
            }
        }
    })
    .await
    .map_err(|_| anyhow::anyhow!("the built-in sandbox CRM did not start within a minute"))?
}
