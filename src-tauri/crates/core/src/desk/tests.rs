#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use super::*;
use crate::decision::{DecisionReason, Writer};
use proptest::prelude::*;

fn id(s: &str) -> CallId {
    CallId(s.into())
}

fn ring(desk: &mut Desk, call: &str, at: i64) -> Vec<Effect> {
    let signal = CallSignal::Incoming {
        from: "+13108675309".into(),
        queue: false,
        queue_name: None,
    };
    desk.handle(
        Input::Call {
            id: id(call),
            signal,
        },
        Millis(at),
    )
    .unwrap()
}

fn signal(desk: &mut Desk, call: &str, s: CallSignal, at: i64) -> Vec<Effect> {
    desk.handle(
        Input::Call {
            id: id(call),
            signal: s,
        },
        Millis(at),
    )
    .unwrap()
}

fn hangup() -> CallSignal {
    CallSignal::Hangup {
        reason: None,
        by: None,
    }
}

fn finished(fx: &[Effect]) -> Option<&FinishedCall> {
    fx.iter().find_map(|e| match e {
        Effect::CallFinished(f) => Some(f.as_ref()),
        _ => None,
    })
}

fn open_desk(settings: Settings) -> Desk {
    let mut d = Desk::new(settings);
    d.handle(Input::Login(LoginEvent::CompanionOpened), Millis(0))
        .unwrap();
    d
}

fn visible(desk: &Desk, call: &str) -> bool {
    desk.live_calls()
        .find(|c| c.id == id(call))
        .is_some_and(|c| c.checkbox_visible)
}

/// The agent's own decline counts, whoever the phone says hung up.
#[test]
fn a_decline_the_agent_asked_for_is_a_decline() {
    use crate::call_end::CallEnd;
    use crate::signal::EndedBy;
    let cases = [
        (true, Some(EndedBy::FarEnd), CallEnd::Declined),
        (true, None, CallEnd::Declined),
        (false, Some(EndedBy::FarEnd), CallEnd::Abandoned),
        (false, None, CallEnd::Missed),
    ];
    for (asked, by, want) in cases {
        let mut desk = open_desk(Settings::default());
        ring(&mut desk, "r", 1);
        if asked {
            desk.handle(Input::HangupRequested { id: id("r") }, Millis(2))
                .unwrap();
        }
        let fx = signal(&mut desk, "r", CallSignal::Hangup { reason: None, by }, 3);
        let f = finished(&fx).expect("finished");
        assert_eq!(f.session.end(), Some(want), "asked={asked} by={by:?}");
    }
    let mut desk = open_desk(Settings::default());
    assert!(desk
        .handle(Input::HangupRequested { id: id("nobody") }, Millis(1))
        .is_err());
}

#[test]
fn dnl2_visible_in_ringing_answered_hold_and_dialback_only() {
    let mut d = open_desk(Settings::default());
    ring(&mut d, "a", 1);
    assert!(visible(&d, "a"), "Ringing");
    signal(&mut d, "a", CallSignal::Answered, 2);
    assert!(visible(&d, "a"), "Answered");
    signal(&mut d, "a", CallSignal::Held, 3);
    assert!(visible(&d, "a"), "Hold");
    signal(&mut d, "a", CallSignal::Resumed, 4);
    assert!(visible(&d, "a"), "Answered again");
    let fx = signal(&mut d, "a", hangup(), 5);
    assert!(!visible(&d, "a"), "Ended: no live call, no checkbox");
    assert!(finished(&fx).is_some());

    signal(
        &mut d,
        "b",
        CallSignal::Dialing {
            to: "+441632960123".into(),
            dialback: true,
        },
        6,
    );
    assert!(visible(&d, "b"), "Dialback");
    signal(
        &mut d,
        "c",
        CallSignal::Dialing {
            to: "+441632960124".into(),
            dialback: false,
        },
        7,
    );
    assert!(!visible(&d, "c"), "plain Outbound is not a DNL-2 phase");
}

#[test]
fn dnl1_hidden_when_the_option_is_off_or_the_agent_is_in_the_crm() {
    let mut d = open_desk(Settings {
        show_do_not_save: false,
        ..Settings::default()
    });
    ring(&mut d, "a", 1);
    assert!(!visible(&d, "a"));
    assert_eq!(
        d.handle(Input::ToggleDoNotLog { id: id("a") }, Millis(2)),
        Err(DeskError::CheckboxNotOffered {
            id: id("a"),
            phase: Phase::Ringing
        })
    );

    let mut d = open_desk(Settings::default());
    d.handle(Input::Login(LoginEvent::CrmOrgLogin), Millis(1))
        .unwrap();
    ring(&mut d, "a", 2);
    assert!(!visible(&d, "a"), "logged in to the CRM");
    // LOG-1 row 3: shown only after the logout (presence Logout).
    let fx = d
        .handle(Input::Login(LoginEvent::CrmPresenceLogout), Millis(3))
        .unwrap();
    assert!(visible(&d, "a"));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Checkbox { id: i, visible: true, ticked: false, .. } if *i == id("a")
    )));
}

#[test]
fn dnl3_dnl4_dnl6_the_state_at_the_end_decides_and_each_change_goes_to_the_acd() {
    for (toggles, want) in [
        (0, DecisionReason::CompanionLogs),
        (1, DecisionReason::AgentChoseDoNotLog),
        (2, DecisionReason::CompanionLogs),
        (3, DecisionReason::AgentChoseDoNotLog),
    ] {
        let mut d = open_desk(Settings::default());
        ring(&mut d, "a", 1);
        signal(&mut d, "a", CallSignal::Answered, 2);
        let mut sent = Vec::new();
        for i in 0..toggles {
            let fx = d
                .handle(Input::ToggleDoNotLog { id: id("a") }, Millis(3 + i))
                .unwrap();
            sent.extend(fx.into_iter().filter_map(|e| match e {
                Effect::DoNotLogToAcd { ticked, .. } => Some(ticked),
                _ => None,
            }));
        }
        let expected: Vec<bool> = (0..toggles).map(|i| i % 2 == 0).collect();
        assert_eq!(
            sent, expected,
            "DNL-6: one message per change, toggles={toggles}"
        );
        let fx = signal(&mut d, "a", hangup(), 10);
        assert_eq!(
            finished(&fx).unwrap().decision.reason,
            want,
            "toggles={toggles}"
        );
    }
}

#[test]
fn dnl5_reset_to_the_default_after_the_call() {
    for default in [false, true] {
        let mut d = open_desk(Settings {
            default_do_not_log: default,
            ..Settings::default()
        });
        ring(&mut d, "a", 1);
        d.handle(
            Input::SetDoNotLog {
                id: id("a"),
                ticked: !default,
            },
            Millis(2),
        )
        .unwrap();
        signal(&mut d, "a", hangup(), 3);
        ring(&mut d, "b", 4);
        let b = d.live_calls().next().unwrap();
        assert_eq!(b.do_not_log, default, "default={default}");
        let fx = signal(&mut d, "b", hangup(), 5);
        let want = if default {
            DecisionReason::DefaultDoNotLog
        } else {
            DecisionReason::CompanionLogs
        };
        assert_eq!(finished(&fx).unwrap().decision.reason, want);
    }
}

#[test]
fn dnl7_ringing_raises_an_alert_outbound_does_not() {
    let mut d = open_desk(Settings::default());
    let fx = ring(&mut d, "a", 1);
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::RingingAlert { id: i, .. } if i == &id("a"))));
    let fx = signal(
        &mut d,
        "b",
        CallSignal::Dialing {
            to: "1".into(),
            dialback: true,
        },
        2,
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::RingingAlert { .. })));
}

#[test]
fn dnl8_a_do_not_log_call_has_no_writer_but_still_finishes() {
    let mut d = open_desk(Settings::default());
    ring(&mut d, "a", 1);
    d.handle(
        Input::SetDoNotLog {
            id: id("a"),
            ticked: true,
        },
        Millis(2),
    )
    .unwrap();
    let fx = signal(&mut d, "a", hangup(), 3);
    let f = finished(&fx).unwrap();
    assert_eq!(f.decision.writer(), None);
    assert_eq!(f.session.phase(), Phase::Missed);
}

#[test]
fn log1_row3_crm_logout_mid_call_hands_logging_to_the_companion() {
    let mut d = open_desk(Settings::default());
    d.handle(Input::Login(LoginEvent::CrmOrgLogin), Millis(1))
        .unwrap();
    ring(&mut d, "a", 2);
    signal(&mut d, "a", CallSignal::Answered, 3);
    d.handle(Input::Login(LoginEvent::CrmOrgLogout), Millis(4))
        .unwrap();
    let fx = signal(&mut d, "a", hangup(), 5);
    let f = finished(&fx).unwrap();
    assert_eq!(f.decision.writer(), Some(Writer::Companion));
    // STATE-4: the phases remember the login state each was entered under.
    let crm: Vec<_> = f.session.phases.iter().map(|p| p.login.crm).collect();
    use crate::login::CrmLogin::*;
    assert_eq!(crm, vec![LoggedIn, LoggedIn, LoggedOut]);
}

#[test]
fn nonsense_from_a_connector_is_recorded_not_fatal() {
    let mut d = open_desk(Settings::default());
    let fx = signal(&mut d, "ghost", CallSignal::Held, 1);
    assert!(matches!(fx.as_slice(), [Effect::Anomaly { .. }]));
    ring(&mut d, "a", 2);
    let fx = signal(&mut d, "a", CallSignal::Held, 3);
    assert!(matches!(fx.as_slice(), [Effect::Anomaly { .. }]));
    let a = d.live_calls().next().unwrap();
    assert_eq!((a.phase, a.anomalies), (Phase::Ringing, 1));
}

#[test]
fn live_calls_are_bounded() {
    let mut d = open_desk(Settings::default());
    for i in 0..100 {
        ring(&mut d, &format!("c{i}"), i);
    }
    assert_eq!(d.live_calls().count(), MAX_LIVE_CALLS);
}

// ---- properties over random event sequences ----

#[derive(Debug, Clone)]
enum Step {
    Signal(u8, CallSignal),
    Login(LoginEvent),
    Toggle(u8),
    Settings(Settings),
}

fn signal_strategy() -> impl Strategy<Value = CallSignal> {
    prop_oneof![
        any::<bool>().prop_map(|queue| CallSignal::Incoming {
            from: "+13108675309".into(),
            queue,
            queue_name: queue.then(|| "Support".into()),
        }),
        any::<bool>().prop_map(|dialback| CallSignal::Dialing {
            to: "+4930901820".into(),
            dialback
        }),
        Just(CallSignal::Answered),
        Just(CallSignal::Held),
        Just(CallSignal::Resumed),
        proptest::option::of(proptest::sample::select(vec![
            crate::signal::EndedBy::Agent,
            crate::signal::EndedBy::FarEnd,
            crate::signal::EndedBy::Platform,
        ]))
        .prop_map(|by| CallSignal::Hangup { reason: None, by }),
        Just(CallSignal::AcdTaskUrl {
            url: "https://acd.example/t/1".into()
        }),
    ]
}

fn settings_strategy() -> impl Strategy<Value = Settings> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(a, b, c, d, e)| Settings {
            show_do_not_save: a,
            default_do_not_log: b,
            acd_config1_missed_queue_calls: c,
            acd_config2_inbound_while_logged_out: d,
            presence_logout_check: e,
            ..Settings::default()
        })
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0u8..4, signal_strategy()).prop_map(|(c, s)| Step::Signal(c, s)),
        2 => proptest::sample::select(LoginEvent::ALL.to_vec()).prop_map(Step::Login),
        2 => (0u8..4).prop_map(Step::Toggle),
        1 => settings_strategy().prop_map(Step::Settings),
    ]
}

/// An independent reading of the spec, built only from the effects the desk
/// emits (what the UI and the ACD were told) and the inputs given to it.
#[derive(Default)]
struct Model {
    settings: Settings,
    login: LoginState,
    /// Per live call: its phase, what the screen was told (visible,
    /// ticked), and the checkbox value as the ACD was told it (DNL-6).
    calls: std::collections::HashMap<CallId, (Phase, (bool, bool), bool)>,
}

/// DNL-1 and DNL-2 as the spec words them.
fn spec_visible(settings: &Settings, login: LoginState, phase: Phase) -> bool {
    let dnl2_phase = [
        Phase::Ringing,
        Phase::Answered,
        Phase::Hold,
        Phase::Dialback,
    ]
    .contains(&phase);
    settings.show_do_not_save
        && login.crm == crate::login::CrmLogin::LoggedOut
        && login.companion == crate::login::CompanionLogin::LoggedIn
        && dnl2_phase
}

impl Model {
    /// Checks one input's effects, then takes them in.
    fn observe(
        &mut self,
        input: &Input,
        result: &Result<Vec<Effect>, DeskError>,
    ) -> Result<(), TestCaseError> {
        use crate::login::{CompanionLogin, CrmLogin};
        if let Input::Settings(s) = input {
            self.settings = s.clone();
        }
        // DNL-3/DNL-7: the agent may change the box exactly while it is shown.
        if let Input::ToggleDoNotLog { id } = input {
            let shown = self.calls.get(id).map(|c| c.1 .0);
            match (shown, result) {
                (Some(true), Ok(fx)) => {
                    let (_, _, acd) = self.calls[id];
                    let sent: Vec<_> = fx
                        .iter()
                        .filter_map(|e| match e {
                            Effect::DoNotLogToAcd { id: i, ticked } if i == id => Some(*ticked),
                            _ => None,
                        })
                        .collect();
                    prop_assert_eq!(sent, vec![!acd], "DNL-6: each change goes to the ACD once");
                }
                (Some(false) | None, Err(_)) => {}
                (shown, r) => {
                    prop_assert!(false, "toggle on a box shown={:?} answered {:?}", shown, r)
                }
            }
        }
        let Ok(fx) = result else { return Ok(()) };
        for e in fx {
            match e {
                Effect::CallStarted(live) => {
                    let v = &live.view;
                    prop_assert_eq!(v.do_not_log, self.settings.default_do_not_log, "DNL-5");
                    self.calls.insert(
                        v.id.clone(),
                        (v.phase, (v.checkbox_visible, v.do_not_log), v.do_not_log),
                    );
                }
                Effect::PhaseChanged { id, phase, .. } => {
                    if let Some(c) = self.calls.get_mut(id) {
                        c.0 = *phase;
                    }
                }
                Effect::Checkbox {
                    id,
                    visible,
                    ticked,
                    ..
                } => {
                    if let Some(c) = self.calls.get_mut(id) {
                        c.1 = (*visible, *ticked);
                    }
                }
                Effect::DoNotLogToAcd { id, ticked } => {
                    if let Some(c) = self.calls.get_mut(id) {
                        c.2 = *ticked;
                    }
                }
                Effect::Login { state, .. } => self.login = *state,
                Effect::CallFinished(f) => {
                    let Some((_, _, ticked)) = self.calls.remove(&f.session.id) else {
                        prop_assert!(false, "finished a call never started");
                        return Ok(());
                    };
                    prop_assert!(f.session.phase().is_final());
                    let writer = f.decision.writer();
                    match (self.login.crm, self.login.companion) {
                        // LOG-1 rows 2 and 3: the CRM softphone logs (LOG-3).
                        (CrmLogin::LoggedIn, _) => {
                            prop_assert_eq!(writer, Some(Writer::CrmSoftphone))
                        }
                        // Row 4: the companion logs unless the box said not to (DNL-4, DNL-8).
                        (CrmLogin::LoggedOut, CompanionLogin::LoggedIn) => {
                            let not_logged = self.settings.show_do_not_save && ticked;
                            let want = if not_logged {
                                None
                            } else {
                                Some(Writer::Companion)
                            };
                            prop_assert_eq!(writer, want, "DNL-4: the box at the end decides");
                        }
                        // Row 1: nobody at a desk app; only the ACD may log.
                        (CrmLogin::LoggedOut, CompanionLogin::LoggedOut) => {
                            prop_assert!(
                                matches!(writer, None | Some(Writer::AcdService)),
                                "row 1: {:?}",
                                writer
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        // What the screen was told matches the spec for every live call.
        for (id, (phase, (visible, _), _)) in &self.calls {
            prop_assert_eq!(
                *visible,
                spec_visible(&self.settings, self.login, *phase),
                "DNL-1/2 told for {:?} in {:?}",
                id,
                phase
            );
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The effects checked against the model: LOG-1's writers, DNL-1/2 (what
    /// the screen is told), DNL-3/6 (changes only while shown, each sent
    /// once), DNL-4/8 (the box at the end decides), DNL-5 (each call starts
    /// at the default) and LOG-2 (every started call ends decided, once).
    #[test]
    fn random_sequences_keep_the_invariants(steps in proptest::collection::vec(step_strategy(), 0..80)) {
        let mut d = Desk::new(Settings::default());
        let mut model = Model { settings: Settings::default(), ..Model::default() };
        let mut started = 0usize;
        let mut finished_n = 0usize;
        let mut t = 0;
        let mut count = |fx: &Result<Vec<Effect>, DeskError>| {
            for e in fx.iter().flatten() {
                match e {
                    Effect::CallStarted(_) => started += 1,
                    Effect::CallFinished(_) => finished_n += 1,
                    _ => {}
                }
            }
        };
        for step in steps {
            t += 7;
            let input = match step {
                Step::Signal(c, s) => Input::Call { id: CallId(format!("c{c}")), signal: s },
                Step::Login(e) => Input::Login(e),
                Step::Toggle(c) => Input::ToggleDoNotLog { id: CallId(format!("c{c}")) },
                Step::Settings(s) => Input::Settings(s),
            };
            let result = d.handle(input.clone(), Millis(t));
            model.observe(&input, &result)?;
            count(&result);
        }
        // Hang up whatever is still live: every started call must then be decided once.
        let live: Vec<CallId> = model.calls.keys().cloned().collect();
        for id in live {
            t += 1;
            let input = Input::Call { id, signal: CallSignal::Hangup { reason: None, by: None } };
            let result = d.handle(input.clone(), Millis(t));
            prop_assert!(result.is_ok());
            model.observe(&input, &result)?;
            count(&result);
        }
        prop_assert_eq!(started, finished_n, "LOG-2: one decision per call");
        prop_assert!(model.calls.is_empty());
        prop_assert_eq!(d.live_calls().count(), 0);
    }
}
