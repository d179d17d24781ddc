#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The SOQL and SOSL parsers run inside the desktop app: no query text, however
//! long or deeply nested, may exhaust the stack. Hostile queries are refused
//! with Salesforce's errors; the parsers run on a 256 KiB stack here.

mod common;

use common::{contact_query, create, on_small_stack, org};
use ringside_sandbox::soql::{self, Cond, SoqlError, MAX_NESTING};
use ringside_sandbox::{schema, search};
use serde_json::{json, Value};

#[test]
fn hostile_nesting_is_refused_not_a_stack_overflow() {
    on_small_stack(|| {
        let parens = contact_query(&format!(
            "{}Name = 'x'{}",
            "(".repeat(40_000),
            ")".repeat(40_000)
        ));
        assert_eq!(soql::parse(&parens), Err(SoqlError::TooDeep));
        // Unclosed: refused for depth before the missing ')' is noticed.
        let open = contact_query(&"(".repeat(99_000));
        assert_eq!(soql::parse(&open), Err(SoqlError::TooDeep));
        let nots = contact_query(&format!("{}Name = 'x'", "NOT ".repeat(20_000)));
        assert_eq!(soql::parse(&nots), Err(SoqlError::TooDeep));
        let mixed = contact_query(&format!(
            "{}Name = 'x'{}",
            "NOT (Name = 'y' OR ".repeat(4_000),
            ")".repeat(4_000)
        ));
        assert_eq!(soql::parse(&mixed), Err(SoqlError::TooDeep));
    });
}

#[test]
fn the_deepest_allowed_nesting_parses_and_one_level_more_is_refused() {
    on_small_stack(|| {
        let parens =
            |n: usize| contact_query(&format!("{}Name = 'x'{}", "(".repeat(n), ")".repeat(n)));
        assert!(soql::parse(&parens(MAX_NESTING)).is_ok());
        assert_eq!(
            soql::parse(&parens(MAX_NESTING + 1)),
            Err(SoqlError::TooDeep)
        );
        let nots = |n: usize| contact_query(&format!("{}Name = 'x'", "NOT ".repeat(n)));
        let q = soql::parse(&nots(MAX_NESTING)).unwrap();
        let mut cond = q.filter.unwrap();
        let mut seen = 0;
        while let Cond::Not(inner) = cond {
            seen += 1;
            cond = *inner;
        }
        assert_eq!(seen, MAX_NESTING);
        assert_eq!(soql::parse(&nots(MAX_NESTING + 1)), Err(SoqlError::TooDeep));
        // Depth is how many are open at once, not how many there are.
        let siblings = contact_query(&vec!["(Name = 'x')"; 5_000].join(" OR "));
        assert!(soql::parse(&siblings).is_ok());
    });
}

#[test]
fn queries_longer_than_100000_characters_are_refused() {
    on_small_stack(|| {
        // Characters, not bytes: 'é' is two bytes in UTF-8.
        let head = contact_query("Name = '");
        let fill = 100_000 - head.chars().count() - 1;
        let longest = format!("{head}{}'", "é".repeat(fill));
        assert_eq!(longest.chars().count(), 100_000);
        assert!(soql::parse(&longest).is_ok());
        let too_long = format!("{head}{}'", "é".repeat(fill + 1));
        assert_eq!(
            soql::parse(&too_long),
            Err(SoqlError::TooLong { chars: 100_001 })
        );
        let e: ringside_sandbox::error::SfError = SoqlError::TooLong { chars: 100_001 }.into();
        assert_eq!(e.code, "MALFORMED_QUERY");
        assert!(e.message.contains("100,000 characters"), "{}", e.message);

        let sosl = format!("FIND {{{}}}", "a".repeat(100_000));
        let e = search::parse(&sosl).unwrap_err();
        assert_eq!(e.code, "MALFORMED_SEARCH");
        assert!(e.message.contains("100,000 characters"), "{}", e.message);
        let sosl = format!("FIND {{{}}}", "a".repeat(99_990));
        assert!(search::parse(&sosl).is_ok());
    });
}

#[test]
fn long_flat_chains_are_wide_not_deep() {
    on_small_stack(|| {
        let contact = schema::object("Contact").unwrap();
        for op in ["AND", "OR"] {
            let chain = vec!["Name = 'x'"; 6_000].join(&format!(" {op} "));
            let q = soql::parse(&contact_query(&chain)).unwrap();
            let terms = match q.filter.as_ref().unwrap() {
                Cond::And(t) if op == "AND" => t,
                Cond::Or(t) if op == "OR" => t,
                other => panic!("{op} chain parsed as {other:?}"),
            };
            assert_eq!(terms.len(), 6_000);
            let sql = soql::to_sql(&q, contact, false).unwrap();
            // The object's name, then one parameter per term, each with a mark.
            assert_eq!(sql.params.len(), 6_001);
            assert_eq!(sql.from_where.matches('?').count(), 6_001);
            // Balanced halves: about log2(6000) parentheses deep, not 6000.
            let deepest = sql
                .from_where
                .chars()
                .scan(0i32, |d, c| {
                    *d += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    Some(*d)
                })
                .max()
                .unwrap();
            assert!(deepest <= 16, "{op} chain nests {deepest} deep in SQL");
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_queries_over_http_are_malformed_query_and_the_sandbox_lives_on() {
    let (sb, token, http) = org().await;
    let data = format!("{}/services/data/v59.0", sb.http_url);
    let id = create(&sb, &token, &http, "Contact", json!({"LastName": "Hopper"})).await;

    let deep = contact_query(&format!(
        "{}Name = 'x'{}",
        "(".repeat(5_000),
        ")".repeat(5_000)
    ));
    let r = http
        .get(format!("{data}/query"))
        .bearer_auth(&token)
        .query(&[("q", &deep)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "MALFORMED_QUERY", "{body}");
    assert!(body[0]["message"].as_str().unwrap().contains("levels deep"));

    let job = |query: String| {
        http.post(format!("{data}/jobs/query"))
            .bearer_auth(&token)
            .json(&json!({"operation": "query", "query": query}))
            .send()
    };
    let nots = contact_query(&format!("{}Name = 'x'", "NOT ".repeat(40_000)));
    let r = job(nots).await.unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "MALFORMED_QUERY", "{body}");

    let long = contact_query(&format!("Name = '{}'", "x".repeat(100_000)));
    let r = job(long).await.unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "MALFORMED_QUERY", "{body}");
    assert!(body[0]["message"]
        .as_str()
        .unwrap()
        .contains("100,000 characters"));

    // Still serving, and the deepest and widest allowed query runs whole:
    // 64 levels (62 NOTs, which cancel out, and two parentheses) around a
    // chain of 3,000 ORs.
    let chain = vec!["Name = 'nobody'"; 3_000].join(" OR ");
    let widest = format!(
        "SELECT Id FROM Contact WHERE {}(({chain} OR Name = 'Hopper'))",
        "NOT ".repeat(MAX_NESTING - 2)
    );
    let r = job(widest).await.unwrap();
    assert_eq!(r.status(), 200);
    let info: Value = r.json().await.unwrap();
    let csv = http
        .get(format!(
            "{data}/jobs/query/{}/results",
            info["id"].as_str().unwrap()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv, format!("\"Id\"\n\"{id}\"\n"));
}
