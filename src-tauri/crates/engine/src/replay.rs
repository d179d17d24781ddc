//! `ringside replay`: a scenario through the pure core, printed step by step.

use ringside_core::redact::Pii;
use ringside_core::{Desk, Effect, Input, Millis, Phase, Settings, Writer};
use ringside_softphone::{Scenario, StepAction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayLine {
    pub at_ms: i64,
    pub line: usize,
    pub text: String,
}

impl std::fmt::Display for ReplayLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>4}.{:03}s  line {:<3}  {}",
            self.at_ms / 1000,
            self.at_ms % 1000,
            self.line,
            self.text
        )
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReplaySummary {
    pub calls: usize,
    pub by_companion: usize,
    pub by_crm: usize,
    pub by_acd: usize,
    pub not_logged: usize,
    pub still_live: usize,
}

impl std::fmt::Display for ReplaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} calls: {} for Ringside to log, {} for the CRM softphone, {} for the ACD service, {} not logged, {} still live",
            self.calls, self.by_companion, self.by_crm, self.by_acd, self.not_logged, self.still_live
        )
    }
}

fn checkbox(visible: bool, ticked: bool) -> &'static str {
    match (visible, ticked) {
        (false, _) => "checkbox hidden",
        (true, false) => "checkbox shown, unticked",
        (true, true) => "checkbox shown, TICKED",
    }
}

/// Replays the scenario from time zero with `settings`; numbers redacted
/// unless `reveal`.
pub fn replay(
    scenario: &Scenario,
    settings: Settings,
    reveal: bool,
) -> (Vec<ReplayLine>, ReplaySummary) {
    let mut desk = Desk::new(settings);
    let mut out = Vec::new();
    let mut summary = ReplaySummary::default();
    let mut t = 0i64;
    for step in &scenario.steps {
        t = t.saturating_add(step.delay_ms);
        let mut say = |text: String| {
            out.push(ReplayLine {
                at_ms: t,
                line: step.line,
                text,
            })
        };
        let input = match &step.action {
            StepAction::Call { id, signal } => Input::Call {
                id: id.clone(),
                signal: signal.clone(),
            },
            StepAction::Login(e) => Input::Login(*e),
            StepAction::Checkbox {
                id,
                ticked: Some(t),
            } => Input::SetDoNotLog {
                id: id.clone(),
                ticked: *t,
            },
            StepAction::Checkbox { id, ticked: None } => Input::ToggleDoNotLog { id: id.clone() },
            StepAction::Settings(pairs) => match Scenario::apply_settings(desk.settings(), pairs) {
                Ok(s) => Input::Settings(s),
                Err(e) => {
                    say(format!("settings refused: {e}"));
                    continue;
                }
            },
        };
        let effects = match desk.handle(input, Millis(t)) {
            Ok(fx) => fx,
            Err(e) => {
                say(format!("refused: {e}"));
                continue;
            }
        };
        for e in effects {
            match e {
                Effect::CallStarted(live) => {
                    let v = &live.view;
                    summary.calls += 1;
                    let way = if v.phase == Phase::Ringing {
                        "from"
                    } else {
                        "to"
                    };
                    say(format!(
                        "{}  {:<9} {way} {}  {}",
                        v.id,
                        v.phase.as_str(),
                        Pii {
                            value: &v.remote,
                            reveal
                        },
                        checkbox(v.checkbox_visible, v.do_not_log)
                    ));
                }
                Effect::PhaseChanged {
                    id,
                    phase,
                    live: Some(live),
                    ..
                } => {
                    let v = &live.view;
                    say(format!(
                        "{id}  {:<9} {}",
                        phase.as_str(),
                        checkbox(v.checkbox_visible, v.do_not_log)
                    ));
                }
                Effect::PhaseChanged { .. } => {}
                Effect::Checkbox {
                    id,
                    visible,
                    ticked,
                    ..
                } => say(format!("{id}  {}", checkbox(visible, ticked))),
                Effect::DoNotLogToAcd { id, ticked } => say(format!(
                    "{id}  do-not-log {} sent to the ACD",
                    if ticked { "on" } else { "off" }
                )),
                Effect::RingingAlert { .. } | Effect::SettingsChanged(_) => {}
                Effect::Anomaly { id, error, .. } => say(format!("{id}  ignored: {error}")),
                Effect::Login {
                    state,
                    changed: true,
                    ..
                } => say(format!(
                    "login: CRM {:?}, companion {:?}",
                    state.crm, state.companion
                )),
                Effect::Login {
                    event,
                    changed: false,
                    ..
                } => say(format!("login: {} (no change)", event.as_str())),
                Effect::CallFinished(f) => {
                    match f.decision.writer() {
                        Some(Writer::Companion) => summary.by_companion += 1,
                        Some(Writer::CrmSoftphone) => summary.by_crm += 1,
                        Some(Writer::AcdService) => summary.by_acd += 1,
                        None => summary.not_logged += 1,
                    }
                    say(format!(
                        "{}  {:<9} decision: {}",
                        f.session.id,
                        f.session.phase().as_str(),
                        f.decision.reason.describe()
                    ));
                }
            }
        }
    }
    for v in desk.live_calls() {
        summary.still_live += 1;
        out.push(ReplayLine {
            at_ms: t,
            line: 0,
            text: format!(
                "{}  still {} at the end of the scenario: no decision yet",
                v.id,
                v.phase.as_str()
            ),
        });
    }
    (out, summary)
}
