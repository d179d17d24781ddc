//! `ringside relay`: the org's one contact copy, published to JetStream.
//! It holds the org's lease (or waits as a standby), copies every object
//! once (Bulk API 2.0, page by page, checkpointed), then follows Change
//! Data Capture on `/data/ChangeEvents`: an update's fields are merged into
//! the last published version (no API request), a gap event re-reads its
//! records, an overflow copies the entity again, and a periodic delta
//! closes any gap nobody reported. A CRM failure (the org's budget spent,
//! the CRM down) owes a delta and retries; nothing is dropped.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream;
use ringside_contacts::sync::Source;
use ringside_core::time::format_sf_datetime;
use ringside_crm::streaming::{Channel, Heard, Streamer};
use ringside_crm::SalesforceClient;
use serde_json::Value;
use tokio::sync::{mpsc, watch};

use crate::cdc::{self, ChangeType, Merged};
use crate::checkpoint::{self, Checkpoint, CopyState};
use crate::crm_read::{self, now_ms, wanted};
use crate::lease::{self, Lease};
use crate::names::Names;
use crate::streams::Streams;
use crate::wire::Change;
use crate::RelayError;

/// The change events channel the relay follows.
pub const CHANNEL: &str = "/data/ChangeEvents";
/// Change events queued while the relay is busy (a copy); past this, a
/// delta catches up instead.
const QUEUE: usize = 20_000;
/// Events handled (and published) together.
const BATCH: usize = 500;

#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// This instance's name in the lease (host, process, a random tag).
    pub holder: String,
    pub lease_ttl: Duration,
    /// How often a delta closes gaps nobody reported.
    pub delta_every: Duration,
    /// How long desktops can catch up by replay.
    pub retention: Duration,
    pub person_accounts: bool,
    /// Bulk API page size.
    pub page: u32,
    pub poll_ms: u64,
    /// First wait after a CRM failure (doubling to 15 minutes).
    pub retry: Duration,
}

impl Default for RelayConfig {
    fn default() -> Self {
        RelayConfig {
            holder: format!("relay-{}-{:08x}", std::process::id(), rand::random::<u32>()),
            lease_ttl: lease::DEFAULT_TTL,
            delta_every: Duration::from_secs(30 * 60),
            retention: crate::streams::DEFAULT_RETENTION,
            person_accounts: false,
            page: 50_000,
            poll_ms: 500,
            retry: Duration::from_secs(30),
        }
    }
}

/// What the relay is doing, for its log, its status line and tests.
#[derive(Debug, Default)]
pub struct RelayStats {
    pub published: AtomicU64,
    pub events: AtomicU64,
    pub deltas: AtomicU64,
    pub copies: AtomicU64,
    pub rereads: AtomicU64,
    pub phase: Mutex<String>,
}

impl RelayStats {
    fn set_phase(&self, p: impl Into<String>) {
        *self.phase.lock().unwrap_or_else(|e| e.into_inner()) = p.into();
    }

    pub fn phase(&self) -> String {
        self.phase.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);
impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs the relay for the org until `stop` turns true. NATS or CRM
/// outages are waited out; only a bad configuration ends it early.
pub async fn run(
    client: Arc<SalesforceClient>,
    js: jetstream::Context,
    org_id: &str,
    cfg: RelayConfig,
    mut stop: watch::Receiver<bool>,
    stats: Arc<RelayStats>,
) -> Result<(), RelayError> {
    let names = Names::new(org_id)?;
    let mut backoff = Duration::from_secs(1);
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        match serve(&client, &js, &names, &cfg, &mut stop, &stats).await {
            Ok(()) => return Ok(()),
            Err(e @ RelayError::Config(_)) => return Err(e),
            Err(RelayError::LeaseLost) => {
                tracing::warn!("another relay holds the org's lease now; standing by");
                backoff = Duration::from_secs(1);
            }
            Err(e) => {
                tracing::warn!(error = %e, "the relay stopped publishing; trying again");
                stats.set_phase(format!("waiting: {e}"));
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => return Ok(()),
                }
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
        }
    }
}

async fn serve(
    client: &Arc<SalesforceClient>,
    js: &jetstream::Context,
    names: &Names,
    cfg: &RelayConfig,
    stop: &mut watch::Receiver<bool>,
    stats: &Arc<RelayStats>,
) -> Result<(), RelayError> {
    let streams = Streams::open(js.clone(), names.clone(), cfg.retention).await?;
    let bucket = lease::bucket(js, names, cfg.lease_ttl).await?;
    let state = checkpoint::Store::open(js, names).await?;
    let lease = loop {
        if let Some(l) = Lease::try_acquire(bucket.clone(), &cfg.holder, cfg.lease_ttl).await? {
            break l;
        }
        let who = lease::holder(&bucket).await.unwrap_or_default();
        stats.set_phase(format!("standby: {who} publishes"));
        tokio::select! {
            _ = tokio::time::sleep(cfg.lease_ttl / 3) => {}
            _ = stop.changed() => return Ok(()),
        }
    };
    tracing::info!(
        holder = lease.holder(),
        "this relay publishes the org's records"
    );
    let mut r = Running {
        client: client.clone(),
        streams,
        state,
        lease,
        cfg: cfg.clone(),
        stats: stats.clone(),
        cp: Checkpoint::default(),
        through: 0,
    };
    r.cp = r.state.load().await?;
    r.through = r.state.through().await?;
    let outcome = r.follow(stop).await;
    match outcome {
        Ok(()) => {
            let _ = r.state.save(&r.cp).await;
            r.lease.release().await;
            stats.set_phase("stopped");
            Ok(())
        }
        Err(e) => Err(e),
    }
}

struct Running {
    client: Arc<SalesforceClient>,
    streams: Streams,
    state: checkpoint::Store,
    lease: Lease,
    cfg: RelayConfig,
    stats: Arc<RelayStats>,
    cp: Checkpoint,
    /// The changes sequence the snapshot is known to hold.
    through: u64,
}

impl Running {
    async fn follow(&mut self, stop: &mut watch::Receiver<bool>) -> Result<(), RelayError> {
        // Change events from the checkpoint's replay id (new ones on a
        // first start: the copy's closing delta covers what came before).
        let (tx, mut rx) = mpsc::channel::<Heard>(QUEUE);
        let overflow = Arc::new(AtomicBool::new(false));
        let _cdc = AbortOnDrop(tokio::spawn(cdc_task(
            self.client.clone(),
            self.cp.replay_id.unwrap_or(-1),
            tx,
            overflow.clone(),
        )));
        let mut renew = tokio::time::interval(self.lease.ttl / 3);
        let mut periodic = tokio::time::interval(self.cfg.delta_every);
        periodic.tick().await;
        let mut retry = self.cfg.retry;
        let mut retry_at = tokio::time::Instant::now();
        loop {
            if self.cp.copied.len() < Source::ALL.len() && tokio::time::Instant::now() >= retry_at {
                match self.copy_all().await {
                    Ok(()) => retry = self.cfg.retry,
                    Err(RelayError::Crm(e)) => {
                        tracing::warn!(error = %e, "the copy stopped; it resumes from its checkpoint");
                        retry_at = tokio::time::Instant::now() + retry;
                        retry = (retry * 2).min(Duration::from_secs(900));
                    }
                    Err(e) => return Err(e),
                }
            }
            if self.cp.delta_due.is_some() && tokio::time::Instant::now() >= retry_at {
                match self.run_delta().await {
                    Ok(()) => retry = self.cfg.retry,
                    Err(RelayError::Crm(e)) => {
                        tracing::warn!(error = %e, "a delta failed; it is owed and tried again");
                        retry_at = tokio::time::Instant::now() + retry;
                        retry = (retry * 2).min(Duration::from_secs(900));
                    }
                    Err(e) => return Err(e),
                }
            }
            if self.cp.copied.len() == Source::ALL.len() {
                self.stats.set_phase(match self.cp.delta_due {
                    Some(_) => "streaming (a delta owed)",
                    None => "streaming",
                });
            }
            let owed = self.cp.delta_due.is_some() || self.cp.copied.len() < Source::ALL.len();
            tokio::select! {
                _ = stop.changed() => return Ok(()),
                _ = renew.tick() => self.lease.renew().await?,
                _ = periodic.tick() => {
                    // Everything changed since the last delta, seen or not.
                    let since = if self.cp.last_delta > 0 { self.cp.last_delta - 60_000 } else { now_ms() - self.cfg.delta_every.as_millis() as i64 };
                    self.cp.owe_delta(since);
                }
                _ = tokio::time::sleep_until(retry_at), if owed => {}
                heard = rx.recv() => {
                    let Some(first) = heard else {
                        return Err(RelayError::Crm("the change event stream ended".into()));
                    };
                    let mut batch = vec![first];
                    while batch.len() < BATCH {
                        match rx.try_recv() {
                            Ok(h) => batch.push(h),
                            Err(_) => break,
                        }
                    }
                    if overflow.swap(false, Ordering::Relaxed) {
                        let since = self.cp.high.values().copied().min().unwrap_or(0);
                        self.cp.owe_delta(since);
                    }
                    self.on_events(batch).await?;
                }
            }
        }
    }

    /// Publishes what is newer than the snapshot, holding the lease.
    async fn publish(&mut self, changes: Vec<Change>, checked: bool) -> Result<(), RelayError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.lease.renew().await?;
        let (n, highest) = if checked {
            self.streams.publish_newer(changes).await?
        } else {
            let n = changes.len();
            (n, self.streams.publish(&changes).await?)
        };
        self.stats.published.fetch_add(n as u64, Ordering::Relaxed);
        // Both streams have these now: a follower's snapshot stands for them.
        if let Some(seq) = highest.filter(|s| *s > self.through) {
            self.state.set_through(seq).await?;
            self.through = seq;
        }
        Ok(())
    }

    /// SYNC-1 for the org: each object not yet copied, resuming a job a
    /// restart cut short; then a delta from each job's start.
    async fn copy_all(&mut self) -> Result<(), RelayError> {
        if self.cp.copied.is_empty() && self.cp.copy.is_none() && self.cp.high.is_empty() {
            self.cp.fresh = self.streams.snapshot_is_empty().await?;
        }
        for source in Source::ALL {
            let object = source.object();
            if self.cp.copied.iter().any(|o| o == object) {
                continue;
            }
            self.stats.copies.fetch_add(1, Ordering::Relaxed);
            loop {
                let state = match self.cp.copy.clone() {
                    Some(c) if c.object == object => c,
                    _ => {
                        let since = now_ms() - 60_000;
                        let job =
                            crm_read::start_copy(&self.client, source, self.cfg.person_accounts)
                                .await?;
                        let c = CopyState {
                            object: object.to_string(),
                            job,
                            locator: None,
                            since,
                            published: 0,
                        };
                        self.cp.copy = Some(c.clone());
                        self.state.save(&self.cp).await?;
                        c
                    }
                };
                self.stats
                    .set_phase(format!("copying {object}: {} published", state.published));
                crm_read::wait_for_job(&self.client, &state.job, self.cfg.poll_ms).await?;
                let mut locator = state.locator.clone();
                let mut expired = false;
                loop {
                    let page = crm_read::copy_page(
                        &self.client,
                        source,
                        self.cfg.person_accounts,
                        &state.job,
                        locator.as_deref(),
                        self.cfg.page,
                    )
                    .await?;
                    let Some((changes, next)) = page else {
                        expired = true;
                        break;
                    };
                    let n = changes.len() as u64;
                    let fresh = self.cp.fresh;
                    self.publish(changes, !fresh).await?;
                    if let Some(c) = self.cp.copy.as_mut() {
                        c.locator = next.clone();
                        c.published += n;
                        self.stats
                            .set_phase(format!("copying {object}: {} published", c.published));
                    }
                    self.state.save(&self.cp).await?;
                    match next {
                        Some(n) => locator = Some(n),
                        None => break,
                    }
                }
                if expired {
                    // The job expired since the checkpoint: this object again.
                    self.cp.copy = None;
                    self.state.save(&self.cp).await?;
                    continue;
                }
                break;
            }
            let since = self.cp.copy.as_ref().map_or(0, |c| c.since);
            self.cp.copied.push(object.to_string());
            self.cp.copy = None;
            self.cp.high.entry(object.to_string()).or_insert(since);
            self.cp.owe_delta(since);
            self.state.save(&self.cp).await?;
        }
        self.cp.fresh = false;
        self.state.save(&self.cp).await
    }

    /// Records changed (and deleted) since what is owed, for every object.
    async fn run_delta(&mut self) -> Result<(), RelayError> {
        let Some(owed) = self.cp.delta_due else {
            return Ok(());
        };
        let started = now_ms();
        for source in Source::ALL {
            let object = source.object();
            let since = owed.min(self.cp.high.get(object).copied().unwrap_or(owed));
            let changes =
                crm_read::delta(&self.client, source, self.cfg.person_accounts, since).await?;
            let high = changes
                .iter()
                .filter(|c| !c.is_tombstone())
                .map(|c| c.version)
                .max();
            self.publish(changes, true).await?;
            if let Some(h) = high {
                let e = self.cp.high.entry(object.to_string()).or_insert(h);
                *e = (*e).max(h);
            }
        }
        self.stats.deltas.fetch_add(1, Ordering::Relaxed);
        self.cp.delta_due = None;
        self.cp.last_delta = started;
        self.state.save(&self.cp).await
    }

    async fn on_events(&mut self, batch: Vec<Heard>) -> Result<(), RelayError> {
        let mut out: Vec<Change> = Vec::new();
        for heard in batch {
            match heard {
                Heard::Subscribed => {}
                Heard::Gap => {
                    // The org no longer keeps the replay id: read what changed.
                    let since = self.cp.high.values().copied().min().unwrap_or(0);
                    self.cp.owe_delta(since);
                }
                Heard::Event {
                    replay_id, data, ..
                } => {
                    self.stats.events.fetch_add(1, Ordering::Relaxed);
                    if let Err(e) = self.on_event(&data, &mut out).await {
                        match e {
                            RelayError::Crm(_) | RelayError::Event(_) => {
                                tracing::warn!(error = %e, "a change event was not applied; a delta is owed");
                                let at = data
                                    .pointer("/payload/ChangeEventHeader/commitTimestamp")
                                    .and_then(Value::as_i64)
                                    .unwrap_or_else(now_ms);
                                self.cp.owe_delta(at - 1_000);
                            }
                            e => return Err(e),
                        }
                    }
                    if let Some(r) = replay_id {
                        self.cp.replay_id = Some(self.cp.replay_id.map_or(r, |p| p.max(r)));
                    }
                }
            }
        }
        // One record changed twice in the batch: its versions in order.
        out.sort_by_key(|c| c.version);
        self.publish(out, true).await?;
        self.state.save(&self.cp).await
    }

    async fn on_event(&mut self, data: &Value, out: &mut Vec<Change>) -> Result<(), RelayError> {
        let e = cdc::parse_event(data).map_err(|e| RelayError::Event(e.to_string()))?;
        let Some(source) = Source::from_object(&e.entity) else {
            return Ok(()); // an entity Ringside does not copy
        };
        let object = source.object();
        let want = wanted(source, self.cfg.person_accounts);
        let mut reread = Vec::new();
        match e.change {
            ChangeType::Overflow => {
                // Copy the entity again (version-checked) and read its deletions.
                self.cp.copied.retain(|o| o != object);
                self.cp.fresh = false;
                self.cp
                    .owe_delta(self.cp.high.get(object).copied().unwrap_or(0));
                return Ok(());
            }
            ChangeType::Gap => reread = e.ids.clone(),
            ChangeType::Delete => {
                for id in &e.ids {
                    out.push(Change {
                        object: object.into(),
                        id: id.clone(),
                        version: e.commit_ms,
                        record: None,
                    });
                }
            }
            ChangeType::Create | ChangeType::Undelete | ChangeType::Update => {
                for id in &e.ids {
                    let base = match e.change {
                        ChangeType::Update => match out.iter().rev().find(|c| c.id == *id) {
                            Some(c) => c.record.clone(),
                            None => self.streams.last(object, id).await?.and_then(|c| c.record),
                        },
                        _ => Some(serde_json::Map::new()),
                    };
                    let mut fields = e.fields.clone();
                    fields.insert("Id".into(), Value::String(id.clone()));
                    match cdc::merge(base.as_ref(), &fields, &want) {
                        Merged::Unchanged => {}
                        Merged::Reread => reread.push(id.clone()),
                        Merged::Record(mut r) => {
                            r.insert(
                                "SystemModstamp".into(),
                                Value::String(format_sf_datetime(e.commit_ms)),
                            );
                            out.push(Change {
                                object: object.into(),
                                id: id.clone(),
                                version: e.commit_ms,
                                record: Some(r),
                            });
                        }
                    }
                }
            }
        }
        if !reread.is_empty() {
            self.stats.rereads.fetch_add(1, Ordering::Relaxed);
            out.extend(
                crm_read::reread(
                    &self.client,
                    source,
                    self.cfg.person_accounts,
                    &reread,
                    e.commit_ms,
                )
                .await?,
            );
        }
        let h = self
            .cp
            .high
            .entry(object.to_string())
            .or_insert(e.commit_ms);
        *h = (*h).max(e.commit_ms);
        Ok(())
    }
}

async fn cdc_task(
    client: Arc<SalesforceClient>,
    replay: i64,
    tx: mpsc::Sender<Heard>,
    overflow: Arc<AtomicBool>,
) {
    let mut streamer = Streamer::new(
        client,
        vec![Channel {
            name: CHANNEL.into(),
            replay_from: replay,
        }],
    );
    let mut backoff = Duration::from_secs(1);
    loop {
        let result = streamer
            .run(&mut |h| {
                if tx.is_closed() {
                    return false;
                }
                if let Err(mpsc::error::TrySendError::Full(_)) = tx.try_send(h) {
                    overflow.store(true, Ordering::Relaxed);
                }
                true
            })
            .await;
        if tx.is_closed() {
            return;
        }
        if let Err(e) = result {
            tracing::warn!(error = %e, "the change event stream dropped; reconnecting");
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(60));
    }
}
