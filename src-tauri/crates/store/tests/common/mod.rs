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
            queue_name: None,
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
        signal: CallSignal::Hangup {
            reason: None,
            by: None,
        },
    });
    for input in inputs {
        t += 1000;
        for e in desk.handle(input, Millis(t)).unwrap() {
            match e {
                Effect::CallStarted(v) => {
                    store.call_started(&v.session).await.unwrap();
                }
                Effect::CallFinished(f) => row = store.call_finished(&f).await.unwrap(),
                _ => {}
            }
        }
    }
    row
}

/// A desk with the companion open, so Ringside logs its calls.
pub fn logging_desk() -> Desk {
    let mut desk = Desk::new(Settings::default());
    desk.handle(Input::Login(LoginEvent::CompanionOpened), Millis(0))
        .unwrap();
    desk
}

/// Rings `id` on the desk and stores its start; returns its row.
pub async fn ring(store: &Store, desk: &mut Desk, id: &str, at: i64) -> i64 {
    let signal = CallSignal::Incoming {
        from: "+13108675309".into(),
        queue: false,
        queue_name: None,
    };
    let input = Input::Call {
        id: CallId(id.into()),
        signal,
    };
    let mut row = 0;
    for e in desk.handle(input, Millis(at)).unwrap() {
        if let Effect::CallStarted(v) = e {
            row = store.call_started(&v.session).await.unwrap();
        }
    }
    row
}

/// Hangs `id` up on the desk; returns its finish, not yet stored.
pub fn hang_up(desk: &mut Desk, id: &str, at: i64) -> ringside_core::FinishedCall {
    let input = Input::Call {
        id: CallId(id.into()),
        signal: CallSignal::Hangup {
            reason: None,
            by: None,
        },
    };
    desk.handle(input, Millis(at))
        .unwrap()
        .into_iter()
        .find_map(|e| match e {
            Effect::CallFinished(f) => Some(*f),
            _ => None,
        })
        .unwrap()
}

/// A database file as an earlier version left it: the migrations up to
/// `version` only, on a connection the caller fills in.
pub async fn database_at_version(path: &std::path::Path, version: i64) -> sqlx::SqliteConnection {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::ConnectOptions;
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    let mut old = sqlx::migrate::Migrator::new(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/migrations"
    )))
    .await
    .unwrap();
    let earlier: Vec<_> = old
        .migrations
        .iter()
        .filter(|m| m.version <= version)
        .cloned()
        .collect();
    old.migrations = std::borrow::Cow::Owned(earlier);
    old.run(&mut conn).await.unwrap();
    conn
}
