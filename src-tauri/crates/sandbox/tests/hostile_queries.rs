#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The SOQL and SOSL parsers run inside the desktop app: no query text, however
//! long or deeply nested, may exhaust the stack or panic. Each case runs on a
//! thread with a 256 KiB stack, far less than any thread the app serves on.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ringside_sandbox::soql::{self, Cond, Literal, Op, SoqlError, MAX_NESTING};
use ringside_sandbox::{schema, search};

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn contact_query(condition: &str) -> String {
    format!("SELECT Id FROM Contact WHERE {condition}")
}

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

/// A WHERE clause as written: `Paren` is a redundant pair of parentheses.
#[derive(Debug, Clone)]
enum Shape {
    Leaf(u8),
    Not(Box<Shape>),
    Paren(Box<Shape>),
    And(Vec<Shape>),
    Or(Vec<Shape>),
}

impl Shape {
    fn compound(&self) -> bool {
        matches!(self, Shape::And(_) | Shape::Or(_))
    }

    /// The text, the condition it must parse to, and how many parentheses
    /// and NOTs are open at its deepest point.
    fn render(&self) -> (String, Cond, usize) {
        match self {
            Shape::Leaf(n) if *n < 6 => (
                format!("Name = 'v{n}'"),
                Cond::Cmp {
                    field: "Name".into(),
                    op: Op::Eq,
                    value: Literal::Str(format!("v{n}")),
                },
                0,
            ),
            Shape::Leaf(n) => {
                let (a, b) = (n % 6, (n + 1) % 6);
                let negated = *n >= 9;
                let not = if negated { "NOT " } else { "" };
                (
                    format!("Name {not}IN ('v{a}', 'v{b}')"),
                    Cond::In {
                        field: "Name".into(),
                        values: vec![Literal::Str(format!("v{a}")), Literal::Str(format!("v{b}"))],
                        negated,
                    },
                    0,
                )
            }
            Shape::Paren(s) => {
                let (t, c, d) = s.render();
                (format!("({t})"), c, d + 1)
            }
            Shape::Not(s) => {
                let (t, c, d) = s.wrapped();
                (format!("NOT {t}"), Cond::Not(Box::new(c)), d + 1)
            }
            Shape::And(list) | Shape::Or(list) => {
                let parts: Vec<_> = list.iter().map(Shape::wrapped).collect();
                let op = if matches!(self, Shape::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                let text = parts
                    .iter()
                    .map(|p| p.0.as_str())
                    .collect::<Vec<_>>()
                    .join(op);
                let depth = parts.iter().map(|p| p.2).max().unwrap_or(0);
                let conds = parts.into_iter().map(|p| p.1).collect();
                let cond = if matches!(self, Shape::And(_)) {
                    Cond::And(conds)
                } else {
                    Cond::Or(conds)
                };
                (text, cond, depth)
            }
        }
    }

    /// In parentheses when it is an AND or OR, so it stays one operand.
    fn wrapped(&self) -> (String, Cond, usize) {
        let (t, c, d) = self.render();
        if self.compound() {
            (format!("({t})"), c, d + 1)
        } else {
            (t, c, d)
        }
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    // 0..6: Name = 'vN'; 6..9: Name IN (…); 9..12: Name NOT IN (…).
    let leaf = (0u8..12).prop_map(Shape::Leaf);
    let tree = leaf.prop_recursive(24, 96, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| Shape::Not(Box::new(s))),
            inner.clone().prop_map(|s| Shape::Paren(Box::new(s))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Shape::And),
            prop::collection::vec(inner, 2..4).prop_map(Shape::Or),
        ]
    });
    // Long runs of NOTs and parentheses, to cross the nesting limit often.
    (
        tree,
        prop::collection::vec(any::<bool>(), 0..(2 * MAX_NESTING)),
    )
        .prop_map(|(t, wraps)| {
            wraps.into_iter().fold(t, |s, not| {
                if not {
                    Shape::Not(Box::new(s))
                } else {
                    Shape::Paren(Box::new(s))
                }
            })
        })
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Parses (and translates, when it parses) on a small stack; the property
/// runner itself, with its recursive generators, runs on the test's thread.
fn parse_on_small_stack(
    text: String,
) -> (
    Result<soql::Query, SoqlError>,
    Option<Result<soql::SqlQuery, ringside_sandbox::error::SfError>>,
) {
    on_small_stack(move || {
        let parsed = soql::parse(&text);
        let contact = schema::object("Contact").unwrap();
        let sql = parsed
            .as_ref()
            .ok()
            .map(|q| soql::to_sql(q, contact, false));
        (parsed, sql)
    })
}

#[test]
fn random_nestings_parse_back_exactly_or_are_refused_as_too_deep() {
    runner()
        .run(&shape(), |s| {
            let (text, want, depth) = s.render();
            let (got, sql) = parse_on_small_stack(contact_query(&text));
            if depth > MAX_NESTING {
                prop_assert_eq!(got, Err(SoqlError::TooDeep), "depth {}", depth);
                return Ok(());
            }
            let q = got.map_err(|e| TestCaseError::fail(format!("{e} for {text}")))?;
            prop_assert_eq!(q.filter.as_ref(), Some(&want));
            let sql = sql
                .unwrap_or_else(|| unreachable!())
                .map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(sql.from_where.matches('?').count(), sql.params.len());
            Ok(())
        })
        .unwrap();
}

/// What a condition means for a record named `name`, worked out here
/// independently of the SQL it is translated to.
fn matches(c: &Cond, name: &str) -> bool {
    let is = |l: &Literal| matches!(l, Literal::Str(s) if s == name);
    match c {
        Cond::Cmp { value, .. } => is(value),
        Cond::In {
            values, negated, ..
        } => values.iter().any(is) != *negated,
        Cond::And(t) => t.iter().all(|c| matches(c, name)),
        Cond::Or(t) => t.iter().any(|c| matches(c, name)),
        Cond::Not(c) => !matches(c, name),
    }
}

#[test]
fn translated_nestings_select_exactly_the_matching_records() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sb = rt.block_on(async {
        let sb = ringside_sandbox::Sandbox::start(ringside_sandbox::SandboxConfig {
            seed: ringside_sandbox::seed::Seed::UsersOnly,
            ..Default::default()
        })
        .await
        .unwrap();
        let contact = schema::object("Contact").unwrap();
        for n in 0..6 {
            let fields = serde_json::json!({"LastName": format!("v{n}"), "Name": format!("v{n}")});
            sb.db
                .insert(contact, "003", fields.as_object().unwrap().clone(), 1)
                .await
                .unwrap();
        }
        sb
    });
    let mut runner = TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&shape(), |s| {
            let (text, want, depth) = s.render();
            if depth > MAX_NESTING {
                return Ok(());
            }
            let query = format!("SELECT Name FROM Contact WHERE {text}");
            let (parsed, sql) = parse_on_small_stack(query);
            prop_assert!(parsed.is_ok());
            let sql = sql
                .unwrap_or_else(|| unreachable!())
                .map_err(|e| TestCaseError::fail(e.message))?;
            let args = ringside_sandbox::query::bind(&sql.params)
                .map_err(|e| TestCaseError::fail(e.message))?;
            let text_sql = format!(
                "SELECT json_extract(fields, '$.Name') {} ORDER BY 1",
                sql.from_where
            );
            let got: Vec<String> = rt
                .block_on(sqlx::query_scalar_with(&text_sql, args).fetch_all(&sb.db.pool))
                .map_err(|e| TestCaseError::fail(format!("SQLite refused it: {e}")))?;
            let expected: Vec<String> = (0..6)
                .map(|n| format!("v{n}"))
                .filter(|name| matches(&want, name))
                .collect();
            prop_assert_eq!(got, expected, "{}", text);
            Ok(())
        })
        .unwrap();
}

/// Pieces of SOQL in any order: mostly nonsense, sometimes deep, sometimes valid.
fn soql_soup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "(",
        ")",
        "NOT ",
        " AND ",
        " OR ",
        "Name = 'x'",
        "Name",
        " = ",
        "'a\\'b'",
        "1.5",
        "-2",
        " IN ",
        " LIKE ",
        ",",
        "null",
        "true",
        "2024-01-31T00:00:00Z",
        " LIMIT 5",
        " ORDER BY ",
        "Id",
        "'",
        "\\",
        "é",
        "!=",
        "<>",
        ":x",
        "Colour",
    ]);
    prop::collection::vec(piece, 0..400).prop_map(|v| contact_query(&v.concat()))
}

#[test]
fn arbitrary_text_never_panics_the_parsers() {
    let text = prop_oneof![
        any::<String>(),
        soql_soup(),
        any::<String>().prop_map(|s| format!("FIND {{{s}")),
    ];
    runner()
        .run(&text, |q| {
            let (parsed, sql) = parse_on_small_stack(q.clone());
            match parsed {
                Ok(_) => {
                    if let Some(Err(e)) = sql {
                        prop_assert!(
                            ["MALFORMED_QUERY", "INVALID_FIELD"].contains(&e.code),
                            "{} for {}",
                            e.code,
                            q
                        );
                    }
                }
                Err(SoqlError::TooLong { .. }) => prop_assert!(q.chars().count() > 100_000),
                Err(SoqlError::TooDeep | SoqlError::Syntax(_)) => {}
            }
            let sosl = q.clone();
            if let Err(e) = on_small_stack(move || search::parse(&sosl)) {
                prop_assert!(
                    ["MALFORMED_SEARCH", "INVALID_SEARCH"].contains(&e.code),
                    "{} for {}",
                    e.code,
                    q
                );
            }
            Ok(())
        })
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_queries_over_http_are_malformed_query_and_the_sandbox_lives_on() {
    let sb = ringside_sandbox::Sandbox::start(ringside_sandbox::SandboxConfig {
        seed: ringside_sandbox::seed::Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    let (token, _) = sb
        .issue_tokens_for(ringside_sandbox::seed::AGENT_USERNAME)
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let data = format!("{}/services/data/v59.0", sb.http_url);
    let created: serde_json::Value = http
        .post(format!("{data}/sobjects/Contact"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"LastName": "Hopper"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_string();

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
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "MALFORMED_QUERY", "{body}");
    assert!(body[0]["message"].as_str().unwrap().contains("levels deep"));

    let job = |query: String| {
        http.post(format!("{data}/jobs/query"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"operation": "query", "query": query}))
            .send()
    };
    let nots = contact_query(&format!("{}Name = 'x'", "NOT ".repeat(40_000)));
    let r = job(nots).await.unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body[0]["errorCode"], "MALFORMED_QUERY", "{body}");

    let long = contact_query(&format!("Name = '{}'", "x".repeat(100_000)));
    let r = job(long).await.unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
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
    let info: serde_json::Value = r.json().await.unwrap();
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
