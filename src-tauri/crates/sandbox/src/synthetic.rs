//! A large org for load tests and benchmarks: `n` Contacts and Leads with
//! one or two numbers each in the formats people store, written straight to
//! SQLite in big transactions (the API would take far longer to fill it).

use serde_json::json;
use sqlx::{QueryBuilder, Sqlite};

use crate::db::{reversed_digits, Db};
use crate::ids;
use crate::state::now_ms;

const ROWS_PER_INSERT: usize = 1_000;

/// A US number for record `i` in one of five stored formats. Distinct `i`
/// below 6.4 billion give distinct numbers (the multiplier is coprime with
/// the 800 × 800 × 10,000 numbers of the plan's shape), so matches are as
/// rare as in a real org.
pub fn synthetic_phone(i: u64, variant: u64) -> String {
    const SPACE: u64 = 800 * 800 * 10_000;
    let h = (i % SPACE) * 2_654_435_761 % SPACE;
    let area = 200 + h % 800;
    let exchange = 200 + (h / 800) % 800;
    let line = h / 640_000;
    match variant % 5 {
        0 => format!("({area}) {exchange}-{line:04}"),
        1 => format!("+1 {area} {exchange} {line:04}"),
        2 => format!("{area}.{exchange}.{line:04}"),
        3 => format!("1-{area}-{exchange}-{line:04} x{}", i % 90 + 10),
        _ => format!("{area}{exchange}{line:04}"),
    }
}

/// Adds records until the org holds `n` Contacts and Leads (half each);
/// returns how many it added. Meant for an org seeded with users only.
pub async fn fill(db: &Db, n: u64) -> Result<u64, sqlx::Error> {
    let have: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE sobject IN ('Contact', 'Lead')")
            .fetch_one(&db.pool)
            .await?;
    let start = u64::try_from(have).unwrap_or(0);
    let now = now_ms() - 30 * 86_400_000;
    let mut added = 0;
    let mut i = start;
    while i < n {
        let end = (i + 50_000).min(n);
        let mut tx = db.pool.begin().await?;
        let mut rows = Vec::with_capacity((end - i) as usize);
        for k in i..end {
            let (sobject, prefix) = if k % 2 == 0 {
                ("Contact", "003")
            } else {
                ("Lead", "00Q")
            };
            let n: i64 = sqlx::query_scalar(
                "INSERT INTO id_counters (prefix, last) VALUES (?, 1)
                 ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last",
            )
            .bind(prefix)
            .fetch_one(&mut *tx)
            .await?;
            let id = ids::make_id(prefix, u64::try_from(n).unwrap_or(0));
            let phone = synthetic_phone(k, k);
            let mobile = (k % 2 == 0).then(|| synthetic_phone(k + 7_000_000, k + 1));
            let mut f = json!({"LastName": format!("Caller {k}"), "Name": format!("Caller {k}"), "Phone": phone});
            if let Some(m) = &mobile {
                f["MobilePhone"] = json!(m);
            }
            if sobject == "Lead" {
                f["Company"] = json!(format!("Company {}", k % 5000));
            }
            let at = now + i64::try_from(k).unwrap_or(0);
            rows.push((id, sobject, f.to_string(), at, phone, mobile));
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO records (id, sobject, fields, created_date, system_modstamp) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.0)
                    .push_bind(r.1)
                    .push_bind(&r.2)
                    .push_bind(r.3)
                    .push_bind(r.3);
            });
            q.build().execute(&mut *tx).await?;
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO record_phones (record_id, sobject, field, reversed_digits) ",
            );
            let phones = chunk.iter().flat_map(|r| {
                std::iter::once((&r.0, r.1, "Phone", reversed_digits(&r.4))).chain(
                    r.5.iter()
                        .map(move |m| (&r.0, r.1, "MobilePhone", reversed_digits(m))),
                )
            });
            q.push_values(phones, |mut b, p| {
                b.push_bind(p.0)
                    .push_bind(p.1)
                    .push_bind(p.2)
                    .push_bind(p.3);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        added += end - i;
        i = end;
    }
    Ok(added)
}
