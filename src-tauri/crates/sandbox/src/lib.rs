//! The sandbox CRM: Salesforce's REST wire format on 127.0.0.1, data in
//! SQLite. It is Ringside's embedded default CRM and the peer its tests use.

pub mod bulk;
pub mod composite;
pub mod db;
pub mod describe;
pub mod error;
pub mod faults;
pub mod identity;
pub mod ids;
pub mod limits;
pub mod listviews;
pub mod oauth;
pub mod omni;
pub mod permissions;
pub mod query;
pub mod recent;
pub mod replication;
pub mod resources;
pub mod rest;
pub mod retrieve_many;
pub mod schema;
pub mod search;
pub mod seed;
pub mod server;
pub mod soql;
pub mod state;
pub mod streaming;
pub mod synthetic;
pub mod time;

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use state::SandboxOptions;
use state::{AppState, Shared};

#[derive(Debug, Clone, Default)]
pub struct SandboxConfig {
    /// SQLite file; `None` keeps the org in memory.
    pub db_path: Option<PathBuf>,
    /// 0 picks a free port.
    pub http_port: u16,
    /// `None` serves no HTTPS; `Some(0)` picks a free port.
    pub https_port: Option<u16>,
    /// Where the self-signed certificate is written (default: next to the db, or a temp dir).
    pub cert_dir: Option<PathBuf>,
    pub options: SandboxOptions,
    pub seed: seed::Seed,
    /// Which org this is (its Organization id's number; 0 is taken as 1):
    /// tests run two orgs side by side.
    pub org_number: u64,
    /// The org's licences: its daily API allocation is 100,000 + 1,000 per
    /// licence (Enterprise Edition); `None` is 100 licences.
    pub licences: Option<u64>,
    /// A daily API allocation other than the licences give.
    pub api_allocation: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("sandbox database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("cannot listen on 127.0.0.1:{port}: {message}")]
    Bind { port: u16, message: String },
    #[error("{0}")]
    Tls(String),
    #[error("{0}")]
    NoSuchUser(String),
}

/// A running sandbox; dropping it stops the listeners.
pub struct Sandbox {
    state: AppState,
    pub http_url: String,
    pub https_url: Option<String>,
    pub cert_path: Option<PathBuf>,
    pub db: db::Db,
    stop: watch::Sender<bool>,
    /// The listeners, awaited by `stop`.
    servers: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn bind(port: u16) -> Result<TcpListener, SandboxError> {
    TcpListener::bind(server::loopback(port))
        .await
        .map_err(|e| SandboxError::Bind {
            port,
            message: e.to_string(),
        })
}

impl Sandbox {
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let db = db::Db::open(config.db_path.as_deref()).await?;
        let org_id = ids::make_id("00D", config.org_number.max(1));
        seed::seed(&db, config.seed, &org_id).await?;
        let shared = Arc::new(Shared {
            db: db.clone(),
            cursors: Default::default(),
            faults: Default::default(),
            jobs: Default::default(),
            options: config.options.clone(),
            org_id,
            api_calls: AtomicU64::new(0),
            limits: limits::ApiLimits::new(config.api_allocation.unwrap_or_else(|| {
                limits::allocation(config.licences.unwrap_or(limits::DEFAULT_LICENCES))
            })),
            writes: Default::default(),
            streaming: Default::default(),
            omni: Default::default(),
        });
        let (stop, stop_rx) = watch::channel(false);

        let http = bind(config.http_port).await?;
        let http_url = format!(
            "http://{}",
            http.local_addr().map_err(|e| SandboxError::Bind {
                port: config.http_port,
                message: e.to_string()
            })?
        );
        let http_state = AppState {
            shared: shared.clone(),
            base_url: http_url.clone().into(),
        };
        let app = server::app(http_state.clone());
        let mut servers = vec![tokio::spawn(server::serve_http(http, app, stop_rx.clone()))];
        // PushTopic events from the org's writes, until the sandbox stops.
        let topics = tokio::spawn(streaming::run_topics(
            http_state.clone(),
            db.feed.subscribe(),
        ));
        // Change Data Capture events from the same writes.
        let cdc = tokio::spawn(streaming::run_cdc(http_state.clone(), db.feed.subscribe()));
        // Omni-Channel and the console component, answering requests.
        let component = tokio::spawn(omni::run_component(
            db.clone(),
            shared.clone(),
            db.feed.subscribe(),
        ));
        let mut on_stop = stop_rx.clone();
        let stopping = shared.clone();
        tokio::spawn(async move {
            let _ = on_stop.wait_for(|s| *s).await;
            stopping.streaming.shutdown();
            topics.abort();
            cdc.abort();
            component.abort();
        });

        let (mut https_url, mut cert_path) = (None, None);
        if let Some(port) = config.https_port {
            let dir = config
                .cert_dir
                .clone()
                .or_else(|| {
                    config
                        .db_path
                        .as_ref()
                        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
                })
                .unwrap_or_else(|| {
                    std::env::temp_dir().join(format!("ringside-sandbox-{}", std::process::id()))
                });
            let (tls, path) = server::make_tls(&dir).map_err(SandboxError::Tls)?;
            let listener = bind(port).await?;
            let url = format!(
                "https://{}",
                listener.local_addr().map_err(|e| SandboxError::Bind {
                    port,
                    message: e.to_string()
                })?
            );
            let app = server::app(AppState {
                shared: shared.clone(),
                base_url: url.clone().into(),
            });
            servers.push(tokio::spawn(server::serve_https(
                listener, app, tls, stop_rx,
            )));
            https_url = Some(url);
            cert_path = Some(path);
        }
        Ok(Sandbox {
            state: http_state,
            http_url,
            https_url,
            cert_path,
            db,
            stop,
            servers,
        })
    }

    /// Stops the listeners, waits until they have, and closes the database,
    /// so another sandbox may open the same file at once.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        for server in std::mem::take(&mut self.servers) {
            let _ = server.await;
        }
        self.db.pool.close().await;
    }
}

impl Sandbox {
    /// The org's streaming endpoint: its clients, and its faults.
    pub fn streaming(&self) -> &streaming::Streaming {
        &self.state.shared.streaming
    }

    /// Replaces the fault plan; request numbering starts again.
    pub fn set_faults(&self, plan: faults::FaultPlan) {
        self.state.shared.faults.set(plan);
    }

    /// The org's API usage over the last 24 hours and its allocation.
    pub fn api_usage(&self) -> (u64, u64) {
        let l = &self.state.shared.limits;
        (l.used(), l.max())
    }

    /// Sets the org's daily API allocation (its licences changed).
    pub fn set_api_allocation(&self, max: u64) {
        self.state.shared.limits.set_max(max);
    }

    /// Moves the org's clock for its API allocation on: a simulated day
    /// passes in seconds.
    pub fn advance_org_clock(&self, by: std::time::Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.state.shared.limits.advance(ms);
    }

    /// API requests served so far (every one, however long ago).
    pub fn api_requests(&self) -> u64 {
        self.state
            .shared
            .api_calls
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Faults injected so far (see `set_faults`).
    pub fn faults_injected(&self) -> u64 {
        self.state
            .shared
            .faults
            .injected
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How every token this org issues begins (`00D…!`), as in Salesforce:
    /// leak scans look for it.
    pub fn token_prefix(&self) -> String {
        let org = &self.state.shared.org_id;
        format!("{}!", org.get(..15).unwrap_or(org))
    }

    /// The org's id (`00D…`, 18 characters): the org-default settings
    /// row's `SetupOwnerId`.
    pub fn org_id(&self) -> &str {
        &self.state.shared.org_id
    }

    /// An edit made in Salesforce's own pages (a user saving a record):
    /// it changes the record and its change events, and spends none of the
    /// org's API allocation. `false` if there is no such live record.
    pub async fn ui_update(
        &self,
        sobject: &str,
        id: &str,
        fields: serde_json::Map<String, serde_json::Value>,
    ) -> Result<bool, SandboxError> {
        let obj = schema::object(sobject)
            .ok_or_else(|| SandboxError::NoSuchUser(format!("the sandbox has no {sobject}")))?;
        Ok(self.db.update(obj, id, fields, state::now_ms()).await?)
    }

    /// Sets one field of the org-default Ringside Settings row, as an
    /// admin does in Setup (for tests and the demo).
    pub async fn set_org_setting(
        &self,
        field: &str,
        value: serde_json::Value,
    ) -> Result<(), SandboxError> {
        let obj = schema::object("Ringside_Settings__c")
            .ok_or_else(|| SandboxError::NoSuchUser("the sandbox has no settings".into()))?;
        let id: Option<String> = sqlx::query_scalar(
            "SELECT id FROM records WHERE sobject = 'Ringside_Settings__c' AND deleted_at IS NULL AND json_extract(fields, '$.SetupOwnerId') = ?",
        )
        .bind(self.org_id())
        .fetch_optional(&self.db.pool)
        .await?;
        let id =
            id.ok_or_else(|| SandboxError::NoSuchUser("no org-default settings row".into()))?;
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_string(), value);
        self.db.update(obj, &id, fields, state::now_ms()).await?;
        Ok(())
    }

    /// A status change made in Salesforce for `username` (`to: None` logs
    /// them out of Omni-Channel), with Omni's reason (`omni::reason`):
    /// the agent, a supervisor, a push timeout. `false` for a status the
    /// org does not have.
    pub async fn omni_change(
        &self,
        username: &str,
        to: Option<&str>,
        why: &str,
    ) -> Result<bool, SandboxError> {
        let user = self.user_id(username).await?;
        Ok(omni::apply(&self.db, &user, to, why, None).await?)
    }

    /// `username` logs out of the org's UI (STATE-2a): their Omni session
    /// ends and the logout is recorded on their presence row, as the org's
    /// `LogoutEventStream` and Ringside's trigger do.
    pub async fn org_logout(&self, username: &str) -> Result<(), SandboxError> {
        let user = self.user_id(username).await?;
        Ok(omni::org_logout(&self.db, &user).await?)
    }

    /// `username`'s Omni-Channel status now, by its API name (`None`:
    /// offline), as `UserServicePresence` holds it.
    pub async fn omni_status(&self, username: &str) -> Result<Option<String>, SandboxError> {
        let user = self.user_id(username).await?;
        Ok(sqlx::query_scalar(
            "SELECT json_extract(s.fields, '$.DeveloperName') FROM records p JOIN records s ON s.id = json_extract(p.fields, '$.ServicePresenceStatusId') AND s.deleted_at IS NULL \
             WHERE p.sobject = 'UserServicePresence' AND p.deleted_at IS NULL AND json_extract(p.fields, '$.UserId') = ? AND json_extract(p.fields, '$.IsCurrentState') IN (1, 'true')",
        )
        .bind(&user)
        .fetch_optional(&self.db.pool)
        .await?
        .flatten())
    }

    /// Opens or closes `username`'s console: while closed, the component
    /// applies nothing; opened, it applies a request still waiting.
    pub async fn set_console_open(&self, username: &str, open: bool) -> Result<(), SandboxError> {
        let user = self.user_id(username).await?;
        if open {
            omni::console_opened(&self.db, &self.state.shared, &user).await?;
        } else {
            self.state.shared.omni.set_console_open(&user, false);
        }
        Ok(())
    }

    /// Assigns (or, `false`, removes) the `Ringside_Admin` custom
    /// permission to a user, as an admin does in Setup with the permission
    /// set.
    pub async fn set_ringside_admin(
        &self,
        username: &str,
        admin: bool,
    ) -> Result<(), SandboxError> {
        let user = self.user_id(username).await?;
        sqlx::query(
            "DELETE FROM records WHERE sobject = 'UserSetupEntityAccess' AND json_extract(fields, '$.AssigneeId') = ? AND json_extract(fields, '$.DeveloperName') = ?",
        )
        .bind(&user)
        .bind(permissions::ADMIN_PERMISSION)
        .execute(&self.db.pool)
        .await?;
        if admin {
            let obj = schema::object("UserSetupEntityAccess").ok_or_else(|| {
                SandboxError::NoSuchUser("the sandbox has no UserSetupEntityAccess".into())
            })?;
            let fields = serde_json::json!({"DeveloperName": permissions::ADMIN_PERMISSION, "NamespacePrefix": null, "SetupEntityType": "CustomPermission", "AssigneeId": user});
            let serde_json::Value::Object(fields) = fields else {
                return Ok(());
            };
            self.db.insert(obj, "0Hs", fields, state::now_ms()).await?;
        }
        Ok(())
    }

    /// The id of the seeded user `username`.
    async fn user_id(&self, username: &str) -> Result<String, SandboxError> {
        let user: Option<String> = sqlx::query_scalar(
            "SELECT id FROM records WHERE sobject = 'User' AND deleted_at IS NULL AND json_extract(fields, '$.Username') = ?",
        )
        .bind(username)
        .fetch_optional(&self.db.pool)
        .await?;
        user.ok_or_else(|| SandboxError::NoSuchUser(format!("no sandbox user {username}")))
    }

    /// An access token (and refresh token) for a seeded user, without the
    /// browser step: for tests, benches and the embedded demo only.
    pub async fn issue_tokens_for(&self, username: &str) -> Result<(String, String), SandboxError> {
        let user = self.user_id(username).await?;
        let client = self
            .state
            .shared
            .options
            .client_ids
            .first()
            .cloned()
            .unwrap_or_default();
        let ttl = self.state.shared.options.access_token_ttl_ms;
        let access = oauth::issue(&self.state, "access", &user, &client, ttl).await?;
        let refresh = oauth::issue(&self.state, "refresh", &user, &client, None).await?;
        Ok((access, refresh))
    }
}
