#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The fidelity bar: a mainstream third-party Salesforce client library,
//! unchanged, pointed at the sandbox over HTTPS with a token.

use std::process::Command;

use ringside_sandbox::seed::{Seed, AGENT_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Python with simple-salesforce (scripts/deps.sh test makes target/py): run through test.sh"]
async fn simple_salesforce_works_unchanged() {
    let dir = std::env::temp_dir().join(format!("ringside-fidelity-{}", std::process::id()));
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        https_port: Some(0),
        cert_dir: Some(dir),
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb.issue_tokens_for(AGENT_USERNAME).await.unwrap();
    let root = format!("{}/../../..", env!("CARGO_MANIFEST_DIR"));
    let python =
        std::env::var("RINGSIDE_PYTHON").unwrap_or_else(|_| format!("{root}/target/py/bin/python"));
    let out = tokio::task::spawn_blocking(move || {
        Command::new(&python)
            .arg(format!("{root}/tests/fidelity/simple_salesforce_check.py"))
            .env("SANDBOX_URL", sb.https_url.clone().unwrap())
            .env("SANDBOX_TOKEN", token)
            .env("SANDBOX_CERT", sb.cert_path.clone().unwrap())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python}: {e}"))
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "simple-salesforce failed against the sandbox:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
