#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The caller-matching and softphone settings are stored as typed columns:
//! they read back as written, a value the core's check refuses is an error
//! naming its field, and what an earlier version saved as JSON moves over
//! (a broken document stays where it was and the defaults apply).

use std::path::{Path, PathBuf};

use ringside_core::{AutoCreate, CallerSettings, PhoneSettings};
use ringside_store::{Store, StoreError};

mod common;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ringside-typed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("ringside.db")
}

#[tokio::test]
async fn settings_read_back_as_written() {
    let store = Store::open_in_memory().await.unwrap();
    assert_eq!(store.caller_settings().await.unwrap(), None);
    assert_eq!(store.phone_settings().await.unwrap(), None);
    let caller = CallerSettings {
        sync_enabled: false,
        sync_interval_secs: 900,
        default_region: "DE".into(),
        auto_create: AutoCreate::Contact,
        create_when: ringside_core::caller_settings::CreateWhen::Logged,
    };
    store.save_caller_settings(&caller).await.unwrap();
    assert_eq!(store.caller_settings().await.unwrap(), Some(caller));
    for phone in [
        PhoneSettings::Baresip {
            ctrl: "127.0.0.1:4444".into(),
            dial_domain: "pbx.example.com".into(),
        },
        PhoneSettings::Acd {
            url: "wss://acd.example.com/agent".into(),
            agent: "agent-42".into(),
        },
        PhoneSettings::Demo,
    ] {
        store.save_phone_settings(&phone).await.unwrap();
        assert_eq!(store.phone_settings().await.unwrap(), Some(phone));
    }
}

#[tokio::test]
async fn a_stored_value_the_core_refuses_names_its_field() {
    let store = Store::open_in_memory().await.unwrap();
    let bad = CallerSettings {
        default_region: "XX".into(),
        ..CallerSettings::default()
    };
    store.save_caller_settings(&bad).await.unwrap();
    match store.caller_settings().await {
        Err(StoreError::InvalidStored { field, .. }) => assert_eq!(field, "default_region"),
        other => panic!("expected an invalid stored setting, got {other:?}"),
    }
    let bad = PhoneSettings::Baresip {
        ctrl: "localhost".into(),
        dial_domain: "pbx".into(),
    };
    store.save_phone_settings(&bad).await.unwrap();
    match store.phone_settings().await {
        Err(StoreError::InvalidStored { field, .. }) => assert_eq!(field, "ctrl"),
        other => panic!("expected an invalid stored setting, got {other:?}"),
    }
}

/// A database as the version before typed settings left it.
async fn before_typed_settings(path: &Path, meta: &[(&str, &str)]) {
    let mut conn = common::database_at_version(path, 7).await;
    for (key, value) in meta {
        sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn settings_saved_by_the_earlier_version_move_over() {
    let path = temp("upgrade");
    before_typed_settings(
        &path,
        &[
            (
                "caller_settings",
                r#"{"sync_enabled":false,"sync_interval_secs":120,"default_region":"GB","auto_create":"Off"}"#,
            ),
            (
                "phone_settings",
                r#"{"kind":"Acd","url":"wss://acd.example.com/agent","agent":"a-7"}"#,
            ),
        ],
    )
    .await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(
        store.caller_settings().await.unwrap(),
        Some(CallerSettings {
            sync_enabled: false,
            sync_interval_secs: 120,
            default_region: "GB".into(),
            auto_create: AutoCreate::Off,
            // Moved over from before the setting existed: on ring, as then.
            create_when: ringside_core::caller_settings::CreateWhen::Ring,
        })
    );
    assert_eq!(
        store.phone_settings().await.unwrap(),
        Some(PhoneSettings::Acd {
            url: "wss://acd.example.com/agent".into(),
            agent: "a-7".into(),
        })
    );
}

#[tokio::test]
async fn a_broken_earlier_document_leaves_the_defaults_and_the_upgrade_goes_on() {
    let path = temp("broken");
    before_typed_settings(
        &path,
        &[
            ("caller_settings", r#"{"sync_enabled":"yes please""#),
            (
                "phone_settings",
                r#"{"kind":"Baresip","ctrl":"127.0.0.1:4444"}"#,
            ),
        ],
    )
    .await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.caller_settings().await.unwrap(), None);
    assert_eq!(store.phone_settings().await.unwrap(), None);
    assert_eq!(
        store.settings_left_unread().await.unwrap(),
        (true, true),
        "kept for the admin, and said"
    );
    store
        .save_caller_settings(&CallerSettings::default())
        .await
        .unwrap();
    assert_eq!(store.settings_left_unread().await.unwrap(), (false, true));
    store
        .save_phone_settings(&PhoneSettings::Demo)
        .await
        .unwrap();
    assert_eq!(store.settings_left_unread().await.unwrap(), (false, false));
}
