//! One publisher per org: a lease in a JetStream key-value bucket whose
//! entries expire after the lease's time to live. A relay creates the key
//! (only one creator wins), renews it with a revision-checked update every
//! third of the time to live, and stops publishing the moment a renewal
//! fails. A relay that dies stops renewing; the key expires and a standby
//! takes over.

use std::time::Duration;

use async_nats::jetstream::{self, kv};
use bytes::Bytes;

use crate::names::Names;
use crate::RelayError;

pub const DEFAULT_TTL: Duration = Duration::from_secs(15);
const KEY: &str = "lease";

pub struct Lease {
    bucket: kv::Store,
    holder: String,
    revision: u64,
    pub ttl: Duration,
}

/// Who holds the lease, for the log of a standby.
pub async fn holder(bucket: &kv::Store) -> Option<String> {
    let v = bucket.get(KEY).await.ok().flatten()?;
    Some(String::from_utf8_lossy(&v).chars().take(120).collect())
}

pub async fn bucket(
    js: &jetstream::Context,
    names: &Names,
    ttl: Duration,
) -> Result<kv::Store, RelayError> {
    match js.get_key_value(names.lease_bucket()).await {
        Ok(b) => Ok(b),
        Err(_) => js
            .create_key_value(kv::Config {
                bucket: names.lease_bucket(),
                description: "Ringside: which relay publishes this org".into(),
                history: 1,
                max_age: ttl,
                storage: jetstream::stream::StorageType::File,
                ..Default::default()
            })
            .await
            .map_err(|e| RelayError::Nats(format!("the lease bucket: {e}"))),
    }
}

impl Lease {
    /// Takes the lease if nobody holds it; `None` if someone does.
    pub async fn try_acquire(
        bucket: kv::Store,
        holder: &str,
        ttl: Duration,
    ) -> Result<Option<Lease>, RelayError> {
        match bucket.create(KEY, Bytes::from(holder.to_string())).await {
            Ok(revision) => Ok(Some(Lease {
                bucket,
                holder: holder.to_string(),
                revision,
                ttl,
            })),
            Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
                // Ours already (this relay reconnected within the time to live).
                let entry = bucket
                    .entry(KEY)
                    .await
                    .map_err(|e| RelayError::Nats(format!("reading the lease: {e}")))?;
                match entry {
                    Some(e) if e.value.as_ref() == holder.as_bytes() => Ok(Some(Lease {
                        bucket,
                        holder: holder.to_string(),
                        revision: e.revision,
                        ttl,
                    })),
                    _ => Ok(None),
                }
            }
            Err(e) => Err(RelayError::Nats(format!("taking the lease: {e}"))),
        }
    }

    /// Renews the lease; `LeaseLost` if another relay holds it now (this
    /// one was away longer than the time to live).
    pub async fn renew(&mut self) -> Result<(), RelayError> {
        match self
            .bucket
            .update(KEY, Bytes::from(self.holder.clone()), self.revision)
            .await
        {
            Ok(r) => {
                self.revision = r;
                Ok(())
            }
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                Err(RelayError::LeaseLost)
            }
            Err(e) => Err(RelayError::Nats(format!("renewing the lease: {e}"))),
        }
    }

    /// Gives the lease up (a clean stop): a standby takes over at once.
    pub async fn release(self) {
        let _ = self
            .bucket
            .delete_expect_revision(KEY, Some(self.revision))
            .await;
    }

    pub fn holder(&self) -> &str {
        &self.holder
    }
}
