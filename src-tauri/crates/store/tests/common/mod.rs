#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)] // tests fail loudly by design
//! One call through the desk into the store, for the store's tests.

use ringside_core::{CallId, CallSignal, Desk, Effect, Input, LoginEvent, Millis, Settings};
use ringside_store::Store;

/// A call answered and hung up after `login`; `tick` marks it do-not-log.
/// Returns its row.
pub async fn one_call(store: &Store, id: &str, login: &[LoginEvent], tick: bool) -> i64 {
    let mut desk = Desk::new(Settings::default());
    let mut row = 0;
    let mut t = 0;
    let mut inputs: Vec<Input> = login.iter().map(|e| Input::Login(*e)).collect();
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Incoming {
            from: "+13108675309".into(),
            queue: false,
        },
    });
    if tick {
        inputs.push(Input::SetDoNotLog {
            id: CallId(id.into()),
            ticked: true,
        });
    }
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Answered,
    });
    inputs.push(Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Hangup { reason: None },
    });
    for input in inputs {
        t += 1000;
        for e in desk.handle(input, Millis(t)).unwrap() {
            match e {
                Effect::CallStarted(v) => {
                    store
                        .call_started(desk.live_session(&v.id).unwrap())
                        .await
                        .unwrap();
                }
                Effect::CallFinished(f) => row = store.call_finished(&f).await.unwrap(),
                _ => {}
            }
        }
    }
    row
}
