//! The sandbox org's starting data: one agent user to sign in as.

use serde_json::json;

use crate::db::Db;
use crate::ids;
use crate::schema;
use crate::state::now_ms;

pub const AGENT_USERNAME: &str = "agent@ringside.sandbox";

/// Idempotent: seeds only an empty org.
pub async fn seed(db: &Db) -> Result<(), sqlx::Error> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE sobject = 'User'")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        return Ok(());
    }
    let Some(user) = schema::object("User") else {
        return Ok(());
    };
    let Some(prefix) = ids::key_prefix("User") else {
        return Ok(());
    };
    let fields = json!({"Username": AGENT_USERNAME, "FirstName": "Alex", "LastName": "Agent", "Name": "Alex Agent", "Email": AGENT_USERNAME, "IsActive": true});
    if let serde_json::Value::Object(map) = fields {
        db.insert(user, prefix, map, now_ms()).await?;
    }
    Ok(())
}
