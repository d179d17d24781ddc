#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The UI's TypeScript types are generated from the Rust IPC types. This test
//! fails when the committed file differs; `RINGSIDE_BLESS=1` rewrites it.

use std::path::PathBuf;

fn generated() -> String {
    let mut out = String::from(
        "// Generated from the Rust IPC types by `RINGSIDE_BLESS=1 cargo test -p ringside-engine --test bindings`.\n// Do not edit: CI fails when this file and the Rust types differ.\n",
    );
    for decl in ringside_engine::ipc::typescript_declarations() {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/bindings.ts");
    let want = generated();
    if std::env::var_os("RINGSIDE_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/lib/bindings.ts is out of date with the Rust IPC types; run `RINGSIDE_BLESS=1 cargo test -p ringside-engine --test bindings` and commit the result"
    );
}
