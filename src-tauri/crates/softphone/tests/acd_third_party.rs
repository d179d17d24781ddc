#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The fidelity bar for the ACD event socket: a mainstream WebSocket client
//! nobody here wrote (Python's `websockets`, Debian's python3-websockets),
//! unchanged, against the platform simulator; every message it gets is
//! checked against the published schema (tests/fidelity/acd_client_check.py).

use std::path::PathBuf;
use std::process::Command;

use ringside_softphone::acd::simulator::start_acd_simulator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs python3-websockets and python3-jsonschema (scripts/deps.sh test): run through test.sh"]
async fn python_websockets_speaks_the_acd_socket_unchanged() {
    let sim = start_acd_simulator("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fidelity/acd_client_check.py");
    let python =
        std::env::var("RINGSIDE_SYSTEM_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let url = sim.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(script)
            .arg(url)
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the third-party client failed");
    assert!(stdout.contains("every exchange as documented"), "{stdout}");
    // What the client sent reached the platform as the messages it meant.
    let states: Vec<_> = sim
        .probe
        .commands()
        .into_iter()
        .filter_map(|c| match c {
            ringside_softphone::acd::protocol::RingsideMessage::SetState { state, .. } => {
                Some(state)
            }
            _ => None,
        })
        .collect();
    assert_eq!(states, ["Lunch", "Coffee", "available"]);
    assert_eq!(sim.probe.flags().len(), 1);
}
