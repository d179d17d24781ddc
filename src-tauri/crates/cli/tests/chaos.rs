#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Chaos (LOG-2, DNL-8): 1,000 calls through the real `ringside` binary to
//! the sandbox CRM with injected faults, while the process is SIGKILLed 20
//! times at random moments and restarted. At the end every call Ringside
//! must log has exactly one Task, none has two, do-not-log calls have none,
//! and no token was written to the store or the logs.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_sandbox::faults::FaultPlan;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use ringside_store::{Delivery, HistoryStatus, Store};

const CALLS: usize = 1000;
const KILLS: usize = 20;

/// Every 7th call is ticked "Do not log the call".
fn ticked(i: usize) -> bool {
    i % 7 == 3
}

fn call_id(i: usize) -> String {
    format!("k{i:04}")
}

fn scenario(from: usize) -> String {
    let mut s = String::from("companion open\n");
    for i in from..CALLS {
        let id = call_id(i);
        s.push_str(&format!("+5ms ring {id} from +1310555{i:04}\n"));
        if ticked(i) {
            s.push_str(&format!("+1ms tick {id}\n"));
        }
        s.push_str(&format!("+5ms answer {id}\n+5ms hangup {id}\n"));
    }
    s
}

/// splitmix64: kill moments are random but the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn spawn(dir: &Path, url: &str, tokens: &(String, String), from: usize, run: usize) -> Child {
    let file = dir.join(format!("run-{run}.scenario"));
    std::fs::write(&file, scenario(from)).unwrap();
    let log = |name: &str| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(name))
            .unwrap()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_ringside"))
        .args(["run", "--demo", "--speed", "1", "--calls"])
        .arg((CALLS - from).to_string())
        .arg("--scenario")
        .arg(&file)
        .arg("--db")
        .arg(dir.join("ringside.db"))
        .args([
            "--crm-url",
            url,
            "--retry-base-ms",
            "10",
            "--retry-max-ms",
            "200",
            "--settle-secs",
            "90",
        ])
        .env("RINGSIDE_LOG", "debug")
        .stdin(Stdio::piped())
        .stdout(log("stdout.log"))
        .stderr(log("stderr.log"))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}\n{}", tokens.0, tokens.1).unwrap();
    child
}

/// The next call to play: the one after the last the store has seen.
async fn resume_point(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let store = Store::open(db).await.unwrap();
    let h = store.history(5000).await.unwrap();
    store.close().await;
    h.iter()
        .filter_map(|e| e.call_id.0.strip_prefix('k')?.parse::<usize>().ok())
        .max()
        .map_or(0, |i| i + 1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_1000_calls_20_kills_faults_exactly_once() {
    let started = Instant::now();
    // The sandbox's own errors, should it fail (faults are not errors).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("ringside_sandbox=warn"))
        .with_test_writer()
        .try_init();
    let dir = std::env::temp_dir().join(format!("ringside-chaos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let tokens = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    sb.set_faults(FaultPlan {
        seed: 2026,
        server_error_rate: 0.10,
        drop_rate: 0.03,
        lost_response_rate: 0.03,
        row_lock_rate: 0.02,
        expire_session_every: Some(100),
        limit_window: Some((400, 25)),
        ..Default::default()
    });
    let db = dir.join("ringside.db");
    let mut rng = Rng(7);
    let mut kills = 0;
    for run in 0..=KILLS {
        let from = resume_point(&db).await;
        let mut child = spawn(&dir, &sb.http_url, &tokens, from, run);
        if run < KILLS && from < CALLS {
            let ms = 100 + rng.next() % 900;
            tokio::time::sleep(Duration::from_millis(ms)).await;
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
        } else {
            let deadline = Instant::now() + Duration::from_secs(240);
            let status = loop {
                if let Some(s) = child.try_wait().unwrap() {
                    break s;
                }
                assert!(Instant::now() < deadline, "the last run did not finish");
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            assert!(status.success(), "last run: {status}");
        }
    }
    sb.set_faults(FaultPlan::default());

    // What Ringside recorded.
    let store = Store::open(&db).await.unwrap();
    let history = store.history(5000).await.unwrap();
    store.close().await;
    let mut seen: Vec<usize> = history
        .iter()
        .map(|e| e.call_id.0[1..].parse().unwrap())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), CALLS, "every call was played once");
    assert_eq!(history.len(), CALLS, "no call was recorded twice");

    // What the CRM has.
    let (access, refresh) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let crm = SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        "ringside-desktop",
        Credentials {
            access: Sensitive::new(access),
            refresh: Some(Sensitive::new(refresh)),
        },
    );
    let tasks = crm
        .query_all_pages("SELECT Id, CallObject, Ringside_Call_Id__c FROM Task")
        .await
        .unwrap();
    // MATCH-2: every caller is new; none may have become two Leads.
    let leads = crm
        .query_all_pages("SELECT Id, Phone FROM Lead")
        .await
        .unwrap();
    let mut per_number: HashMap<String, usize> = HashMap::new();
    for l in &leads {
        *per_number
            .entry(l["Phone"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let doubled_leads = per_number.values().filter(|n| **n > 1).count();
    let mut per_call: HashMap<String, usize> = HashMap::new();
    for t in &tasks {
        *per_call
            .entry(t["CallObject"].as_str().unwrap().to_string())
            .or_default() += 1;
    }

    let mut should_log = 0;
    let mut logged_once = 0;
    let mut doubled = 0;
    let mut do_not_log = 0;
    let mut do_not_log_with_task = 0;
    let mut interrupted = 0;
    for e in &history {
        let n = per_call.get(&e.call_id.0).copied().unwrap_or(0);
        doubled += usize::from(n > 1);
        if e.status == HistoryStatus::Interrupted {
            interrupted += 1;
            assert_eq!(
                n, 0,
                "{}: interrupted calls are not Ringside's to log",
                e.call_id
            );
            continue;
        }
        if e.do_not_log {
            do_not_log += 1;
            do_not_log_with_task += usize::from(n > 0);
            continue;
        }
        if e.delivery.is_some() {
            should_log += 1;
            assert!(
                matches!(&e.delivery, Some(Delivery::Logged { crm_record_id }) if tasks.iter().any(|t| t["Id"] == crm_record_id.as_str())),
                "{}: {:?}",
                e.call_id,
                e.delivery
            );
            logged_once += usize::from(n == 1);
        }
    }
    println!(
        "chaos: {CALLS} calls, {kills} SIGKILLs, {} API requests, {} faults injected; {interrupted} interrupted by a kill; \
         {should_log} to log -> {logged_once} with exactly one Task, {doubled} with two or more; \
         {do_not_log} do-not-log -> {do_not_log_with_task} with a Task; {} Tasks in all; \
         {} new callers -> {} Leads, {doubled_leads} numbers with two or more; {:.1} s",
        sb.api_requests(),
        sb.faults_injected(),
        tasks.len(),
        per_number.len(),
        leads.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(kills, KILLS);
    assert_eq!(doubled, 0);
    assert_eq!(doubled_leads, 0, "no caller was created twice");
    assert!(
        leads.len() > CALLS / 4,
        "unknown callers were created: {}",
        leads.len()
    );
    assert_eq!(do_not_log_with_task, 0);
    assert_eq!(logged_once, should_log);
    assert_eq!(tasks.len(), should_log, "no Task without a call to log");
    assert!(
        should_log > CALLS / 2 && do_not_log > 100,
        "the mix was played"
    );
    assert!(sb.faults_injected() >= 50, "faults were really injected");

    // No token in the stores (the contact store too), their WALs, or
    // anything the process printed.
    let needles = [tokens.0.as_str(), tokens.1.as_str()];
    let mut files = vec![dir.clone()];
    let mut scanned = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_some_and(|e| e == "scenario") {
            continue;
        }
        scanned += 1;
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for n in needles {
            assert!(!text.contains(n), "a token leaked into {}", path.display());
        }
        // Any sandbox token (issued after a refresh too) starts `00D…!`.
        assert!(
            !text.contains(&sb.token_prefix()),
            "a token leaked into {}",
            path.display()
        );
    }
    assert!(
        scanned >= 3,
        "the store, the contact store and the logs were scanned"
    );
}
