//! Whether the desktop shows Ringside's tray icon. The icon is a
//! StatusNotifierItem: it is seen only where a StatusNotifier host runs
//! (KDE, most panels; GNOME only with an extension). Where none does,
//! closing the window must not hide it, or the agent could not get it
//! back: it is minimised instead. `RINGSIDE_TRAY=on|off` overrides the
//! check (a desktop with an older XEmbed tray, say).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayChoice {
    Auto,
    On,
    Off,
}

impl TrayChoice {
    pub fn parse(value: Option<&str>) -> TrayChoice {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("on" | "1" | "yes") => TrayChoice::On,
            Some("off" | "0" | "no") => TrayChoice::Off,
            _ => TrayChoice::Auto,
        }
    }

    pub fn from_env() -> TrayChoice {
        TrayChoice::parse(std::env::var("RINGSIDE_TRAY").ok().as_deref())
    }
}

/// What closing the window does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnClose {
    /// Hide it: the tray brings it back.
    Hide,
    /// Minimise it: the task bar brings it back (no tray to be seen).
    Minimise,
}

/// `built`: the icon was made; `host`: a StatusNotifier host answers on the
/// session bus (`None`: the bus could not be asked).
pub fn on_close(choice: TrayChoice, built: bool, host: Option<bool>) -> OnClose {
    match (choice, built, host) {
        (_, false, _) | (TrayChoice::Off, _, _) => OnClose::Minimise,
        (TrayChoice::On, true, _) => OnClose::Hide,
        (TrayChoice::Auto, true, Some(true)) => OnClose::Hide,
        (TrayChoice::Auto, true, _) => OnClose::Minimise,
    }
}

/// Asks the session bus whether a StatusNotifier host is registered with
/// the watcher (a quarter of a second at most per question: this runs as
/// the window closes).
#[cfg(target_os = "linux")]
pub fn status_notifier_host() -> Option<bool> {
    use gio::glib::{self, ToVariant};
    let bus = gio::bus_get_sync(gio::BusType::Session, gio::Cancellable::NONE).ok()?;
    let call = |dest: &str, path: &str, iface: &str, method: &str, args: glib::Variant| {
        bus.call_sync(
            Some(dest),
            path,
            iface,
            method,
            Some(&args),
            None,
            gio::DBusCallFlags::NONE,
            250,
            gio::Cancellable::NONE,
        )
        .ok()
    };
    let owned = call(
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "NameHasOwner",
        ("org.kde.StatusNotifierWatcher",).to_variant(),
    )?;
    if owned.get::<(bool,)>() != Some((true,)) {
        return Some(false);
    }
    let registered = call(
        "org.kde.StatusNotifierWatcher",
        "/StatusNotifierWatcher",
        "org.freedesktop.DBus.Properties",
        "Get",
        (
            "org.kde.StatusNotifierWatcher",
            "IsStatusNotifierHostRegistered",
        )
            .to_variant(),
    )?;
    // The reply is `(v)` holding a boolean.
    let (value,) = registered.get::<(glib::Variant,)>()?;
    Some(value.get::<bool>().unwrap_or(false))
}

#[cfg(not(target_os = "linux"))]
pub fn status_notifier_host() -> Option<bool> {
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_hides_only_where_the_tray_can_be_seen() {
        use OnClose::*;
        use TrayChoice::*;
        let cases = [
            (Auto, true, Some(true), Hide),
            (Auto, true, Some(false), Minimise),
            (Auto, true, None, Minimise),
            (Auto, false, Some(true), Minimise),
            (On, true, Some(false), Hide),
            (On, true, None, Hide),
            (On, false, Some(true), Minimise),
            (Off, true, Some(true), Minimise),
        ];
        for (choice, built, host, want) in cases {
            assert_eq!(
                on_close(choice, built, host),
                want,
                "{choice:?} {built} {host:?}"
            );
        }
    }

    #[test]
    fn the_override_reads_plain_words() {
        for (v, want) in [
            (None, TrayChoice::Auto),
            (Some("on"), TrayChoice::On),
            (Some(" ON "), TrayChoice::On),
            (Some("1"), TrayChoice::On),
            (Some("off"), TrayChoice::Off),
            (Some("no"), TrayChoice::Off),
            (Some("maybe"), TrayChoice::Auto),
            (Some(""), TrayChoice::Auto),
        ] {
            assert_eq!(TrayChoice::parse(v), want, "{v:?}");
        }
    }
}
