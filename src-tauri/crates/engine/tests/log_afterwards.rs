#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! A call kept out of the CRM by mistake (DNL-4) is logged from history:
//! one Task, once, however often the agent asks.

mod common;

use common::delivery::{call, drained, engine, fast, sandbox};
use common::{client, salesforce};

use ringside_core::{DecisionReason, Writer};
use ringside_engine::ipc::{ErrorCode, Request};
use ringside_sandbox::seed::Seed;
use ringside_store::Delivery;

#[tokio::test]
async fn a_call_not_logged_by_mistake_is_logged_once_from_history() {
    let sb = sandbox(Seed::Demo).await;
    let (e, probe) = engine(fast()).await;
    e.connect_crm(salesforce(&sb, true).await).await.unwrap();

    call(&e, &probe, "kept-out", true).await;
    call(&e, &probe, "logged", false).await;
    drained(&e, 1).await;
    let history = e.history(10).await.unwrap();
    let row_of = |id: &str| history.iter().find(|h| h.call_id.0 == id).unwrap().row;
    let (kept_out, logged) = (row_of("kept-out"), row_of("logged"));

    // Only a call kept out by the checkbox can be logged afterwards.
    let refused = e
        .request(Request::LogAfterwards { row: logged })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotWrappable);
    let refused = e
        .request(Request::LogAfterwards { row: 999_999 })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotWrappable);

    e.request(Request::LogAfterwards { row: kept_out })
        .await
        .unwrap();
    // Asked again (a double click, a second window): refused, nothing doubled.
    let again = e
        .request(Request::LogAfterwards { row: kept_out })
        .await
        .unwrap_err();
    assert!(again.message.contains("already"), "{}", again.message);
    drained(&e, 2).await;

    let tasks = client(&sb)
        .await
        .query_all_pages("SELECT Id, CallObject FROM Task")
        .await
        .unwrap();
    let kept: Vec<_> = tasks
        .iter()
        .filter(|t| t["CallObject"] == "kept-out")
        .collect();
    assert_eq!(kept.len(), 1, "{tasks:?}");
    assert_eq!(tasks.len(), 2, "{tasks:?}");

    let entry = e
        .history(10)
        .await
        .unwrap()
        .into_iter()
        .find(|h| h.row == kept_out)
        .unwrap();
    assert_eq!(entry.reason, Some(DecisionReason::LoggedAfterwards));
    assert_eq!(entry.writer, Some(Writer::Companion));
    assert!(matches!(entry.delivery, Some(Delivery::Logged { .. })));
    // And now it can be wrapped up like any call Ringside logs.
    e.request(Request::WrapUp {
        row: kept_out,
        wrap_up: ringside_store::WrapUp {
            disposition: None,
            notes: "logged after all".into(),
            case: None,
        },
    })
    .await
    .unwrap();
}
