//! The SOQL the sandbox understands: `SELECT fields|COUNT() FROM Object
//! [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]`, with AND / OR / NOT,
//! parentheses, = != < <= > >= LIKE, [NOT] IN (…), and string, number,
//! boolean, null, date and datetime literals. Anything else is
//! `MALFORMED_QUERY`, as Salesforce would answer something it cannot parse.
//!
//! The parser runs inside the desktop app, so its input is bounded: a query
//! is at most `MAX_QUERY_CHARS` long (Salesforce's limit) and nests
//! parentheses and NOTs at most `MAX_NESTING` deep, so no query can exhaust
//! the stack.

mod lexer;
mod parser;
mod sql;

pub use parser::{parse, Cond, Literal, Op, OrderBy, Query, Select};
pub use sql::{to_sql, Param, SqlQuery};

use crate::error::SfError;

/// Salesforce refuses SOQL statements longer than this many characters.
pub const MAX_QUERY_CHARS: usize = 100_000;

/// How deep parentheses and NOTs may nest in a WHERE clause. Real queries
/// stay in single digits; the bound keeps recursion (and SQLite's own
/// expression depth) far from any limit.
pub const MAX_NESTING: usize = 64;

/// Why a query cannot be parsed. Every kind is `MALFORMED_QUERY` on the wire.
/// The query's length in characters when it is over `MAX_QUERY_CHARS`
/// (SOQL and SOSL alike). Short queries are not counted: bytes are never
/// fewer than characters.
pub fn too_long(q: &str) -> Option<usize> {
    if q.len() <= MAX_QUERY_CHARS {
        return None;
    }
    let chars = q.chars().count();
    (chars > MAX_QUERY_CHARS).then_some(chars)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SoqlError {
    TooLong { chars: usize },
    TooDeep,
    Syntax(String),
}

impl std::fmt::Display for SoqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SoqlError::TooLong { chars } => write!(
                f,
                "SOQL statements cannot be longer than 100,000 characters (this one has {chars})"
            ),
            SoqlError::TooDeep => write!(
                f,
                "the WHERE clause nests parentheses and NOT more than {MAX_NESTING} levels deep"
            ),
            SoqlError::Syntax(m) => f.write_str(m),
        }
    }
}

impl From<SoqlError> for SfError {
    fn from(e: SoqlError) -> SfError {
        SfError::malformed_query(e.to_string())
    }
}
