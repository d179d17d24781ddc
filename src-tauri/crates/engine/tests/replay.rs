#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
use ringside_engine::demo::DEMO_SCENARIO;
use ringside_engine::replay::replay;
use ringside_softphone::parse_scenario;

/// The demo day: every call Ringside logs, and the one the agent ticked.
#[test]
fn the_demo_day_logs_every_call_through_ringside_but_the_ticked_one() {
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

/// LOG-1, every writer through the replay: the CRM softphone (agent in the
/// CRM), the ACD service (nobody at a desk app, config 2, a task URL),
/// Ringside (companion open, CRM out), and nobody (ticked; the ACD not
/// allowed). Each call is counted under exactly one of them.
#[test]
fn a_day_with_every_writer_counts_each_call_under_one() {
    let day = "\
settings acd_config2_inbound_while_logged_out=on
crm login
companion open
ring c1 from +13105550100
answer c1
hangup c1
crm logout
ring c2 from +13105550101
answer c2
hangup c2
ring c3 from +13105550102
tick c3
hangup c3
companion close
ring c4 from +13105550103
acd-url c4 https://acd.example.com/task/4
answer c4
hangup c4
dial c5 to +13105550104
answer c5
hangup c5
";
    let scenario = parse_scenario(day).unwrap();
    let (lines, summary) = replay(&scenario, Default::default(), false);
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(summary.calls, 5, "{text:#?}");
    assert_eq!(
        (
            summary.by_crm,
            summary.by_acd,
            summary.by_companion,
            summary.not_logged
        ),
        (1, 1, 1, 2),
        "c1 by the CRM softphone, c4 by the ACD, c2 by Ringside; c3 ticked and c5 outbound with nobody at a desk app: {text:#?}"
    );
    assert_eq!(
        summary.by_crm + summary.by_acd + summary.by_companion + summary.not_logged,
        summary.calls
    );
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
