//! Presence history and PRES-6's memory in the store: written after each
//! turn of the actor, read back at start (a restart mid-call returns the
//! agent to the status before the call once both sides are read again).

use ringside_core::presence::{
    ChangeCause, ChangeNote, PhoneStatus, PresenceChange, PresenceInput, PresenceMemory,
    PresenceValue,
};
use ringside_core::Millis;
use ringside_store::PresenceLine;

use crate::actor::Actor;

/// Lines shown after a start.
const SHOWN: u32 = 200;

fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

pub(crate) fn to_line(c: &PresenceChange) -> PresenceLine {
    let (side, status) = match &c.to {
        PresenceValue::Crm { status } => ("Crm", status.clone()),
        PresenceValue::Phone { status } => ("Phone", Some(status.code())),
    };
    PresenceLine {
        at: c.at.0,
        side: side.into(),
        status,
        cause: name(&c.cause),
        note: c.note.as_ref().map(name),
    }
}

/// A stored line back; `None` for one this version cannot read.
pub(crate) fn from_line(l: &PresenceLine) -> Option<PresenceChange> {
    let to = match l.side.as_str() {
        "Crm" => PresenceValue::Crm {
            status: l.status.clone(),
        },
        "Phone" => PresenceValue::Phone {
            status: PhoneStatus::from_code(l.status.as_deref()?)?,
        },
        _ => return None,
    };
    Some(PresenceChange {
        at: Millis(l.at),
        to,
        cause: parse::<ChangeCause>(&l.cause)?,
        note: match &l.note {
            Some(n) => Some(parse::<ChangeNote>(n)?),
            None => None,
        },
    })
}

impl Actor {
    /// Writes what presence changed since the last turn.
    pub(crate) async fn presence_flush(&mut self) {
        let lines: Vec<PresenceLine> = self
            .presence
            .unsaved
            .drain(..)
            .map(|c| to_line(&c))
            .collect();
        if let Err(e) = self.store.add_presence_history(&lines).await {
            tracing::warn!(error = %e, "presence history not kept");
        }
        if let Some(memory) = self.presence.memory_dirty.take() {
            match serde_json::to_string(&memory) {
                Ok(json) => {
                    if let Err(e) = self.store.save_presence_memory(&json).await {
                        tracing::warn!(error = %e, "presence memory not kept");
                        self.presence.memory_dirty = Some(memory);
                    }
                }
                Err(e) => tracing::error!(error = %e, "presence memory not serialisable"),
            }
        }
    }

    /// At start: the history shown, and the memory of calls a stop cut
    /// short (none of them goes on: the desk closed them).
    pub(crate) async fn presence_restore(&mut self) {
        if let Ok(lines) = self.store.presence_history(SHOWN).await {
            self.presence.history = lines.iter().filter_map(from_line).collect();
        }
        let memory = match self.store.presence_memory().await {
            Ok(Some(json)) => serde_json::from_str::<PresenceMemory>(&json).ok(),
            _ => None,
        };
        if let Some(memory) = memory.filter(|m| m.before.is_some() || !m.calls.is_empty()) {
            tracing::info!(
                calls = memory.calls.len(),
                "presence: calls cut short by a stop end now"
            );
            let at = self.clock.now();
            self.presence_step(PresenceInput::Restore {
                memory,
                live_calls: Vec::new(),
                at,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_history_line_round_trips_through_the_store() {
        let causes = [
            ChangeCause::Agent,
            ChangeCause::Supervisor,
            ChangeCause::PushTimeout,
            ChangeCause::DeclinedWork,
            ChangeCause::Platform,
            ChangeCause::Login,
            ChangeCause::Followed,
            ChangeCause::CallStart,
            ChangeCause::CallEnd,
            ChangeCause::Reconcile,
            ChangeCause::Read,
        ];
        let values = [
            PresenceValue::Crm { status: None },
            PresenceValue::Crm {
                status: Some("Lunch_Break".into()),
            },
            PresenceValue::Phone {
                status: PhoneStatus::Platform {
                    name: "Training".into(),
                },
            },
            PresenceValue::Phone {
                status: PhoneStatus::AfterCallWork,
            },
        ];
        let notes = [
            None,
            Some(ChangeNote::KeptForAfterCall),
            Some(ChangeNote::Outdated),
            Some(ChangeNote::NotApplied),
        ];
        for (i, cause) in causes.iter().enumerate() {
            let c = PresenceChange {
                at: Millis(i as i64),
                to: values[i % values.len()].clone(),
                cause: *cause,
                note: notes[i % notes.len()],
            };
            assert_eq!(from_line(&to_line(&c)), Some(c));
        }
        let bad = PresenceLine {
            at: 1,
            side: "Phone".into(),
            status: Some("Lunch".into()),
            cause: "Agent".into(),
            note: None,
        };
        assert_eq!(from_line(&bad), None);
    }
}
