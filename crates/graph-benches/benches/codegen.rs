//! Benchmark 4: generating the bindings and conformance tests of all of `spec/` in process
//! (`graph_codegen::generate`, as `cargo xtask codegen` calls it), excluding compilation. The
//! throughput is the number of spec files (one operation each), so `bench-report` shows the time
//! per operation.

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use graph_codegen::Layout;

fn codegen(c: &mut Criterion) {
    let specs = graph_benches::load_specs();
    let layout = Layout::default();
    let files = graph_codegen::generate(&specs, &layout).expect("spec/ generates");
    println!(
        "codegen: {} spec files -> {} files, {} bytes",
        specs.len(),
        files.len(),
        files.values().map(String::len).sum::<usize>()
    );

    let mut group = c.benchmark_group("codegen");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(20);
    group.throughput(Throughput::Elements(specs.len() as u64));
    group.bench_function("generate", |b| {
        b.iter(|| graph_codegen::generate(std::hint::black_box(&specs), &layout))
    });
    group.bench_function("load_dir_and_generate", |b| {
        b.iter(|| graph_codegen::generate(&graph_benches::load_specs(), &layout))
    });
    group.finish();
}

criterion_group!(benches, codegen);
criterion_main!(benches);
