use super::*;
use proptest::prelude::*;

fn row(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn conf_1_a_row_reads_as_its_layer_and_blank_fields_inherit() {
    let (layer, bad) = parse_layer(&row(json!({
        "SetupOwnerId": "00D000000000001AAA",
        "Offer_Do_Not_Log__c": "false",
        "Default_Do_Not_Log__c": " TRUE ",
        "Log_Missed_Queue_Calls__c": "",
        "Log_Inbound_While_Logged_Out__c": null,
        "Unknown_Callers_Become__c": "contact",
        "Default_Country__c": "de",
        "Sync_Interval_Seconds__c": 120.0,
    })));
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(
        layer,
        AdminLayer {
            offer_do_not_log: Some(false),
            default_do_not_log: Some(true),
            unknown_callers_become: Some(AutoCreate::Contact),
            default_country: Some("DE".into()),
            sync_interval_secs: Some(120),
            ..AdminLayer::default()
        }
    );
}

#[test]
fn values_ringside_cannot_use_are_named_and_inherit() {
    let cases = [
        ("Offer_Do_Not_Log__c", json!("maybe"), "offer_do_not_log"),
        ("Offer_Do_Not_Log__c", json!(3), "offer_do_not_log"),
        (
            "Unknown_Callers_Become__c",
            json!("Opportunity"),
            "unknown_callers_become",
        ),
        ("Default_Country__c", json!("Germany"), "default_country"),
        ("Default_Country__c", json!(["DE"]), "default_country"),
        ("Sync_Interval_Seconds__c", json!(2.5), "sync_interval_secs"),
        ("Sync_Interval_Seconds__c", json!(5), "sync_interval_secs"),
        ("Sync_Interval_Seconds__c", json!(-60), "sync_interval_secs"),
        (
            "Sync_Interval_Seconds__c",
            json!("60"),
            "sync_interval_secs",
        ),
    ];
    for (api, value, field) in cases {
        let (layer, bad) = parse_layer(&row(json!({ api: value })));
        assert_eq!(layer, AdminLayer::default(), "{api} = {value}: inherits");
        let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, [field], "{api} = {value}");
        assert!(
            bad[0].message.contains("Ringside settings"),
            "{}",
            bad[0].message
        );
    }
}

#[test]
fn a_layer_written_reads_back_the_same() {
    let layer = AdminLayer {
        offer_do_not_log: Some(true),
        default_do_not_log: None,
        log_missed_queue_calls: Some(false),
        log_inbound_while_logged_out: Some(true),
        presence_logout_check: None,
        hold_first_call: Some(false),
        unknown_callers_become: Some(AutoCreate::Off),
        create_unknown_callers: Some(ringside_core::caller_settings::CreateWhen::Logged),
        default_country: Some("ES".into()),
        keep_contact_copy: Some(false),
        sync_interval_secs: Some(600),
    };
    let written = layer_fields(&layer);
    let (back, bad) = parse_layer(&row(written));
    assert!(bad.is_empty());
    assert_eq!(back, layer);
}

#[test]
fn wrap_3_codes_without_an_id_or_a_label_are_skipped() {
    let codes = parse_codes(&[
        row(json!({"Id": "a01000000000001AAA", "Name": "  Resolved  now ", "Active__c": true})),
        row(json!({"Id": "a01000000000002AAA", "Name": "Sale", "Active__c": false})),
        row(json!({"Id": "nope", "Name": "Bad id"})),
        row(json!({"Id": "a01000000000003AAA", "Name": "   "})),
        row(json!({"Id": "a01000000000004AAA", "Name": "x".repeat(256)})),
        row(json!({"Id": "a01000000000005AAA", "Name": "No flag"})),
    ]);
    let got: Vec<(&str, bool)> = codes.iter().map(|c| (c.label.as_str(), c.active)).collect();
    assert_eq!(
        got,
        [("Resolved now", true), ("Sale", false), ("No flag", true)]
    );
}

#[test]
fn conf_1_an_org_without_ringsides_objects_is_told_to_deploy_them() {
    let missing = CrmError::Api {
        status: 400,
        errors: vec![ringside_crm::ApiError {
            message: "sObject type 'Ringside_Settings__c' is not supported.".into(),
            error_code: "INVALID_TYPE".into(),
            fields: vec![],
        }],
    };
    let e = missing_object(&missing);
    assert_eq!(e.kind, PortErrorKind::Refused);
    assert!(
        e.message.contains("deploy Ringside's Salesforce project"),
        "{}",
        e.message
    );
    let busy = CrmError::Transient {
        code: "HTTP 503".into(),
        message: "busy".into(),
    };
    assert_eq!(missing_object(&busy).kind, PortErrorKind::Transient);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,60}".prop_map(Value::String),
        prop_oneof![
            Just("true"),
            Just("false"),
            Just("Lead"),
            Just("gb"),
            Just("60")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::btree_map(".{0,5}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Whatever a row holds, reading it never panics, what it keeps checks,
    /// and every value left out is named.
    #[test]
    fn any_row_reads_as_a_usable_layer(values in proptest::collection::vec(json_value(), 11)) {
        let mut r = Map::new();
        for ((_, api), v) in FIELDS.iter().zip(values) {
            r.insert((*api).to_string(), v);
        }
        let (layer, bad) = parse_layer(&r);
        prop_assert!(layer.check().is_empty());
        let set = [
            layer.offer_do_not_log.is_some(), layer.default_do_not_log.is_some(),
            layer.log_missed_queue_calls.is_some(), layer.log_inbound_while_logged_out.is_some(),
            layer.presence_logout_check.is_some(), layer.hold_first_call.is_some(),
            layer.unknown_callers_become.is_some(), layer.create_unknown_callers.is_some(),
            layer.default_country.is_some(), layer.keep_contact_copy.is_some(),
            layer.sync_interval_secs.is_some(),
        ];
        for ((name, api), kept) in FIELDS.iter().zip(set) {
            let blank = matches!(r.get(*api), Some(Value::Null)) || r.get(*api).and_then(Value::as_str).is_some_and(|s| s.trim().is_empty());
            let named = bad.iter().any(|e| e.field == *name);
            prop_assert!(kept || blank || named, "{api} = {:?} vanished silently", r.get(*api));
            prop_assert!(!(kept && named), "{api} both kept and refused");
        }
    }
}

#[test]
fn budget_3_the_org_rows_relay_address_is_taken_only_when_it_is_one() {
    let ok = |s: &str| (Some(s.to_string()), 0);
    let refused = (None, 1);
    let cases: [(Value, (Option<String>, usize)); 9] = [
        (json!(null), (None, 0)),
        (json!("  "), (None, 0)),
        (
            json!("nats://relay.example.com:4222"),
            ok("nats://relay.example.com:4222"),
        ),
        (json!(" tls://10.0.0.5:4222 "), ok("tls://10.0.0.5:4222")),
        (json!("https://relay.example.com"), refused.clone()),
        (json!("nats://"), refused.clone()),
        (json!("nats://user:secret@relay:4222"), refused.clone()),
        (
            json!(format!("nats://{}", "a".repeat(300))),
            refused.clone(),
        ),
        (json!(42), refused),
    ];
    for (value, (want, errors)) in cases {
        let r = row(json!({ "Relay_Url__c": value.clone() }));
        let (url, bad) = relay_url(Some(&r));
        assert_eq!((url, bad.len()), (want, errors), "{value}");
        // A refused address names its field, for the admin to mend.
        assert!(bad.iter().all(|e| e.field == "Relay_Url__c"));
    }
    assert_eq!(relay_url(None), (None, Vec::new()));
}

proptest! {
    /// Whatever the field holds, what is kept is a bounded relay address.
    #[test]
    fn any_relay_field_is_kept_only_as_an_address(v in json_value()) {
        let r = row(json!({ "Relay_Url__c": v }));
        let (url, _) = relay_url(Some(&r));
        if let Some(u) = url {
            prop_assert!(u.starts_with("nats://") || u.starts_with("tls://"));
            prop_assert!(u.len() <= MAX_RELAY_URL && !u.contains('@'));
        }
    }
}
