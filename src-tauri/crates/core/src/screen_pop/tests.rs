#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use super::*;
use proptest::prelude::*;

const NUMBER: &str = "+13108675309";

fn id(s: &str) -> CallId {
    CallId(s.into())
}

fn cand(rid: &str, created: i64) -> Candidate {
    Candidate {
        id: rid.into(),
        kind: CallerKind::Contact,
        name: format!("name of {rid}"),
        company: None,
        owner: None,
        created_at: Some(Millis(created)),
        field: "Phone".into(),
        raw: "(310) 867-5309".into(),
        display: String::new(),
    }
}

fn attribute(rid: &str) -> PopEffect {
    PopEffect::Attribute {
        row: 1,
        who: RecordRef {
            id: rid.into(),
            label: format!("name of {rid}"),
        },
    }
}

fn started(direction: Direction, number: Option<&str>) -> PopInput {
    PopInput::Started {
        call_id: id("c"),
        row: 1,
        direction,
        e164: number.map(str::to_string),
    }
}

fn inbound() -> PopInput {
    started(Direction::Inbound, Some(NUMBER))
}

fn local(found: Vec<Candidate>, complete: bool) -> PopInput {
    PopInput::Local {
        call_id: id("c"),
        found,
        complete,
    }
}

fn live(answer: LiveAnswer) -> PopInput {
    PopInput::Live {
        call_id: id("c"),
        answer,
    }
}

fn look_up() -> PopEffect {
    PopEffect::LookUpLocally {
        call_id: id("c"),
        e164: NUMBER.into(),
    }
}

fn search() -> PopEffect {
    PopEffect::SearchLive {
        call_id: id("c"),
        e164: NUMBER.into(),
    }
}

struct Case {
    name: &'static str,
    auto_create: AutoCreate,
    inputs: Vec<PopInput>,
    effects: Vec<PopEffect>,
    state: MatchState,
    chosen: Option<(&'static str, ChosenBy)>,
    searched_live: bool,
}

fn run(pops: &mut ScreenPops, inputs: Vec<PopInput>, auto_create: AutoCreate) -> Vec<PopEffect> {
    let mut fx = Vec::new();
    for (t, input) in inputs.into_iter().enumerate() {
        fx.extend(pops.handle(input, auto_create, Millis(1_000 + t as i64)));
    }
    fx
}

#[test]
fn match_rules_table() {
    let lead = AutoCreate::Lead;
    let off = AutoCreate::Off;
    let dialled = |rid: &str| PopInput::Dialled {
        e164: NUMBER.into(),
        record: cand(rid, 0),
    };
    let cases = vec![
        Case {
            name: "MATCH-1: a number is looked up in the local copy first",
            auto_create: lead,
            inputs: vec![inbound()],
            effects: vec![look_up()],
            state: MatchState::Searching,
            chosen: None,
            searched_live: false,
        },
        Case {
            name: "MATCH-1: no number, no lookup",
            auto_create: lead,
            inputs: vec![started(Direction::Inbound, None)],
            effects: vec![],
            state: MatchState::NoNumber,
            chosen: None,
            searched_live: false,
        },
        Case {
            name: "MATCH-3/7: one local match pops and is attributed",
            auto_create: lead,
            inputs: vec![inbound(), local(vec![cand("a", 5)], true)],
            effects: vec![look_up(), attribute("a")],
            state: MatchState::Found,
            chosen: Some(("a", ChosenBy::FirstCreated)),
            searched_live: false,
        },
        Case {
            name: "MATCH-4: several matches default to the one created first",
            auto_create: lead,
            inputs: vec![inbound(), local(vec![cand("old", 1), cand("new", 9)], true)],
            effects: vec![look_up(), attribute("old")],
            state: MatchState::Found,
            chosen: Some(("old", ChosenBy::FirstCreated)),
            searched_live: false,
        },
        Case {
            name: "MATCH-4/6: an incomplete copy pops at once and is completed live",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![cand("b", 5)], false),
                live(LiveAnswer::Found(vec![cand("a", 1), cand("b", 5)])),
            ],
            effects: vec![look_up(), attribute("b"), search(), attribute("a")],
            state: MatchState::Found,
            chosen: Some(("a", ChosenBy::FirstCreated)),
            searched_live: true,
        },
        Case {
            name: "MATCH-6: an incomplete copy's hit stands when the CRM cannot be asked",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![cand("b", 5)], false),
                live(LiveAnswer::Unavailable),
            ],
            effects: vec![look_up(), attribute("b"), search()],
            state: MatchState::Found,
            chosen: Some(("b", ChosenBy::FirstCreated)),
            searched_live: true,
        },
        Case {
            name: "MATCH-6: an incomplete copy's hit stands when the search fails",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![cand("b", 5)], false),
                live(LiveAnswer::Failed("timeout".into())),
            ],
            effects: vec![look_up(), attribute("b"), search()],
            state: MatchState::Found,
            chosen: Some(("b", ChosenBy::FirstCreated)),
            searched_live: true,
        },
        Case {
            name: "MATCH-6: a local miss is found live",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![], true),
                live(LiveAnswer::Found(vec![cand("n", 1)])),
            ],
            effects: vec![look_up(), search(), attribute("n")],
            state: MatchState::Found,
            chosen: Some(("n", ChosenBy::FirstCreated)),
            searched_live: true,
        },
        Case {
            name: "MATCH-2: nobody live creates a Lead",
            auto_create: lead,
            inputs: vec![inbound(), local(vec![], true), live(LiveAnswer::Nobody)],
            effects: vec![
                look_up(),
                search(),
                PopEffect::QueueCreation {
                    call_id: id("c"),
                    row: 1,
                    object: "Lead",
                    e164: NUMBER.into(),
                },
            ],
            state: MatchState::Creating {
                object: "Lead".into(),
            },
            chosen: None,
            searched_live: true,
        },
        Case {
            name: "MATCH-2: nobody live and creation off: not found",
            auto_create: off,
            inputs: vec![inbound(), local(vec![], true), live(LiveAnswer::Nobody)],
            effects: vec![look_up(), search()],
            state: MatchState::NotFound { reason: None },
            chosen: None,
            searched_live: true,
        },
        Case {
            name: "MATCH-2: a failed search never creates",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![], true),
                live(LiveAnswer::Failed("HTTP 503".into())),
            ],
            effects: vec![look_up(), search()],
            state: MatchState::NotFound {
                reason: Some(NotFoundReason::SearchFailed {
                    detail: "HTTP 503".into(),
                }),
            },
            chosen: None,
            searched_live: true,
        },
        Case {
            name: "MATCH-2: no CRM to search never creates",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![], true),
                live(LiveAnswer::Unavailable),
            ],
            effects: vec![look_up(), search()],
            state: MatchState::NotFound {
                reason: Some(NotFoundReason::NoCrm),
            },
            chosen: None,
            searched_live: true,
        },
        Case {
            name: "MATCH-2: the created record becomes the call's",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![], true),
                live(LiveAnswer::Nobody),
                PopInput::CreationQueued {
                    call_id: id("c"),
                    result: Ok(()),
                },
                PopInput::Created {
                    calls: vec![id("c")],
                    record: cand("00Qnew", 2),
                },
            ],
            effects: vec![
                look_up(),
                search(),
                PopEffect::QueueCreation {
                    call_id: id("c"),
                    row: 1,
                    object: "Lead",
                    e164: NUMBER.into(),
                },
            ],
            state: MatchState::Found,
            chosen: Some(("00Qnew", ChosenBy::Created)),
            searched_live: true,
        },
        Case {
            name: "MATCH-2: a creation the outbox refused is a problem, not a hang",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![], true),
                live(LiveAnswer::Nobody),
                PopInput::CreationQueued {
                    call_id: id("c"),
                    result: Err("disk full".into()),
                },
            ],
            effects: vec![
                look_up(),
                search(),
                PopEffect::QueueCreation {
                    call_id: id("c"),
                    row: 1,
                    object: "Lead",
                    e164: NUMBER.into(),
                },
                PopEffect::CallerNotCreated("could not queue a new Lead: disk full".into()),
            ],
            state: MatchState::NotFound {
                reason: Some(NotFoundReason::NotQueued {
                    object: "Lead".into(),
                    detail: "disk full".into(),
                }),
            },
            chosen: None,
            searched_live: true,
        },
        Case {
            name: "MATCH-5: a call dialled from a record is that record's, no lookup",
            auto_create: lead,
            inputs: vec![
                dialled("003dialled"),
                started(Direction::Outbound, Some(NUMBER)),
            ],
            effects: vec![PopEffect::Attribute {
                row: 1,
                who: RecordRef {
                    id: "003dialled".into(),
                    label: "name of 003dialled".into(),
                },
            }],
            state: MatchState::Found,
            chosen: Some(("003dialled", ChosenBy::ClickToCall)),
            searched_live: false,
        },
        Case {
            name: "MATCH-5: an inbound call from that number is not the dial",
            auto_create: lead,
            inputs: vec![dialled("003dialled"), inbound()],
            effects: vec![look_up()],
            state: MatchState::Searching,
            chosen: None,
            searched_live: false,
        },
        Case {
            name: "a live answer nobody asked for is ignored",
            auto_create: lead,
            inputs: vec![
                inbound(),
                local(vec![cand("a", 1)], true),
                live(LiveAnswer::Found(vec![cand("z", 0)])),
            ],
            effects: vec![look_up(), attribute("a")],
            state: MatchState::Found,
            chosen: Some(("a", ChosenBy::FirstCreated)),
            searched_live: false,
        },
    ];
    for case in cases {
        let mut pops = ScreenPops::default();
        let fx = run(&mut pops, case.inputs, case.auto_create);
        assert_eq!(fx, case.effects, "{}", case.name);
        let view = pops.view(&id("c")).expect(case.name);
        assert_eq!(view.state, case.state, "{}", case.name);
        let chosen = view.chosen.as_deref().zip(view.chosen_by);
        assert_eq!(chosen, case.chosen, "{}", case.name);
        assert_eq!(view.searched_live, case.searched_live, "{}", case.name);
        if let Some(rid) = &view.chosen {
            assert!(
                view.candidates.iter().any(|c| &c.id == rid),
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn match_5_a_dial_binds_for_a_minute_only() {
    let mut pops = ScreenPops::default();
    let dial = PopInput::Dialled {
        e164: NUMBER.into(),
        record: cand("003x", 0),
    };
    pops.handle(dial, AutoCreate::Off, Millis(0));
    let late = started(Direction::Outbound, Some(NUMBER));
    let fx = pops.handle(late, AutoCreate::Off, Millis(DIAL_BINDING_MS + 1));
    assert_eq!(fx, vec![look_up()], "a stale dial does not bind");
}

#[test]
fn match_4_the_agents_pick_is_attributed_and_survives_the_live_search() {
    let mut pops = ScreenPops::default();
    run(
        &mut pops,
        vec![inbound(), local(vec![cand("a", 1), cand("b", 2)], false)],
        AutoCreate::Off,
    );
    assert_eq!(pops.pick(&id("c"), "zzz"), Err(PickError::NotACandidate));
    assert_eq!(
        pops.pick(&id("nope"), "a"),
        Err(PickError::NoPop(id("nope")))
    );
    let pick = pops.pick(&id("c"), "b").unwrap();
    assert_eq!(
        pops.view(&id("c")).unwrap().chosen.as_deref(),
        Some("a"),
        "nothing changes before the write"
    );
    pops.picked(&pick);
    let fx = pops.handle(
        live(LiveAnswer::Found(vec![
            cand("x", 0),
            cand("a", 1),
            cand("b", 2),
        ])),
        AutoCreate::Off,
        Millis(9),
    );
    assert_eq!(
        fx,
        vec![attribute("b")],
        "the pick stands; the record is still attributed to it"
    );
    let v = pops.view(&id("c")).unwrap();
    assert_eq!(
        (v.chosen.as_deref(), v.chosen_by),
        (Some("b"), Some(ChosenBy::Agent))
    );
    assert_eq!(v.candidates.len(), 3);
}

#[test]
fn ended_pops_are_kept_for_a_late_pick_then_dropped_oldest_first() {
    let mut pops = ScreenPops::default();
    for i in 0..8 {
        let call_id = id(&format!("c{i}"));
        pops.handle(
            PopInput::Started {
                call_id: call_id.clone(),
                row: i,
                direction: Direction::Inbound,
                e164: None,
            },
            AutoCreate::Off,
            Millis(i),
        );
        pops.handle(PopInput::Ended { call_id }, AutoCreate::Off, Millis(i));
    }
    let kept: Vec<String> = pops.views().map(|v| v.call_id.0.clone()).collect();
    assert_eq!(kept, ["c3", "c4", "c5", "c6", "c7"]);
    assert!(pops.views().all(|v| v.ended));
}

// ---- properties over random input sequences, checked against a model ----

fn progress(answered: bool, ringside_logs: bool) -> PopInput {
    PopInput::Progress {
        call_id: id("c"),
        answered,
        ringside_logs,
    }
}

fn create() -> PopEffect {
    PopEffect::QueueCreation {
        call_id: id("c"),
        row: 1,
        object: "Lead",
        e164: NUMBER.into(),
    }
}

/// MATCH-2's moment: a record for an unknown caller is made on ring, on
/// answer or when Ringside logs the call, as the admin chose, and never for
/// a call Ringside does not log.
#[test]
fn match_2_unknown_callers_are_made_at_the_admins_moment_and_only_when_ringside_logs() {
    use CreateWhen::{Answer, Logged, Ring};
    let nobody = || live(LiveAnswer::Nobody);
    let ended = || PopInput::Ended { call_id: id("c") };
    // (name, when, inputs after the local miss, creations made)
    let cases: Vec<(&str, CreateWhen, Vec<PopInput>, usize)> = vec![
        (
            "logged: the search answers after a short call ended",
            Logged,
            vec![progress(true, true), ended(), nobody()],
            1,
        ),
        (
            "answer: the search answers after an unanswered call ended",
            Answer,
            vec![progress(false, true), ended(), nobody()],
            0,
        ),
        (
            "ring: at once",
            Ring,
            vec![progress(false, true), nobody()],
            1,
        ),
        (
            "ring: not while the CRM softphone logs",
            Ring,
            vec![progress(false, false), nobody(), ended()],
            0,
        ),
        (
            "ring: once the agent leaves the CRM",
            Ring,
            vec![progress(false, false), nobody(), progress(false, true)],
            1,
        ),
        (
            "answer: not before",
            Answer,
            vec![progress(false, true), nobody()],
            0,
        ),
        (
            "answer: when answered",
            Answer,
            vec![progress(false, true), nobody(), progress(true, true)],
            1,
        ),
        (
            "answer: answered before the search came back",
            Answer,
            vec![progress(true, true), nobody()],
            1,
        ),
        (
            "answer: never answered",
            Answer,
            vec![nobody(), progress(false, true), ended()],
            0,
        ),
        (
            "answer: answered, but the CRM softphone logs",
            Answer,
            vec![nobody(), progress(true, false), ended()],
            0,
        ),
        (
            "logged: not while live",
            Logged,
            vec![nobody(), progress(true, true)],
            0,
        ),
        (
            "logged: when Ringside logs it",
            Logged,
            vec![nobody(), progress(true, true), ended()],
            1,
        ),
        (
            "logged: not when nobody logs it",
            Logged,
            vec![nobody(), progress(true, false), ended()],
            0,
        ),
        (
            "once, however often progress comes",
            Ring,
            vec![
                nobody(),
                progress(true, true),
                progress(true, true),
                ended(),
            ],
            1,
        ),
    ];
    for (name, when, inputs, want) in cases {
        let mut pops = ScreenPops::default();
        let policy = CreatePolicy {
            what: AutoCreate::Lead,
            when,
        };
        let mut fx = Vec::new();
        let mut all = vec![inbound(), local(vec![], true)];
        all.extend(inputs);
        for (t, input) in all.into_iter().enumerate() {
            fx.extend(pops.handle(input, policy, Millis(1_000 + t as i64)));
        }
        let made = fx.iter().filter(|e| **e == create()).count();
        assert_eq!(made, want, "{name}: {fx:?}");
        let view = pops.view(&id("c")).unwrap();
        match (made, &view.state) {
            (1, MatchState::Creating { object }) => assert_eq!(object, "Lead", "{name}"),
            (0, MatchState::NotFound { reason: Some(r) }) => assert!(
                matches!(
                    r,
                    NotFoundReason::WillCreate { .. }
                        | NotFoundReason::NotAnswered
                        | NotFoundReason::NotLoggedByRingside
                ),
                "{name}: {r:?}"
            ),
            (_, other) => panic!("{name}: shown as {other:?}"),
        }
    }
}

fn candidate_strategy() -> impl Strategy<Value = Vec<Candidate>> {
    proptest::collection::vec((0u8..4, 0i64..4), 0..4).prop_map(|v| {
        v.into_iter()
            .map(|(r, t)| cand(&format!("r{r}"), t))
            .collect()
    })
}

fn input_strategy() -> impl Strategy<Value = PopInput> {
    let call = (0u8..3).prop_map(|c| id(&format!("c{c}")));
    let dir = prop_oneof![Just(Direction::Inbound), Just(Direction::Outbound)];
    prop_oneof![
        (call.clone(), dir, any::<bool>()).prop_map(|(call_id, direction, has)| {
            PopInput::Started {
                call_id,
                row: 1,
                direction,
                e164: has.then(|| NUMBER.into()),
            }
        }),
        (call.clone(), candidate_strategy(), any::<bool>()).prop_map(
            |(call_id, found, complete)| PopInput::Local {
                call_id,
                found,
                complete
            }
        ),
        (call.clone(), candidate_strategy(), 0u8..4).prop_map(|(call_id, found, k)| {
            PopInput::Live {
                call_id,
                answer: match k {
                    0 => LiveAnswer::Found(found),
                    1 => LiveAnswer::Nobody,
                    2 => LiveAnswer::Failed("x".into()),
                    _ => LiveAnswer::Unavailable,
                },
            }
        }),
        (call.clone(), any::<bool>()).prop_map(|(call_id, ok)| PopInput::CreationQueued {
            call_id,
            result: if ok { Ok(()) } else { Err("no".into()) },
        }),
        call.clone().prop_map(|c| PopInput::Created {
            calls: vec![c],
            record: cand("made", 9),
        }),
        (0u8..4).prop_map(|r| PopInput::Dialled {
            e164: NUMBER.into(),
            record: cand(&format!("d{r}"), 0),
        }),
        call.prop_map(|call_id| PopInput::Ended { call_id }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// MATCH-2: a creation is queued only right after a live search answered
    /// "nobody" for a call that had asked for one, at most once per pop.
    /// MATCH-7: every attribution names a record the call is shown with,
    /// and the shown choice is always one of the candidates. Lookups and
    /// searches are asked only for calls with a number.
    #[test]
    fn screen_pops_keep_the_match_rules(inputs in proptest::collection::vec(input_strategy(), 0..60)) {
        let mut pops = ScreenPops::default();
        // Model: per call, whether a live search it asked for is still
        // unanswered, and whether this pop already queued a creation.
        let mut outstanding: std::collections::HashMap<CallId, bool> = Default::default();
        let mut created: std::collections::HashMap<CallId, bool> = Default::default();
        for (t, input) in inputs.into_iter().enumerate() {
            let before = pops.clone();
            let live_for = match &input {
                PopInput::Live { call_id, answer } => Some((call_id.clone(), matches!(answer, LiveAnswer::Nobody) || matches!(answer, LiveAnswer::Found(f) if f.is_empty()))),
                _ => None,
            };
            if let PopInput::Started { call_id, .. } = &input {
                outstanding.insert(call_id.clone(), false);
                created.insert(call_id.clone(), false);
            }
            let fx = pops.handle(input, AutoCreate::Lead, Millis(t as i64));
            for e in &fx {
                match e {
                    PopEffect::QueueCreation { call_id, .. } => {
                        let (answered, empty) = live_for.clone().unwrap_or((id("-"), false));
                        prop_assert_eq!(&answered, call_id, "MATCH-2: only a live answer creates");
                        prop_assert!(empty, "MATCH-2: only an answer of nobody creates");
                        prop_assert!(outstanding.get(call_id).copied().unwrap_or(false), "MATCH-2: only an answer to a search asked for");
                        prop_assert!(!created.get(call_id).copied().unwrap_or(false), "MATCH-2: once per pop");
                        prop_assert!(before.view(call_id).is_some_and(|v| v.candidates.is_empty()), "MATCH-2: never with a match shown");
                        created.insert(call_id.clone(), true);
                    }
                    PopEffect::SearchLive { e164, .. } | PopEffect::LookUpLocally { e164, .. } => {
                        prop_assert_eq!(e164.as_str(), NUMBER, "only calls with a number are looked up");
                    }
                    PopEffect::Attribute { who, .. } => {
                        let shown = pops.views().any(|v| v.candidates.iter().any(|c| c.id == who.id));
                        prop_assert!(shown, "MATCH-7: attributed to a shown record");
                    }
                    PopEffect::CallerNotCreated(_) => {}
                }
            }
            // An answer uses up the search; a new one may be asked below.
            if let Some((call_id, _)) = &live_for {
                outstanding.insert(call_id.clone(), false);
            }
            for e in &fx {
                if let PopEffect::SearchLive { call_id, .. } = e {
                    outstanding.insert(call_id.clone(), true);
                }
            }
            for v in pops.views() {
                if let Some(chosen) = &v.chosen {
                    prop_assert!(v.candidates.iter().any(|c| &c.id == chosen), "the choice is a candidate");
                    prop_assert!(v.chosen_by.is_some());
                }
            }
            prop_assert!(pops.views().filter(|v| v.ended).count() <= KEEP_ENDED);
        }
    }
}
