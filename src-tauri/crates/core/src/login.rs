//! STATE-1..4: two independent login states, CRM and companion.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum CrmLogin {
    LoggedIn,
    LoggedOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum CompanionLogin {
    LoggedIn,
    LoggedOut,
}

/// The two login states that decide who logs a call (STATE-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct LoginState {
    pub crm: CrmLogin,
    pub companion: CompanionLogin,
}

impl Default for LoginState {
    /// Before anything is known: not in the CRM, companion never opened.
    fn default() -> Self {
        LoginState {
            crm: CrmLogin::LoggedOut,
            companion: CompanionLogin::LoggedOut,
        }
    }
}

/// What the companion observes about the agent's logins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum LoginEvent {
    /// The agent has a live CRM session.
    CrmOrgLogin,
    /// The agent actively logged out of the CRM org. Only known, and so only
    /// acted on, with *presence-state user logout check* on (STATE-2a).
    CrmOrgLogout,
    /// The agent chose the CRM softphone presence **Logout** (STATE-2b).
    CrmPresenceLogout,
    /// The agent chose any other CRM softphone presence.
    CrmPresenceAvailable,
    /// The CRM browser tab was closed: not a logout (STATE-2).
    CrmTabClosed,
    /// The companion window was opened (STATE-3).
    CompanionOpened,
    /// The companion window got focus (STATE-3).
    CompanionFocused,
    /// The companion was quit.
    CompanionClosed,
}

impl LoginEvent {
    pub const ALL: [LoginEvent; 8] = [
        LoginEvent::CrmOrgLogin,
        LoginEvent::CrmOrgLogout,
        LoginEvent::CrmPresenceLogout,
        LoginEvent::CrmPresenceAvailable,
        LoginEvent::CrmTabClosed,
        LoginEvent::CompanionOpened,
        LoginEvent::CompanionFocused,
        LoginEvent::CompanionClosed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoginEvent::CrmOrgLogin => "CrmOrgLogin",
            LoginEvent::CrmOrgLogout => "CrmOrgLogout",
            LoginEvent::CrmPresenceLogout => "CrmPresenceLogout",
            LoginEvent::CrmPresenceAvailable => "CrmPresenceAvailable",
            LoginEvent::CrmTabClosed => "CrmTabClosed",
            LoginEvent::CompanionOpened => "CompanionOpened",
            LoginEvent::CompanionFocused => "CompanionFocused",
            LoginEvent::CompanionClosed => "CompanionClosed",
        }
    }
}

/// Folds login events into the current state. It keeps the raw facts (org
/// session, presence) apart, because STATE-2 combines them with a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginTracker {
    org_session: bool,
    presence_logout: bool,
    companion: bool,
}

impl LoginTracker {
    pub fn state(&self) -> LoginState {
        LoginState {
            crm: if self.org_session && !self.presence_logout {
                CrmLogin::LoggedIn
            } else {
                CrmLogin::LoggedOut
            },
            companion: if self.companion {
                CompanionLogin::LoggedIn
            } else {
                CompanionLogin::LoggedOut
            },
        }
    }

    /// Applies an event; returns whether the effective state changed.
    pub fn apply(&mut self, event: LoginEvent, settings: &Settings) -> bool {
        let before = self.state();
        match event {
            LoginEvent::CrmOrgLogin => self.org_session = true,
            LoginEvent::CrmOrgLogout => {
                if settings.presence_logout_check {
                    self.org_session = false;
                }
            }
            LoginEvent::CrmPresenceLogout => self.presence_logout = true,
            LoginEvent::CrmPresenceAvailable => self.presence_logout = false,
            LoginEvent::CrmTabClosed => {}
            LoginEvent::CompanionOpened | LoginEvent::CompanionFocused => self.companion = true,
            LoginEvent::CompanionClosed => self.companion = false,
        }
        self.state() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(check: bool) -> Settings {
        Settings {
            presence_logout_check: check,
            ..Settings::default()
        }
    }

    /// STATE-2 and STATE-3 as a table: events applied in order → final state.
    #[test]
    fn login_state_table() {
        use CompanionLogin as C;
        use CrmLogin as R;
        use LoginEvent as E;
        let rows: Vec<(&str, bool, Vec<LoginEvent>, R, C)> = vec![
            ("nothing known", false, vec![], R::LoggedOut, C::LoggedOut),
            (
                "STATE-3 opened",
                false,
                vec![E::CompanionOpened],
                R::LoggedOut,
                C::LoggedIn,
            ),
            (
                "STATE-3 focused",
                false,
                vec![E::CompanionFocused],
                R::LoggedOut,
                C::LoggedIn,
            ),
            (
                "quit",
                false,
                vec![E::CompanionOpened, E::CompanionClosed],
                R::LoggedOut,
                C::LoggedOut,
            ),
            (
                "org login",
                false,
                vec![E::CrmOrgLogin],
                R::LoggedIn,
                C::LoggedOut,
            ),
            (
                "STATE-2a logout unseen without check",
                false,
                vec![E::CrmOrgLogin, E::CrmOrgLogout],
                R::LoggedIn,
                C::LoggedOut,
            ),
            (
                "STATE-2a logout seen with check",
                true,
                vec![E::CrmOrgLogin, E::CrmOrgLogout],
                R::LoggedOut,
                C::LoggedOut,
            ),
            (
                "STATE-2b presence Logout",
                false,
                vec![E::CrmOrgLogin, E::CrmPresenceLogout],
                R::LoggedOut,
                C::LoggedOut,
            ),
            (
                "presence back",
                false,
                vec![
                    E::CrmOrgLogin,
                    E::CrmPresenceLogout,
                    E::CrmPresenceAvailable,
                ],
                R::LoggedIn,
                C::LoggedOut,
            ),
            (
                "STATE-2 closing the tab is not a logout",
                true,
                vec![E::CrmOrgLogin, E::CrmTabClosed],
                R::LoggedIn,
                C::LoggedOut,
            ),
            (
                "STATE-1 independent",
                true,
                vec![E::CompanionOpened, E::CrmOrgLogin, E::CrmOrgLogout],
                R::LoggedOut,
                C::LoggedIn,
            ),
        ];
        for (name, check, events, crm, companion) in rows {
            let mut t = LoginTracker::default();
            for e in events {
                t.apply(e, &settings(check));
            }
            assert_eq!(t.state(), LoginState { crm, companion }, "{name}");
        }
    }

    #[test]
    fn apply_reports_real_changes_only() {
        let mut t = LoginTracker::default();
        assert!(t.apply(LoginEvent::CompanionOpened, &settings(false)));
        assert!(!t.apply(LoginEvent::CompanionFocused, &settings(false)));
        assert!(!t.apply(LoginEvent::CrmTabClosed, &settings(false)));
    }
}
