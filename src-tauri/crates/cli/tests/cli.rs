#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The CLI binary as a user runs it.
use std::process::Command;

fn ringside() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ringside"))
}

fn scenario(name: &str) -> String {
    format!(
        "{}/../../../tests/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn replay_prints_phases_checkbox_and_decision() {
    let out = ringside()
        .args(["replay", &scenario("e2e-story.scenario")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "c1  Ringing   from +131••••••09  checkbox shown, unticked",
        "c1  checkbox shown, TICKED",
        "c1  Hold      checkbox shown, TICKED",
        "c1  Ended     decision: not logged: you ticked \"Do not log the call\"",
        "c2  Ringing   from +442•••••••18  checkbox shown, unticked",
        "c2  Ended     decision: Ringside writes the record",
        "2 calls: 1 for Ringside to log, 0 for the CRM softphone, 0 for the ACD service, 1 not logged, 0 still live",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
}

#[test]
fn a_malformed_scenario_names_the_line() {
    let dir = std::env::temp_dir().join(format!("ringside-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.scenario");
    std::fs::write(&bad, "companion open\nring c1 from\n").unwrap();
    let out = ringside()
        .args(["replay", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.scenario: line 2: write `ring ID from NUMBER`"),
        "{err}"
    );
}

#[test]
fn run_demo_prints_calls_as_they_happen() {
    let dir = std::env::temp_dir().join(format!("ringside-cli-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = ringside()
        .args(["run", "--demo", "--calls", "2", "--speed", "200", "--db"])
        .arg(dir.join("demo.db"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("d1       Ringing"), "{text}");
    assert!(text.contains("d2       checkbox shown, TICKED"), "{text}");
    assert!(text.contains("not logged: you ticked"), "{text}");
    assert!(text.contains("2 calls ended."), "{text}");
    // The demo call Ringside logs reaches the built-in sandbox over HTTPS.
    assert!(
        text.contains("CRM: built-in sandbox at https://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("crm      Task written ("), "{text}");
    // One call to log; its Task may be written twice (the caller found
    // after the call ended is added to it).
    assert!(text.contains("CRM: 1 call(s) logged as Tasks ("), "{text}");
    assert!(text.contains("nothing waiting"), "{text}");
}

#[test]
fn run_demo_plays_a_scenario_file() {
    let dir = std::env::temp_dir().join(format!("ringside-cli-file-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = ringside()
        .args([
            "run",
            "--demo",
            "--calls",
            "2",
            "--speed",
            "100",
            "--scenario",
            &scenario("e2e-story.scenario"),
            "--db",
        ])
        .arg(dir.join("demo.db"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("c1       Hold"), "{text}");
    assert!(
        text.contains("c2       Ended     Ringside writes the record"),
        "{text}"
    );
}

/// SYNC-1 from the command line: the built-in sandbox's callers copied into
/// the contact store, with progress and a summary.
#[test]
fn sync_copies_the_built_in_sandbox_into_the_contact_store() {
    let dir = std::env::temp_dir().join(format!("ringside-cli-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = ringside()
        .args(["sync", "--contacts-db"])
        .arg(dir.join("contacts.db"))
        .env("RINGSIDE_DATA_DIR", &dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Contact ",
        "records/s",
        "synced in",
        "callers and",
        "peak memory",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
    let bad = ringside()
        .args(["sync", "--region", "Narnia"])
        .env("RINGSIDE_DATA_DIR", &dir)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("two-letter country code"));
}

/// The platform simulator and Ringside on its socket, both as a user runs
/// them: the simulator rings the demo day's calls, Ringside answers them
/// (--auto-answer), and the simulator prints Ringside's commands.
#[test]
fn acd_sim_rings_calls_that_ringside_on_the_acd_socket_answers() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut sim = ringside()
        .args([
            "acd-sim",
            "--port",
            &port.to_string(),
            "--speed",
            "20",
            "--passes",
            "1",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sim_out = BufReader::new(sim.stdout.take().unwrap());
    let mut first = String::new();
    sim_out.read_line(&mut first).unwrap();
    assert!(
        first.contains(&format!("ws://127.0.0.1:{port}/agent")),
        "{first}"
    );

    let dir = std::env::temp_dir().join(format!("ringside-cli-acd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = ringside()
        .args(["run", "--acd", &format!("ws://127.0.0.1:{port}/agent")])
        .args([
            "--agent",
            "agent-42",
            "--auto-answer",
            "--no-crm",
            "--calls",
            "3",
            "--db",
        ])
        .arg(dir.join("acd.db"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Ringside on the contact-centre platform at ws://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("p1-d1    Ringing"), "{text}");
    assert!(text.contains("p1-d1    Answered"), "{text}");
    assert!(text.contains("3 calls ended."), "{text}");
    let mut rest = String::new();
    sim.kill().unwrap();
    let _ = std::io::Read::read_to_string(&mut sim_out, &mut rest);
    let _ = sim.wait();
    // The simulator plays the demo day's own "answer" steps too (100 ms
    // after the ring at this speed), so which rings Ringside reaches first
    // depends on the machine's load: at least one, each at most once, and
    // only calls that rang.
    let answers: Vec<&str> = rest
        .lines()
        .filter(|l| l.contains(r#""type":"call.answer""#))
        .collect();
    assert!(!answers.is_empty(), "Ringside answered no call:\n{rest}");
    let mut ids: Vec<&str> = answers
        .iter()
        .filter_map(|l| l.split(r#""call_id":""#).nth(1)?.split('"').next())
        .collect();
    assert_eq!(ids.len(), answers.len(), "{rest}");
    assert!(
        ids.iter()
            .all(|id| ["p1-d1", "p1-d2", "p1-d3"].contains(id)),
        "{rest}"
    );
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), answers.len(), "a call answered twice:\n{rest}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without HOME, XDG_DATA_HOME or RINGSIDE_DATA_DIR there is no private
/// place for call history: the CLI refuses rather than use a shared /tmp.
#[test]
fn no_private_data_folder_is_refused_not_replaced_by_a_shared_one() {
    let out = ringside()
        .args(["run", "--demo", "--calls", "1", "--speed", "200"])
        .env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("RINGSIDE_DATA_DIR")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no private place for Ringside's data"),
        "{err}"
    );
}

/// An unreadable data file: the CLI says where it was kept and runs on a
/// fresh store.
#[test]
fn an_unreadable_store_is_named_and_the_demo_runs_on_a_fresh_one() {
    let dir = std::env::temp_dir().join(format!("ringside-cli-garbage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("demo.db");
    std::fs::write(
        &db,
        "not a database: a spreadsheet saved over it\n".repeat(100),
    )
    .unwrap();
    let out = ringside()
        .args(["run", "--demo", "--calls", "1", "--speed", "200", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("could not be read") && err.contains("demo.db.unreadable-1"),
        "{err}"
    );
    assert!(dir.join("demo.db.unreadable-1").exists());
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 calls ended."));
}
