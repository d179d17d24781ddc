//! Scenario files: one step per line, an optional `+delay` first.
//!
//! ```text
//! # comments and blank lines are ignored
//! settings show_do_not_save=on default_do_not_log=off
//! companion open
//! +1s    ring c1 from +13108675309 queue
//! +2s    answer c1
//! +500ms tick c1
//! +3s    hold c1
//! +1s    resume c1
//! +10s   hangup c1 remote hung up
//! ```
//!
//! Verbs: `ring ID from NUMBER [queue [NAME…]]`, `dial ID to NUMBER`,
//! `dialback ID to NUMBER`, `answer|hold|resume ID`,
//! `hangup ID [by agent|caller|platform] [reason…]`,
//! `acd-url ID URL`, `tick|untick|toggle ID` (the agent's checkbox),
//! `crm login|logout|presence-logout|presence-available|tab-closed`,
//! `companion open|focus|close`, `settings FIELD=VALUE…`.

use ringside_core::{CallId, CallSignal, LoginEvent, Settings, SettingsError};

/// Longest delay one step may ask for: a typo must not stall a replay for days.
pub const MAX_DELAY_MS: i64 = 24 * 3_600 * 1_000;
/// Upper bound on a scenario's size, so a hostile file cannot exhaust memory.
pub const MAX_STEPS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepAction {
    /// A softphone event.
    Call {
        id: CallId,
        signal: CallSignal,
    },
    Login(LoginEvent),
    /// The agent sets (`Some`) or toggles (`None`) the checkbox.
    Checkbox {
        id: CallId,
        ticked: Option<bool>,
    },
    /// Settings changes, already validated against the field list.
    Settings(Vec<(String, String)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1-based line in the file, for messages.
    pub line: usize,
    pub delay_ms: i64,
    pub action: StepAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ScenarioError {
    pub line: usize,
    pub message: String,
}

impl Scenario {
    /// Applies a settings step to `base`, as a replay does.
    pub fn apply_settings(
        base: &Settings,
        pairs: &[(String, String)],
    ) -> Result<Settings, SettingsError> {
        base.with_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

/// Parses a whole scenario; the first bad line is reported with its number.
pub fn parse_scenario(text: &str) -> Result<Scenario, ScenarioError> {
    let mut steps = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        if steps.len() >= MAX_STEPS {
            return Err(err(line, format!("more than {MAX_STEPS} steps")));
        }
        steps.push(parse_line(line, content)?);
    }
    Ok(Scenario { steps })
}

fn err(line: usize, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        line,
        message: message.into(),
    }
}

fn parse_line(line: usize, content: &str) -> Result<Step, ScenarioError> {
    let mut words: Vec<&str> = content.split_whitespace().collect();
    let mut delay_ms = 0;
    if let Some(first) = words.first().and_then(|w| w.strip_prefix('+')) {
        delay_ms = parse_delay(first).ok_or_else(|| {
            err(
                line,
                format!("`+{first}` is not a delay; write e.g. +500ms, +2s or +1m (at most 24h)"),
            )
        })?;
        words.remove(0);
    }
    let (verb, args) = words
        .split_first()
        .ok_or_else(|| err(line, "a delay needs a step after it"))?;
    let action = parse_action(line, verb, args)?;
    Ok(Step {
        line,
        delay_ms,
        action,
    })
}

fn parse_delay(s: &str) -> Option<i64> {
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000)
    } else {
        return None;
    };
    let n: i64 = num.parse().ok()?;
    let ms = n.checked_mul(unit)?;
    (0..=MAX_DELAY_MS).contains(&ms).then_some(ms)
}

fn call_id(line: usize, verb: &str, args: &[&str]) -> Result<CallId, ScenarioError> {
    let id = args
        .first()
        .ok_or_else(|| err(line, format!("`{verb}` needs a call id")))?;
    if id.len() > 128 {
        return Err(err(line, "call id longer than 128 characters"));
    }
    Ok(CallId((*id).to_string()))
}

/// `VERB ID KEYWORD NUMBER`, e.g. `ring c1 from +1310…`.
fn number_after(
    line: usize,
    verb: &str,
    args: &[&str],
    keyword: &str,
) -> Result<String, ScenarioError> {
    match args {
        [_, k, number, ..] if *k == keyword => {
            if number.len() > 64 {
                return Err(err(line, "number longer than 64 characters"));
            }
            Ok((*number).to_string())
        }
        _ => Err(err(line, format!("write `{verb} ID {keyword} NUMBER`"))),
    }
}

fn no_more(line: usize, verb: &str, args: &[&str], expected: usize) -> Result<(), ScenarioError> {
    if args.len() > expected {
        return Err(err(
            line,
            format!("unexpected `{}` after `{verb}`", args[expected]),
        ));
    }
    Ok(())
}

fn parse_action(line: usize, verb: &str, args: &[&str]) -> Result<StepAction, ScenarioError> {
    let call = |signal| -> Result<StepAction, ScenarioError> {
        Ok(StepAction::Call {
            id: call_id(line, verb, args)?,
            signal,
        })
    };
    match verb {
        "ring" => {
            let from = number_after(line, verb, args, "from")?;
            // `ring <id> <number> queue [name…]`: the rest names the queue.
            let queue = match args.get(3) {
                None => false,
                Some(&"queue") => true,
                Some(other) => return Err(err(line, format!("unexpected `{other}`; only `queue` may follow the number"))),
            };
            let queue_name = (args.len() > 4).then(|| args[4..].join(" "));
            call(CallSignal::Incoming {
                from,
                queue,
                queue_name,
            })
        }
        "dial" | "dialback" => {
            let to = number_after(line, verb, args, "to")?;
            no_more(line, verb, args, 3)?;
            call(CallSignal::Dialing {
                to,
                dialback: verb == "dialback",
            })
        }
        "answer" | "hold" | "resume" => {
            no_more(line, verb, args, 1)?;
            call(match verb {
                "answer" => CallSignal::Answered,
                "hold" => CallSignal::Held,
                _ => CallSignal::Resumed,
            })
        }
        "hangup" => {
            // `hangup [by agent|caller|platform] [reason…]`; any other
            // words after `by` are the reason (free text).
            let who = match (args.get(1), args.get(2)) {
                (Some(&"by"), Some(&"agent")) => Some(ringside_core::EndedBy::Agent),
                (Some(&"by"), Some(&"caller")) => Some(ringside_core::EndedBy::FarEnd),
                (Some(&"by"), Some(&"platform")) => Some(ringside_core::EndedBy::Platform),
                _ => None,
            };
            let (by, rest) = (who, if who.is_some() { 3 } else { 1 });
            let reason = (args.len() > rest).then(|| args[rest..].join(" "));
            call(CallSignal::Hangup { reason, by })
        }
        "acd-url" => {
            let url = args
                .get(1)
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .ok_or_else(|| err(line, "write `acd-url ID http(s)://…`"))?;
            no_more(line, verb, args, 2)?;
            call(CallSignal::AcdTaskUrl {
                url: (*url).to_string(),
            })
        }
        "tick" | "untick" | "toggle" => {
            no_more(line, verb, args, 1)?;
            Ok(StepAction::Checkbox {
                id: call_id(line, verb, args)?,
                ticked: match verb {
                    "tick" => Some(true),
                    "untick" => Some(false),
                    _ => None,
                },
            })
        }
        "crm" => {
            no_more(line, verb, args, 1)?;
            let event = match args.first() {
                Some(&"login") => LoginEvent::CrmOrgLogin,
                Some(&"logout") => LoginEvent::CrmOrgLogout,
                Some(&"presence-logout") => LoginEvent::CrmPresenceLogout,
                Some(&"presence-available") => LoginEvent::CrmPresenceAvailable,
                Some(&"tab-closed") => LoginEvent::CrmTabClosed,
                _ => {
                    return Err(err(
                        line,
                        "write `crm login|logout|presence-logout|presence-available|tab-closed`",
                    ))
                }
            };
            Ok(StepAction::Login(event))
        }
        "companion" => {
            no_more(line, verb, args, 1)?;
            let event = match args.first() {
                Some(&"open") => LoginEvent::CompanionOpened,
                Some(&"focus") => LoginEvent::CompanionFocused,
                Some(&"close") => LoginEvent::CompanionClosed,
                _ => return Err(err(line, "write `companion open|focus|close`")),
            };
            Ok(StepAction::Login(event))
        }
        "settings" => {
            if args.is_empty() {
                return Err(err(line, "write `settings FIELD=on|off …`"));
            }
            let mut pairs = Vec::new();
            for a in args {
                let (k, v) = a
                    .split_once('=')
                    .ok_or_else(|| err(line, format!("`{a}` is not FIELD=VALUE")))?;
                pairs.push((k.to_string(), v.to_string()));
            }
            // Validate now, so a bad field fails the parse with its line.
            Scenario::apply_settings(&Settings::default(), &pairs)
                .map_err(|e| err(line, e.to_string()))?;
            Ok(StepAction::Settings(pairs))
        }
        other => Err(err(
            line,
            format!("unknown step `{other}` (ring, dial, dialback, answer, hold, resume, hangup, acd-url, tick, untick, toggle, crm, companion, settings)"),
        )),
    }
}

#[cfg(test)]
mod tests;
