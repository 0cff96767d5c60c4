//! Benchmark 2: serializing a `ConfirmSafeRequest` with 10,000 request IDs.
//!
//! The generated type has a `#[serde(flatten)] additional_properties` map, so serde serializes it
//! as a map (`serialize_map(None)`) rather than a struct. It is compared with a plain
//! `#[derive(Serialize)]` struct of the same field and with a prebuilt `serde_json::Value`; all
//! produce the same bytes (checked before measuring).

use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_benches::calls::PlainConfirmSafe;
use graph_benches::paired;

const COUNT: usize = 10_000;

fn serialize(c: &mut Criterion) {
    let ids = graph_benches::request_ids(COUNT);
    let typed = ConfirmSafeRequest::new(ids.clone());
    let plain = PlainConfirmSafe {
        request_ids: ids.clone(),
    };
    let value = serde_json::json!({ "requestIds": ids });

    let expected = serde_json::to_vec(&plain).expect("serializes");
    assert_eq!(serde_json::to_vec(&typed).expect("serializes"), expected);
    assert_eq!(serde_json::to_vec(&value).expect("serializes"), expected);

    let mut group = c.benchmark_group("serialize_10k");
    group.throughput(Throughput::Bytes(expected.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&typed)))
    });
    group.bench_function("plain_derive", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&plain)))
    });
    group.bench_function("json_value", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&value)))
    });
    // Informative: building the Value from a Vec<String> as well (`json!` clones every string).
    // Flat sampling: linear sampling would need more than the short measurement time.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("json_value_built", |b| {
        b.iter_batched(
            || ids.clone(),
            |ids| serde_json::to_vec(&serde_json::json!({ "requestIds": ids })),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    if paired::should_run("serialize_10k") {
        paired::interleaved(
            timed(|| serde_json::to_vec(std::hint::black_box(&typed))),
            timed(|| serde_json::to_vec(std::hint::black_box(&plain))),
            Duration::from_millis(10),
            paired::budget(),
        )
        .report(
            &graph_benches::criterion_dir(),
            "serialize_10k",
            "generated",
            "plain_derive",
        );
    }
}

/// Runs `f` a given number of times and returns the elapsed time.
fn timed<T>(f: impl Fn() -> T) -> impl FnMut(u64) -> Duration {
    move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            std::hint::black_box(f());
        }
        start.elapsed()
    }
}

criterion_group!(benches, serialize);
criterion_main!(benches);
