//! Benchmark 6: codegen at scale. `graph_codegen::generate` (bindings, models, mock helpers and
//! conformance tests, as `cargo xtask codegen` runs it) on a synthetic corpus of 2,000 operations
//! with enumerations (`graph_benches::corpus`, seed 1), excluding compilation: `generate_2000`.
//! `generate_2000_typed` is `graph_codegen::generate_with_types` on the same corpus with its type
//! files (complex, entity and enum types, about 40 per 100 operations) and operations typed by
//! them, so that each version also gets its `models.rs`. Target: 2 s or less.
//! `GRAPH_BENCH_OPERATIONS` changes the size.

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use graph_benches::corpus::{Options, synthesize, synthesize_with_types};
use graph_codegen::Layout;

fn codegen_scale(c: &mut Criterion) {
    let operations = std::env::var("GRAPH_BENCH_OPERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let templates = graph_benches::load_specs();
    let options = Options::new(operations, 1);
    let specs = synthesize(&templates, &options).expect("the synthetic corpus");
    let layout = Layout::default();
    let files = graph_codegen::generate(&specs, &layout).expect("the synthetic corpus generates");
    println!(
        "codegen_scale: {} synthetic operations ({} enums) -> {} files, {} bytes",
        specs.len(),
        specs.iter().map(|(_, s)| s.enums.len()).sum::<usize>(),
        files.len(),
        files.values().map(String::len).sum::<usize>()
    );
    let typed = synthesize_with_types(&templates, &graph_benches::load_types(), &options)
        .expect("the synthetic corpus with types");
    let types = typed.type_files();
    let typed_files = graph_codegen::generate_with_types(&typed.specs, &types, &layout)
        .expect("the synthetic corpus with types generates");
    println!(
        "codegen_scale typed: {} synthetic operations, {} types -> {} files, {} bytes",
        typed.specs.len(),
        types.len(),
        typed_files.len(),
        typed_files.values().map(String::len).sum::<usize>()
    );

    let mut group = c.benchmark_group("codegen_scale");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.throughput(Throughput::Elements(specs.len() as u64));
    group.bench_function(format!("generate_{operations}"), |b| {
        b.iter(|| graph_codegen::generate(std::hint::black_box(&specs), &layout))
    });
    group.bench_function(format!("generate_{operations}_typed"), |b| {
        b.iter(|| {
            graph_codegen::generate_with_types(
                std::hint::black_box(&typed.specs),
                std::hint::black_box(&types),
                &layout,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, codegen_scale);
criterion_main!(benches);
