//! DNL-1..8: the "Do not log the call" checkbox.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::login::{CompanionLogin, CrmLogin, LoginState};
use crate::phase::Phase;
use crate::settings::Settings;

/// DNL-1 and DNL-2: shown when the admin allows it, the agent is out of the
/// CRM (presence Logout or no CRM session), the companion is open, and the
/// call is in one of DNL-2's phases.
pub fn checkbox_visible(settings: &Settings, login: LoginState, phase: Phase) -> bool {
    settings.show_do_not_save
        && login.crm == CrmLogin::LoggedOut
        && login.companion == CompanionLogin::LoggedIn
        && phase.offers_checkbox()
}

/// One call's checkbox. A new call starts from the agent's default (DNL-5);
/// since each call owns its box, the reset after a call is structural.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct DoNotLogBox {
    pub ticked: bool,
    /// Whether the agent changed it during the call (else the default applied).
    pub touched: bool,
}

impl DoNotLogBox {
    pub fn new(default_do_not_log: bool) -> Self {
        DoNotLogBox {
            ticked: default_do_not_log,
            touched: false,
        }
    }

    /// DNL-3: the agent may set it at any time while it is shown.
    pub fn set(&mut self, ticked: bool) -> bool {
        let changed = self.ticked != ticked;
        self.ticked = ticked;
        self.touched = true;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(crm: CrmLogin, companion: CompanionLogin) -> LoginState {
        LoginState { crm, companion }
    }

    /// DNL-1 × DNL-2: every combination of the option, both logins and every phase.
    #[test]
    fn dnl1_dnl2_visibility_table() {
        for show in [false, true] {
            for crm in [CrmLogin::LoggedIn, CrmLogin::LoggedOut] {
                for companion in [CompanionLogin::LoggedIn, CompanionLogin::LoggedOut] {
                    for phase in Phase::ALL {
                        let settings = Settings {
                            show_do_not_save: show,
                            ..Settings::default()
                        };
                        let want = show
                            && crm == CrmLogin::LoggedOut
                            && companion == CompanionLogin::LoggedIn
                            && matches!(
                                phase,
                                Phase::Ringing | Phase::Answered | Phase::Dialback | Phase::Hold
                            );
                        assert_eq!(
                            checkbox_visible(&settings, login(crm, companion), phase),
                            want,
                            "show={show} crm={crm:?} companion={companion:?} phase={phase:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn dnl5_starts_from_the_default() {
        assert!(!DoNotLogBox::new(false).ticked);
        assert!(DoNotLogBox::new(true).ticked);
        assert!(!DoNotLogBox::new(true).touched);
    }

    #[test]
    fn dnl3_tick_and_untick() {
        let mut b = DoNotLogBox::new(false);
        assert!(b.set(true));
        assert!(b.ticked && b.touched);
        assert!(!b.set(true), "setting the same value is not a change");
        assert!(b.set(false));
        assert!(!b.ticked);
    }
}
