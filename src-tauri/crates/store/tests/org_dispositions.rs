#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! CONF-1 / WRAP-3: an org's disposition codes mirrored into the store,
//! beside the local ones, retired and never deleted.

use ringside_core::Millis;
use ringside_store::{OrgCode, Store};

const ORG: &str = "00D000000000001AAA";

fn code<'a>(crm_id: &'a str, label: &'a str, active: bool) -> OrgCode<'a> {
    OrgCode {
        crm_id,
        label,
        active,
    }
}

fn labels(codes: &[ringside_store::DispositionCode]) -> Vec<(&str, bool)> {
    codes
        .iter()
        .map(|c| (c.label.as_str(), c.retired))
        .collect()
}

#[tokio::test]
async fn conf_1_the_orgs_codes_are_kept_apart_from_the_local_ones() {
    let store = Store::open_in_memory().await.unwrap();
    let local = store.dispositions(None, false).await.unwrap();
    assert!(!local.is_empty(), "the local defaults");
    // The org has a "Resolved" too: no clash with the local one.
    store
        .mirror_org_dispositions(
            ORG,
            &[code("a01A", "Resolved", true), code("a01B", "Sale", false)],
            Millis(10),
        )
        .await
        .unwrap();
    let org = store.dispositions(Some(ORG), true).await.unwrap();
    assert_eq!(labels(&org), [("Resolved", false), ("Sale", true)]);
    assert_eq!(store.dispositions(None, false).await.unwrap(), local);
    // Local edits cannot touch the org's codes.
    assert!(store.rename_disposition(org[0].id, "Mine").await.is_err());
    assert!(store
        .retire_disposition(org[0].id, true, Millis(11))
        .await
        .is_err());
    assert_eq!(
        store.org_disposition(org[0].id).await.unwrap(),
        Some((ORG.to_string(), "a01A".to_string()))
    );
    assert_eq!(store.org_disposition(local[0].id).await.unwrap(), None);
}

#[tokio::test]
async fn wrap_3_a_renamed_or_dropped_org_code_keeps_its_row_and_is_retired() {
    let store = Store::open_in_memory().await.unwrap();
    store
        .mirror_org_dispositions(
            ORG,
            &[
                code("a01A", "Resolved", true),
                code("a01B", "Escalated", true),
            ],
            Millis(10),
        )
        .await
        .unwrap();
    let first = store.dispositions(Some(ORG), true).await.unwrap();
    // The org renames one, drops the other, adds a duplicate name and a new code.
    store
        .mirror_org_dispositions(
            ORG,
            &[
                code("a01C", "Callback booked", true),
                code("a01A", "Solved", true),
                code("a01D", "solved", true),
            ],
            Millis(20),
        )
        .await
        .unwrap();
    let now = store.dispositions(Some(ORG), true).await.unwrap();
    assert_eq!(
        labels(&now),
        [
            ("Callback booked", false),
            ("Solved", false),
            ("Escalated", true),
            ("solved", true)
        ]
    );
    let solved = now.iter().find(|c| c.label == "Solved").unwrap();
    assert_eq!(
        solved.id, first[0].id,
        "the same row: calls keep pointing at it"
    );
    // And back: the org makes the dropped code active again.
    store
        .mirror_org_dispositions(ORG, &[code("a01B", "Escalated", true)], Millis(30))
        .await
        .unwrap();
    let active = store.dispositions(Some(ORG), false).await.unwrap();
    assert_eq!(labels(&active), [("Escalated", false)]);
}
