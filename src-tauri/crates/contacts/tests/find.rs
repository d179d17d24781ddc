#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Find a contact (click-to-call): a word anywhere in the name or company,
//! any run of digits in a number whatever its punctuation, a pasted number;
//! one row per record with all its numbers. A table of cases, and a property
//! that the index always answers what a scan of the records would, through
//! updates, deletions and renamed accounts.

use proptest::prelude::*;
use ringside_contacts::{ContactRecord, ContactStore, FoundPage, Kind, Region};

const US: Region = Region::US;

fn rec(id: &str, name: &str, company: Option<&str>, phones: &[(&str, &str)]) -> ContactRecord {
    ContactRecord {
        id: id.into(),
        kind: if id.starts_with("00Q") {
            Kind::Lead
        } else {
            Kind::Contact
        },
        name: name.into(),
        company: company.map(str::to_string),
        owner_id: None,
        account_id: None,
        created_at: 1,
        modstamp: 1,
        phones: phones
            .iter()
            .map(|(f, n)| (f.to_string(), n.to_string()))
            .collect(),
    }
}

fn ids(page: &FoundPage) -> Vec<&str> {
    page.records.iter().map(|f| f.id.as_str()).collect()
}

async fn people() -> ContactStore {
    let s = ContactStore::open_in_memory().await.unwrap();
    s.upsert_accounts(&[("001ACME".into(), "Acme Rockets Inc.".into())])
        .await
        .unwrap();
    let mut ada = rec(
        "003ADA",
        "Ada Lovelace",
        None,
        &[
            ("Phone", "(310) 555-0100"),
            ("MobilePhone", "+44 20 7946 0958"),
        ],
    );
    ada.account_id = Some("001ACME".into());
    let alan = rec(
        "00QALAN",
        "alan Mathison Turing",
        Some("Bletchley Park"),
        &[("Phone", "+1 310 555 0199")],
    );
    let grace = rec(
        "003GRACE",
        "Grace Müller-Hopper",
        None,
        &[("Phone", "030 901820")],
    );
    s.upsert(&[ada, alan], US).await.unwrap();
    s.upsert(&[grace], Region::parse("DE").unwrap())
        .await
        .unwrap();
    s
}

/// The cases a person types, and what each finds.
#[tokio::test]
async fn find_matches_words_anywhere_digits_anywhere_and_pasted_numbers() {
    let s = people().await;
    for (query, expect, why) in [
        ("a", vec![], "one letter is too short"),
        ("55", vec![], "two digits are too short"),
        ("AL", vec!["00QALAN"], "case-blind start of the name"),
        ("ada", vec!["003ADA"], "one row per record"),
        ("turing", vec!["00QALAN"], "the last name"),
        ("mathi", vec!["00QALAN"], "a middle name, begun"),
        ("uring", vec![], "a word's middle is not a word"),
        ("muller", vec!["003GRACE"], "accents do not matter"),
        ("hopper", vec!["003GRACE"], "after a hyphen"),
        ("acme", vec!["003ADA"], "the account's name"),
        (
            "rockets ada",
            vec!["003ADA"],
            "a company word and a name word",
        ),
        ("bletchley", vec!["00QALAN"], "a lead's company"),
        ("a turing", vec!["00QALAN"], "a one-letter word checked too"),
        ("z turing", vec![], "…and it must match"),
        ("310-555-0100", vec!["003ADA"], "a whole national number"),
        (
            "+1 (310) 555-0100",
            vec!["003ADA"],
            "a pasted formatted number",
        ),
        ("1-310-555-0100 x42", vec!["003ADA"], "…with an extension"),
        (
            "+1 310 555 01",
            vec!["003ADA", "00QALAN"],
            "the start of a number",
        ),
        ("5550", vec!["003ADA", "00QALAN"], "digits inside a number"),
        ("0199", vec!["00QALAN"], "the last digits"),
        ("7946 09", vec!["003ADA"], "digits of a second number"),
        ("030 9018", vec!["003GRACE"], "a national number as stored"),
        ("+4930", vec!["003GRACE"], "an international start"),
        ("901820", vec!["003GRACE"], "the subscriber's digits"),
        ("1820 0", vec![], "never across two numbers"),
        ("nobody", vec![], "no such word"),
    ] {
        let page = s.find(query, US, 20).await.unwrap();
        let mut got = ids(&page);
        got.sort();
        let mut want = expect.clone();
        want.sort();
        assert_eq!(got, want, "{query:?}: {why}");
    }
}

#[tokio::test]
async fn a_record_lists_all_its_numbers_and_marks_the_one_found() {
    let s = people().await;
    let page = s.find("7946", US, 20).await.unwrap();
    let ada = &page.records[0];
    assert_eq!(ada.company.as_deref(), Some("Acme Rockets Inc."));
    let fields: Vec<(&str, bool)> = ada
        .numbers
        .iter()
        .map(|n| (n.field.as_str(), n.matched))
        .collect();
    assert_eq!(fields, vec![("Phone", false), ("MobilePhone", true)]);
    let by_name = s.find("ada", US, 20).await.unwrap();
    assert_eq!(by_name.records[0].numbers.len(), 2);
    assert!(by_name.records[0].numbers.iter().all(|n| !n.matched));
}

#[tokio::test]
async fn the_limit_holds_and_says_there_is_more() {
    let s = ContactStore::open_in_memory().await.unwrap();
    let many: Vec<ContactRecord> = (0..30)
        .map(|i| {
            rec(
                &format!("003P{i:02}"),
                &format!("Pat Smith {i}"),
                None,
                &[("Phone", &format!("+1 212 555 01{i:02}"))],
            )
        })
        .collect();
    s.upsert(&many, US).await.unwrap();
    let page = s.find("smith", US, 20).await.unwrap();
    assert_eq!((page.records.len(), page.more), (20, true));
    let page = s.find("pat smith 7", US, 20).await.unwrap();
    assert_eq!(ids(&page), vec!["003P07"]);
    assert!(!page.more);
    let page = s.find("555 012", US, 5).await.unwrap();
    assert_eq!((page.records.len(), page.more), (5, true));
}

/// A one-letter word is checked on the records the index walk returned:
/// when the walk stopped at its limit the page says more may match, never
/// "that is all".
#[tokio::test]
async fn a_one_letter_word_past_the_walk_says_there_may_be_more() {
    let s = ContactStore::open_in_memory().await.unwrap();
    let mut many: Vec<ContactRecord> = (0..300)
        .map(|i| rec(&format!("003A{i:03}"), "Ann Smith", None, &[]))
        .collect();
    many.extend((0..3).map(|i| rec(&format!("003J{i:03}"), "Joe Smith", None, &[])));
    s.upsert(&many, US).await.unwrap();
    let page = s.find("smith j", US, 20).await.unwrap();
    assert!(page.more, "{} shown and nothing said", page.records.len());
    let page = s.find("joe smith", US, 20).await.unwrap();
    assert_eq!((page.records.len(), page.more), (3, false));
}

/// A renamed account, an updated record and a deletion are found as they
/// are now, never as they were.
#[tokio::test]
async fn the_index_follows_updates_renames_and_deletions() {
    let s = people().await;
    s.upsert_accounts(&[("001ACME".into(), "Zenith Labs".into())])
        .await
        .unwrap();
    assert!(ids(&s.find("acme", US, 20).await.unwrap()).is_empty());
    assert_eq!(
        ids(&s.find("zenith", US, 20).await.unwrap()),
        vec!["003ADA"]
    );

    let mut ada = rec("003ADA", "Ada King", None, &[("Phone", "+1 415 555 0123")]);
    ada.account_id = Some("001ACME".into());
    s.upsert(&[ada], US).await.unwrap();
    assert!(ids(&s.find("lovelace", US, 20).await.unwrap()).is_empty());
    assert!(ids(&s.find("310 555 0100", US, 20).await.unwrap()).is_empty());
    assert_eq!(ids(&s.find("king", US, 20).await.unwrap()), vec!["003ADA"]);
    assert_eq!(ids(&s.find("4155", US, 20).await.unwrap()), vec!["003ADA"]);

    s.delete(&["003ADA".to_string()]).await.unwrap();
    assert!(ids(&s.find("king", US, 20).await.unwrap()).is_empty());
    assert!(ids(&s.find("4155", US, 20).await.unwrap()).is_empty());
}

/// A store from before the index: nothing is found until it is indexed,
/// then everything is, once.
#[tokio::test]
async fn a_store_from_before_the_index_is_indexed_once() {
    let dir = std::env::temp_dir().join(format!("ringside-find-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("org.db");
    let s = ContactStore::open(&path).await.unwrap();
    s.upsert(
        &[
            rec(
                "003ADA",
                "Ada Lovelace",
                None,
                &[("Phone", "(310) 555-0100")],
            ),
            rec(
                "00QALAN",
                "Alan Turing",
                None,
                &[("Phone", "+1 310 555 0199")],
            ),
            rec(
                "003GRACE",
                "Grace Hopper",
                None,
                &[("Phone", "+49 30 901820")],
            ),
        ],
        US,
    )
    .await
    .unwrap();
    s.close().await;
    // As the version before the index left it: no keys, no entries.
    let raw = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for sql in [
        "UPDATE contacts SET search_key = NULL",
        "INSERT INTO contact_words (contact_words) VALUES ('delete-all')",
        "INSERT INTO contact_digits (contact_digits) VALUES ('delete-all')",
    ] {
        sqlx::query(sql).execute(&raw).await.unwrap();
    }
    raw.close().await;
    let s = ContactStore::open(&path).await.unwrap();
    assert!(ids(&s.find("ada", US, 20).await.unwrap()).is_empty());
    assert_eq!(s.index_missing(2).await.unwrap(), 2);
    assert_eq!(s.index_missing(2).await.unwrap(), 1);
    assert_eq!(s.index_missing(2).await.unwrap(), 0);
    assert_eq!(ids(&s.find("ada", US, 20).await.unwrap()), vec!["003ADA"]);
    assert_eq!(ids(&s.find("0199", US, 20).await.unwrap()), vec!["00QALAN"]);
    s.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

const WORDS: [&str; 8] = [
    "ada", "adam", "bo", "bob", "carla", "dee", "smith", "smithers",
];

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What a scan of every record finds (the specification of `find`).
fn model(records: &[(ContactRecord, Option<String>)], query: &str) -> Vec<String> {
    let q = query.trim();
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let numeric = q.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let mut out: Vec<String> = records
        .iter()
        .filter(|(r, account)| {
            if numeric {
                digits.len() >= 3
                    && r.phones.iter().any(|(_, raw)| {
                        let raw_digits: String = raw.chars().filter(char::is_ascii_digit).collect();
                        let e164 = ringside_contacts::normalize(raw, US)
                            .map(|p| p.e164[1..].to_string())
                            .unwrap_or_default();
                        raw_digits.contains(&digits) || e164.contains(&digits)
                    })
            } else {
                let words = words_of(q);
                let company = r.company.clone().or(account.clone()).unwrap_or_default();
                let have = words_of(&format!("{} {company}", r.name));
                words.iter().any(|w| w.chars().count() >= 2)
                    && words
                        .iter()
                        .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
            }
        })
        .map(|(r, _)| r.id.clone())
        .collect();
    out.sort();
    out
}

fn record_strategy() -> impl Strategy<Value = (u8, Vec<usize>, Option<usize>, Vec<u32>)> {
    (
        0u8..12,
        proptest::collection::vec(0..WORDS.len(), 1..4),
        proptest::option::of(0..WORDS.len()),
        proptest::collection::vec(0u32..10_000, 0..3),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever was written, updated or deleted, `find` answers exactly
    /// what a scan of the records would.
    #[test]
    fn find_answers_what_a_scan_would(
        batches in proptest::collection::vec(proptest::collection::vec(record_strategy(), 1..6), 1..4),
        deletions in proptest::collection::vec(0u8..12, 0..4),
        rename in proptest::option::of(0..WORDS.len()),
        queries in proptest::collection::vec((0..WORDS.len(), 0usize..4, proptest::option::of(0..WORDS.len()), 0u32..10_000), 1..6),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let s = ContactStore::open_in_memory().await.unwrap();
            let mut account = "north wind".to_string();
            s.upsert_accounts(&[("001A".into(), account.clone())]).await.unwrap();
            let mut live: std::collections::BTreeMap<String, ContactRecord> = Default::default();
            for batch in &batches {
                let mut recs: std::collections::BTreeMap<String, ContactRecord> = Default::default();
                for (n, name, company, numbers) in batch {
                    let id = format!("003{n:03}");
                    let name: Vec<&str> = name.iter().map(|i| WORDS[*i]).collect();
                    let mut r = rec(&id, &name.join(" "), company.map(|c| WORDS[c]), &[]);
                    r.phones = numbers.iter().enumerate()
                        .map(|(k, d)| (if k == 0 { "Phone" } else { "MobilePhone" }.to_string(), format!("(212) 55{}-{d:04}", k + 1)))
                        .collect();
                    if n % 2 == 0 { r.account_id = Some("001A".into()); r.company = None; }
                    recs.insert(id, r);
                }
                let recs: Vec<ContactRecord> = recs.into_values().collect();
                s.upsert(&recs, US).await.unwrap();
                for r in recs { live.insert(r.id.clone(), r); }
            }
            let gone: Vec<String> = deletions.iter().map(|n| format!("003{n:03}")).collect();
            s.delete(&gone).await.unwrap();
            for g in &gone { live.remove(g); }
            if let Some(w) = rename {
                account = WORDS[w].to_string();
                s.upsert_accounts(&[("001A".into(), account.clone())]).await.unwrap();
            }
            let records: Vec<(ContactRecord, Option<String>)> = live.values()
                .map(|r| (r.clone(), r.account_id.as_ref().map(|_| account.clone())))
                .collect();
            for (w, cut, second, digits) in &queries {
                let word = WORDS[*w];
                let begun: String = word.chars().take(word.len().saturating_sub(*cut).max(1)).collect();
                let text = match second { Some(x) => format!("{begun} {}", WORDS[*x]), None => begun };
                let number = format!("{digits:04}");
                for q in [text, number, "(212) 551".to_string()] {
                    let page = s.find(&q, US, 200).await.unwrap();
                    let mut got: Vec<String> = page.records.iter().map(|f| f.id.clone()).collect();
                    got.sort();
                    prop_assert_eq!(got, model(&records, &q), "query {:?}", q);
                }
            }
            Ok(())
        })?;
    }
}
