#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use super::*;
use proptest::prelude::*;

#[test]
fn parses_a_whole_call() {
    let s = parse_scenario(
        "# demo\nsettings show_do_not_save=on\ncompanion open\n+1s ring c1 from +13108675309 queue\n+2s answer c1\n+500ms tick c1\nhold c1\n+1m resume c1\nhangup c1 remote hung up\n",
    )
    .unwrap();
    assert_eq!(s.steps.len(), 8);
    assert_eq!(s.steps[2].line, 4);
    assert_eq!(s.steps[2].delay_ms, 1_000);
    assert_eq!(
        s.steps[2].action,
        StepAction::Call {
            id: CallId("c1".into()),
            signal: CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: true,
                queue_name: None
            }
        }
    );
    assert_eq!(s.steps[4].delay_ms, 500);
    assert_eq!(s.steps[6].delay_ms, 60_000);
    assert_eq!(
        s.steps[7].action,
        StepAction::Call {
            id: CallId("c1".into()),
            signal: CallSignal::Hangup {
                reason: Some("remote hung up".into()),
                by: None
            }
        }
    );
}

/// A queue's name and who hung up, as a replay gives them.
#[test]
fn queue_names_and_who_hung_up() {
    let s = parse_scenario(
        "ring q from +13108675309 queue Billing EU\nhangup q by caller gave up\nhangup r by agent\nhangup t by the way",
    )
    .unwrap();
    let signals: Vec<_> = s
        .steps
        .iter()
        .map(|st| match &st.action {
            StepAction::Call { signal, .. } => signal.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    use ringside_core::EndedBy;
    assert_eq!(
        signals,
        [
            CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: true,
                queue_name: Some("Billing EU".into()),
            },
            CallSignal::Hangup {
                reason: Some("gave up".into()),
                by: Some(EndedBy::FarEnd),
            },
            CallSignal::Hangup {
                reason: None,
                by: Some(EndedBy::Agent),
            },
            // Not a `by` clause: the words are the reason.
            CallSignal::Hangup {
                reason: Some("by the way".into()),
                by: None,
            },
        ]
    );
}

/// Each malformed line names its line number and what is wrong.
#[test]
fn malformed_lines_name_the_line() {
    let rows = [
        ("ring c1", "write `ring ID from NUMBER`"),
        ("ring c1 from 123 vip", "unexpected `vip`"),
        ("+2x answer c1", "`+2x` is not a delay"),
        ("+99999h answer c1", "is not a delay"),
        ("+1s", "a delay needs a step"),
        ("answer", "`answer` needs a call id"),
        ("answer c1 now", "unexpected `now`"),
        ("fly c1", "unknown step `fly`"),
        ("crm dance", "write `crm login"),
        ("companion", "write `companion open"),
        ("settings show_do_not_save", "is not FIELD=VALUE"),
        ("settings colour=on", "unknown setting `colour`"),
        (
            "settings show_do_not_save=maybe",
            "`show_do_not_save` must be on or off",
        ),
        ("acd-url c1 ftp://x", "write `acd-url"),
    ];
    for (bad, want) in rows {
        let text = format!("companion open\n\n{bad}\n");
        let e = parse_scenario(&text).unwrap_err();
        assert_eq!(e.line, 3, "{bad}");
        assert!(e.message.contains(want), "{bad}: got `{}`", e.message);
        assert!(e.to_string().starts_with("line 3: "));
    }
}

proptest! {
    /// The parser never panics, whatever the bytes.
    #[test]
    fn never_panics(text in "\\PC{0,400}") {
        let _ = parse_scenario(&text);
    }

    /// Lines built from the grammar's own words parse or fail with a line number inside the text.
    #[test]
    fn errors_point_inside_the_file(lines in proptest::collection::vec(
        proptest::sample::select(vec!["ring a from 1", "answer a", "hold a", "+1s hangup a", "crm login", "tick a", "bogus", "+zz answer a", "settings x=1", ""]), 0..20)) {
        let text = lines.join("\n");
        if let Err(e) = parse_scenario(&text) {
            prop_assert!(e.line >= 1 && e.line <= lines.len());
        }
    }
}
