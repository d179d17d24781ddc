//! Omni-Channel and Ringside's console component, played by the sandbox.
//! In an org the component runs in the agent's console: it hears a request
//! on the agent's `Ringside_Presence__c` row, sets the status through the
//! Omni toolkit, and writes every status change back to the row with
//! Omni's `reason`. Here the same happens to the same records: the user's
//! `UserServicePresence` periods and the row, so Ringside sees exactly the
//! wire traffic an org gives it. Changes "in Salesforce" (the agent, a
//! supervisor, a push timeout, a logout) come from [`Omni::change`].

use std::collections::HashSet;
use std::sync::Mutex;

use serde_json::{json, Map, Value};

use crate::db::{ChangeKind, Changed, Db};
use crate::schema;
use crate::state::now_ms;

/// Omni's reasons, as `lightning:omniChannelStatusChanged` names them, and
/// the component's own for a logout and a request it could not apply.
pub mod reason {
    pub const MANUAL: &str = "OmniManualStatusChange";
    pub const SUPERVISOR: &str = "OmniSupervisorStatusChange";
    pub const PUSH_TIMEOUT: &str = "OmniPushTimeout";
    pub const TOOLKIT: &str = "OmniToolkitStatusChange";
    pub const DECLINE: &str = "OmniDeclineWork";
    pub const LOGIN: &str = "OmniLoginStatusChange";
    pub const LOGOUT: &str = "Logout";
    pub const FAILED: &str = "OmniToolkitError";
}

/// Which agents' consoles are closed (the component is not running).
#[derive(Default)]
pub struct Omni {
    closed: Mutex<HashSet<String>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Omni {
    /// Opens or closes `user`'s console: while closed, requests wait
    /// unapplied (as an org's do), and nothing is reported.
    pub fn set_console_open(&self, user: &str, open: bool) {
        let mut closed = lock(&self.closed);
        if open {
            closed.remove(user);
        } else {
            closed.insert(user.to_string());
        }
    }

    pub fn console_open(&self, user: &str) -> bool {
        !lock(&self.closed).contains(user)
    }
}

async fn one(
    db: &Db,
    sobject: &str,
    field: &str,
    value: &str,
) -> Result<Option<(String, Map<String, Value>)>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as(&format!(
        "SELECT id, fields FROM records WHERE sobject = ? AND deleted_at IS NULL AND json_extract(fields, '$.{field}') = ? ORDER BY system_modstamp DESC LIMIT 1"
    ))
    .bind(sobject)
    .bind(value)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, f)| {
        let fields = serde_json::from_str::<Value>(&f)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default();
        (id, fields)
    }))
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// The status's id and whether it carries no channel (an away status).
async fn status(db: &Db, api_name: &str) -> Result<Option<(String, bool)>, sqlx::Error> {
    let Some((id, _)) = one(db, "ServicePresenceStatus", "DeveloperName", api_name).await? else {
        return Ok(None);
    };
    let channels: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM records WHERE sobject = 'ServiceChannelStatus' AND deleted_at IS NULL AND json_extract(fields, '$.ServicePresenceStatusId') = ?",
    )
    .bind(&id)
    .fetch_one(&db.pool)
    .await?;
    Ok(Some((id, channels == 0)))
}

/// Sets `user`'s Omni status (`None`: offline) and reports it on the
/// user's presence row with `why` and the request it answers. `false` if
/// there is no such status.
pub async fn apply(
    db: &Db,
    user: &str,
    to: Option<&str>,
    why: &str,
    request: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let (Some(usp), Some(row_obj)) = (
        schema::object("UserServicePresence"),
        schema::object("Ringside_Presence__c"),
    ) else {
        return Ok(false);
    };
    let now = now_ms();
    let target = match to {
        Some(api) => match status(db, api).await? {
            Some(s) => Some(s),
            None => {
                report(db, row_obj, user, None, reason::FAILED, request, now, true).await?;
                return Ok(false);
            }
        },
        None => None,
    };
    // The current period ends; a new one starts (none when offline).
    let current: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM records WHERE sobject = 'UserServicePresence' AND deleted_at IS NULL AND json_extract(fields, '$.UserId') = ? AND json_extract(fields, '$.IsCurrentState') IN (1, 'true')",
    )
    .bind(user)
    .fetch_all(&db.pool)
    .await?;
    for id in current {
        db.update(
            usp,
            &id,
            obj(json!({"IsCurrentState": false, "StatusEndDate": crate::time::format_ms(now)})),
            now,
        )
        .await?;
    }
    if let Some((status_id, away)) = &target {
        db.insert(usp, "0Hn", obj(json!({"UserId": user, "OwnerId": user, "ServicePresenceStatusId": status_id, "IsCurrentState": true, "IsAway": away, "StatusStartDate": crate::time::format_ms(now), "StatusEndDate": null})), now).await?;
    }
    report(db, row_obj, user, to, why, request, now, false).await?;
    Ok(true)
}

/// STATE-2a: `user` logs out of the org's UI. Salesforce ends their
/// Omni-Channel session (the component reports it as it closes) and
/// publishes a `LogoutEventStream` event, which `RingsideLogoutTrigger`
/// writes to the user's row as `Org_Logout_At__c`.
pub async fn org_logout(db: &Db, user: &str) -> Result<(), sqlx::Error> {
    let Some(row_obj) = schema::object("Ringside_Presence__c") else {
        return Ok(());
    };
    apply(db, user, None, reason::LOGOUT, None).await?;
    let now = now_ms();
    let at = obj(json!({"Org_Logout_At__c": crate::time::format_ms(now)}));
    match one(db, "Ringside_Presence__c", "User_Key__c", user).await? {
        Some((id, _)) => {
            db.update(row_obj, &id, at, now).await?;
        }
        None => {
            let mut fields = at;
            fields.insert("Name".into(), Value::from(user));
            fields.insert("User_Key__c".into(), Value::from(user));
            fields.insert("User__c".into(), Value::from(user));
            db.insert(row_obj, "a02", fields, now).await?;
        }
    }
    Ok(())
}

/// Writes what the component saw to the user's row (made if missing).
#[allow(clippy::too_many_arguments)]
async fn report(
    db: &Db,
    row_obj: &schema::SObject,
    user: &str,
    to: Option<&str>,
    why: &str,
    request: Option<&str>,
    now: i64,
    failed: bool,
) -> Result<(), sqlx::Error> {
    let mut fields = obj(json!({
        "Change_Reason__c": why,
        "Change_Request_Id__c": request,
        "Changed_At__c": crate::time::format_ms(now),
        "Component_Seen_At__c": crate::time::format_ms(now),
    }));
    if !failed {
        fields.insert(
            "Current_Status__c".into(),
            to.map(Value::from).unwrap_or(Value::Null),
        );
    }
    match one(db, "Ringside_Presence__c", "User_Key__c", user).await? {
        Some((id, _)) => {
            db.update(row_obj, &id, fields, now).await?;
        }
        None => {
            fields.insert("Name".into(), Value::from(user));
            fields.insert("User_Key__c".into(), Value::from(user));
            fields.insert("User__c".into(), Value::from(user));
            db.insert(row_obj, "a02", fields, now).await?;
        }
    }
    Ok(())
}

/// The component: applies each request written to a presence row, for
/// agents whose console is open, until the sandbox stops.
pub async fn run_component(
    db: Db,
    state: std::sync::Arc<crate::state::Shared>,
    mut feed: tokio::sync::broadcast::Receiver<Changed>,
) {
    loop {
        let changed = match feed.recv().await {
            Ok(c) => c,
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        };
        let asked = changed.sobject == "Ringside_Presence__c"
            && changed.kind != ChangeKind::Deleted
            && changed
                .fields
                .iter()
                .any(|f| f == "Requested_Status__c" || f == "Request_Id__c");
        if !asked {
            continue;
        }
        if let Err(e) = answer(&db, &state, &changed.id).await {
            tracing::warn!(error = %e, "the sandbox's console component failed");
        }
    }
}

/// The console opens: the component applies a request still unanswered.
pub async fn console_opened(
    db: &Db,
    state: &crate::state::Shared,
    user: &str,
) -> Result<(), sqlx::Error> {
    state.omni.set_console_open(user, true);
    let Some((id, fields)) = one(db, "Ringside_Presence__c", "User_Key__c", user).await? else {
        return Ok(());
    };
    let asked = fields.get("Request_Id__c").and_then(Value::as_str);
    let answered = fields.get("Change_Request_Id__c").and_then(Value::as_str);
    if asked.is_some() && asked != answered {
        answer(db, state, &id).await?;
    }
    Ok(())
}

async fn answer(db: &Db, state: &crate::state::Shared, row: &str) -> Result<(), sqlx::Error> {
    let Some(obj) = schema::object("Ringside_Presence__c") else {
        return Ok(());
    };
    let Some(r) = db.get(obj, row).await? else {
        return Ok(());
    };
    let text = |f: &str| r.fields.get(f).and_then(Value::as_str).map(str::to_string);
    let (Some(user), Some(to)) = (
        text("User__c").or_else(|| text("User_Key__c")),
        text("Requested_Status__c"),
    ) else {
        return Ok(());
    };
    if !state.omni.console_open(&user) {
        return Ok(());
    }
    let request = text("Request_Id__c");
    // As the real component: a request already answered is not applied again.
    if request.is_some() && request == text("Change_Request_Id__c") {
        return Ok(());
    }
    apply(db, &user, Some(&to), reason::TOOLKIT, request.as_deref()).await?;
    Ok(())
}
