//! The find-a-contact index (migration 0005): each record's words (name and
//! company) and its numbers' digits, in two FTS5 tables keyed by
//! `contacts.search_key`, a number each record gets when it is first
//! indexed. Kept in the same transaction as the records, so
//! the index never disagrees with the store; a store from before the index
//! is filled in by `ContactStore::index_missing`.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Records re-indexed per statement (four bound values each).
const PER_STATEMENT: usize = 500;

/// Reserves `n` index keys: the first statement of a writing transaction,
/// so it takes the write lock and concurrent writers never share a key.
/// Keys grow one by one in the order records arrive, which keeps the FTS
/// doclists' deltas to a byte or two.
pub(crate) async fn reserve_keys(
    conn: &mut SqliteConnection,
    n: usize,
) -> Result<i64, sqlx::Error> {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    sqlx::query_scalar("UPDATE search_key_counter SET next = next + ?1 RETURNING next - ?1")
        .bind(n)
        .fetch_one(&mut *conn)
        .await
}

/// Digits of a number, whatever its punctuation.
pub(crate) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The digits document: each number as E.164 digits and, when the CRM
/// stores it otherwise (`030 901820`), as stored; one space between them,
/// so no run of digits crosses two numbers.
fn digits_doc(numbers: &[(String, String)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (e164, raw) in numbers {
        let own = digits(e164);
        let stored = digits(raw);
        if !parts.contains(&own) {
            parts.push(own.clone());
        }
        if !stored.is_empty() && !own.contains(&stored) && !parts.contains(&stored) {
            parts.push(stored);
        }
    }
    parts.join(" ")
}

/// Drops the index entries of these keys (a delete in an FTS5 table costs
/// a tombstone even for a key it never held, so only keys it holds).
async fn forget_keys(conn: &mut SqliteConnection, keys: &[i64]) -> Result<(), sqlx::Error> {
    if keys.is_empty() {
        return Ok(());
    }
    for table in ["contact_words", "contact_digits"] {
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new(format!("DELETE FROM {table} WHERE rowid IN ("));
        crate::sql::push_list(&mut q, keys.iter().copied());
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The keys these records are indexed under (records not yet indexed have none).
async fn indexed_keys(conn: &mut SqliteConnection, ids: &[&str]) -> Result<Vec<i64>, sqlx::Error> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
        "SELECT search_key FROM contacts WHERE search_key IS NOT NULL AND id IN (",
    );
    crate::sql::push_list(&mut q, ids.iter().copied());
    q.build_query_scalar().fetch_all(&mut *conn).await
}

/// Before records are deleted from the store: their index entries go.
pub(crate) async fn forget(conn: &mut SqliteConnection, ids: &[&str]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(PER_STATEMENT) {
        let keys = indexed_keys(conn, chunk).await?;
        forget_keys(conn, &keys).await?;
    }
    Ok(())
}

/// Rewrites the index entries of these records from what the store holds
/// (records not yet indexed are left to `ContactStore::index_missing`).
pub(crate) async fn reindex(conn: &mut SqliteConnection, ids: &[&str]) -> Result<(), sqlx::Error> {
    forget(conn, ids).await?;
    write(conn, ids).await
}

/// Writes the index entries of these records (their keys set, their old
/// entries gone) from what the store holds.
pub(crate) async fn write(conn: &mut SqliteConnection, ids: &[&str]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(PER_STATEMENT) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT c.search_key, c.id, c.name, COALESCE(c.company, a.name) FROM contacts c
             LEFT JOIN accounts a ON a.id = c.account_id
             WHERE c.search_key IS NOT NULL AND c.id IN (",
        );
        crate::sql::push_list(&mut q, chunk.iter().copied());
        let words: Vec<(i64, String, String, Option<String>)> =
            q.build_query_as().fetch_all(&mut *conn).await?;
        if words.is_empty() {
            continue;
        }

        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT contact_id, e164, raw FROM contact_phones WHERE contact_id IN (",
        );
        crate::sql::push_list(&mut q, chunk.iter().copied());
        let phones: Vec<(String, String, String)> =
            q.build_query_as().fetch_all(&mut *conn).await?;
        let mut numbers: HashMap<&str, Vec<(String, String)>> = HashMap::new();
        for (id, e164, raw) in &phones {
            numbers
                .entry(id.as_str())
                .or_default()
                .push((e164.clone(), raw.clone()));
        }

        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new("INSERT OR REPLACE INTO contact_words (rowid, name, company) ");
        q.push_values(&words, |mut b, (key, _, name, company)| {
            b.push_bind(*key)
                .push_bind(name.as_str())
                .push_bind(company.as_deref());
        });
        q.build().execute(&mut *conn).await?;

        let docs: Vec<(i64, String)> = words
            .iter()
            .filter_map(|(key, id, _, _)| {
                let doc = digits_doc(numbers.get(id.as_str())?);
                (!doc.is_empty()).then_some((*key, doc))
            })
            .collect();
        if !docs.is_empty() {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT OR REPLACE INTO contact_digits (rowid, digits) ");
            q.push_values(&docs, |mut b, (key, doc)| {
                b.push_bind(*key).push_bind(doc.as_str());
            });
            q.build().execute(&mut *conn).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::digits_doc;

    #[test]
    fn a_number_stored_nationally_is_indexed_both_ways() {
        let doc = digits_doc(&[
            ("+4930901820".into(), "030 901820".into()),
            ("+13105550100".into(), "(310) 555-0100".into()),
        ]);
        assert_eq!(doc, "4930901820 030901820 13105550100");
    }
}
