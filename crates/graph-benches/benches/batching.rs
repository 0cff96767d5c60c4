//! Benchmark 10: 100 `GET /v1.0/users/{id}` through the generated binding, as 5 JSON `$batch` calls
//! of 20 against 100 single calls, one after the other on a single-threaded tokio runtime, against
//! the same loopback server (answers checked to decode the same before measuring). See
//! `graph_benches::batching`.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use graph_benches::batching::Batching;
use graph_benches::paired;

fn batching(c: &mut Criterion) {
    let batching = Batching::new();
    batching.check();

    let mut group = c.benchmark_group("batch_100_gets");
    group.bench_function("five_batches", |b| b.iter_custom(|n| batching.batched(n)));
    group.bench_function("single_calls", |b| b.iter_custom(|n| batching.singles(n)));
    group.finish();

    if paired::should_run("batch_100_gets") {
        paired::interleaved(
            |n| batching.batched(n),
            |n| batching.singles(n),
            Duration::from_millis(50),
            paired::budget(),
        )
        .report(
            &graph_benches::criterion_dir(),
            "batch_100_gets",
            "five_batches",
            "single_calls",
        );
    }
}

criterion_group!(benches, batching);
criterion_main!(benches);
