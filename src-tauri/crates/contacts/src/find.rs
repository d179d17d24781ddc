//! Find a contact to call: by a word (or its start) anywhere in the name or
//! company, by any run of three or more digits of a number however it is
//! punctuated, or by a whole or begun number pasted in any format. Every
//! query is one or two index walks that stop at the limit; the answer is one
//! row per record with all its numbers.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite};

use crate::phone::{normalize, Region};
use crate::search_index::digits;
use crate::store::{ContactStore, ContactStoreError, Kind};

/// Longest query looked at (the engine refuses longer ones).
pub const MAX_QUERY: usize = 100;
/// Words of a query used; more narrow nothing a person types.
const MAX_WORDS: usize = 6;

/// A record found, with every number it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub company: Option<String>,
    pub owner: Option<String>,
    pub numbers: Vec<FoundNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundNumber {
    /// The CRM's field (`MobilePhone`); the UI names it in words.
    pub field: String,
    pub raw: String,
    pub e164: String,
    /// The number the query's digits were found in.
    pub matched: bool,
}

/// What a search found, and whether more records match than were shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundPage {
    pub records: Vec<Found>,
    pub more: bool,
}

/// How a query is read.
#[derive(Debug, PartialEq, Eq)]
enum Query {
    /// Digits (and the punctuation numbers are written with): `e164` when
    /// the whole of it reads as a number's start.
    Number {
        digits: String,
        e164: Option<String>,
    },
    /// Words of a name or company: FTS prefix terms, and one-letter words
    /// checked on the records found.
    Words {
        terms: Vec<String>,
        letters: Vec<char>,
    },
    Nothing,
}

/// The characters numbers are written with.
fn number_like(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c))
}

/// A pasted number's extension (`x42`, `ext. 42`) is not part of it.
fn without_extension(q: &str) -> &str {
    let lower = q.to_ascii_lowercase();
    for marker in ["extension", "ext.", "ext", "x"] {
        if let Some(at) = lower.rfind(marker) {
            let tail = lower[at + marker.len()..].trim();
            let head = q[..at].trim_end();
            if (1..=6).contains(&tail.len())
                && tail.chars().all(|c| c.is_ascii_digit())
                && number_like(head)
                && digits(head).len() >= 3
            {
                return head;
            }
        }
    }
    q
}

fn read(query: &str, region: Region) -> Query {
    let q = without_extension(query.trim());
    let d = digits(q);
    let numeric = number_like(q);
    if numeric && d.len() < 3 {
        return Query::Nothing;
    }
    if numeric {
        let e164 = normalize(q, region)
            .map(|p| p.e164)
            .ok()
            .or_else(|| q.starts_with('+').then(|| format!("+{d}")));
        return Query::Number { digits: d, e164 };
    }
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect();
    let terms: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 2)
        .cloned()
        .collect();
    if terms.is_empty() {
        return Query::Nothing;
    }
    let letters = words
        .iter()
        .filter(|w| w.chars().count() == 1)
        .filter_map(|w| w.chars().next())
        .collect();
    Query::Words { terms, letters }
}

/// An FTS5 expression: each term a quoted prefix, all of them required.
fn fts_prefixes(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Whether some word of the name or company starts with `letter`.
fn has_word_starting(f: &Found, letter: char) -> bool {
    let text = format!("{} {}", f.name, f.company.as_deref().unwrap_or(""));
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .any(|c| c.to_lowercase().eq(letter.to_lowercase()))
}

/// The order numbers are listed in: main line first, as the lookup does.
fn field_rank(field: &str) -> u8 {
    match field {
        "Phone" => 0,
        "MobilePhone" | "PersonMobilePhone" => 1,
        "HomePhone" | "PersonHomePhone" => 2,
        "OtherPhone" | "PersonOtherPhone" => 3,
        _ => 4,
    }
}

impl ContactStore {
    /// Up to `limit` records for `query`, by name (any case); see the
    /// module's opening for what matches.
    pub async fn find(
        &self,
        query: &str,
        region: Region,
        limit: u32,
    ) -> Result<FoundPage, ContactStoreError> {
        let query: String = query.chars().take(MAX_QUERY).collect();
        let limit = limit.clamp(1, 200) as usize;
        let want = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        let filter = read(&query, region);
        // Whether an index walk stopped at its limit: then more may match
        // than the page shows (rows are numbers, not records, and
        // one-letter words are checked after the walk).
        let mut cut_short = false;
        let keys: Vec<i64> = match &filter {
            Query::Nothing => return Ok(FoundPage::default()),
            Query::Number { digits, e164 } => {
                let mut keys = Vec::new();
                if let Some(e164) = e164 {
                    // A begun or whole number, in E.164 order.
                    let found: Vec<i64> = sqlx::query_scalar(
                        "SELECT c.search_key FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
                         WHERE p.e164 >= ?1 AND p.e164 < ?2 AND c.search_key IS NOT NULL
                         ORDER BY p.e164 LIMIT ?3",
                    )
                    .bind(e164)
                    .bind(format!("{e164}\u{10FFFF}"))
                    .bind(want)
                    .fetch_all(&self.pool)
                    .await?;
                    cut_short |= found.len() as i64 >= want;
                    keys.extend(found);
                }
                // Any run of its digits, in any number.
                let found: Vec<i64> = sqlx::query_scalar(
                    "SELECT rowid FROM contact_digits WHERE contact_digits MATCH ?1 LIMIT ?2",
                )
                .bind(format!("\"{digits}\""))
                .bind(want)
                .fetch_all(&self.pool)
                .await?;
                cut_short |= found.len() as i64 >= want;
                keys.extend(found);
                keys
            }
            Query::Words { terms, letters } => {
                // One-letter words are checked on what the index returns,
                // so ask it for more.
                let ask = if letters.is_empty() { want } else { want * 10 };
                let found: Vec<i64> = sqlx::query_scalar(
                    "SELECT rowid FROM contact_words WHERE contact_words MATCH ?1 LIMIT ?2",
                )
                .bind(fts_prefixes(terms))
                .bind(ask)
                .fetch_all(&self.pool)
                .await?;
                cut_short |= found.len() as i64 >= ask;
                found
            }
        };
        let mut records = self.found_records(&keys).await?;
        match &filter {
            Query::Words { letters, .. } => {
                records.retain(|f| letters.iter().all(|l| has_word_starting(f, *l)))
            }
            Query::Number { digits: d, e164 } => {
                for f in &mut records {
                    for n in &mut f.numbers {
                        n.matched = e164
                            .as_ref()
                            .is_some_and(|p| n.e164.starts_with(p.as_str()))
                            || digits(&n.e164).contains(d.as_str())
                            || digits(&n.raw).contains(d.as_str());
                    }
                }
            }
            Query::Nothing => {}
        }
        let more = records.len() > limit || cut_short;
        records.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
        records.truncate(limit);
        Ok(FoundPage { records, more })
    }

    /// The records behind index keys, each with all its numbers.
    async fn found_records(&self, keys: &[i64]) -> Result<Vec<Found>, ContactStoreError> {
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT c.id, c.kind, c.name, COALESCE(c.company, a.name) AS company, o.name AS owner
             FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id
             LEFT JOIN owners o ON o.id = c.owner_id WHERE c.search_key IN (",
        );
        crate::sql::push_list(&mut q, keys.iter().copied());
        let rows = q.build().fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            out.push(Found {
                kind: Kind::parse(&kind).ok_or(ContactStoreError::Corrupt(kind))?,
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                company: r.try_get("company")?,
                owner: r.try_get("owner")?,
                numbers: Vec::new(),
            });
        }
        if out.is_empty() {
            return Ok(out);
        }
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT contact_id, field, raw, e164 FROM contact_phones WHERE contact_id IN (",
        );
        crate::sql::push_list(&mut q, out.iter().map(|f| f.id.as_str()));
        let phones: Vec<(String, String, String, String)> =
            q.build_query_as().fetch_all(&self.pool).await?;
        let mut by_id: HashMap<String, Vec<FoundNumber>> = HashMap::new();
        for (id, field, raw, e164) in phones {
            by_id.entry(id).or_default().push(FoundNumber {
                field,
                raw,
                e164,
                matched: false,
            });
        }
        for f in &mut out {
            let mut numbers = by_id.remove(&f.id).unwrap_or_default();
            numbers.sort_by(|a, b| {
                (field_rank(&a.field), &a.field).cmp(&(field_rank(&b.field), &b.field))
            });
            f.numbers = numbers;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{fts_prefixes, read, Query};
    use crate::phone::Region;

    #[test]
    fn queries_are_read_as_numbers_or_words() {
        let us = Region::US;
        assert_eq!(
            read("(310) 555-01", us),
            Query::Number {
                digits: "31055501".into(),
                e164: None
            }
        );
        assert_eq!(
            read("+1 310 555 0100", us),
            Query::Number {
                digits: "13105550100".into(),
                e164: Some("+13105550100".into())
            }
        );
        assert_eq!(
            read("+4930", us),
            Query::Number {
                digits: "4930".into(),
                e164: Some("+4930".into())
            }
        );
        assert_eq!(
            read("Ada  o'Lovelace", us),
            Query::Words {
                terms: vec!["ada".into(), "lovelace".into()],
                letters: vec!['o']
            }
        );
        assert_eq!(
            read("1-310-555-0100 x42", us),
            read("1-310-555-0100", us),
            "an extension is not searched for"
        );
        assert_eq!(
            read("+1 310 555 0100 ext. 7", us),
            read("+1 310 555 0100", us)
        );
        assert!(matches!(read("Rex 42", us), Query::Words { .. }));
        assert_eq!(read("a", us), Query::Nothing);
        assert_eq!(read("55", us), Query::Nothing);
        assert_eq!(read(" - ", us), Query::Nothing);
    }

    #[test]
    fn fts_expressions_quote_every_term() {
        assert_eq!(
            fts_prefixes(&["mü".into(), "acme".into()]),
            "\"mü\"* AND \"acme\"*"
        );
    }
}
