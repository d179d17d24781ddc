#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Every captured Salesforce response in tests/fixtures/salesforce parses:
//! success bodies into their types, error bodies into typed errors.

use ringside_crm::wire::*;
use ringside_crm::{classify, Body, CrmError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../../tests/fixtures/salesforce/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ok<T: DeserializeOwned>(name: &str, status: u16) -> T {
    classify(Body {
        status,
        content_type: Some("application/json;charset=UTF-8"),
        bytes: &fixture(name),
    })
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn err(name: &str, status: u16) -> CrmError {
    match classify::<Value>(Body {
        status,
        content_type: Some("application/json"),
        bytes: &fixture(name),
    }) {
        Ok(v) => panic!("{name} parsed as success: {v}"),
        Err(e) => e,
    }
}

#[test]
fn token_responses() {
    for name in [
        "auth_success_response.json",
        "refresh_success_response.json",
        "reauth_success_response.json",
    ] {
        let t: TokenResponse = ok(name, 200);
        assert!(
            !t.access_token.is_empty() && t.instance_url.starts_with("https://"),
            "{name}"
        );
        assert!(
            !format!("{t:?}").contains(&t.access_token),
            "{name}: Debug must not show the token"
        );
    }
    let t: TokenResponse = ok("auth_success_response.json", 200);
    assert_eq!(
        t.org_and_user(),
        Some(("00Dx0000000BV7z", "005x00000012Q9P"))
    );
}

#[test]
fn oauth_errors() {
    assert_eq!(
        err("auth_error_response.json", 400),
        CrmError::OAuth {
            error: "invalid_grant".into(),
            description: "authentication failure - Invalid Password".into()
        }
    );
    assert_eq!(
        err("refresh_error_response.json", 400),
        CrmError::OAuth {
            error: "invalid_grant".into(),
            description: "expired access/refresh token".into()
        }
    );
}

#[test]
fn api_error_arrays() {
    assert_eq!(
        err("expired_session_response.json", 401),
        CrmError::InvalidSession
    );
    for (name, status, code) in [
        ("write_error_response.json", 400, "INVALID_FIELD"),
        ("delete_error_response.json", 404, "NOT_FOUND"),
        ("upsert_error_response.json", 404, "NOT_FOUND"),
        ("query_error_response.json", 400, "INVALID_FIELD"),
        ("sobject_find_error_response.json", 404, "NOT_FOUND"),
        ("sobject_describe_error_response.json", 404, "NOT_FOUND"),
        ("search_error_response.json", 400, "MALFORMED_SEARCH"),
    ] {
        match err(name, status) {
            CrmError::Api { status: s, errors } => {
                assert_eq!(s, status, "{name}");
                assert_eq!(errors[0].error_code, code, "{name}");
                assert!(!errors[0].message.is_empty());
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    match err("upsert_multiple_error_response.json", 300) {
        CrmError::MultipleMatches(urls) => assert_eq!(urls.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn success_bodies() {
    let versions: Vec<ApiVersion> = ok("services_data_success_response.json", 200);
    assert_eq!(versions[0].version, "20.0");
    for name in [
        "create_success_response.json",
        "upsert_created_success_response.json",
    ] {
        let s: SaveResult = ok(name, 201);
        assert!(s.success && s.id.is_some(), "{name}");
    }
    let none: Option<SaveResult> = ok("upsert_updated_success_response.json", 204);
    assert_eq!(none, None);
    for (name, total, done) in [
        ("query_success_response.json", 1, true),
        ("query_empty_response.json", 0, true),
        ("query_paginated_first_page_response.json", 2, false),
        ("query_paginated_last_page_response.json", 2, true),
        ("query_aggregate_success_response.json", 3, true),
        ("org_query_response.json", 1, true),
    ] {
        let q: QueryResponse = ok(name, 200);
        assert_eq!((q.total_size, q.done), (total, done), "{name}");
        assert_eq!(q.next_records_url.is_some(), !done, "{name}");
    }
    let s: SearchResponse = ok("search_success_response.json", 200);
    assert_eq!(s.records().len(), 2);
    let u: UpdatedResponse = ok("get_updated_success_response.json", 200);
    assert_eq!(u.ids.len(), 7);
    let d: DeletedResponse = ok("get_deleted_success_response.json", 200);
    assert_eq!(d.deleted_records[0].id, "a00D0000008pQRAIA2");
    for name in [
        "sobject_find_success_response.json",
        "sobject_select_success_response.json",
    ] {
        let r: Map<String, Value> = ok(name, 200);
        assert!(
            r.contains_key("attributes") && r.contains_key("Id"),
            "{name}"
        );
    }
    let recent: Vec<Map<String, Value>> = ok("recent_success_response.json", 200);
    assert_eq!(recent.len(), 2);
    for name in [
        "describe_sobjects_success_response.json",
        "list_sobjects_success_response.json",
    ] {
        let g: DescribeGlobal = ok(name, 200);
        assert!(!g.sobjects.is_empty(), "{name}");
    }
    let d: SObjectDescribe = ok("sobject_describe_success_response.json", 200);
    assert!(!d.fields.is_empty());
    // A stock org has no Ringside external-id field: Ringside falls back.
    assert!(!d.has_external_id("Ringside_Call_Id__c"));
    let lv: ListViewResults = ok("list_view_results_success_response.json", 200);
    assert_eq!(lv.size as usize, lv.records.len());
    assert!(!lv.records[0].columns.is_empty());
}

/// The sandbox answers in the same shapes: every fixture type parses a sandbox body too
/// (checked where the sandbox is exercised); here, the set of fixtures is complete.
#[test]
fn every_fixture_is_covered() {
    let dir = format!(
        "{}/../../../tests/fixtures/salesforce",
        env!("CARGO_MANIFEST_DIR")
    );
    let src = include_str!("fixtures.rs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(src.contains(&format!("\"{name}\"")), "{name} has no test");
        }
    }
}
