//! SOSL `/search` (`FIND {…} [IN … FIELDS] [RETURNING …] [LIMIT n]`) and
//! `/parameterizedSearch`. Phone searches match on digits, the way
//! Salesforce finds `(310) 867-5309` for `3108675309` or `+13108675309`.

use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::db::{record_from_row, reversed_digits};
use crate::error::SfError;
use crate::oauth::authenticate;
use crate::rest::check_version;
use crate::schema::{self, FieldType, SObject};
use crate::state::AppState;

const DEFAULT_LIMIT: u64 = 2000;
/// Salesforce returns no rows for a search term longer than this.
const MAX_TERM_CHARS: usize = 10_000;
/// Objects searched when RETURNING is absent.
const SEARCHABLE: [&str; 4] = ["Account", "Contact", "Lead", "Case"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Phone,
    Name,
    Email,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Returning {
    pub object: String,
    pub fields: Vec<String>,
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub term: String,
    pub scope: Scope,
    pub returning: Vec<Returning>,
    pub limit: Option<u64>,
}

fn malformed(m: &str) -> SfError {
    SfError::new(StatusCode::BAD_REQUEST, "MALFORMED_SEARCH", m)
}

/// Parses the SOSL subset. It reads the statement front to back without
/// recursion; its length is bounded as SOQL's is.
pub fn parse(q: &str) -> Result<Search, SfError> {
    if crate::soql::too_long(q).is_some() {
        return Err(malformed(
            "SOSL statements cannot be longer than 100,000 characters",
        ));
    }
    let q = q.trim();
    let rest = q
        .get(..4)
        .filter(|f| f.eq_ignore_ascii_case("FIND"))
        .map(|_| q[4..].trim_start())
        .ok_or_else(|| {
            malformed("No search term found. The search term must be enclosed in braces.")
        })?;
    let body = rest.strip_prefix('{').ok_or_else(|| {
        malformed("No search term found. The search term must be enclosed in braces.")
    })?;
    let mut term = String::new();
    let mut chars = body.char_indices();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    term.push(e);
                }
            }
            '}' => {
                end = Some(i);
                break;
            }
            other => term.push(other),
        }
    }
    let end = end.ok_or_else(|| {
        malformed("No search term found. The search term must be enclosed in braces.")
    })?;
    if term.trim().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_SEARCH",
            "search term must be longer than one character",
        ));
    }
    let mut words = Words::new(&body[end + 1..]);
    let mut search = Search {
        term: term.trim().to_string(),
        scope: Scope::All,
        returning: Vec::new(),
        limit: None,
    };
    while let Some(w) = words.next_word() {
        match w.to_ascii_uppercase().as_str() {
            "IN" => {
                let what = words
                    .next_word()
                    .ok_or_else(|| malformed("expecting a search group after IN"))?;
                search.scope = match what.to_ascii_uppercase().as_str() {
                    "ALL" => Scope::All,
                    "PHONE" => Scope::Phone,
                    "NAME" => Scope::Name,
                    "EMAIL" => Scope::Email,
                    other => return Err(malformed(&format!("unexpected search group: {other}"))),
                };
                if !words
                    .next_word()
                    .is_some_and(|f| f.eq_ignore_ascii_case("FIELDS"))
                {
                    return Err(malformed("expecting FIELDS"));
                }
            }
            "RETURNING" => loop {
                let object = words
                    .next_word()
                    .ok_or_else(|| malformed("expecting an object after RETURNING"))?;
                let mut r = Returning {
                    object,
                    fields: vec!["Id".into()],
                    limit: None,
                };
                if words.peek_char() == Some('(') {
                    let inner = words
                        .group()
                        .ok_or_else(|| malformed("unclosed ( in RETURNING"))?;
                    let (list, limit) = match inner.to_ascii_uppercase().find(" LIMIT ") {
                        Some(i) => (
                            &inner[..i],
                            Some(
                                inner[i + 7..]
                                    .trim()
                                    .parse()
                                    .map_err(|_| malformed("LIMIT must be a number"))?,
                            ),
                        ),
                        None => (inner.as_str(), None),
                    };
                    r.fields = list
                        .split(',')
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty())
                        .collect();
                    r.limit = limit;
                }
                search.returning.push(r);
                if words.peek_char() == Some(',') {
                    words.skip(1);
                } else {
                    break;
                }
            },
            "LIMIT" => {
                let n = words
                    .next_word()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| malformed("LIMIT must be a number"))?;
                search.limit = Some(n);
            }
            other => return Err(malformed(&format!("unexpected token: {other}"))),
        }
    }
    Ok(search)
}

struct Words<'a> {
    s: &'a str,
}

impl<'a> Words<'a> {
    fn new(s: &'a str) -> Self {
        Words { s }
    }
    fn trim(&mut self) {
        self.s = self.s.trim_start();
    }
    fn peek_char(&mut self) -> Option<char> {
        self.trim();
        self.s.chars().next()
    }
    fn skip(&mut self, n: usize) {
        self.s = self.s.get(n..).unwrap_or("");
    }
    fn next_word(&mut self) -> Option<String> {
        self.trim();
        let end = self
            .s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.s.len());
        if end == 0 {
            return None;
        }
        let w = self.s[..end].to_string();
        self.s = &self.s[end..];
        Some(w)
    }
    fn group(&mut self) -> Option<String> {
        self.trim();
        let close = self.s.find(')')?;
        let inner = self.s.get(1..close)?.to_string();
        self.s = &self.s[close + 1..];
        Some(inner)
    }
}

/// Runs a search; records come back grouped in RETURNING order.
pub async fn run(state: &AppState, search: &Search, version: &str) -> Result<Vec<Value>, SfError> {
    if search.term.chars().count() > MAX_TERM_CHARS {
        return Ok(Vec::new());
    }
    let targets: Vec<Returning> = if search.returning.is_empty() {
        SEARCHABLE
            .iter()
            .map(|o| Returning {
                object: (*o).into(),
                fields: vec!["Id".into()],
                limit: None,
            })
            .collect()
    } else {
        search.returning.clone()
    };
    let mut budget = search.limit.unwrap_or(DEFAULT_LIMIT).min(DEFAULT_LIMIT);
    let mut out = Vec::new();
    for t in targets {
        let obj = schema::object(&t.object).ok_or_else(|| {
            SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_TYPE",
                format!("sObject type '{}' is not supported.", t.object),
            )
        })?;
        if let Some(bad) = t.fields.iter().find(|f| !obj.is_field(f)) {
            return Err(SfError::invalid_field(format!(
                "No such column '{bad}' on entity '{}'",
                obj.name
            )));
        }
        let limit = t.limit.unwrap_or(budget).min(budget);
        if limit == 0 {
            break;
        }
        let ids = matching_ids(state, obj, &search.term, search.scope, limit).await?;
        budget -= u64::try_from(ids.len()).unwrap_or(0);
        for id in ids {
            let row = sqlx::query("SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records WHERE id = ?")
                .bind(&id)
                .fetch_one(&state.db().pool)
                .await?;
            out.push(record_from_row(&row)?.to_json(version, Some(&t.fields)));
        }
    }
    Ok(out)
}

async fn matching_ids(
    state: &AppState,
    obj: &SObject,
    term: &str,
    scope: Scope,
    limit: u64,
) -> Result<Vec<String>, SfError> {
    let digits: String = term.chars().filter(char::is_ascii_digit).collect();
    let mut ids: Vec<String> = Vec::new();
    // Records changed after this are not indexed yet (a fault plan's lag).
    let indexed_before = crate::state::now_ms()
        - i64::try_from(state.shared.faults.search_lag_ms()).unwrap_or(i64::MAX);
    if matches!(scope, Scope::Phone | Scope::All) && digits.len() >= 3 {
        // The last 10 digits: a national number matches its international form.
        let key = reversed_digits(&digits[digits.len().saturating_sub(10)..]);
        ids = sqlx::query_scalar(
            "SELECT DISTINCT p.record_id FROM record_phones p JOIN records r ON r.id = p.record_id
             WHERE p.reversed_digits >= ? AND p.reversed_digits < ? AND p.sobject = ? AND r.deleted_at IS NULL
               AND r.system_modstamp <= ?
             ORDER BY r.created_date, p.record_id LIMIT ?",
        )
        .bind(&key)
        .bind(format!("{key}:"))
        .bind(obj.name)
        .bind(indexed_before)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(&state.db().pool)
        .await?;
    }
    let text_kinds: &[FieldType] = match scope {
        Scope::Phone => &[],
        Scope::Email => &[FieldType::Email],
        Scope::Name => &[FieldType::String],
        Scope::All => &[FieldType::String, FieldType::Email, FieldType::Textarea],
    };
    let text_fields: Vec<&str> = obj
        .fields
        .iter()
        .filter(|f| {
            text_kinds.contains(&f.kind)
                && (scope != Scope::Name || f.name.ends_with("Name") || f.name == "Company")
        })
        .map(|f| f.name)
        .collect();
    if !text_fields.is_empty() && (ids.len() as u64) < limit {
        let cond = text_fields
            .iter()
            .map(|f| format!("json_extract(fields, '$.\"{f}\"') LIKE ?"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!("SELECT id FROM records WHERE sobject = ? AND deleted_at IS NULL AND system_modstamp <= ? AND ({cond}) ORDER BY created_date, id LIMIT ?");
        let pattern = format!("%{}%", term.replace('*', "%"));
        let mut q = sqlx::query_scalar::<_, String>(&sql)
            .bind(obj.name)
            .bind(indexed_before);
        for _ in &text_fields {
            q = q.bind(pattern.clone());
        }
        for id in q
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(&state.db().pool)
            .await?
        {
            if !ids.contains(&id) && (ids.len() as u64) < limit {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// `GET /services/data/{v}/search?q=FIND …`
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    Query(q): Query<SearchQuery>,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let sosl = q.q.ok_or_else(|| {
        malformed("No search term found. The search term must be enclosed in braces.")
    })?;
    let parsed = parse(&sosl)?;
    let records = run(&state, &parsed, &v).await?;
    Ok(Json(json!({"searchRecords": records})).into_response())
}

#[derive(Deserialize)]
struct ParamSObject {
    name: String,
    fields: Option<Vec<String>>,
    limit: Option<u64>,
}

#[derive(Deserialize)]
struct ParamBody {
    q: String,
    #[serde(rename = "in")]
    scope: Option<String>,
    fields: Option<Vec<String>>,
    sobjects: Option<Vec<ParamSObject>>,
    #[serde(rename = "overallLimit")]
    overall_limit: Option<u64>,
}

fn scope_of(s: Option<&str>) -> Result<Scope, SfError> {
    Ok(match s.map(str::to_ascii_uppercase).as_deref() {
        None | Some("ALL") => Scope::All,
        Some("PHONE") => Scope::Phone,
        Some("NAME") => Scope::Name,
        Some("EMAIL") => Scope::Email,
        Some(other) => {
            return Err(SfError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_SEARCH_SCOPE",
                format!("invalid value for in: {other}"),
            ))
        }
    })
}

fn to_search(b: ParamBody) -> Result<Search, SfError> {
    if b.q.trim().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err(SfError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_SEARCH",
            "search term must be longer than one character",
        ));
    }
    let default_fields = b.fields.unwrap_or_else(|| vec!["Id".into()]);
    let returning = b
        .sobjects
        .unwrap_or_default()
        .into_iter()
        .map(|o| Returning {
            object: o.name,
            fields: o.fields.unwrap_or_else(|| default_fields.clone()),
            limit: o.limit,
        })
        .collect();
    Ok(Search {
        term: b.q,
        scope: scope_of(b.scope.as_deref())?,
        returning,
        limit: b.overall_limit,
    })
}

/// `POST /services/data/{v}/parameterizedSearch` with a JSON body.
pub async fn parameterized_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    body: Bytes,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let b: ParamBody =
        serde_json::from_slice(&body).map_err(|e| SfError::json_parser(e.to_string()))?;
    let s = to_search(b)?;
    let records = run(&state, &s, &v).await?;
    Ok(Json(json!({"searchRecords": records})).into_response())
}

/// `GET /services/data/{v}/parameterizedSearch?q=…&sobject=Contact&Contact.fields=Id,Name&in=PHONE`
pub async fn parameterized_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(v): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, SfError> {
    authenticate(&state, &headers).await?;
    check_version(&v)?;
    let pairs: Vec<(String, String)> = raw.as_deref().map(form_pairs).unwrap_or_default();
    let get = |k: &str| pairs.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone());
    let q = get("q").ok_or_else(|| {
        SfError::new(StatusCode::BAD_REQUEST, "MISSING_ARGUMENT", "q is required")
    })?;
    let split = |s: String| {
        s.split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
    };
    let sobjects = pairs
        .iter()
        .filter(|(k, _)| k == "sobject")
        .map(|(_, name)| ParamSObject {
            name: name.clone(),
            fields: get(&format!("{name}.fields")).map(split),
            limit: get(&format!("{name}.limit")).and_then(|l| l.parse().ok()),
        })
        .collect();
    let body = ParamBody {
        q,
        scope: get("in"),
        fields: get("fields").map(split),
        sobjects: Some(sobjects),
        overall_limit: get("overallLimit").and_then(|l| l.parse().ok()),
    };
    let s = to_search(body)?;
    let records = run(&state, &s, &v).await?;
    Ok(Json(json!({"searchRecords": records})).into_response())
}

/// `a=b&c=d` with percent-decoding and `+` as space.
fn form_pairs(raw: &str) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    match u8::from_str_radix(
                        std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                        16,
                    ) {
                        Ok(b) => {
                            out.push(b);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_phone_searches() {
        let s = parse("FIND {3108675309} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone LIMIT 5), Lead(Id)").unwrap();
        assert_eq!(s.term, "3108675309");
        assert_eq!(s.scope, Scope::Phone);
        assert_eq!(s.returning.len(), 2);
        assert_eq!(s.returning[0].fields, ["Id", "Name", "Phone"]);
        assert_eq!(s.returning[0].limit, Some(5));
        let s = parse("find {Ada \\} Lovelace} RETURNING Contact LIMIT 3").unwrap();
        assert_eq!(s.term, "Ada } Lovelace");
        assert_eq!(s.limit, Some(3));
    }

    #[test]
    fn rejects_bad_sosl() {
        for bad in [
            "",
            "FIND 123",
            "FIND {123",
            "SEARCH {123}",
            "FIND {x}",
            "FIND {12} IN PHONES FIELDS",
            "FIND {12} RETURNING",
            "FIND {12} ORDER BY Name",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decodes_query_pairs() {
        assert_eq!(
            form_pairs("q=%2B1+310&sobject=Contact"),
            vec![
                ("q".into(), "+1 310".into()),
                ("sobject".into(), "Contact".into())
            ]
        );
        assert_eq!(
            form_pairs("a=%zz&b=%4"),
            vec![("a".into(), "%zz".into()), ("b".into(), "%4".into())]
        );
    }
}
