//! The embedded demo: caller numbers and a scenario that shows every LOG-1
//! row, played through the simulator as a real phone's events would arrive.

use std::time::Duration;

use ringside_core::CallId;
use ringside_softphone::{Scenario, SimulatorProbe, StepAction};

use crate::handle::EngineHandle;
use crate::ipc::{IpcError, Request};

/// Demo callers against the built-in sandbox's demo data: a number a
/// Contact and a Lead share (the picker), numbers one record has (stored in
/// other formats), and numbers nobody has (a new Lead is created).
/// The first demo calls (`sim-1`, `sim-2`, `sim-3`) land on indexes 3, 4, 5.
pub const DEMO_NUMBERS: [&str; 8] = [
    "+13105550137",
    "+442079460211",
    "+49309018285",
    "+13105550100",
    "+13108675309",
    "+34911234322",
    "+33142685300",
    "+13105550174",
];

/// A stable demo caller for a call id.
pub fn demo_number(id: &CallId) -> String {
    let n =
        id.0.bytes()
            .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b.into()));
    DEMO_NUMBERS[n % DEMO_NUMBERS.len()].to_string()
}

/// The demo day: each LOG-1 row once, with the checkbox in use.
pub const DEMO_SCENARIO: &str = "\
# LOG-1 row 4: out of the CRM, Ringside open: Ringside logs. A Contact and
# a Lead share this number: the screen pop offers both (MATCH-4).
companion open
+1s  ring d1 from +13105550100 queue
+2s  answer d1
+3s  hold d1
+2s  resume d1
+3s  hangup d1 caller hung up
# DNL-4: the agent ticks \"Do not log the call\"
+2s  ring d2 from +442079460211
+1s  tick d2
+2s  answer d2
+3s  hangup d2
# A missed call from a number nobody has (a new Lead), then a dialback
+2s  ring d3 from +4930901820
+4s  hangup d3 caller gave up
+2s  dialback d4 to +4930901820
+2s  answer d4
+3s  hangup d4
# LOG-1 row 3: in the CRM, then presence Logout mid-call
+2s  crm login
+1s  ring d5 from +34911234322
+2s  answer d5
+2s  crm presence-logout
+2s  hangup d5
+1s  crm presence-available
";

/// Waits (a little) until the desk has the call: a phone event and a
/// request travel on different channels.
async fn until_live(engine: &EngineHandle, id: &CallId) {
    for _ in 0..200 {
        match engine.snapshot().await {
            Ok(s) if s.calls.iter().any(|c| &c.id == id) => return,
            Ok(_) => tokio::time::sleep(Duration::from_millis(5)).await,
            Err(_) => return,
        }
    }
}

/// Plays a scenario against a running engine: phone events through the
/// simulator, the rest as requests. `speed` > 1 plays faster.
pub async fn play(
    engine: &EngineHandle,
    phone: &SimulatorProbe,
    scenario: &Scenario,
    speed: f64,
) -> Result<(), IpcError> {
    for step in &scenario.steps {
        let ms = (step.delay_ms as f64 / speed.max(0.001)).round() as u64;
        if ms > 0 {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        let outcome = match &step.action {
            StepAction::Call { id, signal } => {
                phone.emit(id.clone(), signal.clone()).await;
                Ok(())
            }
            StepAction::Login(event) => engine.login(*event).await,
            StepAction::Checkbox { id, ticked } => {
                // The ring went through the phone; the agent sees the call
                // before ticking it.
                until_live(engine, id).await;
                let request = match ticked {
                    Some(t) => Request::SetDoNotLog {
                        call_id: id.clone(),
                        ticked: *t,
                    },
                    None => Request::ToggleDoNotLog {
                        call_id: id.clone(),
                    },
                };
                engine.request(request).await.map(|_| ())
            }
            StepAction::Settings(pairs) => {
                let current = engine.snapshot().await?.settings;
                match Scenario::apply_settings(&current, pairs) {
                    Ok(settings) => engine
                        .request(Request::UpdateSettings { settings })
                        .await
                        .map(|_| ()),
                    Err(e) => {
                        tracing::warn!(line = step.line, error = %e, "scenario setting refused");
                        Ok(())
                    }
                }
            }
        };
        if let Err(e) = outcome {
            // A refused agent action is part of the story, not a reason to stop.
            tracing::warn!(line = step.line, error = %e, "scenario step refused");
        }
    }
    Ok(())
}
