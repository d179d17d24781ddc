use super::*;
use proptest::prelude::*;

fn layer(f: impl FnOnce(&mut AdminLayer)) -> AdminLayer {
    let mut l = AdminLayer::default();
    f(&mut l);
    l
}

/// CONF-1: which row's value applies, field by field.
#[test]
fn conf_1_the_user_row_beats_the_profile_row_beats_the_org_default() {
    struct Case {
        name: &'static str,
        h: AdminHierarchy,
        country: &'static str,
        source: Source,
    }
    let org = layer(|l| l.default_country = Some("GB".into()));
    let profile = layer(|l| l.default_country = Some("DE".into()));
    let user = layer(|l| l.default_country = Some("ES".into()));
    let cases = [
        Case {
            name: "no row: Ringside's default",
            h: AdminHierarchy::default(),
            country: "US",
            source: Source::Default,
        },
        Case {
            name: "the org default",
            h: AdminHierarchy {
                org: org.clone(),
                ..Default::default()
            },
            country: "GB",
            source: Source::Org,
        },
        Case {
            name: "a profile overrides the org",
            h: AdminHierarchy {
                org: org.clone(),
                profile: profile.clone(),
                ..Default::default()
            },
            country: "DE",
            source: Source::Profile,
        },
        Case {
            name: "a user overrides the profile",
            h: AdminHierarchy {
                org: org.clone(),
                profile: profile.clone(),
                user: user.clone(),
            },
            country: "ES",
            source: Source::User,
        },
        Case {
            name: "a user row without the field inherits the profile's",
            h: AdminHierarchy {
                org: org.clone(),
                profile,
                user: layer(|l| l.offer_do_not_log = Some(false)),
            },
            country: "DE",
            source: Source::Profile,
        },
        Case {
            name: "a user row over the org, no profile row",
            h: AdminHierarchy {
                org,
                user,
                ..Default::default()
            },
            country: "ES",
            source: Source::User,
        },
    ];
    for c in cases {
        let r = c.h.resolve();
        assert_eq!(r.callers.default_region, c.country, "{}", c.name);
        assert_eq!(r.sources.default_country, c.source, "{}", c.name);
    }
}

#[test]
fn conf_1_every_setting_maps_to_the_desk_or_the_caller_settings() {
    let desk = Settings {
        show_do_not_save: false,
        default_do_not_log: true,
        acd_config1_missed_queue_calls: true,
        acd_config2_inbound_while_logged_out: true,
        presence_logout_check: false,
        hold_first_call: false,
    };
    let callers = CallerSettings {
        sync_enabled: false,
        sync_interval_secs: 300,
        default_region: "de".into(),
        auto_create: AutoCreate::Contact,
        create_when: crate::caller_settings::CreateWhen::Answer,
    };
    let r = AdminHierarchy {
        org: AdminLayer::full(&desk, &callers),
        ..Default::default()
    }
    .resolve();
    assert_eq!(r.desk, desk);
    assert_eq!(
        r.callers,
        CallerSettings {
            default_region: "DE".into(),
            ..callers
        }
    );
    assert_eq!(r.sources.sync_interval_secs, Source::Org);
    assert_eq!(r.sources.offer_do_not_log, Source::Org);
}

#[test]
fn a_value_an_agent_cannot_use_is_named_and_inherits() {
    let bad = layer(|l| {
        l.default_country = Some("Germany".into());
        l.sync_interval_secs = Some(3);
        l.offer_do_not_log = Some(false);
    });
    let fields: Vec<String> = bad.check().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["default_country", "sync_interval_secs"]);
    let h = AdminHierarchy {
        org: layer(|l| l.default_country = Some("GB".into())),
        user: bad.without_bad_values(),
        ..Default::default()
    };
    let r = h.resolve();
    assert_eq!(
        r.callers.default_region, "GB",
        "the bad user value inherits"
    );
    assert_eq!(r.callers.sync_interval_secs, 60);
    assert!(!r.desk.show_do_not_save, "the good values stand");
}

fn opt_bool() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(None), any::<bool>().prop_map(Some)]
}

fn layer_strategy() -> impl Strategy<Value = AdminLayer> {
    (opt_bool(), opt_bool(), proptest::option::of(10u32..100_000)).prop_map(
        |(offer, default, secs)| AdminLayer {
            offer_do_not_log: offer,
            default_do_not_log: default,
            sync_interval_secs: secs,
            ..Default::default()
        },
    )
}

/// The model: a value is the last one set going org → profile → user.
fn model<T: Clone>(rows: [&Option<T>; 3], default: T) -> (T, Source) {
    let mut out = (default, Source::Default);
    for (v, s) in rows
        .into_iter()
        .zip([Source::Org, Source::Profile, Source::User])
    {
        if let Some(v) = v {
            out = (v.clone(), s);
        }
    }
    out
}

proptest! {
    #[test]
    fn conf_1_resolve_matches_the_override_model(org in layer_strategy(), profile in layer_strategy(), user in layer_strategy()) {
        let h = AdminHierarchy { org: org.clone(), profile: profile.clone(), user: user.clone() };
        let r = h.resolve();
        let d = Settings::default();
        prop_assert_eq!((r.desk.show_do_not_save, r.sources.offer_do_not_log), model([&org.offer_do_not_log, &profile.offer_do_not_log, &user.offer_do_not_log], d.show_do_not_save));
        prop_assert_eq!((r.desk.default_do_not_log, r.sources.default_do_not_log), model([&org.default_do_not_log, &profile.default_do_not_log, &user.default_do_not_log], d.default_do_not_log));
        prop_assert_eq!((r.callers.sync_interval_secs, r.sources.sync_interval_secs), model([&org.sync_interval_secs, &profile.sync_interval_secs, &user.sync_interval_secs], 60));
    }
}
