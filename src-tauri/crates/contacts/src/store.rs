//! The local contact store (SYNC-1, MATCH-1): records and their numbers in
//! E.164, in their own SQLite file so a million-record sync never slows the
//! call history.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::phone::{normalize, Region};
use crate::search_index;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Rows per multi-row INSERT (SQLite allows 32,766 bound values).
const ROWS_PER_INSERT: usize = 500;

/// Which kind of CRM record a caller is (the core's word for it).
pub use ringside_core::screen_pop::CallerKind as Kind;

/// A CRM record as sync delivers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub company: Option<String>,
    pub owner_id: Option<String>,
    /// A Contact's account: its name shows as the company.
    pub account_id: Option<String>,
    pub created_at: i64,
    pub modstamp: i64,
    /// `(field, number as stored)`; empty values are skipped.
    pub phones: Vec<(String, String)>,
}

/// One caller match: the record and the number that matched ("why").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub company: Option<String>,
    pub owner_id: Option<String>,
    /// The owner's name, once Users are synced.
    pub owner: Option<String>,
    pub created_at: i64,
    pub field: String,
    pub raw: String,
    pub extension: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upserted {
    pub records: usize,
    pub numbers: usize,
    /// Numbers that could not be normalised (kept out of the index).
    pub unusable_numbers: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ContactStoreError {
    #[error("contact store: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("contact store migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored contact kind `{0}` is not valid")]
    Corrupt(String),
}

#[derive(Clone, Debug)]
pub struct ContactStore {
    pub(crate) pool: SqlitePool,
}

/// The columns `match_row` reads: a record, one of its numbers, its
/// company (or its account's name) and its owner's name.
macro_rules! match_select {
    () => {
        "SELECT c.id, c.kind, c.name, COALESCE(c.company, a.name) AS company, c.owner_id, o.name AS owner,
                c.created_at, p.field, p.raw, p.extension
         FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
         LEFT JOIN accounts a ON a.id = c.account_id
         LEFT JOIN owners o ON o.id = c.owner_id"
    };
}

/// A record and one of its numbers, as `lookup` and `search` select them.
fn match_row(r: &sqlx::sqlite::SqliteRow) -> Result<Match, ContactStoreError> {
    let kind: String = r.try_get("kind")?;
    Ok(Match {
        kind: Kind::parse(&kind).ok_or(ContactStoreError::Corrupt(kind))?,
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        company: r.try_get("company")?,
        owner_id: r.try_get("owner_id")?,
        owner: r.try_get("owner")?,
        created_at: r.try_get("created_at")?,
        field: r.try_get("field")?,
        raw: r.try_get("raw")?,
        extension: r.try_get("extension")?,
    })
}

impl ContactStore {
    pub async fn open(path: &Path) -> Result<ContactStore, ContactStoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // A bounded page cache (16 MB) keeps the index's upper levels
            // hot for the ringing lookup. No mmap: mapped pages of a
            // 250 MB store count as resident memory once touched.
            .pragma("cache_size", "-16384");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // No reaping: a local SQLite connection never goes stale, and
            // sqlx 0.8's reaper can spin a core for good (sqlx#3645: its idle
            // count underflows when a release races an acquire).
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(ContactStore { pool })
    }

    pub async fn open_in_memory() -> Result<ContactStore, ContactStoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(ContactStore { pool })
    }

    /// Inserts or replaces records and their numbers, in one transaction.
    /// A record's numbers are replaced whole, so a changed or removed number
    /// stops matching at once.
    pub async fn upsert(
        &self,
        records: &[ContactRecord],
        region: Region,
    ) -> Result<Upserted, ContactStoreError> {
        let mut out = Upserted {
            records: records.len(),
            ..Default::default()
        };
        let mut numbers = Vec::new();
        for r in records {
            for (field, raw) in &r.phones {
                if raw.trim().is_empty() {
                    continue;
                }
                match normalize(raw, region) {
                    Ok(p) => numbers.push((
                        p.e164,
                        r.id.as_str(),
                        field.as_str(),
                        raw.as_str(),
                        p.extension,
                    )),
                    Err(_) => out.unusable_numbers += 1,
                }
            }
        }
        // One record may list the same number in two fields: keep both rows
        // (the key includes the field), but never the same row twice.
        numbers.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        numbers.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);
        out.numbers = numbers.len();

        let mut tx = self.pool.begin().await?;
        // First, so the transaction holds the write lock from here on.
        let first_key = search_index::reserve_keys(&mut tx, records.len()).await?;
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        search_index::forget(&mut tx, &ids).await?;
        for (n, chunk) in records.chunks(ROWS_PER_INSERT).enumerate() {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("DELETE FROM contact_phones WHERE contact_id IN (");
            crate::sql::push_list(&mut q, chunk.iter().map(|r| &r.id));
            q.build().execute(&mut *tx).await?;

            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO contacts (id, kind, name, company, owner_id, account_id, created_at, modstamp, search_key) ",
            );
            let mut key = first_key + i64::try_from(n * ROWS_PER_INSERT).unwrap_or(0);
            q.push_values(chunk, |mut b, r| {
                key += 1;
                b.push_bind(&r.id)
                    .push_bind(r.kind.as_str())
                    .push_bind(&r.name)
                    .push_bind(&r.company)
                    .push_bind(&r.owner_id)
                    .push_bind(&r.account_id)
                    .push_bind(r.created_at)
                    .push_bind(r.modstamp)
                    .push_bind(key);
            });
            // A record keeps its key; one from before the index gets one.
            q.push(
                " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                  company = excluded.company, owner_id = excluded.owner_id, account_id = excluded.account_id,
                  created_at = excluded.created_at, modstamp = excluded.modstamp,
                  search_key = COALESCE(contacts.search_key, excluded.search_key)",
            );
            q.build().execute(&mut *tx).await?;
        }
        for chunk in numbers.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO contact_phones (e164, contact_id, field, raw, extension) ",
            );
            q.push_values(chunk, |mut b, n| {
                b.push_bind(&n.0)
                    .push_bind(n.1)
                    .push_bind(n.2)
                    .push_bind(n.3)
                    .push_bind(&n.4);
            });
            q.build().execute(&mut *tx).await?;
        }
        search_index::write(&mut tx, &ids).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// SYNC-3: records deleted in the CRM are deleted here (with their numbers).
    pub async fn delete(&self, ids: &[String]) -> Result<u64, ContactStoreError> {
        let mut tx = self.pool.begin().await?;
        // A write first: the transaction holds the lock before it reads.
        search_index::reserve_keys(&mut tx, 0).await?;
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        search_index::forget(&mut tx, &refs).await?;
        let mut n = 0;
        for chunk in ids.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("DELETE FROM contacts WHERE id IN (");
            crate::sql::push_list(&mut q, chunk);
            n += q.build().execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(n)
    }

    /// MATCH-1/3/4: every record with this number, first created first (the
    /// default pick when there are several).
    pub async fn lookup(
        &self,
        number: &str,
        region: Region,
    ) -> Result<Vec<Match>, ContactStoreError> {
        let Ok(p) = normalize(number, region) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            concat!(
                match_select!(),
                " WHERE p.e164 = ?
             ORDER BY c.created_at, c.id,
                 CASE p.field WHEN 'Phone' THEN 0 WHEN 'MobilePhone' THEN 1 WHEN 'PersonMobilePhone' THEN 2
                     WHEN 'HomePhone' THEN 3 WHEN 'OtherPhone' THEN 4 ELSE 5 END, p.field"
            ),
        )
        .bind(&p.e164)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<Match> = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get("id")?;
            // One entry per record: its main matching field explains it.
            if out.last().is_some_and(|m| m.id == id) {
                continue;
            }
            out.push(match_row(&r)?);
        }
        Ok(out)
    }

    /// Account names (for the company shown with a Contact).
    /// A new or renamed account re-indexes its Contacts' company.
    pub async fn upsert_accounts(
        &self,
        accounts: &[(String, String)],
    ) -> Result<(), ContactStoreError> {
        // One transaction, holding the write lock from its first statement:
        // the names and their Contacts' index entries change together.
        let mut tx = self.pool.begin().await?;
        search_index::reserve_keys(&mut tx, 0).await?;
        let mut renamed: Vec<&str> = Vec::new();
        for chunk in accounts.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("SELECT id, name FROM accounts WHERE id IN (");
            crate::sql::push_list(&mut q, chunk.iter().map(|(id, _)| id));
            let known: std::collections::HashMap<String, String> = q
                .build_query_as()
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
            renamed.extend(
                chunk
                    .iter()
                    .filter(|(id, name)| known.get(id) != Some(name))
                    .map(|(id, _)| id.as_str()),
            );
        }
        upsert_names(&mut tx, "accounts", accounts).await?;
        for chunk in renamed.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "SELECT id FROM contacts WHERE company IS NULL AND account_id IN (",
            );
            crate::sql::push_list(&mut q, chunk.iter().copied());
            let ids: Vec<String> = q.build_query_scalar().fetch_all(&mut *tx).await?;
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            search_index::reindex(&mut tx, &ids).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Merges the find-a-contact index into one segment per table (after a
    /// full copy): later deletes and updates touch one segment, not dozens.
    pub async fn compact_search_index(&self) -> Result<(), ContactStoreError> {
        for table in ["contact_words", "contact_digits"] {
            sqlx::query(&format!(
                "INSERT INTO {table} ({table}) VALUES ('optimize')"
            ))
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Indexes up to `batch` records a store from before the find-a-contact
    /// index holds; the number indexed (0: all are).
    pub async fn index_missing(&self, batch: u32) -> Result<u64, ContactStoreError> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM contacts WHERE search_key IS NULL LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        if any.is_none() {
            return Ok(0);
        }
        let mut tx = self.pool.begin().await?;
        let first_key = search_index::reserve_keys(&mut tx, batch as usize).await?;
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM contacts WHERE search_key IS NULL LIMIT ?")
                .bind(batch)
                .fetch_all(&mut *tx)
                .await?;
        for (i, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE contacts SET search_key = ? WHERE id = ?")
                .bind(first_key + 1 + i64::try_from(i).unwrap_or(0))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        search_index::write(&mut tx, &refs).await?;
        tx.commit().await?;
        Ok(ids.len() as u64)
    }

    /// Users' names (for the owner shown with a match).
    pub async fn upsert_owners(
        &self,
        owners: &[(String, String)],
    ) -> Result<(), ContactStoreError> {
        let mut tx = self.pool.begin().await?;
        upsert_names(&mut tx, "owners", owners).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether an Account's name is known (a Contact found live may need it).
    pub async fn has_account(&self, id: &str) -> Result<bool, ContactStoreError> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT 1 FROM accounts WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }

    /// Where an object's sync stands: `(phase, checkpoint)`.
    pub async fn sync_state(
        &self,
        object: &str,
    ) -> Result<Option<(String, Option<String>)>, ContactStoreError> {
        Ok(
            sqlx::query_as("SELECT phase, checkpoint FROM sync_state WHERE object = ?")
                .bind(object)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub async fn set_sync_state(
        &self,
        object: &str,
        phase: &str,
        checkpoint: Option<&str>,
        now: i64,
    ) -> Result<(), ContactStoreError> {
        sqlx::query(
            "INSERT INTO sync_state (object, phase, checkpoint, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (object) DO UPDATE SET phase = excluded.phase, checkpoint = excluded.checkpoint,
                 updated_at = excluded.updated_at",
        )
        .bind(object)
        .bind(phase)
        .bind(checkpoint)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The stored SystemModstamp of each of these callers that is here.
    pub async fn modstamps(
        &self,
        ids: &[String],
    ) -> Result<std::collections::HashMap<String, i64>, ContactStoreError> {
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("SELECT id, modstamp FROM contacts WHERE id IN (");
            crate::sql::push_list(&mut q, chunk);
            let rows: Vec<(String, i64)> = q.build_query_as().fetch_all(&self.pool).await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Every caller's id.
    pub async fn ids(&self) -> Result<Vec<String>, ContactStoreError> {
        Ok(sqlx::query_scalar("SELECT id FROM contacts")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Every record id with its SystemModstamp (for comparing with the CRM).
    pub async fn snapshot(&self) -> Result<Vec<(String, i64, Vec<String>)>, ContactStoreError> {
        let rows: Vec<(String, i64, Option<String>)> = sqlx::query_as(
            "SELECT c.id, c.modstamp, group_concat(p.e164 || ':' || p.field, ',')
             FROM contacts c LEFT JOIN contact_phones p ON p.contact_id = c.id
             GROUP BY c.id ORDER BY c.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, m, phones)| {
                let mut p: Vec<String> = phones
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                p.sort();
                (id, m, p)
            })
            .collect())
    }

    /// A round trip that does no work: the floor under `lookup` (benchmarks).
    pub async fn ping(&self) -> Result<(), ContactStoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn count(&self) -> Result<(u64, u64), ContactStoreError> {
        let (c, p): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM contact_phones)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((u64::try_from(c).unwrap_or(0), u64::try_from(p).unwrap_or(0)))
    }

    /// Records that can call (Contacts, Leads, Person Accounts).
    pub async fn records(&self) -> Result<u64, ContactStoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts")
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

async fn upsert_names(
    tx: &mut sqlx::SqliteConnection,
    table: &'static str,
    names: &[(String, String)],
) -> Result<(), ContactStoreError> {
    for chunk in names.chunks(ROWS_PER_INSERT) {
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new(format!("INSERT INTO {table} (id, name) "));
        q.push_values(chunk, |mut b, (id, name)| {
            b.push_bind(id).push_bind(name);
        });
        q.push(" ON CONFLICT (id) DO UPDATE SET name = excluded.name");
        q.build().execute(&mut *tx).await?;
    }
    Ok(())
}
