#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The local contact store: MATCH-1 (any format finds the record), MATCH-3
//! (one match), MATCH-4 (several, first created first, with the field that
//! matched), SYNC-3 (deletions), and numbers replaced whole on update.

use ringside_contacts::{ContactRecord, ContactStore, Kind, Region};

fn rec(id: &str, kind: Kind, created: i64, phones: &[(&str, &str)]) -> ContactRecord {
    ContactRecord {
        id: id.into(),
        kind,
        name: format!("Name {id}"),
        company: Some("Acme".into()),
        owner_id: Some("005000000000001AAA".into()),
        account_id: None,
        created_at: created,
        modstamp: created,
        phones: phones
            .iter()
            .map(|(f, n)| (f.to_string(), n.to_string()))
            .collect(),
    }
}

const US: Region = Region::US;

#[tokio::test]
async fn match_1_any_format_finds_the_record_and_says_which_field() {
    let s = ContactStore::open_in_memory().await.unwrap();
    s.upsert(
        &[rec(
            "003A",
            Kind::Contact,
            1,
            &[
                ("Phone", "(310) 867-5309"),
                ("MobilePhone", "+44 7700 900123"),
            ],
        )],
        US,
    )
    .await
    .unwrap();
    for typed in [
        "+13108675309",
        "3108675309",
        "+1 310 867 5309",
        "1-310-867-5309",
    ] {
        let m = s.lookup(typed, US).await.unwrap();
        assert_eq!(m.len(), 1, "{typed}");
        assert_eq!(
            (m[0].id.as_str(), m[0].field.as_str(), m[0].raw.as_str()),
            ("003A", "Phone", "(310) 867-5309")
        );
    }
    let m = s.lookup("00447700900123", US).await.unwrap();
    assert_eq!(m[0].field, "MobilePhone");
    assert!(
        s.lookup("+13105550000", US).await.unwrap().is_empty(),
        "no match"
    );
    assert!(s.lookup("garbage", US).await.unwrap().is_empty());
}

#[tokio::test]
async fn match_4_several_matches_first_created_first_whatever_the_order_synced() {
    let s = ContactStore::open_in_memory().await.unwrap();
    s.upsert(
        &[
            rec("00QLATE", Kind::Lead, 300, &[("Phone", "+1 310 867 5309")]),
            rec(
                "003MID",
                Kind::Contact,
                200,
                &[("HomePhone", "310.867.5309")],
            ),
            rec(
                "001FIRST",
                Kind::PersonAccount,
                100,
                &[
                    ("PersonMobilePhone", "(310) 867-5309"),
                    ("Phone", "3108675309"),
                ],
            ),
        ],
        US,
    )
    .await
    .unwrap();
    let m = s.lookup("3108675309", US).await.unwrap();
    let got: Vec<(&str, Kind)> = m.iter().map(|x| (x.id.as_str(), x.kind)).collect();
    assert_eq!(
        got,
        [
            ("001FIRST", Kind::PersonAccount),
            ("003MID", Kind::Contact),
            ("00QLATE", Kind::Lead)
        ]
    );
    assert_eq!(
        m[0].field, "Phone",
        "one entry per record, its first matching field"
    );
}

#[tokio::test]
async fn an_update_replaces_numbers_and_sync_3_deletes_remove_matches() {
    let s = ContactStore::open_in_memory().await.unwrap();
    let a = rec(
        "003A",
        Kind::Contact,
        1,
        &[("Phone", "3108675309"), ("OtherPhone", "n/a"), ("Fax", "")],
    );
    let done = s.upsert(std::slice::from_ref(&a), US).await.unwrap();
    assert_eq!(
        (done.records, done.numbers, done.unusable_numbers),
        (1, 1, 1)
    );
    // The same batch again changes nothing.
    s.upsert(&[a], US).await.unwrap();
    assert_eq!(s.count().await.unwrap(), (1, 1));
    // The number changes: the old one stops matching at once.
    s.upsert(
        &[rec("003A", Kind::Contact, 1, &[("Phone", "4155550100")])],
        US,
    )
    .await
    .unwrap();
    assert!(s.lookup("3108675309", US).await.unwrap().is_empty());
    assert_eq!(s.lookup("415-555-0100", US).await.unwrap().len(), 1);
    // Deleted in the CRM: gone here, numbers too.
    assert_eq!(
        s.delete(&["003A".to_string(), "003NOPE".to_string()])
            .await
            .unwrap(),
        1
    );
    assert!(s.lookup("4155550100", US).await.unwrap().is_empty());
    assert_eq!(s.count().await.unwrap(), (0, 0));
}

#[tokio::test]
async fn national_formats_use_the_admins_region_and_the_store_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("ringside-contacts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("contacts.db");
    let gb = Region::parse("GB").unwrap();
    let s = ContactStore::open(&path).await.unwrap();
    s.upsert(
        &[rec(
            "003UK",
            Kind::Contact,
            1,
            &[("Phone", "020 7946 0018")],
        )],
        gb,
    )
    .await
    .unwrap();
    s.close().await;
    let s = ContactStore::open(&path).await.unwrap();
    assert_eq!(s.lookup("+44 20 7946 0018", US).await.unwrap().len(), 1);
    assert_eq!(s.lookup("020 7946 0018", gb).await.unwrap().len(), 1);
    s.close().await;
}

/// Click-to-call: find a contact by the start of its name or last name (any
/// case) or by its number, whole or begun; one row per number; short queries
/// find nothing.
#[tokio::test]
async fn search_finds_contacts_to_call_by_name_or_number() {
    let s = ContactStore::open_in_memory().await.unwrap();
    let mut ada = rec(
        "003A",
        Kind::Contact,
        1,
        &[
            ("Phone", "(310) 555-0100"),
            ("MobilePhone", "+44 20 7946 0958"),
        ],
    );
    ada.name = "Ada Lovelace".into();
    let mut alan = rec("00QB", Kind::Lead, 2, &[("Phone", "+1 310 555 0199")]);
    alan.name = "alan Turing".into();
    let mut grace = rec("003C", Kind::Contact, 3, &[("Phone", "+49 30 901820")]);
    grace.name = "Grace Hopper".into();
    s.upsert(&[ada, alan, grace], US).await.unwrap();

    let found = |q: &'static str| {
        let s = s.clone();
        async move {
            s.search(q, US, 20)
                .await
                .unwrap()
                .into_iter()
                .map(|m| (m.id, m.field))
                .collect::<Vec<_>>()
        }
    };
    let row = |id: &str, field: &str| (id.to_string(), field.to_string());
    assert_eq!(found("a").await, vec![], "one letter is too short");
    assert_eq!(
        found("AL").await,
        vec![row("00QB", "Phone")],
        "case-blind prefix of the name"
    );
    assert_eq!(
        found("ada").await,
        vec![row("003A", "MobilePhone"), row("003A", "Phone")],
        "one row per number"
    );
    assert_eq!(
        found("310-555-0100").await,
        vec![row("003A", "Phone")],
        "a whole national number"
    );
    assert_eq!(
        found("+1 310 555 01").await,
        vec![row("003A", "Phone"), row("00QB", "Phone")],
        "the start of a number"
    );
    assert_eq!(found("+4930").await, vec![row("003C", "Phone")]);
    assert_eq!(
        found("turing").await,
        vec![row("00QB", "Phone")],
        "or from the start of the last name"
    );
    assert_eq!(
        found("uring").await,
        vec![],
        "not from the middle of a word"
    );
    let limited = s.search("+1", US, 1).await.unwrap();
    assert!(limited.is_empty(), "under three digits is too short");
    assert_eq!(
        s.search("+1310", US, 1).await.unwrap().len(),
        1,
        "the limit holds"
    );
}
