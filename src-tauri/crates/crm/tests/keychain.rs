#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Tokens live in the OS keychain, namespaced per org and user. The real
//! keychains need a session: `scripts/keychain-tests.sh` runs the ignored
//! tests inside a keyutils session keyring and inside a D-Bus session with
//! an unlocked GNOME Keyring.

use ringside_crm::{
    Keychain, MemorySecrets, OsKeychain, SecretError, SecretKey, SecretStore, Sensitive,
};

fn round_trip(store: &dyn SecretStore) {
    let run = std::process::id();
    let a = SecretKey::refresh_token("00D000000000001AAA", &format!("005{run:015}"));
    let b = SecretKey::refresh_token("00D000000000002AAA", &format!("005{run:015}"));
    let token = format!("00D000000000001!AQ4AQ{}", "x".repeat(100));
    assert_eq!(
        store.get(&a).unwrap(),
        None,
        "nothing before the first sign-in"
    );
    store.set(&a, &Sensitive::new(token.clone())).unwrap();
    store.set(&b, &Sensitive::new("other org")).unwrap();
    assert_eq!(store.get(&a).unwrap().unwrap().expose(), token);
    assert_eq!(
        store.get(&b).unwrap().unwrap().expose(),
        "other org",
        "orgs do not share entries"
    );
    // A rotated token replaces the old one.
    store.set(&a, &Sensitive::new("rotated")).unwrap();
    assert_eq!(store.get(&a).unwrap().unwrap().expose(), "rotated");
    // Disconnect deletes; deleting twice is fine.
    store.delete(&a).unwrap();
    store.delete(&a).unwrap();
    assert_eq!(store.get(&a).unwrap(), None);
    assert!(store.get(&b).unwrap().is_some());
    store.delete(&b).unwrap();
}

#[test]
fn the_memory_store_behaves_like_a_keychain() {
    round_trip(&MemorySecrets::default());
}

#[test]
fn keys_are_namespaced_per_org_and_user() {
    assert_eq!(
        SecretKey::refresh_token("00Dorg", "005user").account(),
        "00Dorg/005user/refresh-token"
    );
}

#[test]
#[ignore = "needs a keychain: run scripts/keychain-tests.sh"]
fn the_os_keychain_round_trips_tokens() {
    let kind = Keychain::from_env();
    let store = OsKeychain::open(kind).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    round_trip(&store);
}

/// With no Secret Service on the bus Ringside says what is missing (and
/// stores nothing anywhere else).
#[test]
fn a_missing_keychain_says_what_to_start() {
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/ringside-bus",
    );
    match OsKeychain::open(Keychain::SecretService) {
        Err(SecretError::Unavailable(why)) => {
            assert!(why.contains("GNOME Keyring or KWallet"), "{why}");
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a keychain without a bus"),
    }
}
