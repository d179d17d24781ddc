use super::*;

#[test]
fn parses_the_queries_ringside_sends() {
    let q = parse("SELECT Id, Phone FROM Contact WHERE SystemModstamp > 2024-01-31T00:00:00Z ORDER BY SystemModstamp ASC LIMIT 2000").unwrap();
    assert_eq!(q.select, Select::Fields(vec!["Id".into(), "Phone".into()]));
    assert_eq!(q.from, "Contact");
    assert_eq!(
        q.filter,
        Some(Cond::Cmp {
            field: "SystemModstamp".into(),
            op: Op::Gt,
            value: Literal::DateTime("2024-01-31T00:00:00Z".into())
        })
    );
    assert_eq!(q.limit, Some(2000));

    let q = parse("select id from Task where CallObject = 'a\\'b' and (Status != 'Completed' or IsClosed = false)").unwrap();
    assert!(matches!(q.filter, Some(Cond::And(_))));

    let q =
        parse("SELECT COUNT() FROM Lead WHERE Id NOT IN ('00Q000000000001', '00Q000000000002')")
            .unwrap();
    assert_eq!(q.select, Select::Count);
    assert!(matches!(q.filter, Some(Cond::In { negated: true, .. })));

    let q = parse(
        "SELECT Id FROM Case ORDER BY LastViewedDate DESC NULLS LAST, CaseNumber LIMIT 5 OFFSET 10",
    )
    .unwrap();
    assert_eq!(q.order.len(), 2);
    assert_eq!(q.order[0].nulls_last, Some(true));
    assert_eq!(q.offset, Some(10));
}

#[test]
fn rejects_what_it_cannot_parse() {
    for bad in [
        "",
        "SELECT FROM Contact",
        "SELECT Id Contact",
        "SELECT Id FROM",
        "SELECT Id FROM Contact WHERE",
        "SELECT Id FROM Contact WHERE Name = ",
        "SELECT Id FROM Contact WHERE Name = 'x",
        "SELECT Id FROM Contact LIMIT -1",
        "SELECT Id FROM Contact LIMIT 1.5",
        "SELECT Id FROM Contact GROUP BY Id",
        "SELECT Id FROM Contact WHERE Name NOT = 'x'",
        "SELECT Id, FROM Contact",
        "SELECT Id FROM Contact WHERE (Name = 'x'",
        "SELECT Id FROM Contact WHERE Name = 'x' ;",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}
