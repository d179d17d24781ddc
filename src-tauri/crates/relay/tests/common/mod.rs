//! A real `nats-server` with JetStream on loopback, a sandbox org, and the
//! comparisons the relay tests make.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ringside_crm::{http_client, Credentials, SalesforceClient, Sensitive};
use ringside_relay::{MemorySink, Names, RelayConfig, RelayStats};
use ringside_sandbox::seed::{Seed, ADMIN_USERNAME};
use ringside_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use tokio::sync::watch;

pub struct Nats {
    child: Option<Child>,
    pub port: u16,
    pub dir: PathBuf,
    /// A configuration file instead of the plain flags.
    conf: Option<PathBuf>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Nats {
    pub fn start() -> Nats {
        let dir = std::env::temp_dir().join(format!(
            "ringside-nats-{}-{:x}",
            std::process::id(),
            rand::random::<u64>()
        ));
        let mut n = Nats {
            child: None,
            port: free_port(),
            dir,
            conf: None,
        };
        n.spawn();
        n
    }

    /// A server run from `conf` (a shipped configuration), its port and
    /// store moved to this test's.
    pub fn start_with_config(conf: &str) -> Nats {
        let mut n = Nats {
            child: None,
            port: free_port(),
            dir: std::env::temp_dir().join(format!(
                "ringside-nats-{}-{:x}",
                std::process::id(),
                rand::random::<u64>()
            )),
            conf: None,
        };
        std::fs::create_dir_all(&n.dir).unwrap();
        let text = conf
            .replace("port: 4222", &format!("port: {}", n.port))
            .replace("/var/lib/nats", &n.dir.join("store").display().to_string());
        assert!(
            text.contains(&format!("port: {}", n.port)),
            "the config sets its port"
        );
        let path = n.dir.join("nats-server.conf");
        std::fs::write(&path, text).unwrap();
        n.conf = Some(path);
        n.spawn();
        n
    }

    fn spawn(&mut self) {
        let mut cmd = Command::new("nats-server");
        match &self.conf {
            Some(conf) => cmd.arg("-c").arg(conf).args(["-a", "127.0.0.1"]),
            None => cmd
                .args([
                    "-js",
                    "-a",
                    "127.0.0.1",
                    "-p",
                    &self.port.to_string(),
                    "-sd",
                ])
                .arg(&self.dir),
        };
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server is not installed: run scripts/deps.sh test");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < until, "nats-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Kills the server (as a crash) and starts it again on the same port
    /// and store.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub async fn js(&self) -> async_nats::jetstream::Context {
        self.connect(async_nats::ConnectOptions::new()).await
    }

    /// Signed in as `user`.
    pub async fn js_as(&self, user: &str, password: &str) -> async_nats::jetstream::Context {
        self.connect(async_nats::ConnectOptions::with_user_and_password(
            user.into(),
            password.into(),
        ))
        .await
    }

    async fn connect(&self, options: async_nats::ConnectOptions) -> async_nats::jetstream::Context {
        let client = options
            .retry_on_initial_connect()
            .connect(self.url())
            .await
            .unwrap();
        let mut js = async_nats::jetstream::new(client);
        js.set_timeout(Duration::from_secs(5));
        js
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub async fn org(seed: Seed) -> (Sandbox, Arc<SalesforceClient>) {
    let sb = Sandbox::start(SandboxConfig {
        seed,
        ..Default::default()
    })
    .await
    .unwrap();
    let c = client(&sb).await;
    (sb, c)
}

/// The relay's integration user.
pub async fn client(sb: &Sandbox) -> Arc<SalesforceClient> {
    let (a, r) = sb.issue_tokens_for(ADMIN_USERNAME).await.unwrap();
    Arc::new(SalesforceClient::new(
        http_client(None).unwrap(),
        &sb.http_url,
        &sb.http_url,
        "ringside-relay",
        Credentials {
            access: Sensitive::new(a),
            refresh: Some(Sensitive::new(r)),
        },
    ))
}

pub fn names(sb: &Sandbox) -> Names {
    Names::new(sb.org_id()).unwrap()
}

/// The CRM's callers as a follower should hold them: id → (Name, phones).
pub type View = std::collections::BTreeMap<String, (String, Vec<String>)>;

pub async fn crm_view(c: &SalesforceClient) -> View {
    let mut out = View::new();
    for soql in [
        "SELECT Id, Name, Phone, MobilePhone, HomePhone, OtherPhone, AssistantPhone FROM Contact",
        "SELECT Id, Name, Phone, MobilePhone FROM Lead",
    ] {
        for r in c.query_all_pages(soql).await.unwrap() {
            out.insert(id15(r["Id"].as_str().unwrap()), fields(&r));
        }
    }
    out
}

fn id15(id: &str) -> String {
    id[..15].to_string()
}

fn fields(r: &serde_json::Map<String, Value>) -> (String, Vec<String>) {
    let mut phones: Vec<String> = [
        "Phone",
        "MobilePhone",
        "HomePhone",
        "OtherPhone",
        "AssistantPhone",
    ]
    .iter()
    .filter_map(|f| {
        r.get(*f)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(|n| format!("{f}={n}"))
    })
    .collect();
    phones.sort();
    (
        r.get("Name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        phones,
    )
}

pub fn sink_view(s: &MemorySink) -> View {
    s.records
        .iter()
        .filter(|(id, _)| id.starts_with("003") || id.starts_with("00Q"))
        .map(|(id, (_, r))| (id15(id), fields(r)))
        .collect()
}

/// Polls until `check` holds, or fails after `within`, saying what differs.
pub async fn eventually<F, Fut>(within: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let until = Instant::now() + within;
    loop {
        match check().await {
            Ok(()) => return,
            Err(e) if Instant::now() > until => panic!("{what}: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

pub fn diff(want: &View, got: &View) -> Result<(), String> {
    if want == got {
        return Ok(());
    }
    let missing: Vec<_> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .take(3)
        .collect();
    let extra: Vec<_> = got
        .keys()
        .filter(|k| !want.contains_key(*k))
        .take(3)
        .collect();
    Err(format!(
        "{} in the CRM, {} here; differing {missing:?}; extra {extra:?}",
        want.len(),
        got.len()
    ))
}

pub struct Running {
    pub stop: watch::Sender<bool>,
    pub task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// A clean stop (the relay gives its lease up).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(10), self.task).await;
    }
    /// A crash: nothing is released.
    pub fn kill(self) {
        self.task.abort();
    }
}

pub fn cfg(holder: &str) -> RelayConfig {
    RelayConfig {
        holder: holder.into(),
        lease_ttl: Duration::from_secs(2),
        delta_every: Duration::from_secs(600),
        page: 10,
        poll_ms: 10,
        retry: Duration::from_millis(200),
        ..Default::default()
    }
}

pub async fn relay(nats: &Nats, sb: &Sandbox, cfg: RelayConfig) -> (Running, Arc<RelayStats>) {
    relay_on(nats.js().await, sb, cfg).await
}

/// A relay publishing through `js` (signed in as it is).
pub async fn relay_on(
    js: async_nats::jetstream::Context,
    sb: &Sandbox,
    cfg: RelayConfig,
) -> (Running, Arc<RelayStats>) {
    let client = client(sb).await;
    let org = sb.org_id().to_string();
    let stats = Arc::new(RelayStats::default());
    let (tx, rx) = watch::channel(false);
    let s = stats.clone();
    let task = tokio::spawn(async move {
        ringside_relay::run(client, js, &org, cfg, rx, s)
            .await
            .unwrap();
    });
    (Running { stop: tx, task }, stats)
}
