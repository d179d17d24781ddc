#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use ringside_engine::demo::DEMO_SCENARIO;
use ringside_engine::replay::replay;
use ringside_softphone::parse_scenario;

#[test]
fn the_demo_day_covers_every_writer() {
    let scenario = parse_scenario(DEMO_SCENARIO).unwrap();
    let (lines, summary) = replay(&scenario, Default::default(), false);
    assert_eq!(summary.calls, 5);
    assert_eq!(summary.still_live, 0);
    // d1 logged by Ringside, d2 ticked, d3 missed (Ringside logs it), d4 dialback,
    // d5 CRM presence logout mid-call → Ringside.
    assert_eq!(
        (summary.by_companion, summary.by_crm, summary.not_logged),
        (4, 0, 1)
    );
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert!(text
        .iter()
        .any(|l| l.contains("d2  do-not-log on sent to the ACD")));
    assert!(text.iter().any(|l| l.contains("d4  Dialback")));
    // Numbers are redacted by default.
    assert!(!text.iter().any(|l| l.contains("8675309")), "{text:#?}");
}

#[test]
fn replay_reports_refusals_and_live_calls() {
    let scenario = parse_scenario("ring c1 from 123456789\nhold c1\ntick c1\n").unwrap();
    let (lines, summary) = replay(&scenario, Default::default(), true);
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert!(
        text.iter()
            .any(|l| l.contains("c1  ignored: cannot hold a call that is Ringing")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|l| l.contains("refused: the do-not-log option is not offered")),
        "{text:#?}"
    );
    assert_eq!(summary.still_live, 1);
}
