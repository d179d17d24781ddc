#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Upsert lookups by external id use an index (a scan per record would make
//! a 200-record batch against a big org quadratic).

use ringside_sandbox::seed::Seed;
use ringside_sandbox::{Sandbox, SandboxConfig};

#[tokio::test]
async fn external_id_lookups_use_their_index() {
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed::UsersOnly,
        ..Default::default()
    })
    .await
    .unwrap();
    for (field, index) in [
        ("Ringside_Call_Id__c", "records_ext_ringside_call_id"),
        ("CallObject", "records_ext_call_object"),
    ] {
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT id FROM records WHERE sobject = 'Task' AND deleted_at IS NULL AND json_extract(fields, '$.\"{field}\"') = 'x' LIMIT 2"
        );
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&sql).fetch_all(&sb.db.pool).await.unwrap();
        let text: Vec<&str> = plan.iter().map(|r| r.3.as_str()).collect();
        assert!(text.iter().any(|d| d.contains(index)), "{field}: {text:?}");
    }
}
