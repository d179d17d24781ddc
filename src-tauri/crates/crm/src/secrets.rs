//! Secrets live only in the OS keychain: the Secret Service (GNOME Keyring,
//! KWallet) on a desktop, or the kernel's keyutils session keyring. Entries
//! are namespaced per org and user. With no usable keychain Ringside says
//! what is missing; it never falls back to a file or the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use keyring_core::api::CredentialStore;
use keyring_core::Error as KeyringError;

use crate::secret::Sensitive;

/// The keychain service name every Ringside entry uses.
pub const SERVICE: &str = "ringside";

/// Which secret, for which org and user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SecretKey {
    pub org_id: String,
    pub user_id: String,
    pub kind: SecretKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    RefreshToken,
}

impl SecretKey {
    pub fn refresh_token(org_id: &str, user_id: &str) -> SecretKey {
        SecretKey {
            org_id: org_id.to_string(),
            user_id: user_id.to_string(),
            kind: SecretKind::RefreshToken,
        }
    }

    /// The keychain's account name: `{org}/{user}/refresh-token`.
    pub fn account(&self) -> String {
        let kind = match self.kind {
            SecretKind::RefreshToken => "refresh-token",
        };
        format!("{}/{}/{kind}", self.org_id, self.user_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keychain to use; the message says what to start or unlock.
    #[error("no usable keychain: {0}")]
    Unavailable(String),
    #[error("the keychain failed: {0}")]
    Failed(String),
}

/// Where secrets go. Implementations block: call them off the async runtime.
pub trait SecretStore: Send + Sync {
    /// For messages: "Secret Service", "keyutils session keyring", …
    fn name(&self) -> &str;
    fn get(&self, key: &SecretKey) -> Result<Option<Sensitive>, SecretError>;
    fn set(&self, key: &SecretKey, secret: &Sensitive) -> Result<(), SecretError>;
    /// Deleting what is not there is not an error.
    fn delete(&self, key: &SecretKey) -> Result<(), SecretError>;
}

/// Which OS keychain to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keychain {
    SecretService,
    Keyutils,
}

impl Keychain {
    /// `RINGSIDE_KEYCHAIN=keyutils` selects the kernel keyring (headless
    /// sessions); anything else, the desktop's Secret Service.
    pub fn from_env() -> Keychain {
        match std::env::var("RINGSIDE_KEYCHAIN").as_deref() {
            Ok("keyutils") => Keychain::Keyutils,
            _ => Keychain::SecretService,
        }
    }

    fn missing(self) -> &'static str {
        match self {
            Keychain::SecretService => {
                "no unlocked Secret Service on the session bus; start and unlock GNOME Keyring or KWallet \
                 (or set RINGSIDE_KEYCHAIN=keyutils inside a `keyctl session`)"
            }
            Keychain::Keyutils => {
                "the kernel keyring refused access; run Ringside inside a session keyring (`keyctl session -`)"
            }
        }
    }
}

/// The OS keychain through keyring-core.
pub struct OsKeychain {
    store: Arc<CredentialStore>,
    kind: Keychain,
}

impl OsKeychain {
    /// Opens the keychain and proves it works with a write, read and delete,
    /// so a missing or locked keychain is reported at once, not at sign-in.
    pub fn open(kind: Keychain) -> Result<OsKeychain, SecretError> {
        let store: Arc<CredentialStore> = match kind {
            Keychain::SecretService => zbus_secret_service_keyring_store::Store::new()
                .map_err(|e| SecretError::Unavailable(format!("{} ({e})", kind.missing())))?,
            Keychain::Keyutils => linux_keyutils_keyring_store::Store::new()
                .map_err(|e| SecretError::Unavailable(format!("{} ({e})", kind.missing())))?,
        };
        let keychain = OsKeychain { store, kind };
        let probe = SecretKey::refresh_token("probe", &format!("pid-{}", std::process::id()));
        keychain
            .set(&probe, &Sensitive::new("ringside keychain probe"))
            .and_then(|()| keychain.get(&probe))
            .and_then(|_| keychain.delete(&probe))
            .map_err(|e| match e {
                SecretError::Unavailable(why) => SecretError::Unavailable(why),
                SecretError::Failed(why) => {
                    SecretError::Unavailable(format!("{} ({why})", kind.missing()))
                }
            })?;
        Ok(keychain)
    }

    fn entry(&self, key: &SecretKey) -> Result<keyring_core::Entry, SecretError> {
        self.store
            .build(SERVICE, &key.account(), None)
            .map_err(|e| self.error(e))
    }

    fn error(&self, e: KeyringError) -> SecretError {
        match e {
            KeyringError::NoStorageAccess(p) => {
                SecretError::Unavailable(format!("{} ({p})", self.kind.missing()))
            }
            other => SecretError::Failed(other.to_string()),
        }
    }
}

impl SecretStore for OsKeychain {
    fn name(&self) -> &str {
        match self.kind {
            Keychain::SecretService => "Secret Service",
            Keychain::Keyutils => "keyutils session keyring",
        }
    }

    fn get(&self, key: &SecretKey) -> Result<Option<Sensitive>, SecretError> {
        match self.entry(key)?.get_password() {
            Ok(s) => Ok(Some(Sensitive::new(s))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(self.error(e)),
        }
    }

    fn set(&self, key: &SecretKey, secret: &Sensitive) -> Result<(), SecretError> {
        self.entry(key)?
            .set_password(secret.expose())
            .map_err(|e| self.error(e))
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(self.error(e)),
        }
    }
}

/// A keychain in memory, for tests only.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, String>>,
}

impl MemorySecrets {
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SecretStore for MemorySecrets {
    fn name(&self) -> &str {
        "memory (tests)"
    }

    fn get(&self, key: &SecretKey) -> Result<Option<Sensitive>, SecretError> {
        let e = self
            .entries
            .lock()
            .map_err(|e| SecretError::Failed(e.to_string()))?;
        Ok(e.get(&key.account()).map(|s| Sensitive::new(s.clone())))
    }

    fn set(&self, key: &SecretKey, secret: &Sensitive) -> Result<(), SecretError> {
        let mut e = self
            .entries
            .lock()
            .map_err(|e| SecretError::Failed(e.to_string()))?;
        e.insert(key.account(), secret.expose().to_string());
        Ok(())
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        let mut e = self
            .entries
            .lock()
            .map_err(|e| SecretError::Failed(e.to_string()))?;
        e.remove(&key.account());
        Ok(())
    }
}
