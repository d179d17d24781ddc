#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! docs/acd-protocol stays true to the code: every documented example reads
//! as the message it shows (none falls through as unknown), Ringside's own
//! messages are written exactly as documented, and the schema names the
//! same message types as the examples. (scripts/check-acd-schema.py checks
//! the examples against the schema itself.)

use std::collections::BTreeSet;
use std::path::PathBuf;

use ringside_softphone::acd::protocol::{encode, parse_platform, parse_ringside, PlatformMessage};
use serde_json::Value;

fn doc(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../docs/acd-protocol")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn types(examples: &Value) -> BTreeSet<String> {
    examples
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect()
}

fn schema_types(schema: &Value, side: &str) -> BTreeSet<String> {
    schema["$defs"]
        .as_object()
        .unwrap()
        .keys()
        .filter_map(|k| k.strip_prefix(&format!("{side}.")).map(String::from))
        .collect()
}

#[test]
fn every_platform_example_reads_as_a_known_message() {
    for e in doc("examples-platform.json").as_array().unwrap() {
        let m = parse_platform(&e.to_string()).unwrap_or_else(|err| panic!("{e}: {err}"));
        assert_ne!(m, PlatformMessage::Unknown, "{e}");
    }
}

#[test]
fn ringside_writes_its_messages_exactly_as_documented() {
    for e in doc("examples-ringside.json").as_array().unwrap() {
        let m = parse_ringside(&e.to_string()).unwrap_or_else(|err| panic!("{e}: {err}"));
        let written: Value = serde_json::from_str(&encode(&m)).unwrap();
        assert_eq!(&written, e);
    }
}

#[test]
fn the_schema_and_the_examples_name_the_same_messages() {
    let schema = doc("v1.schema.json");
    assert_eq!(
        schema_types(&schema, "platform"),
        types(&doc("examples-platform.json"))
    );
    assert_eq!(
        schema_types(&schema, "ringside"),
        types(&doc("examples-ringside.json"))
    );
}
