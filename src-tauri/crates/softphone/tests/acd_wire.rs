#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The ACD socket's messages under hostile input: any text is a message or
//! an error (never a panic), every event the simulator can send reads back
//! as itself, and mutated valid messages never yield a call without an id.

use proptest::prelude::*;
use ringside_core::{CallId, CallSignal, EndedBy};
use ringside_softphone::acd::protocol::{
    encode, parse_platform, parse_ringside, phone_status, state_time, wire_state, PlatformMessage,
    RingsideMessage, WireStateCause,
};

fn signal() -> impl Strategy<Value = CallSignal> {
    let text = "[+0-9()a-zA-Z._-][+0-9 ()a-zA-Z._-]{0,39}";
    prop_oneof![
        (
            text,
            any::<bool>(),
            proptest::option::of("[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,2}")
        )
            .prop_map(|(from, queue, queue_name)| CallSignal::Incoming {
                from,
                queue,
                queue_name
            }),
        (text, any::<bool>()).prop_map(|(to, dialback)| CallSignal::Dialing { to, dialback }),
        Just(CallSignal::Answered),
        Just(CallSignal::Held),
        Just(CallSignal::Resumed),
        (
            proptest::option::of("[a-z][a-z ]{0,29}"),
            proptest::option::of(proptest::sample::select(vec![
                EndedBy::Agent,
                EndedBy::FarEnd,
                EndedBy::Platform
            ]))
        )
            .prop_map(|(reason, by)| CallSignal::Hangup { reason, by }),
        "[a-z0-9/]{1,40}".prop_map(|p| CallSignal::AcdTaskUrl {
            url: format!("https://acd.example.com/{p}")
        }),
    ]
}

proptest! {
    #[test]
    fn any_text_is_a_message_or_an_error(text in ".{0,400}") {
        let _ = parse_platform(&text);
        let _ = parse_ringside(&text);
    }

    #[test]
    fn any_json_object_is_a_message_or_an_error(
        kind in prop_oneof![
            Just("call.ringing".to_string()),
            Just("call.ended".to_string()),
            Just("call.task_url".to_string()),
            Just("agent.state".to_string()),
            Just("agent.states".to_string()),
            Just("ack".to_string()),
            Just("error".to_string()),
            "[a-z.]{0,12}",
        ],
        v in prop_oneof![Just(serde_json::json!(1)), Just(serde_json::json!(2)), Just(serde_json::json!("1")), Just(serde_json::Value::Null)],
        fields in proptest::collection::btree_map("[a-z_]{1,10}", prop_oneof![
            any::<i64>().prop_map(serde_json::Value::from),
            ".{0,20}".prop_map(serde_json::Value::from),
            any::<bool>().prop_map(serde_json::Value::from),
            Just(serde_json::Value::Null),
        ], 0..6),
    ) {
        let mut m: serde_json::Map<String, serde_json::Value> = fields.into_iter().collect();
        m.insert("type".into(), kind.into());
        m.insert("v".into(), v);
        if let Ok(msg) = parse_platform(&serde_json::Value::Object(m).to_string()) {
            if let Some((id, _)) = msg.signal() {
                prop_assert!(!id.0.trim().is_empty());
            }
        }
    }

    /// Section 6's messages: a state change with any cause, id and time
    /// reads back as itself, and a state name maps to the status whose
    /// name it is.
    #[test]
    fn every_state_change_reads_back_as_itself(
        state in "[A-Za-z][A-Za-z_ ]{0,30}",
        cause in proptest::option::of(proptest::sample::select(vec![
            WireStateCause::Agent, WireStateCause::Supervisor, WireStateCause::Timeout,
            WireStateCause::Ringside, WireStateCause::Call, WireStateCause::System,
        ])),
        re in proptest::option::of(1u64..u64::MAX / 2),
        ms in proptest::option::of(0i64..4_102_444_800_000),
        id in 1u64..1_000_000,
    ) {
        let at = ms.map(|ms| ringside_core::time::format_sf_datetime(ms).replace("+0000", "Z"));
        let m = PlatformMessage::AgentState { state: state.clone(), reason: None, cause, re, at: at.clone() };
        let back = parse_platform(&encode(&m)).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(state_time(at.as_deref()).map(|t| t.0), ms);
        // `wrap_up` is the one alias (of `after_call_work`).
        if state.trim() != "wrap_up" {
            prop_assert_eq!(wire_state(&phone_status(&state)), state.trim());
        }
        let set = RingsideMessage::SetState { id, state: state.clone() };
        prop_assert_eq!(parse_ringside(&encode(&set)).unwrap(), set);
    }

    #[test]
    fn every_event_reads_back_as_itself(id in "[a-zA-Z0-9-]{1,60}", s in signal()) {
        let id = CallId(id);
        let m = PlatformMessage::from_signal(&id, &s);
        let back = parse_platform(&encode(&m)).unwrap();
        prop_assert_eq!(back.signal(), Some((id, s)));
    }
}
