//! Where Ringside keeps its files. `RINGSIDE_DATA_DIR` overrides everything,
//! so tests and the e2e run never touch a real profile.

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "RINGSIDE_DATA_DIR";

/// No private place for the data: Ringside never falls back to a shared
/// folder such as /tmp, where other users could read call history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no private place for Ringside's data: set HOME, XDG_DATA_HOME or {DATA_DIR_ENV} (a shared folder such as /tmp is never used)")]
pub struct NoDataDir;

pub fn data_dir() -> Result<PathBuf, NoDataDir> {
    let var = |name| std::env::var_os(name).filter(|d| !d.is_empty());
    if let Some(dir) = var(DATA_DIR_ENV) {
        return Ok(PathBuf::from(dir));
    }
    if let Some(xdg) = var("XDG_DATA_HOME") {
        return Ok(PathBuf::from(xdg).join("ringside"));
    }
    var("HOME")
        .map(|home| PathBuf::from(home).join(".local/share/ringside"))
        .ok_or(NoDataDir)
}

pub fn database_path() -> Result<PathBuf, NoDataDir> {
    Ok(data_dir()?.join("ringside.db"))
}

/// The built-in sandbox CRM's data and certificate.
pub fn sandbox_dir() -> Result<PathBuf, NoDataDir> {
    Ok(data_dir()?.join("sandbox"))
}
