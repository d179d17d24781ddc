use proptest::prelude::*;

use super::*;
use crate::session::CallId;
use crate::time::Millis;

fn status(api: &str, channels: &[&str]) -> CrmPresenceStatus {
    CrmPresenceStatus {
        api_name: api.into(),
        label: api.replace('_', " "),
        channels: channels.iter().map(|c| c.to_string()).collect(),
    }
}

/// The demo org's statuses, with one that mixes voice and chat.
fn org() -> Vec<CrmPresenceStatus> {
    vec![
        status("Available_for_Calls", &["sfdc_phone"]),
        status("Online", &["sfdc_phone", "Case"]),
        status("Away_from_Desk", &[]),
        status("Lunch_Break", &[]),
        status("Chat_Only", &["sfdc_liveagent"]),
        status("On_a_Call", &[]),
        status("Everything", &["sfdc_phone", "sfdc_liveagent"]),
    ]
}

fn rule(crm: &str, phone: PhoneStatus) -> CrmRule {
    CrmRule {
        crm: crm.into(),
        phone,
    }
}

fn back(phone: PhoneStatus, crm: &str) -> PhoneRule {
    PhoneRule {
        phone,
        crm: crm.into(),
    }
}

fn mapping() -> PresenceMapping {
    PresenceMapping {
        enabled: true,
        to_phone: vec![
            rule("Available_for_Calls", PhoneStatus::Available),
            rule("Online", PhoneStatus::Available),
            rule("Away_from_Desk", PhoneStatus::Away),
            rule("Lunch_Break", PhoneStatus::Away),
            rule("Chat_Only", PhoneStatus::Busy),
        ],
        to_phone_default: PhoneStatus::Busy,
        crm_offline: PhoneStatus::Offline,
        to_crm: vec![
            back(PhoneStatus::Available, "Available_for_Calls"),
            back(PhoneStatus::Away, "Away_from_Desk"),
            back(PhoneStatus::Busy, "Away_from_Desk"),
        ],
        to_crm_default: None,
        on_call: Some("On_a_Call".into()),
        return_to_previous: true,
        next_status: None,
        ring_while_away: false,
    }
}

fn t(ms: i64) -> Millis {
    Millis(1_000_000 + ms)
}

fn crm(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn writes(effects: &[PresenceEffect]) -> Vec<PresenceEffect> {
    effects
        .iter()
        .filter(|e| {
            matches!(
                e,
                PresenceEffect::SetCrm { .. } | PresenceEffect::SetPhone { .. }
            )
        })
        .cloned()
        .collect()
}

fn set_crm(effects: &[PresenceEffect]) -> Option<(String, u64)> {
    effects.iter().find_map(|e| match e {
        PresenceEffect::SetCrm { status, tag } => Some((status.clone(), *tag)),
        _ => None,
    })
}

fn set_phone(effects: &[PresenceEffect]) -> Option<(PhoneStatus, u64)> {
    effects.iter().find_map(|e| match e {
        PresenceEffect::SetPhone { status, tag } => Some((status.clone(), *tag)),
        _ => None,
    })
}

fn crm_report(
    status: Option<String>,
    cause: ChangeCause,
    at: Millis,
    tag: Option<u64>,
) -> PresenceInput {
    PresenceInput::Crm {
        status,
        cause,
        at,
        tag,
    }
}

fn phone_report(
    status: PhoneStatus,
    cause: ChangeCause,
    at: Millis,
    tag: Option<u64>,
) -> PresenceInput {
    PresenceInput::Phone {
        status,
        cause,
        at,
        tag,
    }
}

/// A machine that has read both sides, consistent: CRM Available, phone
/// Available.
fn started(holds_phone: bool) -> PresenceSync {
    let mut p = PresenceSync::new(mapping(), holds_phone);
    p.step(phone_report(
        PhoneStatus::Available,
        ChangeCause::Read,
        t(0),
        None,
    ));
    let fx = p.step(crm_report(
        crm("Available_for_Calls"),
        ChangeCause::Read,
        t(1),
        None,
    ));
    assert!(writes(&fx).is_empty(), "consistent at start: {fx:?}");
    p
}

/// Applies every write at once, as the other side would, and returns
/// what that caused.
fn echo_all(p: &mut PresenceSync, fx: &[PresenceEffect], at: Millis) -> Vec<PresenceEffect> {
    let mut out = Vec::new();
    for e in fx {
        out.extend(match e {
            PresenceEffect::SetCrm { status, tag } => p.step(crm_report(
                Some(status.clone()),
                ChangeCause::Agent,
                at,
                Some(*tag),
            )),
            PresenceEffect::SetPhone { status, tag } => p.step(phone_report(
                status.clone(),
                ChangeCause::Agent,
                at,
                Some(*tag),
            )),
            _ => Vec::new(),
        });
    }
    out
}

#[test]
fn phone_status_codes_round_trip_and_refuse_anything_else() {
    let mut all = PhoneStatus::STANDARD.to_vec();
    all.push(PhoneStatus::Platform {
        name: "Training".into(),
    });
    for s in all {
        assert_eq!(PhoneStatus::from_code(&s.code()), Some(s));
    }
    for bad in ["", "available", "Platform:", "Platform:\u{7}", "On a Call"] {
        assert_eq!(PhoneStatus::from_code(bad), None, "{bad}");
    }
}

#[test]
fn pres_1_2_crm_statuses_map_to_telephony_many_to_one() {
    let m = mapping();
    for (crm_status, phone) in [
        (Some("Available_for_Calls"), PhoneStatus::Available),
        (Some("Online"), PhoneStatus::Available),
        (Some("Away_from_Desk"), PhoneStatus::Away),
        (Some("Lunch_Break"), PhoneStatus::Away),
        (Some("Chat_Only"), PhoneStatus::Busy),
        // Unmapped: the explicit default.
        (Some("Everything"), PhoneStatus::Busy),
        // Offline in the CRM.
        (None, PhoneStatus::Offline),
    ] {
        assert_eq!(m.phone_for(crm_status, false), phone, "{crm_status:?}");
    }
    for (phone, crm_status) in [
        (PhoneStatus::Available, Some("Available_for_Calls")),
        (PhoneStatus::Away, Some("Away_from_Desk")),
        (PhoneStatus::Busy, Some("Away_from_Desk")),
        // Unmapped, and the default leaves the CRM as it is.
        (PhoneStatus::AfterCallWork, None),
        (
            PhoneStatus::Platform {
                name: "Training".into(),
            },
            None,
        ),
    ] {
        assert_eq!(m.crm_for(&phone).as_deref(), crm_status, "{phone:?}");
    }
    let with_default = PresenceMapping {
        to_crm_default: crm("Lunch_Break"),
        ..mapping()
    };
    assert_eq!(
        with_default
            .crm_for(&PhoneStatus::Platform {
                name: "Training".into()
            })
            .as_deref(),
        Some("Lunch_Break")
    );
    assert!(org()
        .iter()
        .find(|s| s.api_name == "Away_from_Desk")
        .unwrap()
        .is_busy());
    assert!(!org()
        .iter()
        .find(|s| s.api_name == "Online")
        .unwrap()
        .is_busy());
}

#[test]
fn pres_3_on_a_call_is_never_a_crm_to_telephony_target_and_by_hand_means_away() {
    let m = mapping();
    assert_eq!(m.phone_for(Some("On_a_Call"), false), PhoneStatus::Away);
    assert_eq!(m.phone_for(Some("On_a_Call"), true), PhoneStatus::OnACall);
    for bad in [
        PresenceMapping {
            to_phone: vec![rule("Chat_Only", PhoneStatus::OnACall)],
            ..mapping()
        },
        PresenceMapping {
            to_phone_default: PhoneStatus::OnACall,
            ..mapping()
        },
        PresenceMapping {
            crm_offline: PhoneStatus::OnACall,
            ..mapping()
        },
    ] {
        let errors = bad.validate().unwrap_err();
        assert!(
            errors.iter().any(|e| e.message.contains("On a Call")),
            "{errors:?}"
        );
    }
    // The machine: an agent choosing "On a Call" in the CRM is Away.
    let mut p = started(true);
    let fx = p.step(crm_report(
        crm("On_a_Call"),
        ChangeCause::Agent,
        t(10),
        None,
    ));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
}

#[test]
fn pres_4_the_phone_going_offline_never_logs_the_agent_out_of_the_crm() {
    let m = mapping();
    assert_eq!(m.crm_for(&PhoneStatus::Offline), None);
    let bad = PresenceMapping {
        to_crm: vec![back(PhoneStatus::Offline, "Lunch_Break")],
        to_crm_default: crm("Lunch_Break"),
        ..mapping()
    };
    let errors = bad.validate().unwrap_err();
    assert_eq!(errors[0].field, "to_crm.0.phone");
    // Even with a default for unmapped statuses, Offline sets nothing.
    assert_eq!(bad.crm_for(&PhoneStatus::Offline), None);
    let mut p = started(false);
    let fx = p.step(phone_report(
        PhoneStatus::Offline,
        ChangeCause::Agent,
        t(10),
        None,
    ));
    assert!(writes(&fx).is_empty(), "{fx:?}");
    assert_eq!(p.crm(), Some(Some("Available_for_Calls")));
}

#[test]
fn pres_5_the_editor_warns_of_mixed_urgent_channels_and_names_every_default() {
    let w = mapping().warnings(&org());
    assert!(w.contains(&MappingWarning::MixedUrgentChannels {
        crm: "Everything".into(),
        channels: vec!["sfdc_phone".into(), "sfdc_liveagent".into()],
    }));
    // Voice with cases is not mixed: cases do not wait live.
    assert!(!w
        .iter()
        .any(|x| matches!(x, MappingWarning::MixedUrgentChannels { crm, .. } if crm == "Online")));
    assert!(w.contains(&MappingWarning::Unmapped {
        crm: "Everything".into(),
        becomes: PhoneStatus::Busy,
    }));
    let stale = PresenceMapping {
        to_phone: vec![rule("Retired_Status", PhoneStatus::Away)],
        on_call: crm("Available_for_Calls"),
        ..mapping()
    };
    let w = stale.warnings(&org());
    assert!(w.contains(&MappingWarning::UnknownCrmStatus {
        crm: "Retired_Status".into()
    }));
    assert!(w.contains(&MappingWarning::OnCallNotBusy {
        crm: "Available_for_Calls".into()
    }));
}

#[test]
fn validate_refuses_duplicates_and_blank_rules_beside_their_fields() {
    let m = PresenceMapping {
        to_phone: vec![
            rule("Online", PhoneStatus::Available),
            rule("Online", PhoneStatus::Away),
            rule(" ", PhoneStatus::Away),
        ],
        to_crm: vec![
            back(PhoneStatus::Away, "Lunch_Break"),
            back(PhoneStatus::Away, "Away_from_Desk"),
        ],
        ..mapping()
    };
    let fields: Vec<String> = m
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        ["to_phone.1.crm", "to_phone.2.crm", "to_crm.1.phone"]
    );
    assert_eq!(mapping().validate(), Ok(()));
}

#[test]
fn pres_6_return_to_previous_cannot_be_on_with_a_next_status() {
    let m = PresenceMapping {
        next_status: crm("Available_for_Calls"),
        ..mapping()
    };
    assert_eq!(m.validate().unwrap_err()[0].field, "next_status");
    let ok = PresenceMapping {
        return_to_previous: false,
        ..m
    };
    assert_eq!(ok.validate(), Ok(()));
}

/// PRES-6 through one call with wrap-up: the CRM goes busy, the phone is
/// On a Call, and afterwards both return to where they were — a break,
/// not Available.
#[test]
fn pres_6_after_the_call_and_wrap_up_both_sides_return_to_the_status_before() {
    let mut p = started(true);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(10),
        None,
    ));
    let fx = echo_all(&mut p, &fx, t(11));
    assert!(writes(&fx).is_empty());
    assert_eq!(p.phone(), Some(&PhoneStatus::Away));

    let call = CallId("c1".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(20),
    });
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("On_a_Call"));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::OnACall));
    let echoes = echo_all(&mut p, &fx, t(21));
    assert!(writes(&echoes).is_empty(), "no ping-pong: {echoes:?}");

    let fx = p.step(PresenceInput::CallEnded {
        call: call.clone(),
        wrap_up: true,
        at: t(30),
    });
    assert_eq!(
        set_phone(&fx).map(|w| w.0),
        Some(PhoneStatus::AfterCallWork)
    );
    assert_eq!(set_crm(&fx), None, "still busy in wrap-up");
    echo_all(&mut p, &fx, t(31));

    let fx = p.step(PresenceInput::WrapUpEnded { call, at: t(40) });
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("Lunch_Break"));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
    let echoes = echo_all(&mut p, &fx, t(41));
    assert!(writes(&echoes).is_empty());
    assert!(p.consistent());
    assert_eq!(p.crm(), Some(Some("Lunch_Break")));
}

#[test]
fn pres_6_overlapping_calls_return_to_the_status_before_the_first() {
    let mut p = started(true);
    let (a, b) = (CallId("a".into()), CallId("b".into()));
    let fx = p.step(PresenceInput::CallStarted {
        call: a.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    let fx = p.step(PresenceInput::CallStarted {
        call: b.clone(),
        at: t(12),
    });
    assert!(writes(&fx).is_empty(), "already on a call");
    let fx = p.step(PresenceInput::CallEnded {
        call: a,
        wrap_up: false,
        at: t(20),
    });
    assert!(writes(&fx).is_empty(), "the second call goes on");
    let fx = p.step(PresenceInput::CallEnded {
        call: b,
        wrap_up: false,
        at: t(30),
    });
    assert_eq!(
        set_crm(&fx).map(|w| w.0).as_deref(),
        Some("Available_for_Calls"),
        "not the On a Call status held while the first call went on"
    );
}

#[test]
fn pres_6_a_failed_outbound_call_returns_to_the_break_not_available() {
    let mut p = started(true);
    let fx = p.step(crm_report(
        crm("Away_from_Desk"),
        ChangeCause::Agent,
        t(5),
        None,
    ));
    echo_all(&mut p, &fx, t(6));
    let call = CallId("out".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    // Busy tone: no answer, no wrap-up.
    let fx = p.step(PresenceInput::CallEnded {
        call,
        wrap_up: false,
        at: t(12),
    });
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("Away_from_Desk"));
}

#[test]
fn pres_6_what_the_agent_or_a_supervisor_chose_during_the_call_applies_after_it() {
    for cause in [ChangeCause::Agent, ChangeCause::Supervisor] {
        let mut p = started(true);
        let call = CallId("c".into());
        let fx = p.step(PresenceInput::CallStarted {
            call: call.clone(),
            at: t(10),
        });
        echo_all(&mut p, &fx, t(11));
        let fx = p.step(crm_report(crm("Lunch_Break"), cause, t(15), None));
        assert!(
            writes(&fx).is_empty(),
            "not applied during the call: {fx:?}"
        );
        assert!(fx.iter().any(|e| matches!(e,
            PresenceEffect::Recorded(c) if c.note == Some(ChangeNote::KeptForAfterCall) && c.cause == cause)));
        let fx = p.step(PresenceInput::CallEnded {
            call,
            wrap_up: false,
            at: t(20),
        });
        // The CRM already says Lunch; the phone follows it, not "before".
        assert_eq!(set_crm(&fx), None);
        assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
    }
}

#[test]
fn pres_6_a_next_status_replaces_returning_to_previous() {
    let mut p = PresenceSync::new(
        PresenceMapping {
            return_to_previous: false,
            next_status: crm("Online"),
            ..mapping()
        },
        true,
    );
    p.step(phone_report(
        PhoneStatus::Away,
        ChangeCause::Read,
        t(0),
        None,
    ));
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Read,
        t(1),
        None,
    ));
    assert!(writes(&fx).is_empty());
    let call = CallId("c".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    let fx = p.step(PresenceInput::CallEnded {
        call,
        wrap_up: false,
        at: t(20),
    });
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("Online"));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Available));
}

#[test]
fn pres_6_survives_a_restart_mid_call() {
    let mut p = started(true);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(5),
        None,
    ));
    echo_all(&mut p, &fx, t(6));
    let fx = p.step(PresenceInput::CallStarted {
        call: CallId("c".into()),
        at: t(10),
    });
    let memory = fx
        .iter()
        .rev()
        .find_map(|e| match e {
            PresenceEffect::Remember(m) => Some(m.clone()),
            _ => None,
        })
        .expect("remembered");
    echo_all(&mut p, &fx, t(11));
    // Killed; started again, reading both sides as the call left them.
    // What was remembered comes first; the call's statuses read then are
    // not the agent's choice.
    let mut q = PresenceSync::new(mapping(), true);
    let fx = q.step(PresenceInput::Restore {
        memory,
        live_calls: vec![],
        at: t(100),
    });
    assert!(writes(&fx).is_empty(), "nothing is known yet: {fx:?}");
    let fx = q.step(phone_report(
        PhoneStatus::OnACall,
        ChangeCause::Read,
        t(101),
        None,
    ));
    assert!(writes(&fx).is_empty(), "{fx:?}");
    let fx = q.step(crm_report(
        crm("On_a_Call"),
        ChangeCause::Read,
        t(102),
        None,
    ));
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("Lunch_Break"));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
}

#[test]
fn an_agent_offline_in_the_crm_is_not_logged_in_by_a_call() {
    let mut p = started(true);
    p.step(crm_report(None, ChangeCause::Login, t(5), None));
    let fx = p.step(PresenceInput::CallStarted {
        call: CallId("c".into()),
        at: t(10),
    });
    assert_eq!(set_crm(&fx), None, "{fx:?}");
    let fx = p.step(PresenceInput::CallEnded {
        call: CallId("c".into()),
        wrap_up: false,
        at: t(20),
    });
    assert_eq!(
        set_crm(&fx),
        None,
        "Ringside never logs the agent out or in"
    );
}

#[test]
fn pres_7_turning_sync_on_heals_at_once() {
    let mut p = PresenceSync::new(
        PresenceMapping {
            enabled: false,
            ..mapping()
        },
        false,
    );
    p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Read,
        t(0),
        None,
    ));
    let fx = p.step(phone_report(
        PhoneStatus::Available,
        ChangeCause::Read,
        t(1),
        None,
    ));
    assert!(writes(&fx).is_empty(), "off: nothing is written");
    p.set_mapping(mapping());
    let fx = p.step(PresenceInput::Tick { now: t(2) });
    assert_eq!(
        set_phone(&fx).map(|w| w.0),
        Some(PhoneStatus::Away),
        "the CRM leads at start"
    );
}

#[test]
fn a_change_is_followed_once_and_its_echo_is_not_mapped_back() {
    let mut p = started(false);
    // The agent goes Busy on the phone; Busy → Away_from_Desk; the echo of
    // that CRM write maps to Away, which must not be pushed back.
    let fx = p.step(phone_report(
        PhoneStatus::Busy,
        ChangeCause::Agent,
        t(10),
        None,
    ));
    let (crm_set, tag) = set_crm(&fx).unwrap();
    assert_eq!(crm_set, "Away_from_Desk");
    let fx = p.step(crm_report(
        crm(&crm_set),
        ChangeCause::Agent,
        t(11),
        Some(tag),
    ));
    assert!(writes(&fx).is_empty(), "{fx:?}");
    assert_eq!(p.phone(), Some(&PhoneStatus::Busy));
    assert!(p.consistent());
    // Ticks do not disturb a settled state.
    for i in 0..5 {
        assert!(writes(&p.step(PresenceInput::Tick {
            now: t(2_000 + i * 1_000)
        }))
        .is_empty());
    }
}

#[test]
fn reports_older_than_the_current_status_are_history_not_truth() {
    let mut p = started(false);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(20),
        None,
    ));
    echo_all(&mut p, &fx, t(21));
    // A supervisor's change from before arrives late.
    let fx = p.step(crm_report(
        crm("Online"),
        ChangeCause::Supervisor,
        t(15),
        None,
    ));
    assert!(writes(&fx).is_empty());
    assert!(fx.iter().any(|e| matches!(e,
        PresenceEffect::Recorded(c) if c.note == Some(ChangeNote::Outdated))));
    assert_eq!(p.crm(), Some(Some("Lunch_Break")));
}

#[test]
fn an_unanswered_write_is_tried_again_then_given_up_and_sync_now_retries() {
    let mut p = started(false);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(10),
        None,
    ));
    let (_, first) = set_phone(&fx).unwrap();
    assert!(
        writes(&p.step(PresenceInput::Tick { now: t(500) })).is_empty(),
        "not yet"
    );
    let fx = p.step(PresenceInput::Tick { now: t(2_010) });
    let (status, second) = set_phone(&fx).unwrap();
    assert_eq!(status, PhoneStatus::Away);
    assert_ne!(first, second, "each try has its own tag");
    p.step(PresenceInput::WriteFailed {
        tag: second,
        at: t(2_100),
    });
    assert!(set_phone(&p.step(PresenceInput::Tick { now: t(2_200) })).is_some());
    let fx = p.step(PresenceInput::Tick { now: t(6_000) });
    assert!(fx.iter().any(|e| matches!(e,
        PresenceEffect::Recorded(c) if c.note == Some(ChangeNote::NotApplied))));
    assert!(
        writes(&p.step(PresenceInput::Tick { now: t(9_000) })).is_empty(),
        "given up"
    );
    let fx = p.step(PresenceInput::SyncNow { now: t(10_000) });
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
}

#[test]
fn a_platform_status_at_the_end_of_a_call_does_not_overrule_return_to_previous() {
    let mut p = started(false);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(5),
        None,
    ));
    echo_all(&mut p, &fx, t(6));
    let call = CallId("c".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    p.step(phone_report(
        PhoneStatus::OnACall,
        ChangeCause::Platform,
        t(12),
        None,
    ));
    let fx = p.step(PresenceInput::CallEnded {
        call,
        wrap_up: false,
        at: t(20),
    });
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
    // The platform's own "Available" from the moment the call ended.
    let late = p.step(phone_report(
        PhoneStatus::Available,
        ChangeCause::Platform,
        t(20),
        None,
    ));
    assert!(writes(&late).is_empty(), "{late:?}");
    echo_all(&mut p, &fx, t(22));
    assert_eq!(p.phone(), Some(&PhoneStatus::Away));
    assert_eq!(p.crm(), Some(Some("Lunch_Break")));
}

// ---- the property: any interleaving settles consistent, without loops ----

const CRM_STATUSES: [&str; 6] = [
    "Available_for_Calls",
    "Online",
    "Away_from_Desk",
    "Lunch_Break",
    "Chat_Only",
    "On_a_Call",
];

#[derive(Debug, Clone)]
enum Op {
    AgentCrm(usize),
    Supervisor(usize),
    PushTimeout,
    AgentPhone(usize),
    CallStart(u8),
    CallEnd(u8, bool),
    WrapUpEnd(u8),
    /// Deliver the oldest write in flight.
    Deliver,
    /// Lose the oldest write in flight.
    Drop,
    Tick,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..CRM_STATUSES.len()).prop_map(Op::AgentCrm),
        (0..CRM_STATUSES.len()).prop_map(Op::Supervisor),
        Just(Op::PushTimeout),
        (0..4usize).prop_map(Op::AgentPhone),
        (0..3u8).prop_map(Op::CallStart),
        (0..3u8, any::<bool>()).prop_map(|(c, w)| Op::CallEnd(c, w)),
        (0..3u8).prop_map(Op::WrapUpEnd),
        Just(Op::Deliver),
        Just(Op::Deliver),
        Just(Op::Drop),
        Just(Op::Tick),
    ]
}

const PHONES: [PhoneStatus; 4] = [
    PhoneStatus::Available,
    PhoneStatus::Away,
    PhoneStatus::Busy,
    PhoneStatus::Offline,
];

/// Both sides as they really are, and the writes on their way to them.
struct World {
    crm: Option<String>,
    phone: PhoneStatus,
    /// Each write with how many outside changes its side had when sent.
    queue: std::collections::VecDeque<(PresenceEffect, usize)>,
    writes: usize,
    /// Outside changes per side (CRM, phone).
    changed: [usize; 2],
    /// Writes that landed after an outside change to their side: the
    /// side's truth changed once more, which may be followed once.
    late: usize,
}

fn side_index(e: &PresenceEffect) -> usize {
    usize::from(matches!(e, PresenceEffect::SetPhone { .. }))
}

impl World {
    fn take(&mut self, fx: Vec<PresenceEffect>) {
        for e in fx {
            if matches!(
                e,
                PresenceEffect::SetCrm { .. } | PresenceEffect::SetPhone { .. }
            ) {
                self.writes += 1;
                let stamp = self.changed[side_index(&e)];
                self.queue.push_back((e, stamp));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any interleaving of agent, supervisor, telephony and call events,
    /// with lost writes, ends — once calls are over and a few reconcile
    /// ticks have run — with both sides as the machine believes them,
    /// consistent with the mapping, and with a bounded number of writes
    /// (no ping-pong: at most a few per change, call and lost write).
    #[test]
    fn any_interleaving_settles_consistent_without_loops(
        ops in prop::collection::vec(op(), 1..80),
        holds_phone in any::<bool>(),
    ) {
        let mut p = PresenceSync::new(mapping(), holds_phone);
        let mut w = World { crm: crm("Available_for_Calls"), phone: PhoneStatus::Available, queue: Default::default(), writes: 0, changed: [0, 0], late: 0 };
        let mut now = t(0);
        let fx = p.step(crm_report(w.crm.clone(), ChangeCause::Read, now, None));
        w.take(fx);
        let fx = p.step(phone_report(w.phone.clone(), ChangeCause::Read, now, None));
        w.take(fx);
        let mut live: Vec<u8> = Vec::new();
        let mut wrapping: Vec<u8> = Vec::new();
        let (mut changes, mut calls, mut drops) = (0usize, 0usize, 0usize);
        for o in ops {
            now = now.plus(37);
            let fx = match o {
                Op::AgentCrm(i) | Op::Supervisor(i) => {
                    changes += 1;
                    w.changed[0] += 1;
                    w.crm = crm(CRM_STATUSES[i]);
                    let cause = if matches!(o, Op::AgentCrm(_)) { ChangeCause::Agent } else { ChangeCause::Supervisor };
                    p.step(crm_report(w.crm.clone(), cause, now, None))
                }
                Op::PushTimeout => {
                    changes += 1;
                    w.changed[0] += 1;
                    w.crm = crm("Away_from_Desk");
                    p.step(crm_report(w.crm.clone(), ChangeCause::PushTimeout, now, None))
                }
                Op::AgentPhone(i) => {
                    changes += 1;
                    w.changed[1] += 1;
                    w.phone = PHONES[i].clone();
                    p.step(phone_report(w.phone.clone(), ChangeCause::Agent, now, None))
                }
                Op::CallStart(c) => {
                    if live.contains(&c) || wrapping.contains(&c) { continue; }
                    calls += 1;
                    live.push(c);
                    p.step(PresenceInput::CallStarted { call: CallId(c.to_string()), at: now })
                }
                Op::CallEnd(c, wrap_up) => {
                    let Some(i) = live.iter().position(|x| *x == c) else { continue };
                    live.remove(i);
                    if wrap_up { wrapping.push(c); }
                    p.step(PresenceInput::CallEnded { call: CallId(c.to_string()), wrap_up, at: now })
                }
                Op::WrapUpEnd(c) => {
                    let Some(i) = wrapping.iter().position(|x| *x == c) else { continue };
                    wrapping.remove(i);
                    p.step(PresenceInput::WrapUpEnded { call: CallId(c.to_string()), at: now })
                }
                Op::Deliver => deliver(&mut p, &mut w, now),
                Op::Drop => {
                    if w.queue.pop_front().is_some() { drops += 1; }
                    continue;
                }
                Op::Tick => p.step(PresenceInput::Tick { now }),
            };
            w.take(fx);
        }
        // Calls end; everything on its way arrives; reconcile runs.
        for c in live.drain(..) {
            now = now.plus(37);
            let fx = p.step(PresenceInput::CallEnded { call: CallId(c.to_string()), wrap_up: false, at: now });
            w.take(fx);
        }
        for c in wrapping.drain(..) {
            now = now.plus(37);
            let fx = p.step(PresenceInput::WrapUpEnded { call: CallId(c.to_string()), at: now });
            w.take(fx);
        }
        for _ in 0..8 {
            while !w.queue.is_empty() {
                now = now.plus(5);
                let fx = deliver(&mut p, &mut w, now);
                w.take(fx);
            }
            now = now.plus(super::sync::WRITE_TIMEOUT_MS);
            let fx = p.step(PresenceInput::Tick { now });
            w.take(fx);
        }
        prop_assert!(w.queue.is_empty(), "still writing after settling: {:?}", w.queue);
        prop_assert_eq!(p.crm(), Some(w.crm.as_deref()), "no drift on the CRM side");
        prop_assert_eq!(p.phone(), Some(&w.phone), "no drift on the phone side");
        prop_assert!(p.consistent(), "crm {:?} phone {:?}", w.crm, w.phone);
        // At most one follow per change (or late landing), five per call
        // (busy and On a Call; After Call Work; both back), one retry per
        // lost write.
        let bound = changes + w.late + 5 * calls + drops;
        prop_assert!(w.writes <= bound, "{} writes for {} changes, {} late, {} calls, {} drops", w.writes, changes, w.late, calls, drops);
    }
}

/// The oldest write arrives: the side takes it and reports it with its tag.
fn deliver(p: &mut PresenceSync, w: &mut World, now: Millis) -> Vec<PresenceEffect> {
    let Some((e, stamp)) = w.queue.pop_front() else {
        return Vec::new();
    };
    if w.changed[side_index(&e)] > stamp {
        w.late += 1;
    }
    match Some(e) {
        Some(PresenceEffect::SetCrm { status, tag }) => {
            w.crm = Some(status.clone());
            p.step(crm_report(Some(status), ChangeCause::Agent, now, Some(tag)))
        }
        Some(PresenceEffect::SetPhone { status, tag }) => {
            w.phone = status.clone();
            p.step(phone_report(status, ChangeCause::Agent, now, Some(tag)))
        }
        _ => Vec::new(),
    }
}

#[test]
fn a_call_still_going_on_after_a_restart_is_still_a_call() {
    let mut p = started(true);
    let fx = p.step(PresenceInput::CallStarted {
        call: CallId("c".into()),
        at: t(10),
    });
    let memory = p.memory().clone();
    echo_all(&mut p, &fx, t(11));
    let mut q = PresenceSync::new(mapping(), true);
    q.step(PresenceInput::Restore {
        memory,
        live_calls: vec![CallId("c".into())],
        at: t(100),
    });
    q.step(phone_report(
        PhoneStatus::OnACall,
        ChangeCause::Read,
        t(101),
        None,
    ));
    let fx = q.step(crm_report(
        crm("On_a_Call"),
        ChangeCause::Read,
        t(102),
        None,
    ));
    assert!(writes(&fx).is_empty(), "{fx:?}");
    let fx = q.step(PresenceInput::CallEnded {
        call: CallId("c".into()),
        wrap_up: false,
        at: t(200),
    });
    assert_eq!(
        set_crm(&fx).map(|w| w.0).as_deref(),
        Some("Available_for_Calls")
    );
}

#[test]
fn pres_6_a_phone_led_status_before_the_call_is_not_remapped_afterwards() {
    // Busy on the phone set Away_from_Desk in the CRM, which maps back to
    // Away: after the call both return as they were, and stay so.
    let mut p = started(true);
    let fx = p.step(phone_report(
        PhoneStatus::Busy,
        ChangeCause::Agent,
        t(5),
        None,
    ));
    echo_all(&mut p, &fx, t(6));
    let call = CallId("c".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    let fx = p.step(PresenceInput::CallEnded {
        call,
        wrap_up: false,
        at: t(20),
    });
    echo_all(&mut p, &fx, t(21));
    for i in 0..4 {
        let fx = p.step(PresenceInput::Tick {
            now: t(3_000 + i * 1_000),
        });
        assert!(writes(&fx).is_empty(), "{fx:?}");
    }
    assert_eq!(p.phone(), Some(&PhoneStatus::Busy));
    assert_eq!(p.crm(), Some(Some("Away_from_Desk")));
}

#[test]
fn pres_6_a_memory_restored_before_sync_is_on_returns_the_agent_once_it_is() {
    let memory = PresenceMemory {
        before: Some(Held {
            crm: crm("Lunch_Break"),
            phone: PhoneStatus::Away,
            leader: Side::Crm,
        }),
        calls: vec![CallMark {
            call: CallId("gone".into()),
            wrapping_up: false,
        }],
        after: None,
    };
    let mut p = PresenceSync::new(
        PresenceMapping {
            enabled: false,
            ..mapping()
        },
        true,
    );
    p.step(PresenceInput::Restore {
        memory,
        live_calls: vec![],
        at: t(0),
    });
    p.step(phone_report(
        PhoneStatus::OnACall,
        ChangeCause::Read,
        t(1),
        None,
    ));
    let fx = p.step(crm_report(crm("On_a_Call"), ChangeCause::Read, t(2), None));
    assert!(writes(&fx).is_empty(), "off: nothing is written");
    p.set_mapping(mapping());
    let fx = p.step(PresenceInput::Tick { now: t(3) });
    assert_eq!(set_crm(&fx).map(|w| w.0).as_deref(), Some("Lunch_Break"));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
}

#[test]
fn co_occurring_changes_are_ordered_by_time_not_arrival() {
    // The agent sets the phone Offline at 100 (PRES-4: nothing is written
    // to the CRM); a push timeout from 90 arrives after it: the phone's
    // later change still leads, and the phone stays Offline.
    let mut p = started(false);
    let fx = p.step(phone_report(
        PhoneStatus::Offline,
        ChangeCause::Agent,
        t(100),
        None,
    ));
    assert!(writes(&fx).is_empty());
    let fx = p.step(crm_report(
        crm("Chat_Only"),
        ChangeCause::PushTimeout,
        t(90),
        None,
    ));
    assert!(
        set_phone(&fx).is_none(),
        "the older CRM change does not move the phone: {fx:?}"
    );
    assert_eq!(p.phone(), Some(&PhoneStatus::Offline));
    assert_eq!(p.crm(), Some(Some("Chat_Only")), "but it is known");
    // A CRM change after the phone's leads again.
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(120),
        None,
    ));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
}

#[test]
fn a_write_that_landed_is_not_sent_again_and_a_mislabelled_report_confirms_nothing() {
    let mut p = started(false);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(10),
        None,
    ));
    let (_, tag) = set_phone(&fx).unwrap();
    // The phone reports another value under our tag: not our write's echo.
    p.step(phone_report(
        PhoneStatus::Busy,
        ChangeCause::Platform,
        t(11),
        Some(tag),
    ));
    assert_eq!(p.in_flight(), 1, "still waiting for Away");
    // Away lands without an answer (seen on a read): no retry.
    p.step(phone_report(
        PhoneStatus::Away,
        ChangeCause::Read,
        t(12),
        None,
    ));
    let fx = p.step(PresenceInput::Tick { now: t(5_000) });
    assert!(writes(&fx).is_empty(), "{fx:?}");
}

#[test]
fn sync_turned_off_mid_call_leaves_no_call_that_never_ends() {
    let mut p = started(true);
    let call = CallId("c".into());
    let fx = p.step(PresenceInput::CallStarted {
        call: call.clone(),
        at: t(10),
    });
    echo_all(&mut p, &fx, t(11));
    p.set_mapping(PresenceMapping {
        enabled: false,
        ..mapping()
    });
    p.step(PresenceInput::CallEnded {
        call,
        wrap_up: false,
        at: t(20),
    });
    p.set_mapping(mapping());
    let fx = p.step(PresenceInput::Tick { now: t(30) });
    assert!(
        !writes(&fx).iter().any(|w| matches!(
            w,
            PresenceEffect::SetPhone {
                status: PhoneStatus::OnACall,
                ..
            }
        )),
        "{fx:?}"
    );
    assert!(p.memory().calls.is_empty());
}

/// PRES-6 over 200 calls: overlapping pairs, outbound calls that fail
/// before an answer, wrap-ups, and a restart (the memory through JSON into
/// a new machine) in the middle of every tenth call: after each group of
/// calls both sides are back where the agent left them.
#[test]
fn pres_6_return_to_previous_over_200_calls_with_restarts() {
    let breaks = [
        (crm("Lunch_Break"), PhoneStatus::Away),
        (crm("Available_for_Calls"), PhoneStatus::Available),
        (crm("Chat_Only"), PhoneStatus::Busy),
        (crm("Away_from_Desk"), PhoneStatus::Away),
    ];
    let mut p = started(true);
    let mut now = 10;
    let mut tick = || {
        now += 10;
        t(now)
    };
    let mut calls = 0;
    let mut group = 0;
    while calls < 200 {
        let (want_crm, want_phone) = breaks[group % breaks.len()].clone();
        // The agent picks a status in the CRM; the phone follows.
        let fx = p.step(crm_report(
            want_crm.clone(),
            ChangeCause::Agent,
            tick(),
            None,
        ));
        echo_all(&mut p, &fx, tick());
        assert_eq!(p.phone(), Some(&want_phone), "group {group}");
        let overlapping = group % 3 == 0;
        let ids: Vec<CallId> = (0..if overlapping { 2 } else { 1 })
            .map(|i| CallId(format!("g{group}-{i}")))
            .collect();
        for id in &ids {
            let fx = p.step(PresenceInput::CallStarted {
                call: id.clone(),
                at: tick(),
            });
            echo_all(&mut p, &fx, tick());
            calls += 1;
        }
        if group % 10 == 5 {
            // Stopped mid-call and started again: the memory survives as
            // JSON; the calls did not.
            let json = serde_json::to_string(p.memory()).unwrap();
            let memory: PresenceMemory = serde_json::from_str(&json).unwrap();
            let mut q = PresenceSync::new(mapping(), true);
            q.step(PresenceInput::Restore {
                memory,
                live_calls: vec![],
                at: tick(),
            });
            q.step(phone_report(
                PhoneStatus::OnACall,
                ChangeCause::Read,
                tick(),
                None,
            ));
            let fx = q.step(crm_report(
                crm("On_a_Call"),
                ChangeCause::Read,
                tick(),
                None,
            ));
            echo_all(&mut q, &fx, tick());
            p = q;
        } else {
            for (i, id) in ids.iter().enumerate() {
                // A failed outbound call ends before any answer; every
                // other one has its wrap-up.
                let wrap_up = group % 4 != 1 && i == ids.len() - 1;
                let fx = p.step(PresenceInput::CallEnded {
                    call: id.clone(),
                    wrap_up,
                    at: tick(),
                });
                echo_all(&mut p, &fx, tick());
                if wrap_up {
                    let fx = p.step(PresenceInput::WrapUpEnded {
                        call: id.clone(),
                        at: tick(),
                    });
                    echo_all(&mut p, &fx, tick());
                }
            }
        }
        assert_eq!(
            p.crm(),
            Some(want_crm.as_deref()),
            "group {group}: the CRM is back"
        );
        assert_eq!(
            p.phone(),
            Some(&want_phone),
            "group {group}: the phone is back"
        );
        assert!(p.consistent(), "group {group}");
        group += 1;
    }
}

/// A phone with agent states replaces one Ringside held: the held status
/// is forgotten (the platform's own is read), a write to the old phone is
/// no longer awaited, and the platform's first report leads nothing.
#[test]
fn switching_to_a_phone_with_states_forgets_the_held_status() {
    let mut p = started(true);
    let fx = p.step(crm_report(
        crm("Lunch_Break"),
        ChangeCause::Agent,
        t(10),
        None,
    ));
    assert!(set_phone(&fx).is_some(), "the held phone would follow");
    p.set_holds_phone(false);
    assert!(!p.holds_phone());
    assert_eq!(p.phone(), None);
    assert_eq!(p.in_flight(), 0);
    // The platform reports where the agent is: the CRM (the last change)
    // still leads, so the platform is asked to follow it.
    let fx = p.step(phone_report(
        PhoneStatus::Available,
        ChangeCause::Read,
        t(20),
        None,
    ));
    assert_eq!(set_phone(&fx).map(|w| w.0), Some(PhoneStatus::Away));
    assert!(set_crm(&fx).is_none(), "{fx:?}");
    // Setting the same kind again changes nothing.
    p.set_holds_phone(false);
    assert!(p.in_flight() > 0);
}

/// PRES-6: a call that ends before the CRM confirmed its busy status (an
/// outbound call that fails at once) still returns the CRM to the status
/// before it when the busy status lands afterwards: the write back follows
/// the one still on its way, it is not taken as done.
#[test]
fn pres_6_a_busy_status_landing_after_the_call_is_undone() {
    for holds_phone in [false, true] {
        let mut p = started(holds_phone);
        let fx = p.step(crm_report(
            crm("Chat_Only"),
            ChangeCause::Supervisor,
            t(10),
            None,
        ));
        echo_all(&mut p, &fx, t(11));
        let call = CallId("failed".into());
        let fx = p.step(PresenceInput::CallStarted {
            call: call.clone(),
            at: t(20),
        });
        let (busy, busy_tag) = set_crm(&fx).expect("the CRM goes busy");
        assert_eq!(busy, "On_a_Call");
        // The call fails before the CRM has answered.
        let fx = p.step(PresenceInput::CallEnded {
            call,
            wrap_up: false,
            at: t(25),
        });
        let (back, back_tag) = set_crm(&fx).expect("the CRM is asked back at once");
        assert_eq!(back, "Chat_Only", "{holds_phone}");
        // Both land, in the order they were sent.
        let mut fx = p.step(crm_report(
            Some(busy),
            ChangeCause::Agent,
            t(30),
            Some(busy_tag),
        ));
        fx.extend(p.step(crm_report(
            Some(back),
            ChangeCause::Agent,
            t(31),
            Some(back_tag),
        )));
        for i in 0..4 {
            let tick = p.step(PresenceInput::Tick {
                now: t(3_000 + i * 1_000),
            });
            echo_all(&mut p, &tick, t(3_001 + i * 1_000));
        }
        assert_eq!(p.crm(), Some(Some("Chat_Only")), "{holds_phone}");
        assert!(p.consistent());
        if holds_phone {
            assert_eq!(p.phone(), Some(&PhoneStatus::Busy));
        }
    }
}

/// PRES-6: a supervisor's change made just before a call, heard only after
/// the call's busy status was sent, is the status before the call: the
/// agent returns to it, not to the one before that.
#[test]
fn pres_6_a_change_made_before_the_call_but_heard_during_it_is_returned_to() {
    for holds_phone in [false, true] {
        let mut p = started(holds_phone);
        let call = CallId("c".into());
        let fx = p.step(PresenceInput::CallStarted {
            call: call.clone(),
            at: t(20),
        });
        let (_, busy_tag) = set_crm(&fx).expect("busy");
        // Lunch Break was set at 15 ms, before the call; heard now.
        let fx = p.step(crm_report(
            crm("Lunch_Break"),
            ChangeCause::Supervisor,
            t(15),
            None,
        ));
        assert!(writes(&fx).is_empty(), "nothing during the call: {fx:?}");
        p.step(crm_report(
            crm("On_a_Call"),
            ChangeCause::Agent,
            t(21),
            Some(busy_tag),
        ));
        let fx = p.step(PresenceInput::CallEnded {
            call,
            wrap_up: false,
            at: t(40),
        });
        assert_eq!(
            set_crm(&fx).map(|w| w.0).as_deref(),
            Some("Lunch_Break"),
            "{holds_phone}: {fx:?}"
        );
        let mut fx = fx;
        for i in 0..4 {
            echo_all(&mut p, &fx, t(41 + i));
            fx = p.step(PresenceInput::Tick {
                now: t(3_000 + i * 1_000),
            });
        }
        assert_eq!(p.crm(), Some(Some("Lunch_Break")));
        assert!(p.consistent(), "{holds_phone}");
        if holds_phone {
            assert_eq!(p.phone(), Some(&PhoneStatus::Away));
        }
    }
}
