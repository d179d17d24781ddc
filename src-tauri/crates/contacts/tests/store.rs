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
