//! Records in SQLite: one row per record, fields as a JSON object.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde_json::{Map, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Row, SqlitePool};

use crate::ids;
use crate::schema::SObject;
use crate::time::format_ms;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: SqlitePool,
    /// Every committed create, update and delete, for streaming (PushTopics,
    /// Change Data Capture); nobody listening costs nothing.
    pub feed: tokio::sync::broadcast::Sender<Changed>,
    /// An in-memory org's second connection, never used: the database
    /// lives while any connection to it does, and the pool's may be
    /// closed (a request cancelled mid-query when its client dies).
    _anchor: Option<std::sync::Arc<std::sync::Mutex<sqlx::SqliteConnection>>>,
}

/// What a write did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Created,
    Updated,
    Deleted,
}

/// A committed write, as streaming sees it.
#[derive(Debug, Clone)]
pub struct Changed {
    pub sobject: &'static str,
    pub id: String,
    pub kind: ChangeKind,
    /// The fields whose values changed (all of them on create).
    pub fields: Vec<String>,
    pub at: i64,
}

/// A stored record with its system fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub sobject: String,
    pub fields: Map<String, Value>,
    pub created_date: i64,
    pub system_modstamp: i64,
    pub deleted_at: Option<i64>,
}

impl Record {
    /// The record as Salesforce returns it, `attributes` first.
    pub fn to_json(&self, version: &str, only: Option<&[String]>) -> Value {
        let mut out = Map::new();
        out.insert(
            "attributes".into(),
            serde_json::json!({"type": self.sobject, "url": format!("/services/data/{version}/sobjects/{}/{}", self.sobject, self.id)}),
        );
        let system = [
            ("Id", Value::String(self.id.clone())),
            ("IsDeleted", Value::Bool(self.deleted_at.is_some())),
            ("CreatedDate", Value::String(format_ms(self.created_date))),
            (
                "LastModifiedDate",
                Value::String(format_ms(self.system_modstamp)),
            ),
            (
                "SystemModstamp",
                Value::String(format_ms(self.system_modstamp)),
            ),
        ];
        let wanted =
            |name: &str| only.is_none_or(|o| o.iter().any(|w| w.eq_ignore_ascii_case(name)));
        for (k, v) in system {
            if wanted(k) {
                out.insert(k.into(), v);
            }
        }
        match only {
            None => {
                for (k, v) in &self.fields {
                    out.insert(k.clone(), v.clone());
                }
            }
            Some(list) => {
                for name in list {
                    if out.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                        continue;
                    }
                    let v = self
                        .fields
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.clone())
                        .unwrap_or(Value::Null);
                    out.insert(name.clone(), v);
                }
            }
        }
        Value::Object(out)
    }
}

impl Db {
    pub async fn open(path: Option<&Path>) -> Result<Db, sqlx::Error> {
        if let Some(dir) = path.and_then(Path::parent) {
            std::fs::create_dir_all(dir)?;
        }
        let options = match path {
            Some(p) => SqliteConnectOptions::new()
                .filename(p)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal),
            None => SqliteConnectOptions::from_str("sqlite::memory:")?,
        }
        .busy_timeout(Duration::from_secs(10));
        let mut anchor = None;
        if path.is_some() {
            // Create the file and switch it to WAL on one connection first:
            // the pool's connections opening at once on a new file can find
            // it locked mid-switch.
            options.clone().connect().await?.close().await?;
        } else {
            anchor = Some(std::sync::Arc::new(std::sync::Mutex::new(
                options.clone().connect().await?,
            )));
        }
        // An in-memory org lives in its one connection: never let it expire.
        let pool = SqlitePoolOptions::new()
            .max_connections(if path.is_some() { 4 } else { 1 })
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| sqlx::Error::Migrate(Box::new(e)))?;
        Ok(Db {
            pool,
            feed: tokio::sync::broadcast::channel(4096).0,
            _anchor: anchor,
        })
    }

    /// Rewrites the phone index rows of one record from its stored fields.
    pub async fn index_phones(&self, sobject: &SObject, id: &str) -> Result<(), sqlx::Error> {
        let has_phones = sobject
            .fields
            .iter()
            .any(|f| f.kind == crate::schema::FieldType::Phone);
        if !has_phones {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM record_phones WHERE record_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let fields: Option<String> =
            sqlx::query_scalar("SELECT fields FROM records WHERE id = ? AND deleted_at IS NULL")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(Ok(Value::Object(map))) = fields.map(|f| serde_json::from_str::<Value>(&f)) {
            for f in sobject
                .fields
                .iter()
                .filter(|f| f.kind == crate::schema::FieldType::Phone)
            {
                let Some(Value::String(number)) = map.get(f.name) else {
                    continue;
                };
                let digits = reversed_digits(number);
                if digits.len() >= 3 {
                    sqlx::query("INSERT INTO record_phones (record_id, sobject, field, reversed_digits) VALUES (?, ?, ?, ?)")
                        .bind(id)
                        .bind(sobject.name)
                        .bind(f.name)
                        .bind(digits)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        tx.commit().await
    }

    /// Creates a record: its id, row and phone index in one transaction.
    pub async fn insert(
        &self,
        sobject: &SObject,
        prefix: &str,
        fields: Map<String, Value>,
        now: i64,
    ) -> Result<String, sqlx::Error> {
        // What streaming is told was set: the fields as written.
        let written: Vec<String> = if self.feed.receiver_count() > 0 {
            fields.keys().cloned().collect()
        } else {
            Vec::new()
        };
        let mut tx = self.pool.begin().await?;
        let n: i64 = sqlx::query_scalar(
            "INSERT INTO id_counters (prefix, last) VALUES (?, 1)
             ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last",
        )
        .bind(prefix)
        .fetch_one(&mut *tx)
        .await?;
        let id = ids::make_id(prefix, u64::try_from(n).unwrap_or(0));
        sqlx::query("INSERT INTO records (id, sobject, fields, created_date, system_modstamp) VALUES (?, ?, ?, ?, ?)")
            .bind(&id)
            .bind(sobject.name)
            .bind(Value::Object(fields).to_string())
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.index_phones(sobject, &id).await?;
        self.announce(sobject, &id, ChangeKind::Created, written, now);
        Ok(id)
    }

    pub async fn get(&self, sobject: &SObject, id: &str) -> Result<Option<Record>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records
             WHERE id = ? AND sobject = ? AND deleted_at IS NULL",
        )
        .bind(id)
        .bind(sobject.name)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| record_from_row(&r)).transpose()
    }

    /// Live records of one type by id, in one query per 900 ids (SQLite's
    /// bound-parameter cap), keyed by id.
    pub async fn get_many(
        &self,
        sobject: &SObject,
        ids: &[String],
    ) -> Result<std::collections::HashMap<String, Record>, sqlx::Error> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(900) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT id, sobject, fields, created_date, system_modstamp, deleted_at FROM records
                 WHERE sobject = ? AND deleted_at IS NULL AND id IN ({marks})"
            );
            let mut q = sqlx::query(&sql).bind(sobject.name);
            for id in chunk {
                q = q.bind(id);
            }
            for row in q.fetch_all(&self.pool).await? {
                let record = record_from_row(&row)?;
                found.insert(record.id.clone(), record);
            }
        }
        Ok(found)
    }

    /// Merges `fields` into the record; `false` if there is no such live record.
    pub async fn update(
        &self,
        sobject: &SObject,
        id: &str,
        fields: Map<String, Value>,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        // What changes, for streaming's "notify for referenced fields".
        let changed: Vec<String> = if self.feed.receiver_count() > 0 {
            match self.get(sobject, id).await? {
                Some(before) => fields
                    .iter()
                    .filter(|(k, v)| before.fields.get(*k).unwrap_or(&Value::Null) != *v)
                    .map(|(k, _)| k.clone())
                    .collect(),
                None => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let done = sqlx::query(
            "UPDATE records SET fields = json_patch(fields, ?), system_modstamp = MAX(system_modstamp + 1, ?)
             WHERE id = ? AND sobject = ? AND deleted_at IS NULL",
        )
        // JSON merge patch: a field set to null is removed, and reads as null.
        .bind(Value::Object(fields).to_string())
        .bind(now)
        .bind(id)
        .bind(sobject.name)
        .execute(&self.pool)
        .await?;
        // Derived fields follow the merged record, as in Salesforce.
        let merged = match crate::schema::derives(sobject) {
            true => self.get(sobject, id).await?,
            false => None,
        };
        if let Some(record) = merged {
            let derived: Map<String, Value> = crate::schema::derived(sobject, &record.fields)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            if !derived.is_empty() {
                sqlx::query("UPDATE records SET fields = json_patch(fields, ?) WHERE id = ?")
                    .bind(Value::Object(derived).to_string())
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
            }
        }
        self.index_phones(sobject, id).await?;
        if done.rows_affected() == 1 {
            self.announce(sobject, id, ChangeKind::Updated, changed, now);
        }
        Ok(done.rows_affected() == 1)
    }

    fn announce(
        &self,
        sobject: &SObject,
        id: &str,
        kind: ChangeKind,
        fields: Vec<String>,
        at: i64,
    ) {
        if self.feed.receiver_count() == 0 {
            return;
        }
        let _ = self.feed.send(Changed {
            sobject: sobject.name,
            id: id.to_string(),
            kind,
            fields,
            at,
        });
    }

    /// Soft delete (the record shows in getDeleted and queryAll).
    pub async fn delete(&self, sobject: &SObject, id: &str, now: i64) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE records SET deleted_at = ?, system_modstamp = MAX(system_modstamp + 1, ?)
             WHERE id = ? AND sobject = ? AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(now)
        .bind(id)
        .bind(sobject.name)
        .execute(&self.pool)
        .await?;
        if sobject.name == "Case" {
            sqlx::query(
                "UPDATE records SET fields = json_set(fields, '$.IsClosed',
                    json(CASE WHEN json_extract(fields, '$.Status') = 'Closed' THEN 'true' ELSE 'false' END))
                 WHERE id = ?",
            )
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        if matches!(sobject.name, "Contact" | "Lead") {
            // The compound Name follows its parts, as in Salesforce.
            sqlx::query(
                "UPDATE records SET fields = json_set(fields, '$.Name',
                    trim(COALESCE(json_extract(fields, '$.FirstName'), '') || ' ' || COALESCE(json_extract(fields, '$.LastName'), '')))
                 WHERE id = ? AND (json_extract(fields, '$.FirstName') IS NOT NULL OR json_extract(fields, '$.LastName') IS NOT NULL)",
            )
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        self.index_phones(sobject, id).await?;
        if done.rows_affected() == 1 {
            self.announce(sobject, id, ChangeKind::Deleted, Vec::new(), now);
        }
        Ok(done.rows_affected() == 1)
    }

    /// Live records whose `field` equals `value` (upsert by external id).
    pub async fn find_by_field(
        &self,
        sobject: &SObject,
        field: &str,
        value: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        // The path is written into the SQL (not bound) so SQLite can use the
        // expression indexes of migration 0003; only identifiers go there.
        let field = sobject.field(field).map_or(field, |f| f.name);
        if !field
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id FROM records WHERE sobject = ? AND deleted_at IS NULL AND json_extract(fields, '$.\"{field}\"') = ? LIMIT 2"
        );
        sqlx::query_scalar(&sql)
            .bind(sobject.name)
            .bind(value)
            .fetch_all(&self.pool)
            .await
    }
}

pub fn record_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<Record, sqlx::Error> {
    let fields: String = r.try_get("fields")?;
    let fields = match serde_json::from_str(&fields) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    Ok(Record {
        id: r.try_get("id")?,
        sobject: r.try_get("sobject")?,
        fields,
        created_date: r.try_get("created_date")?,
        system_modstamp: r.try_get("system_modstamp")?,
        deleted_at: r.try_get("deleted_at")?,
    })
}

/// The digits of a phone number, last first, without an extension (`x12`,
/// `ext. 12`, `#12`, `;ext=12`): the search matches the line, not the desk.
pub fn reversed_digits(number: &str) -> String {
    let lower = number.to_ascii_lowercase();
    let line = lower
        .find(['x', '#', ';'])
        .or_else(|| lower.find("ext"))
        .map_or(lower.as_str(), |i| &lower[..i]);
    line.chars().rev().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn phone_search_keys_leave_extensions_out() {
        use super::reversed_digits;
        assert_eq!(reversed_digits("(310) 867-5309"), "9035768013");
        for (n, key) in [
            ("(310) 867-5309 x12", "9035768013"),
            ("310.867.5309 ext. 12", "9035768013"),
            ("3108675309#12", "9035768013"),
            ("+1-310-867-5309;ext=12", "90357680131"),
            ("020 7946 0958", "85906497020"),
        ] {
            assert_eq!(reversed_digits(n), key, "{n}");
        }
    }
}
