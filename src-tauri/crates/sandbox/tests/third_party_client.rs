#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The fidelity bar: mainstream third-party Salesforce client libraries,
//! unchanged, pointed at the sandbox over HTTPS with a token (and, for
//! jsforce, signing in through the OAuth web-server flow as well).

use std::path::PathBuf;
use std::process::{Command, Output};

use ringside_sandbox::oauth::SANDBOX_PASSWORD;
use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig, SandboxOptions};

fn root() -> PathBuf {
    PathBuf::from(format!("{}/../../..", env!("CARGO_MANIFEST_DIR")))
}

/// A clean org over HTTPS; each client gets its own CA directory, so tests
/// running at once never trust each other's certificate.
async fn sandbox(client: &str) -> (Sandbox, String) {
    let dir =
        std::env::temp_dir().join(format!("ringside-fidelity-{client}-{}", std::process::id()));
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        https_port: Some(0),
        cert_dir: Some(dir),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    (sb, token)
}

/// Runs the client's check off the runtime (the sandbox keeps serving) and
/// fails unless it passed with no failures.
async fn run_check(client: &str, mut command: Command) {
    let name = client.to_string();
    let out: Output = tokio::task::spawn_blocking(move || {
        command
            .output()
            .unwrap_or_else(|e| panic!("cannot run the {name} check: {e}"))
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{client} failed against the sandbox:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Python with simple-salesforce (scripts/deps.sh test makes target/py): run through test.sh"]
async fn simple_salesforce_works_unchanged() {
    let (sb, token) = sandbox("simple-salesforce").await;
    let python = std::env::var("RINGSIDE_PYTHON")
        .unwrap_or_else(|_| root().join("target/py/bin/python").display().to_string());
    let mut command = Command::new(python);
    command
        .arg(root().join("tests/fidelity/simple_salesforce_check.py"))
        .env("SANDBOX_URL", sb.https_url.clone().unwrap())
        .env("SANDBOX_TOKEN", token)
        .env("SANDBOX_CERT", sb.cert_path.clone().unwrap());
    run_check("simple-salesforce", command).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node with jsforce (scripts/deps.sh test installs tests/fidelity/jsforce): run through test.sh"]
async fn jsforce_works_unchanged() {
    let (sb, token) = sandbox("jsforce").await;
    let dir = root().join("tests/fidelity/jsforce");
    assert!(
        dir.join("node_modules/jsforce").is_dir(),
        "jsforce is not installed: run scripts/deps.sh test"
    );
    let node = std::env::var("RINGSIDE_NODE").unwrap_or_else(|_| "node".into());
    let mut command = Command::new(node);
    command
        .current_dir(&dir)
        .arg("check.mjs")
        .env("SANDBOX_URL", sb.https_url.clone().unwrap())
        .env("SANDBOX_TOKEN", token)
        .env(
            "SANDBOX_CLIENT_ID",
            SandboxOptions::default().client_ids[0].clone(),
        )
        .env("SANDBOX_USERNAME", AGENT_USERNAME)
        .env("SANDBOX_PASSWORD", SANDBOX_PASSWORD)
        .env("NODE_EXTRA_CA_CERTS", sb.cert_path.clone().unwrap());
    run_check("jsforce", command).await;
}
