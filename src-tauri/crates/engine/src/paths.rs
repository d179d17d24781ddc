//! Where Ringside keeps its files. `RINGSIDE_DATA_DIR` overrides everything,
//! so tests and the e2e run never touch a real profile.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "RINGSIDE_DATA_DIR";

pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(xdg).join("ringside");
    }
    match std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        Some(home) => PathBuf::from(home).join(".local/share/ringside"),
        None => std::env::temp_dir().join("ringside"),
    }
}

pub fn database_path() -> PathBuf {
    data_dir().join("ringside.db")
}

/// The built-in sandbox CRM's data and certificate.
pub fn sandbox_dir() -> PathBuf {
    data_dir().join("sandbox")
}
