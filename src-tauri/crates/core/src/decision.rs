//! LOG-1..3: who writes the call record, or why nobody does. Evaluated once,
//! at the moment the call ends, from the states that held just before.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checkbox::DoNotLogBox;
use crate::login::{CompanionLogin, CrmLogin, LoginState};
use crate::phase::Direction;
use crate::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Writer {
    /// Ringside writes the task itself.
    Companion,
    /// The CRM's own softphone writes it.
    CrmSoftphone,
    /// The telephony backend writes it through its ACD task URL.
    AcdService,
}

/// Why the decision came out as it did; every decision carries one (LOG-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum DecisionReason {
    /// LOG-1 rows 2–3: the agent is in the CRM, whose softphone logs the call.
    CrmLoggedIn,
    /// LOG-1 row 4: out of the CRM, companion open; the checkbox was unticked.
    CompanionLogs,
    /// LOG-1 row 4 with the checkbox not offered (*Show option* off): LOG-3.
    CompanionLogsCheckboxNotOffered,
    /// DNL-4: the agent ticked "Do not log the call".
    AgentChoseDoNotLog,
    /// DNL-5: the agent left the checkbox at a do-not-log default.
    DefaultDoNotLog,
    /// LOG-1 row 1, config 1: a missed queue call, saved by the ACD.
    AcdMissedQueueCall,
    /// LOG-1 row 1, config 2: an inbound call while logged out, saved by the ACD.
    AcdInboundWhileLoggedOut,
    /// LOG-1 row 1: companion never opened and the CRM allows no ACD logging.
    CompanionNeverOpenedAcdNotAllowed,
    /// LOG-1 row 1 / LOG-3: ACD logging allowed, but no ACD task URL came.
    CompanionNeverOpenedNoAcdTaskUrl,
    /// The agent dialled a feature or short code (`*72#`, `112`): it
    /// reaches the phone, but no caller is on it and Ringside logs nothing.
    ServiceCode,
    /// DNL-4 undone: the agent kept the call out of the CRM, then logged it
    /// from history (once). Never the decision at a call's end.
    LoggedAfterwards,
}

impl DecisionReason {
    pub const ALL: [DecisionReason; 11] = [
        DecisionReason::CrmLoggedIn,
        DecisionReason::CompanionLogs,
        DecisionReason::CompanionLogsCheckboxNotOffered,
        DecisionReason::AgentChoseDoNotLog,
        DecisionReason::DefaultDoNotLog,
        DecisionReason::AcdMissedQueueCall,
        DecisionReason::AcdInboundWhileLoggedOut,
        DecisionReason::CompanionNeverOpenedAcdNotAllowed,
        DecisionReason::CompanionNeverOpenedNoAcdTaskUrl,
        DecisionReason::ServiceCode,
        DecisionReason::LoggedAfterwards,
    ];

    /// A sentence for the agent's history.
    pub fn describe(self) -> &'static str {
        match self {
            DecisionReason::CrmLoggedIn => {
                "the CRM softphone writes the record (you were logged in to the CRM)"
            }
            DecisionReason::CompanionLogs => "Ringside writes the record",
            DecisionReason::CompanionLogsCheckboxNotOffered => {
                "Ringside writes the record (the do-not-log option is switched off)"
            }
            DecisionReason::AgentChoseDoNotLog => "not logged: you ticked \"Do not log the call\"",
            DecisionReason::DefaultDoNotLog => "not logged: your default is not to log calls",
            DecisionReason::AcdMissedQueueCall => {
                "the ACD service writes the record (missed queue call, config 1)"
            }
            DecisionReason::AcdInboundWhileLoggedOut => {
                "the ACD service writes the record (inbound call while logged out, config 2)"
            }
            DecisionReason::CompanionNeverOpenedAcdNotAllowed => {
                "not logged: Ringside was never opened and ACD logging is not allowed"
            }
            DecisionReason::CompanionNeverOpenedNoAcdTaskUrl => {
                "not logged: Ringside was never opened and the ACD sent no task URL"
            }
            DecisionReason::ServiceCode => {
                "not logged: a feature or service code, not a call to a customer"
            }
            DecisionReason::LoggedAfterwards => {
                "Ringside writes the record (you logged it afterwards)"
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DecisionReason::CrmLoggedIn => "CrmLoggedIn",
            DecisionReason::CompanionLogs => "CompanionLogs",
            DecisionReason::CompanionLogsCheckboxNotOffered => "CompanionLogsCheckboxNotOffered",
            DecisionReason::AgentChoseDoNotLog => "AgentChoseDoNotLog",
            DecisionReason::DefaultDoNotLog => "DefaultDoNotLog",
            DecisionReason::AcdMissedQueueCall => "AcdMissedQueueCall",
            DecisionReason::AcdInboundWhileLoggedOut => "AcdInboundWhileLoggedOut",
            DecisionReason::CompanionNeverOpenedAcdNotAllowed => {
                "CompanionNeverOpenedAcdNotAllowed"
            }
            DecisionReason::CompanionNeverOpenedNoAcdTaskUrl => "CompanionNeverOpenedNoAcdTaskUrl",
            DecisionReason::ServiceCode => "ServiceCode",
            DecisionReason::LoggedAfterwards => "LoggedAfterwards",
        }
    }

    pub fn parse(s: &str) -> Option<DecisionReason> {
        DecisionReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The writer this reason implies; `None` = nobody logs the call.
    pub fn writer(self) -> Option<Writer> {
        match self {
            DecisionReason::CrmLoggedIn => Some(Writer::CrmSoftphone),
            DecisionReason::CompanionLogs
            | DecisionReason::CompanionLogsCheckboxNotOffered
            | DecisionReason::LoggedAfterwards => Some(Writer::Companion),
            DecisionReason::AcdMissedQueueCall | DecisionReason::AcdInboundWhileLoggedOut => {
                Some(Writer::AcdService)
            }
            DecisionReason::AgentChoseDoNotLog
            | DecisionReason::DefaultDoNotLog
            | DecisionReason::CompanionNeverOpenedAcdNotAllowed
            | DecisionReason::CompanionNeverOpenedNoAcdTaskUrl
            | DecisionReason::ServiceCode => None,
        }
    }
}

/// Exactly one writer or none, always with a reason (LOG-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct LogDecision {
    pub reason: DecisionReason,
}

impl LogDecision {
    /// Who writes the call record, as its reason implies (one owner: the
    /// reason; the writer can never disagree with it).
    pub fn writer(&self) -> Option<Writer> {
        self.reason.writer()
    }
}

impl From<DecisionReason> for LogDecision {
    fn from(reason: DecisionReason) -> Self {
        LogDecision { reason }
    }
}

/// What the decision reads about the call at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionInput<'a> {
    pub settings: &'a Settings,
    /// The login states just before the call ended.
    pub login: LoginState,
    pub direction: Direction,
    /// Ended without being answered.
    pub missed: bool,
    /// Routed by an ACD queue.
    pub queue: bool,
    pub has_acd_task_url: bool,
    /// The checkbox as it stood at the end (DNL-4).
    pub checkbox: DoNotLogBox,
    /// An outbound call to a feature or short code (`is_service_code`).
    pub service_code: bool,
}

/// LOG-1, evaluated at the moment the call ends.
pub fn decide(input: DecisionInput<'_>) -> LogDecision {
    let s = input.settings;
    let reason = match (input.login.crm, input.login.companion) {
        // Rows 2 and 3 (before the logout): the CRM softphone logs; the
        // checkbox was not offered, so it cannot stop the log (LOG-3).
        (CrmLogin::LoggedIn, _) => DecisionReason::CrmLoggedIn,
        // Row 4, and row 3 after the logout: Ringside logs unless the
        // checkbox says not to. ACD configs 1 and 2 have no effect here.
        (CrmLogin::LoggedOut, CompanionLogin::LoggedIn) => {
            if !s.show_do_not_save {
                DecisionReason::CompanionLogsCheckboxNotOffered
            } else if input.checkbox.ticked && input.checkbox.touched {
                DecisionReason::AgentChoseDoNotLog
            } else if input.checkbox.ticked {
                DecisionReason::DefaultDoNotLog
            } else {
                DecisionReason::CompanionLogs
            }
        }
        // Row 1: nobody is at a desk app; the ACD may log if the CRM allows.
        (CrmLogin::LoggedOut, CompanionLogin::LoggedOut) => {
            let inbound = input.direction == Direction::Inbound;
            let config1 =
                s.acd_config1_missed_queue_calls && inbound && input.missed && input.queue;
            let config2 = s.acd_config2_inbound_while_logged_out && inbound;
            if !(config1 || config2) {
                DecisionReason::CompanionNeverOpenedAcdNotAllowed
            } else if !input.has_acd_task_url {
                DecisionReason::CompanionNeverOpenedNoAcdTaskUrl
            } else if config1 {
                DecisionReason::AcdMissedQueueCall
            } else {
                DecisionReason::AcdInboundWhileLoggedOut
            }
        }
    };
    // A service code has no customer on it: where Ringside would write, it
    // writes nothing. The CRM softphone and the ACD decide for themselves.
    if input.service_code && reason.writer() == Some(Writer::Companion) {
        return DecisionReason::ServiceCode.into();
    }
    reason.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompanionLogin::{LoggedIn as CompIn, LoggedOut as CompOut};
    use CrmLogin::{LoggedIn as CrmIn, LoggedOut as CrmOut};
    use DecisionReason as R;

    struct Row {
        name: &'static str,
        crm: CrmLogin,
        companion: CompanionLogin,
        settings: Settings,
        direction: Direction,
        missed: bool,
        queue: bool,
        url: bool,
        checkbox: DoNotLogBox,
        want_writer: Option<Writer>,
        want: DecisionReason,
    }

    fn s(config1: bool, config2: bool, show: bool) -> Settings {
        Settings {
            show_do_not_save: show,
            acd_config1_missed_queue_calls: config1,
            acd_config2_inbound_while_logged_out: config2,
            ..Settings::default()
        }
    }

    const UNTICKED: DoNotLogBox = DoNotLogBox {
        ticked: false,
        touched: false,
    };
    const TICKED: DoNotLogBox = DoNotLogBox {
        ticked: true,
        touched: true,
    };
    const DEFAULT_TICKED: DoNotLogBox = DoNotLogBox {
        ticked: true,
        touched: false,
    };
    const UNTICKED_BY_AGENT: DoNotLogBox = DoNotLogBox {
        ticked: false,
        touched: true,
    };

    fn row(name: &'static str, crm: CrmLogin, companion: CompanionLogin) -> Row {
        Row {
            name,
            crm,
            companion,
            settings: s(false, false, true),
            direction: Direction::Inbound,
            missed: false,
            queue: false,
            url: false,
            checkbox: UNTICKED,
            want_writer: None,
            want: R::CompanionLogs,
        }
    }

    /// Every row of the LOG-1 table, with the variations each row names.
    #[test]
    fn log1_table() {
        let rows = vec![
            // Row 1: CRM out, companion never opened.
            Row {
                settings: s(false, false, true),
                want: R::CompanionNeverOpenedAcdNotAllowed,
                ..row("LOG-1 r1 no config", CrmOut, CompOut)
            },
            Row {
                settings: s(true, false, true),
                missed: true,
                queue: true,
                url: true,
                want_writer: Some(Writer::AcdService),
                want: R::AcdMissedQueueCall,
                ..row("LOG-1 r1 config1 missed queue call", CrmOut, CompOut)
            },
            Row {
                settings: s(true, false, true),
                missed: true,
                queue: false,
                url: true,
                want: R::CompanionNeverOpenedAcdNotAllowed,
                ..row("LOG-1 r1 config1 missed direct call", CrmOut, CompOut)
            },
            Row {
                settings: s(true, false, true),
                missed: false,
                queue: true,
                url: true,
                want: R::CompanionNeverOpenedAcdNotAllowed,
                ..row("LOG-1 r1 config1 answered queue call", CrmOut, CompOut)
            },
            Row {
                settings: s(false, true, true),
                url: true,
                want_writer: Some(Writer::AcdService),
                want: R::AcdInboundWhileLoggedOut,
                ..row("LOG-1 r1 config2 inbound", CrmOut, CompOut)
            },
            Row {
                settings: s(false, true, true),
                direction: Direction::Outbound,
                url: true,
                want: R::CompanionNeverOpenedAcdNotAllowed,
                ..row("LOG-1 r1 config2 outbound", CrmOut, CompOut)
            },
            Row {
                settings: s(false, true, true),
                url: false,
                want: R::CompanionNeverOpenedNoAcdTaskUrl,
                ..row("LOG-1 r1 LOG-3 needs a task URL", CrmOut, CompOut)
            },
            Row {
                settings: s(true, true, true),
                missed: true,
                queue: true,
                url: true,
                want_writer: Some(Writer::AcdService),
                want: R::AcdMissedQueueCall,
                ..row("LOG-1 r1 both configs", CrmOut, CompOut)
            },
            Row {
                settings: s(true, true, true),
                url: true,
                checkbox: TICKED,
                want_writer: Some(Writer::AcdService),
                want: R::AcdInboundWhileLoggedOut,
                ..row("LOG-1 r1 no checkbox offered", CrmOut, CompOut)
            },
            // Row 2: CRM in, companion out.
            Row {
                want_writer: Some(Writer::CrmSoftphone),
                want: R::CrmLoggedIn,
                ..row("LOG-1 r2", CrmIn, CompOut)
            },
            Row {
                checkbox: DEFAULT_TICKED,
                want_writer: Some(Writer::CrmSoftphone),
                want: R::CrmLoggedIn,
                ..row("LOG-1 r2 LOG-3 default cannot stop it", CrmIn, CompOut)
            },
            Row {
                settings: s(true, true, true),
                url: true,
                want_writer: Some(Writer::CrmSoftphone),
                want: R::CrmLoggedIn,
                ..row("LOG-1 r2 configs irrelevant", CrmIn, CompOut)
            },
            // Row 3: CRM in, companion in (until the logout: CRM writes).
            Row {
                want_writer: Some(Writer::CrmSoftphone),
                want: R::CrmLoggedIn,
                ..row("LOG-1 r3 before logout", CrmIn, CompIn)
            },
            Row {
                checkbox: TICKED,
                want_writer: Some(Writer::CrmSoftphone),
                want: R::CrmLoggedIn,
                ..row("LOG-1 r3 checkbox not offered while in", CrmIn, CompIn)
            },
            // Row 4 (and row 3 after the logout): CRM out, companion in.
            Row {
                want_writer: Some(Writer::Companion),
                want: R::CompanionLogs,
                ..row("LOG-1 r4", CrmOut, CompIn)
            },
            Row {
                settings: s(true, true, true),
                missed: true,
                queue: true,
                url: true,
                want_writer: Some(Writer::Companion),
                want: R::CompanionLogs,
                ..row("LOG-1 r4 configs have no effect", CrmOut, CompIn)
            },
            Row {
                direction: Direction::Dialback,
                want_writer: Some(Writer::Companion),
                want: R::CompanionLogs,
                ..row("LOG-1 r4 dialback", CrmOut, CompIn)
            },
            Row {
                checkbox: TICKED,
                want: R::AgentChoseDoNotLog,
                ..row("LOG-1 r4 DNL-4 ticked", CrmOut, CompIn)
            },
            Row {
                checkbox: UNTICKED_BY_AGENT,
                want_writer: Some(Writer::Companion),
                want: R::CompanionLogs,
                ..row("LOG-1 r4 DNL-3 unticked again", CrmOut, CompIn)
            },
            Row {
                checkbox: DEFAULT_TICKED,
                want: R::DefaultDoNotLog,
                ..row("LOG-1 r4 DNL-5 default applies", CrmOut, CompIn)
            },
            Row {
                settings: s(false, false, false),
                checkbox: DEFAULT_TICKED,
                want_writer: Some(Writer::Companion),
                want: R::CompanionLogsCheckboxNotOffered,
                ..row("LOG-1 r4 LOG-3 option off", CrmOut, CompIn)
            },
        ];
        for r in rows {
            let d = decide(DecisionInput {
                settings: &r.settings,
                login: LoginState {
                    crm: r.crm,
                    companion: r.companion,
                },
                direction: r.direction,
                missed: r.missed,
                queue: r.queue,
                has_acd_task_url: r.url,
                checkbox: r.checkbox,
                service_code: false,
            });
            assert_eq!(d.reason, r.want, "{}", r.name);
            assert_eq!(d.writer(), r.want_writer, "{}", r.name);
        }
    }

    /// A feature or short code dialled is never a Task of Ringside's; who
    /// else logs is unchanged.
    #[test]
    fn a_service_code_is_never_ringsides_task() {
        let cases = [
            (CrmOut, CompIn, R::ServiceCode),
            (CrmIn, CompIn, R::CrmLoggedIn),
            (CrmOut, CompOut, R::CompanionNeverOpenedAcdNotAllowed),
        ];
        for (crm, companion, want) in cases {
            let d = decide(DecisionInput {
                settings: &Settings::default(),
                login: LoginState { crm, companion },
                direction: Direction::Outbound,
                missed: false,
                queue: false,
                has_acd_task_url: false,
                checkbox: DoNotLogBox::new(false),
                service_code: true,
            });
            assert_eq!(d.reason, want, "{crm:?} {companion:?}");
        }
    }

    #[test]
    fn every_reason_has_a_sentence_and_round_trips() {
        for r in DecisionReason::ALL {
            assert!(!r.describe().is_empty());
            assert_eq!(DecisionReason::parse(r.as_str()), Some(r));
            let logged = r.writer().is_some();
            assert_eq!(logged, !r.describe().starts_with("not logged"), "{r:?}");
        }
    }
}
