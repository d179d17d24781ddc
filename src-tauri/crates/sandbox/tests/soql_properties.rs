#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Property tests of the SOQL parser and its SQL: random nestings parse back
//! exactly (or are refused past the depth limit) and select exactly the
//! records they mean; arbitrary text never panics either parser.

mod common;

use common::{contact_query, on_small_stack};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ringside_sandbox::soql::{self, Cond, Literal, Op, SoqlError, MAX_NESTING};
use ringside_sandbox::{schema, search};

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
