use super::lexer::{lex, Tok};
use super::{SoqlError, MAX_NESTING};

#[derive(Debug, Clone, PartialEq)]
pub enum Select {
    Count,
    Fields(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    /// A date or datetime literal, as written.
    DateTime(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Like,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Cmp {
        field: String,
        op: Op,
        value: Literal,
    },
    In {
        field: String,
        values: Vec<Literal>,
        negated: bool,
    },
    /// Two or more conditions: a chain `a AND b AND c` is one node, so a
    /// long chain is wide, not deep.
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderBy {
    pub field: String,
    pub descending: bool,
    pub nulls_last: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub select: Select,
    pub from: String,
    pub filter: Option<Cond>,
    pub order: Vec<OrderBy>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
    /// Parentheses and NOTs open around the current token.
    depth: usize,
}

fn err(m: impl Into<String>) -> SoqlError {
    SoqlError::Syntax(m.into())
}

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w.eq_ignore_ascii_case(k))
    }
    fn eat_keyword(&mut self, k: &str) -> bool {
        let yes = self.keyword(k);
        if yes {
            self.pos += 1;
        }
        yes
    }
    fn expect_keyword(&mut self, k: &str) -> Result<(), SoqlError> {
        if self.eat_keyword(k) {
            Ok(())
        } else {
            Err(err(format!(
                "expecting '{}', found '{}'",
                k.to_uppercase(),
                self.describe()
            )))
        }
    }
    fn describe(&self) -> String {
        match self.peek() {
            None => "EOF".into(),
            Some(Tok::Ident(w)) => w.clone(),
            Some(Tok::Str(s)) => format!("'{s}'"),
            Some(Tok::Num(n)) => n.to_string(),
            Some(Tok::Comma) => ",".into(),
            Some(Tok::LParen) => "(".into(),
            Some(Tok::RParen) => ")".into(),
            Some(Tok::Op(o)) => (*o).into(),
            Some(Tok::Colon) => ":".into(),
        }
    }
    fn ident(&mut self, what: &str) -> Result<String, SoqlError> {
        match self.next() {
            Some(Tok::Ident(w)) => Ok(w),
            _ => {
                self.pos -= 1;
                Err(err(format!(
                    "expecting {what}, found '{}'",
                    self.describe()
                )))
            }
        }
    }
    /// Runs `inner` one nesting level down, refusing to go past the limit.
    fn nested<T>(
        &mut self,
        inner: impl FnOnce(&mut P) -> Result<T, SoqlError>,
    ) -> Result<T, SoqlError> {
        if self.depth >= MAX_NESTING {
            return Err(SoqlError::TooDeep);
        }
        self.depth += 1;
        let out = inner(self);
        self.depth -= 1;
        out
    }
    fn number(&mut self, what: &str) -> Result<u64, SoqlError> {
        match self.next() {
            Some(Tok::Num(n)) if n >= 0.0 && n.fract() == 0.0 => Ok(n as u64),
            _ => Err(err(format!("{what} must be a non-negative integer"))),
        }
    }
}

const RESERVED: [&str; 12] = [
    "SELECT", "FROM", "WHERE", "ORDER", "BY", "LIMIT", "OFFSET", "AND", "OR", "NOT", "IN", "LIKE",
];

pub fn parse(q: &str) -> Result<Query, SoqlError> {
    if let Some(chars) = super::too_long(q) {
        return Err(SoqlError::TooLong { chars });
    }
    let mut p = P {
        toks: lex(q)?,
        pos: 0,
        depth: 0,
    };
    p.expect_keyword("SELECT")?;
    let select = if p.keyword("COUNT") && p.toks.get(p.pos + 1) == Some(&Tok::LParen) {
        p.pos += 2;
        if p.next() != Some(Tok::RParen) {
            return Err(err("only COUNT() is supported"));
        }
        Select::Count
    } else {
        let mut fields = vec![p.ident("a field")?];
        while p.peek() == Some(&Tok::Comma) {
            p.pos += 1;
            fields.push(p.ident("a field")?);
        }
        if let Some(bad) = fields
            .iter()
            .find(|f| RESERVED.iter().any(|r| r.eq_ignore_ascii_case(f)))
        {
            return Err(err(format!("unexpected token: '{bad}'")));
        }
        Select::Fields(fields)
    };
    p.expect_keyword("FROM")?;
    let from = p.ident("an object name")?;
    let mut query = Query {
        select,
        from,
        filter: None,
        order: Vec::new(),
        limit: None,
        offset: None,
    };
    if p.eat_keyword("WHERE") {
        query.filter = Some(or_expr(&mut p)?);
    }
    if p.eat_keyword("ORDER") {
        p.expect_keyword("BY")?;
        loop {
            let field = p.ident("a field")?;
            let descending = p.eat_keyword("DESC");
            if !descending {
                p.eat_keyword("ASC");
            }
            let nulls_last = if p.eat_keyword("NULLS") {
                if p.eat_keyword("LAST") {
                    Some(true)
                } else {
                    p.expect_keyword("FIRST")?;
                    Some(false)
                }
            } else {
                None
            };
            query.order.push(OrderBy {
                field,
                descending,
                nulls_last,
            });
            if p.peek() != Some(&Tok::Comma) {
                break;
            }
            p.pos += 1;
        }
    }
    if p.eat_keyword("LIMIT") {
        query.limit = Some(p.number("LIMIT")?);
    }
    if p.eat_keyword("OFFSET") {
        query.offset = Some(p.number("OFFSET")?);
    }
    if p.peek().is_some() {
        return Err(err(format!("unexpected token: '{}'", p.describe())));
    }
    Ok(query)
}

fn or_expr(p: &mut P) -> Result<Cond, SoqlError> {
    let mut terms = vec![and_expr(p)?];
    while p.eat_keyword("OR") {
        terms.push(and_expr(p)?);
    }
    Ok(one_or(terms, Cond::Or))
}

fn and_expr(p: &mut P) -> Result<Cond, SoqlError> {
    let mut terms = vec![not_expr(p)?];
    while p.eat_keyword("AND") {
        terms.push(not_expr(p)?);
    }
    Ok(one_or(terms, Cond::And))
}

/// A single term stands alone; several make one AND or OR node.
fn one_or(mut terms: Vec<Cond>, many: fn(Vec<Cond>) -> Cond) -> Cond {
    if terms.len() == 1 {
        if let Some(only) = terms.pop() {
            return only;
        }
    }
    many(terms)
}

fn not_expr(p: &mut P) -> Result<Cond, SoqlError> {
    if p.eat_keyword("NOT") {
        return p.nested(|p| Ok(Cond::Not(Box::new(not_expr(p)?))));
    }
    atom(p)
}

fn atom(p: &mut P) -> Result<Cond, SoqlError> {
    if p.peek() == Some(&Tok::LParen) {
        p.pos += 1;
        let inner = p.nested(or_expr)?;
        if p.next() != Some(Tok::RParen) {
            return Err(err("expecting ')'"));
        }
        return Ok(inner);
    }
    let field = p.ident("a field")?;
    let negated = p.eat_keyword("NOT");
    if p.eat_keyword("IN") {
        if p.next() != Some(Tok::LParen) {
            return Err(err("expecting '(' after IN"));
        }
        let mut values = vec![literal(p)?];
        while p.peek() == Some(&Tok::Comma) {
            p.pos += 1;
            values.push(literal(p)?);
        }
        if p.next() != Some(Tok::RParen) {
            return Err(err("expecting ')' after IN list"));
        }
        return Ok(Cond::In {
            field,
            values,
            negated,
        });
    }
    if negated {
        return Err(err("expecting IN after NOT"));
    }
    let op = match p.next() {
        Some(Tok::Op("=")) => Op::Eq,
        Some(Tok::Op("!=")) => Op::Ne,
        Some(Tok::Op("<")) => Op::Lt,
        Some(Tok::Op("<=")) => Op::Le,
        Some(Tok::Op(">")) => Op::Gt,
        Some(Tok::Op(">=")) => Op::Ge,
        Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("LIKE") => Op::Like,
        _ => {
            p.pos -= 1;
            return Err(err(format!("unexpected token: '{}'", p.describe())));
        }
    };
    Ok(Cond::Cmp {
        field,
        op,
        value: literal(p)?,
    })
}

fn literal(p: &mut P) -> Result<Literal, SoqlError> {
    match p.next() {
        Some(Tok::Str(s)) => Ok(Literal::Str(s)),
        Some(Tok::Num(n)) => Ok(Literal::Num(n)),
        Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("true") => Ok(Literal::Bool(true)),
        Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("false") => Ok(Literal::Bool(false)),
        Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("null") => Ok(Literal::Null),
        Some(Tok::Ident(w)) if w.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Ok(Literal::DateTime(w))
        }
        _ => {
            p.pos -= 1;
            Err(err(format!("unexpected token: '{}'", p.describe())))
        }
    }
}

#[cfg(test)]
mod tests;
