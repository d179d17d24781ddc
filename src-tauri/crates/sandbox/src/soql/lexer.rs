use super::SoqlError;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Comma,
    LParen,
    RParen,
    Op(&'static str),
    Colon,
}

/// Splits a query into tokens; quoted strings honour SOQL's backslash escapes.
pub fn lex(q: &str) -> Result<Vec<Tok>, SoqlError> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            ',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            '(' => {
                out.push(Tok::LParen);
                i += 1;
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1;
            }
            ':' => {
                out.push(Tok::Colon);
                i += 1;
            }
            '=' => {
                out.push(Tok::Op("="));
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::Op("!="));
                i += 2;
            }
            '<' if chars.get(i + 1) == Some(&'>') => {
                out.push(Tok::Op("!="));
                i += 2;
            }
            '<' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::Op("<="));
                i += 2;
            }
            '>' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::Op(">="));
                i += 2;
            }
            '<' => {
                out.push(Tok::Op("<"));
                i += 1;
            }
            '>' => {
                out.push(Tok::Op(">"));
                i += 1;
            }
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(SoqlError::Syntax(
                                "unexpected end of query: unterminated string".into(),
                            ))
                        }
                        Some('\\') => {
                            let e = chars.get(i + 1).ok_or_else(|| {
                                SoqlError::Syntax("unexpected end of query after \\".into())
                            })?;
                            s.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                'r' => '\r',
                                other => *other,
                            });
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(ch) => {
                            s.push(*ch);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                let start = i;
                i += 1;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric()
                        || matches!(chars[i], '.' | '-' | ':' | '+'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                // Dates and datetimes are bare words in SOQL: 2024-01-31T00:00:00Z.
                if word.contains('-') && word.len() >= 10 && !word.starts_with('-') {
                    out.push(Tok::Ident(word));
                } else {
                    let n = word
                        .parse()
                        .map_err(|_| SoqlError::Syntax(format!("unexpected token: '{word}'")))?;
                    out.push(Tok::Num(n));
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.'))
                {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
            }
            other => return Err(SoqlError::Syntax(format!("unexpected token: '{other}'"))),
        }
    }
    Ok(out)
}
