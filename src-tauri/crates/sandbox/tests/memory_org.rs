#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! An in-memory org outlives its pool's connection: a request cancelled
//! mid-query (its client killed) may close that connection, and the org
//! must still be there on the next.

use ringside_sandbox::db::Db;
use sqlx::Connection;

#[tokio::test]
async fn an_in_memory_org_survives_its_connection_closing() {
    let db = Db::open(None).await.unwrap();
    sqlx::query("INSERT INTO records (id, sobject, fields, created_date, system_modstamp) VALUES ('001x', 'Account', '{}', 0, 0)")
        .execute(&db.pool)
        .await
        .unwrap();
    // The pool's one connection goes, as a cancelled request's can.
    let conn = db.pool.acquire().await.unwrap().detach();
    conn.close().await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE id = '001x'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
}
