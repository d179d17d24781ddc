#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! PRES-6 through the real `ringside` binary, on the ACD socket (the
//! platform simulator) and the sandbox org's Omni-Channel, with presence
//! sync on: 200 calls in groups — single calls, overlapping pairs and
//! outbound calls that fail before an answer — each group from a status
//! the agent or a supervisor chose on one side. Every tenth group the
//! process is SIGKILLed mid-call, the call ends while Ringside is down, and
//! Ringside is started again. After every group both sides are back where
//! they were before it, never Available by default.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ringside_core::{CallId, CallSignal, EndedBy};
use ringside_sandbox::omni::reason;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_softphone::acd::protocol::WireStateCause;
use ringside_softphone::acd::simulator::{start_acd_simulator, AcdProbe};

const CALLS: usize = 200;
const KILL_EVERY: usize = 10;

/// Statuses an agent goes to between calls, and what the mapping makes
/// of them on the other side: (Omni, platform, set on the Omni side).
const BEFORE: [(&str, &str, bool); 5] = [
    ("Lunch_Break", "away", true),
    ("Chat_Only", "busy", true),
    ("Available_for_Calls", "available", false),
    ("Away_from_Desk", "away", false),
    ("Away_from_Desk", "busy", false),
];

fn spawn(dir: &Path, sim: &str, crm: &str, tokens: &(String, String), run: usize) -> Child {
    let log = |name: &str| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(name))
            .unwrap()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_ringside"))
        .args(["run", "--acd", sim, "--agent", "agent-42", "--db"])
        .arg(dir.join("ringside.db"))
        .args(["--crm-url", crm])
        .env("RINGSIDE_LOG", "info")
        .stdin(Stdio::piped())
        .stdout(log(&format!("stdout-{run}.log")))
        .stderr(log(&format!("stderr-{run}.log")))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}\n{}", tokens.0, tokens.1).unwrap();
    child
}

async fn omni(sb: &Sandbox) -> Option<String> {
    sb.omni_status(AGENT_USERNAME).await.unwrap()
}

/// Waits until Omni is `crm` and the platform `state` (15 s at most).
async fn both(sb: &Sandbox, probe: &AcdProbe, crm: &str, state: &str, what: &str) {
    let began = Instant::now();
    loop {
        let now = omni(sb).await;
        if now.as_deref() == Some(crm) && probe.state() == state {
            return;
        }
        assert!(
            began.elapsed() < Duration::from_secs(15),
            "{what}: Omni is {now:?} and the platform {}, not {crm} and {state}",
            probe.state()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn omni_is(sb: &Sandbox, want: &str, what: &str) {
    let began = Instant::now();
    while omni(sb).await.as_deref() != Some(want) {
        assert!(
            began.elapsed() < Duration::from_secs(15),
            "{what}: Omni is {:?}, not {want}",
            omni(sb).await
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn ring(probe: &AcdProbe, id: &CallId) {
    probe.emit(
        id,
        &CallSignal::Incoming {
            from: "+13105550100".into(),
            queue: true,
            queue_name: None,
        },
    );
}

fn hang_up(probe: &AcdProbe, id: &CallId) {
    probe.emit(
        id,
        &CallSignal::Hangup {
            reason: None,
            by: Some(EndedBy::FarEnd),
        },
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pres_6_200_calls_with_overlaps_failed_calls_and_sigkills_return_to_before() {
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!("ringside-presence-kills-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    sb.set_org_setting("Presence_Sync__c", serde_json::json!("true"))
        .await
        .unwrap();
    let tokens = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let probe = sim.probe.clone();
    let mut run = 0;
    let mut child = spawn(&dir, &sim.url, &sb.http_url, &tokens, run);

    let (mut calls, mut group, mut kills) = (0usize, 0usize, 0usize);
    let mut x: u64 = 0x5DEE_CE66_D1CE_4E5B;
    let mut current = ("Available_for_Calls", "available");
    while calls < CALLS {
        // The status the agent chose before this group: a different one.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // The side it is set on must change (setting the status it has
        // is no change at all).
        let changes = |&(crm, state, in_omni): &(&str, &str, bool)| {
            if in_omni {
                crm != current.0
            } else {
                state != current.1
            }
        };
        let first = (x % BEFORE.len() as u64) as usize;
        let pick = (0..BEFORE.len())
            .map(|i| BEFORE[(first + i) % BEFORE.len()])
            .find(changes)
            .unwrap();
        let (crm, state, in_omni) = pick;
        if in_omni {
            sb.omni_change(AGENT_USERNAME, Some(crm), reason::SUPERVISOR)
                .await
                .unwrap();
        } else {
            probe.change_state(state, WireStateCause::Agent);
        }
        both(&sb, &probe, crm, state, &format!("group {group}: before")).await;
        current = (crm, state);

        let kill = group % KILL_EVERY == KILL_EVERY - 1;
        let ids: Vec<CallId> = match group % 3 {
            // One call, answered.
            0 => {
                let a = CallId(format!("g{group}-a"));
                ring(&probe, &a);
                omni_is(&sb, "On_a_Call", "ringing").await;
                probe.emit(&a, &CallSignal::Answered);
                vec![a]
            }
            // Two overlapping: the second rings during the first, the
            // first is held, the second answered.
            1 => {
                let (a, b) = (CallId(format!("g{group}-a")), CallId(format!("g{group}-b")));
                ring(&probe, &a);
                omni_is(&sb, "On_a_Call", "ringing").await;
                probe.emit(&a, &CallSignal::Answered);
                ring(&probe, &b);
                probe.emit(&a, &CallSignal::Held);
                probe.emit(&b, &CallSignal::Answered);
                vec![a, b]
            }
            // An outbound call that fails before an answer.
            _ => {
                let c = CallId(format!("g{group}-c"));
                probe.emit(
                    &c,
                    &CallSignal::Dialing {
                        to: "+13108675309".into(),
                        dialback: false,
                    },
                );
                omni_is(&sb, "On_a_Call", "dialling").await;
                vec![c]
            }
        };
        if kill {
            // Mid-call: the process dies, the calls end without it.
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
            for id in &ids {
                hang_up(&probe, id);
            }
            run += 1;
            child = spawn(&dir, &sim.url, &sb.http_url, &tokens, run);
        } else {
            for id in &ids {
                hang_up(&probe, id);
            }
        }
        calls += ids.len();
        // PRES-6: back where the agent was, on both sides.
        both(
            &sb,
            &probe,
            crm,
            state,
            &format!("group {group} ({} calls, killed {kill}): after", ids.len()),
        )
        .await;
        group += 1;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    println!(
        "PRES-6: {calls} calls in {group} groups, {kills} SIGKILLs, all returned in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(kills >= CALLS / 14, "{kills} kills");
    sb.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
