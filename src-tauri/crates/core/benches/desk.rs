#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! Time per event through the state machine and the logging decision.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ringside_core::{CallId, CallSignal, Desk, Input, LoginEvent, Millis, Settings};

/// One whole call: ring, answer, tick, hold, resume, hang up (6 inputs).
fn one_call(desk: &mut Desk, n: u64, t: &mut i64) {
    let id = CallId(format!("c{n}"));
    let inputs = [
        Input::Call {
            id: id.clone(),
            signal: CallSignal::Incoming {
                from: "+13108675309".into(),
                queue: true,
                queue_name: None,
            },
        },
        Input::Call {
            id: id.clone(),
            signal: CallSignal::Answered,
        },
        Input::ToggleDoNotLog { id: id.clone() },
        Input::Call {
            id: id.clone(),
            signal: CallSignal::Held,
        },
        Input::Call {
            id: id.clone(),
            signal: CallSignal::Resumed,
        },
        Input::Call {
            id,
            signal: CallSignal::Hangup {
                reason: None,
                by: None,
            },
        },
    ];
    for input in inputs {
        *t += 1;
        let fx = desk.handle(input, Millis(*t));
        std::hint::black_box(fx.ok());
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("core");
    g.throughput(Throughput::Elements(6));
    g.bench_function("call_of_6_events", |b| {
        let mut desk = Desk::new(Settings::default());
        desk.handle(Input::Login(LoginEvent::CompanionOpened), Millis(0))
            .ok();
        let (mut n, mut t) = (0u64, 0i64);
        b.iter(|| {
            n += 1;
            one_call(&mut desk, n, &mut t);
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
