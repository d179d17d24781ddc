use ringside_core::{AutoCreate, CallerSettings, PhoneSettings, Settings};

use crate::{Store, StoreError};

impl Store {
    /// Stored settings over the defaults. A stored value that does not parse
    /// is an error naming its field, never silently replaced.
    pub async fn load_settings(&self) -> Result<Settings, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings")
            .fetch_all(&self.pool)
            .await?;
        Ok(Settings::default().with_pairs(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())))?)
    }

    /// Saves every field in one transaction.
    pub async fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let mut tx = self.write_durable().await?;
        for (key, value) in settings.to_pairs() {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES (?, ?)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The caller-matching settings: one row of typed columns.
type CallerRow = (bool, i64, String, String, String);

/// The softphone: its kind and the fields that kind has.
type PhoneRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn corrupt(column: &'static str, value: impl ToString, table: &'static str) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value: value.to_string(),
    }
}

impl Store {
    /// The admin's caller-matching settings, `None` until saved. A stored
    /// value the core's check refuses is an error naming its field.
    pub async fn caller_settings(&self) -> Result<Option<CallerSettings>, StoreError> {
        let row: Option<CallerRow> = sqlx::query_as(
            "SELECT sync_enabled, sync_interval_secs, default_region, auto_create, create_when FROM caller_settings WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some((sync_enabled, interval, default_region, auto_create, create_when)) = row else {
            return Ok(None);
        };
        let settings = CallerSettings {
            sync_enabled,
            sync_interval_secs: u32::try_from(interval)
                .map_err(|_| corrupt("sync_interval_secs", interval, "caller_settings"))?,
            default_region,
            auto_create: match auto_create.as_str() {
                "Off" => AutoCreate::Off,
                "Contact" => AutoCreate::Contact,
                "Lead" => AutoCreate::Lead,
                _ => return Err(corrupt("auto_create", auto_create, "caller_settings")),
            },
            create_when: ringside_core::caller_settings::CreateWhen::parse(&create_when)
                .ok_or_else(|| corrupt("create_when", create_when.clone(), "caller_settings"))?,
        };
        settings.check().map_err(invalid)?;
        Ok(Some(settings))
    }

    pub async fn save_caller_settings(&self, s: &CallerSettings) -> Result<(), StoreError> {
        let auto_create = match s.auto_create {
            AutoCreate::Off => "Off",
            AutoCreate::Contact => "Contact",
            AutoCreate::Lead => "Lead",
        };
        let mut tx = self.write_durable().await?;
        sqlx::query(
            "INSERT INTO caller_settings (id, sync_enabled, sync_interval_secs, default_region, auto_create, create_when)
             VALUES (1, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET sync_enabled = excluded.sync_enabled,
                 sync_interval_secs = excluded.sync_interval_secs,
                 default_region = excluded.default_region, auto_create = excluded.auto_create,
                 create_when = excluded.create_when",
        )
        .bind(s.sync_enabled)
        .bind(i64::from(s.sync_interval_secs))
        .bind(&s.default_region)
        .bind(auto_create)
        .bind(s.create_when.as_str())
        .execute(&mut *tx)
        .await?;
        // An earlier version's document that could not be moved over is
        // replaced by what the admin saved now.
        sqlx::query("DELETE FROM meta WHERE key = 'caller_settings'")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The softphone to connect to, `None` until one is saved. A stored
    /// value the core's check refuses is an error naming its field.
    pub async fn phone_settings(&self) -> Result<Option<PhoneSettings>, StoreError> {
        let row: Option<PhoneRow> = sqlx::query_as(
            "SELECT kind, ctrl, dial_domain, url, agent FROM phone_settings WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some((kind, ctrl, dial_domain, url, agent)) = row else {
            return Ok(None);
        };
        let settings = match (kind.as_str(), ctrl, dial_domain, url, agent) {
            ("Demo", ..) => PhoneSettings::Demo,
            ("Baresip", Some(ctrl), Some(dial_domain), ..) => {
                PhoneSettings::Baresip { ctrl, dial_domain }
            }
            ("Acd", _, _, Some(url), Some(agent)) => PhoneSettings::Acd { url, agent },
            _ => return Err(corrupt("kind", kind, "phone_settings")),
        };
        settings.check().map_err(invalid)?;
        Ok(Some(settings))
    }

    pub async fn save_phone_settings(&self, s: &PhoneSettings) -> Result<(), StoreError> {
        let none = || None::<&str>;
        let (kind, ctrl, dial_domain, url, agent) = match s {
            PhoneSettings::Demo => ("Demo", none(), none(), none(), none()),
            PhoneSettings::Baresip { ctrl, dial_domain } => (
                "Baresip",
                Some(ctrl.as_str()),
                Some(dial_domain.as_str()),
                none(),
                none(),
            ),
            PhoneSettings::Acd { url, agent } => (
                "Acd",
                none(),
                none(),
                Some(url.as_str()),
                Some(agent.as_str()),
            ),
        };
        let mut tx = self.write_durable().await?;
        sqlx::query(
            "INSERT INTO phone_settings (id, kind, ctrl, dial_domain, url, agent)
             VALUES (1, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, ctrl = excluded.ctrl,
                 dial_domain = excluded.dial_domain, url = excluded.url, agent = excluded.agent",
        )
        .bind(kind)
        .bind(ctrl)
        .bind(dial_domain)
        .bind(url)
        .bind(agent)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM meta WHERE key = 'phone_settings'")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Settings an earlier version saved that could not be read when they
    /// moved to typed columns (they stay in `meta` for the admin):
    /// `(caller-matching, softphone)`.
    pub async fn settings_left_unread(&self) -> Result<(bool, bool), StoreError> {
        let keys: Vec<String> = sqlx::query_scalar(
            "SELECT key FROM meta WHERE key IN ('caller_settings', 'phone_settings')",
        )
        .fetch_all(&self.pool)
        .await?;
        let has = |k: &str| keys.iter().any(|key| key == k);
        Ok((has("caller_settings"), has("phone_settings")))
    }
}

/// A stored setting the core refuses, named by its field.
fn invalid(e: ringside_core::FieldError) -> StoreError {
    StoreError::InvalidStored {
        field: e.field,
        message: e.message,
    }
}
