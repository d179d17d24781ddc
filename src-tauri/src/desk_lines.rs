//! What the window's title and the tray menu say about the desk, from a
//! snapshot: a ringing call changes the title (the task bar shows it), and
//! the tray names the phone, the CRM and the calls missed while away.

use ringside_core::CallView;
use ringside_core::Phase;
use ringside_engine::ipc::{ConnectorStatus, CrmStatus, Snapshot};

use crate::shell_text::{Arg, ShellText};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskLines {
    pub title: String,
    /// Calls ringing now (the urgency hint is set while there are any).
    pub ringing: usize,
    pub phone: String,
    pub crm: String,
}

pub const APP: &str = "Ringside";

pub fn lines(s: &Snapshot, text: &ShellText) -> DeskLines {
    lines_of(&s.calls, &s.connector, &s.crm, text)
}

fn lines_of(
    calls: &[CallView],
    connector: &ConnectorStatus,
    crm: &CrmStatus,
    text: &ShellText,
) -> DeskLines {
    let ringing: Vec<_> = calls.iter().filter(|c| c.phase == Phase::Ringing).collect();
    let title = match ringing.as_slice() {
        [] => APP.to_string(),
        [one] if one.remote_display.is_empty() => text.get("shell-title-ringing-withheld", &[]),
        [one] => text.get(
            "shell-title-ringing-one",
            &[("who", Arg::Text(&one.remote_display))],
        ),
        many => text.get(
            "shell-title-ringing-many",
            &[("n", Arg::Number(many.len() as u64))],
        ),
    };
    let name = [("name", Arg::Text(&connector.name))];
    let phone = if connector.connected {
        text.get("shell-phone-connected", &name)
    } else {
        text.get("shell-phone-not-connected", &name)
    };
    let crm = match crm {
        CrmStatus::NotConnected { .. } => text.get("shell-crm-not-connected", &[]),
        CrmStatus::Connecting { .. } => text.get("shell-crm-connecting", &[]),
        CrmStatus::Connected { account, .. } if account.sandbox => {
            text.get("shell-crm-sandbox", &[])
        }
        CrmStatus::Connected { account, .. } => text.get(
            "shell-crm-connected",
            &[("user", Arg::Text(&account.username))],
        ),
        CrmStatus::SignInNeeded { .. } => text.get("shell-crm-sign-in-again", &[]),
    };
    DeskLines {
        title,
        ringing: ringing.len(),
        phone,
        crm,
    }
}

/// The tray's count of calls missed since the window was last in front.
pub fn missed_line(n: u32, text: &ShellText) -> String {
    text.get("shell-missed", &[("n", Arg::Number(u64::from(n)))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use ringside_core::{CallId, DecisionReason, Direction, Millis};

    fn call(id: &str, phase: Phase, shown: &str) -> ringside_core::CallView {
        ringside_core::CallView {
            id: CallId(id.into()),
            direction: Direction::Inbound,
            remote: "+13105550100".into(),
            remote_display: shown.into(),
            queue_name: None,
            queue: false,
            phase,
            started_at: Millis(0),
            answered_at: None,
            checkbox_visible: true,
            do_not_log: false,
            logging: DecisionReason::CompanionLogs,
            anomalies: 0,
        }
    }

    fn snapshot(calls: Vec<ringside_core::CallView>, connected: bool) -> DeskLines {
        in_language(Language::En, calls, connected)
    }

    fn in_language(
        language: Language,
        calls: Vec<ringside_core::CallView>,
        connected: bool,
    ) -> DeskLines {
        let phone = ConnectorStatus {
            name: "baresip".into(),
            connected,
            down: None,
            agent_state: None,
        };
        lines_of(
            &calls,
            &phone,
            &CrmStatus::NotConnected { why: None },
            &ShellText::new(language),
        )
    }

    #[test]
    fn a_ringing_call_names_itself_in_the_title_and_the_tray_names_the_phone() {
        let idle = snapshot(vec![call("a", Phase::Answered, "(310) 555-0100")], true);
        assert_eq!(idle.title, "Ringside");
        assert_eq!(idle.ringing, 0);
        assert_eq!(idle.phone, "Phone: baresip, connected");
        assert_eq!(idle.crm, "CRM: not connected");

        let one = snapshot(vec![call("b", Phase::Ringing, "(310) 555-0100")], false);
        assert_eq!(one.title, "Ringing: (310) 555-0100 — Ringside");
        assert_eq!(one.ringing, 1);
        assert_eq!(one.phone, "Phone: baresip, not connected");

        let withheld = snapshot(vec![call("c", Phase::Ringing, "")], true);
        assert_eq!(withheld.title, "Ringing: a withheld number — Ringside");

        let two = snapshot(
            vec![
                call("d", Phase::Ringing, "1"),
                call("e", Phase::Hold, "2"),
                call("f", Phase::Ringing, "3"),
            ],
            true,
        );
        assert_eq!(
            (two.title.as_str(), two.ringing),
            ("2 calls ringing — Ringside", 2)
        );
    }

    #[test]
    fn missed_calls_are_counted_in_words() {
        let en = ShellText::new(Language::En);
        assert_eq!(missed_line(0, &en), "No missed calls");
        assert_eq!(missed_line(1, &en), "1 missed call");
        assert_eq!(missed_line(12, &en), "12 missed calls");
        assert_eq!(
            missed_line(2, &ShellText::new(Language::De)),
            "2 verpasste Anrufe"
        );
    }

    #[test]
    fn the_title_and_tray_speak_german_and_spanish() {
        let de = in_language(
            Language::De,
            vec![call("b", Phase::Ringing, "030 1234567")],
            true,
        );
        assert_eq!(de.title, "Es klingelt: 030 1234567 — Ringside");
        assert_eq!(de.phone, "Telefon: baresip, verbunden");
        assert_eq!(de.crm, "CRM: nicht verbunden");
        let es = in_language(
            Language::Es,
            vec![call("c", Phase::Ringing, ""), call("d", Phase::Ringing, "")],
            false,
        );
        assert_eq!(es.title, "2 llamadas entrantes — Ringside");
        assert_eq!(es.phone, "Teléfono: baresip, no conectado");
    }
}
