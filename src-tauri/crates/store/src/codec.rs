//! Enums are stored as their names; reading one back that does not parse is
//! a `Corrupt` error naming the table and column, never a panic.

use ringside_core::{CompanionLogin, CrmLogin, DecisionReason, Direction, Phase, Writer};

use crate::StoreError;

pub fn crm_str(v: CrmLogin) -> &'static str {
    match v {
        CrmLogin::LoggedIn => "LoggedIn",
        CrmLogin::LoggedOut => "LoggedOut",
    }
}

pub fn companion_str(v: CompanionLogin) -> &'static str {
    match v {
        CompanionLogin::LoggedIn => "LoggedIn",
        CompanionLogin::LoggedOut => "LoggedOut",
    }
}

pub fn writer_str(v: Writer) -> &'static str {
    match v {
        Writer::Companion => "Companion",
        Writer::CrmSoftphone => "CrmSoftphone",
        Writer::AcdService => "AcdService",
    }
}

fn corrupt(table: &'static str, column: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value: value.to_string(),
    }
}

pub fn crm(table: &'static str, column: &'static str, s: &str) -> Result<CrmLogin, StoreError> {
    match s {
        "LoggedIn" => Ok(CrmLogin::LoggedIn),
        "LoggedOut" => Ok(CrmLogin::LoggedOut),
        _ => Err(corrupt(table, column, s)),
    }
}

pub fn companion(
    table: &'static str,
    column: &'static str,
    s: &str,
) -> Result<CompanionLogin, StoreError> {
    match s {
        "LoggedIn" => Ok(CompanionLogin::LoggedIn),
        "LoggedOut" => Ok(CompanionLogin::LoggedOut),
        _ => Err(corrupt(table, column, s)),
    }
}

pub fn phase(table: &'static str, column: &'static str, s: &str) -> Result<Phase, StoreError> {
    Phase::parse(s).ok_or_else(|| corrupt(table, column, s))
}

pub fn direction(table: &'static str, s: &str) -> Result<Direction, StoreError> {
    Direction::parse(s).ok_or_else(|| corrupt(table, "direction", s))
}

pub fn writer(table: &'static str, s: &str) -> Result<Writer, StoreError> {
    match s {
        "Companion" => Ok(Writer::Companion),
        "CrmSoftphone" => Ok(Writer::CrmSoftphone),
        "AcdService" => Ok(Writer::AcdService),
        _ => Err(corrupt(table, "writer", s)),
    }
}

pub fn call_end(table: &'static str, s: &str) -> Result<ringside_core::CallEnd, StoreError> {
    ringside_core::CallEnd::parse(s).ok_or_else(|| corrupt(table, "call_end", s))
}

pub fn reason(table: &'static str, s: &str) -> Result<DecisionReason, StoreError> {
    DecisionReason::parse(s).ok_or_else(|| corrupt(table, "reason", s))
}
