use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::*;

fn record(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn a_filtered_channel_splits_into_its_base_and_field_values() {
    assert_eq!(
        parse_channel("/topic/RingsidePresence?User__c=005000000000001AAA"),
        Some((
            "/topic/RingsidePresence".into(),
            vec![("User__c".into(), "005000000000001AAA".into())]
        ))
    );
    assert_eq!(parse_channel("/topic/X"), Some(("/topic/X".into(), vec![])));
    for bad in [
        "/topic/X?",
        "/topic/X?=1",
        "/topic/X?a b=1",
        "/topic/X?novalue",
    ] {
        assert_eq!(parse_channel(bad), None, "{bad}");
    }
}

#[test]
fn a_filter_matches_ids_in_either_form_and_nothing_else() {
    let r = record(json!({"Id": "a02000000000001AAA", "User__c": "005000000000001AAA", "N": 3}));
    let f = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
    assert!(matches_filter(&f("User__c", "005000000000001AAA"), &r));
    assert!(matches_filter(&f("User__c", "005000000000001"), &r));
    assert!(matches_filter(&f("user__c", "005000000000001AAA"), &r));
    assert!(!matches_filter(&f("User__c", "005000000000002AAA"), &r));
    assert!(matches_filter(&f("N", "3"), &r));
    assert!(!matches_filter(&f("Missing__c", "x"), &r));
    assert!(matches_filter(&[], &r));
}

#[test]
fn replay_delivers_what_came_after_the_id_and_only_to_matching_filters() {
    let s = Streaming::default();
    let mine = record(json!({"Id": "a1", "User__c": "005000000000001AAA"}));
    let other = record(json!({"Id": "a2", "User__c": "005000000000002AAA"}));
    let event = |r: &Map<String, Value>| json!({"channel": "/topic/T", "data": {"event": {"replayId": 0}, "sobject": r}});
    s.publish("/topic/T", mine.clone(), event(&mine));
    s.publish("/topic/T", other.clone(), event(&other));
    s.publish("/topic/T", mine.clone(), event(&mine));
    let c = s.new_client("005000000000001AAA".into());
    let sub = |channel: &str| {
        let (base, filter) = parse_channel(channel).unwrap();
        Subscription {
            channel: channel.into(),
            base,
            filter,
        }
    };
    assert!(s.subscribe(&c, sub("/topic/T?User__c=005000000000001AAA"), Some(1)));
    let queued: Vec<i64> = lock(&s.clients)[&c]
        .queue
        .iter()
        .map(|m| m["data"]["event"]["replayId"].as_i64().unwrap())
        .collect();
    assert_eq!(queued, [3], "after replay id 1, this user's events only");
    assert_eq!(
        lock(&s.clients)[&c].queue[0]["channel"],
        "/topic/T?User__c=005000000000001AAA",
        "delivered on the channel as subscribed"
    );
    assert!(s.replay_valid("/topic/T", -2));
    assert!(
        !s.replay_valid("/topic/T", 99),
        "a replay id from the future"
    );
}

proptest! {
    /// Any channel text: a bounded answer, never a panic.
    #[test]
    fn parse_channel_never_panics(channel in ".{0,2000}") {
        if let Some((base, filter)) = parse_channel(&channel) {
            prop_assert!(channel.starts_with(&base));
            prop_assert!(filter.len() <= 10);
        }
    }
}
