//! The SOQL the sandbox understands: `SELECT fields|COUNT() FROM Object
//! [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]`, with AND / OR / NOT,
//! parentheses, = != < <= > >= LIKE, [NOT] IN (…), and string, number,
//! boolean, null, date and datetime literals. Anything else is
//! `MALFORMED_QUERY`, as Salesforce would answer something it cannot parse.

mod lexer;
mod parser;
mod sql;

pub use parser::{parse, Cond, Literal, Op, OrderBy, Query, Select};
pub use sql::{to_sql, Param, SqlQuery};

/// A parse error with Salesforce's wording style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoqlError(pub String);

impl std::fmt::Display for SoqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
