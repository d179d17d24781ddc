#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The UI's TypeScript types, and the window's event names with their
//! payload types, are generated from the Rust IPC types. These tests fail
//! when the committed file differs (`RINGSIDE_BLESS=1` rewrites it) and
//! when a type the IPC uses is not exported.

use std::path::PathBuf;

fn generated() -> String {
    let mut out = String::from(
        "// Generated from the Rust IPC types by `RINGSIDE_BLESS=1 cargo test -p ringside-engine --test bindings`.\n// Do not edit: CI fails when this file and the Rust types differ.\n",
    );
    for decl in ringside_engine::ipc::typescript_declarations() {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl.decl.trim());
        out.push('\n');
    }
    out.push_str("\n// The events the shell sends the window, and what each carries.\n");
    for (constant, name, _) in ringside_engine::ipc::WINDOW_EVENTS {
        out.push_str(&format!("export const {constant} = \"{name}\";\n"));
    }
    out.push_str("export type WindowEvents = {\n");
    for (_, name, payload) in ringside_engine::ipc::WINDOW_EVENTS {
        out.push_str(&format!("  \"{name}\": {payload};\n"));
    }
    out.push_str("};\n");
    out.push_str(
        "\n// The countries whose numbering plans Ringside reads (the country picker's list).\n",
    );
    let regions: Vec<String> = ringside_core::phone_number::regions()
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect();
    out.push_str(&format!(
        "export const PHONE_REGIONS = [{}] as const;\n",
        regions.join(", ")
    ));
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

/// Every type a declared type uses is declared too, so the UI never meets
/// a name the bindings do not export; so is every event's payload.
#[test]
fn every_type_the_ipc_uses_is_exported() {
    let decls = ringside_engine::ipc::typescript_declarations();
    let declared: std::collections::HashSet<&str> = decls.iter().map(|d| d.name.as_str()).collect();
    let mut missing = Vec::new();
    for d in &decls {
        for used in &d.uses {
            if !declared.contains(used.as_str()) {
                missing.push(format!("{} uses {used}", d.name));
            }
        }
    }
    for (_, name, payload) in ringside_engine::ipc::WINDOW_EVENTS {
        if payload != "null" && !declared.contains(payload) {
            missing.push(format!("event {name} carries {payload}"));
        }
    }
    assert!(missing.is_empty(), "not exported: {missing:?}");
    let mut names: Vec<&str> = decls.iter().map(|d| d.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a type is declared twice");
}
