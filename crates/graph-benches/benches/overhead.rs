//! Benchmark 1: per-call overhead of the generated binding over a hand-written reqwest call.
//!
//! Both send the same `POST /beta/auditLogs/signIns/confirmSafe` (same headers, same body; checked
//! on the wire before measuring) to the same loopback server answering `204`, one call at a time on
//! a single-threaded tokio runtime, over one kept-alive connection each. See
//! `graph_benches::calls`.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use graph_benches::calls::PerCall;
use graph_benches::paired;

fn per_call(c: &mut Criterion) {
    let per_call = PerCall::new();
    per_call.check_same_wire();

    let mut group = c.benchmark_group("per_call");
    group.bench_function("binding", |b| b.iter_custom(|n| per_call.binding(n)));
    group.bench_function("reqwest", |b| b.iter_custom(|n| per_call.reqwest(n)));
    group.finish();

    if paired::should_run("per_call") {
        paired::interleaved(
            |n| per_call.binding(n),
            |n| per_call.reqwest(n),
            Duration::from_millis(20),
            paired::budget(),
        )
        .report(
            &graph_benches::criterion_dir(),
            "per_call",
            "binding",
            "reqwest",
        );
    }
}

criterion_group!(benches, per_call);
criterion_main!(benches);
