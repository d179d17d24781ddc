//! What the window's title and the tray menu say about the desk, from a
//! snapshot: a ringing call changes the title (the task bar shows it), and
//! the tray names the phone, the CRM and the calls missed while away.

use ringside_core::CallView;
use ringside_core::Phase;
use ringside_engine::ipc::{ConnectorStatus, CrmStatus, Snapshot};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskLines {
    pub title: String,
    /// Calls ringing now (the urgency hint is set while there are any).
    pub ringing: usize,
    pub phone: String,
    pub crm: String,
}

pub const APP: &str = "Ringside";

pub fn lines(s: &Snapshot) -> DeskLines {
    lines_of(&s.calls, &s.connector, &s.crm)
}

fn lines_of(calls: &[CallView], connector: &ConnectorStatus, crm: &CrmStatus) -> DeskLines {
    let ringing: Vec<_> = calls.iter().filter(|c| c.phase == Phase::Ringing).collect();
    let title = match ringing.as_slice() {
        [] => APP.to_string(),
        [one] => {
            let who = if one.remote_display.is_empty() {
                "a withheld number"
            } else {
                one.remote_display.as_str()
            };
            format!("Ringing: {who} — {APP}")
        }
        many => format!("{} calls ringing — {APP}", many.len()),
    };
    let phone = format!(
        "Phone: {}, {}",
        connector.name,
        if connector.connected {
            "connected"
        } else {
            "not connected"
        }
    );
    let crm = match crm {
        CrmStatus::NotConnected { .. } => "CRM: not connected".to_string(),
        CrmStatus::Connecting { .. } => "CRM: connecting…".to_string(),
        CrmStatus::Connected { account, .. } if account.sandbox => {
            "CRM: the built-in sandbox".to_string()
        }
        CrmStatus::Connected { account, .. } => format!("CRM: {}", account.username),
        CrmStatus::SignInNeeded { .. } => "CRM: sign in again".to_string(),
    };
    DeskLines {
        title,
        ringing: ringing.len(),
        phone,
        crm,
    }
}

/// The tray's count of calls missed since the window was last in front.
pub fn missed_line(n: u32) -> String {
    match n {
        0 => "No missed calls".to_string(),
        1 => "1 missed call".to_string(),
        n => format!("{n} missed calls"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let phone = ConnectorStatus {
            name: "baresip".into(),
            connected,
            detail: None,
            agent_state: None,
        };
        lines_of(&calls, &phone, &CrmStatus::NotConnected { reason: None })
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
        assert_eq!(missed_line(0), "No missed calls");
        assert_eq!(missed_line(1), "1 missed call");
        assert_eq!(missed_line(12), "12 missed calls");
    }
}
