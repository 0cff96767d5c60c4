//! Benchmark 3: extraction of every page under `api-reference/*/api/*.md`, from memory.
//!
//! `extract_str` gets each page's text and its includes from preloaded maps (no file I/O). The
//! floor is pulldown-cmark alone on the same page bytes, with the extractor's options (tables and
//! YAML front matter), every event consumed. Since the extractor also parses the includes it reads,
//! a second, informative floor parses each page and the includes it reads. See
//! `graph_benches::pages`.

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use graph_benches::pages::Corpus;

fn extract(c: &mut Criterion) {
    let corpus = Corpus::load();
    let reads: usize = corpus.pages.iter().map(|p| p.includes.len()).sum();
    let include_bytes: usize = corpus
        .pages
        .iter()
        .flat_map(|p| &p.includes)
        .filter_map(|i| corpus.include(i))
        .map(|t| t.len())
        .sum();
    println!(
        "extract: {} pages ({} extract without error), {} bytes; {reads} include reads \
         ({include_bytes} bytes)",
        corpus.pages.len(),
        corpus.extract_all(),
        corpus.page_bytes(),
    );

    let mut group = c.benchmark_group("extract");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(corpus.page_bytes() as u64));
    group.bench_function("extract_str", |b| b.iter(|| corpus.extract_all()));
    group.bench_function("pulldown_page", |b| b.iter(|| corpus.parse_pages()));
    group.bench_function("pulldown_page_and_includes", |b| {
        b.iter(|| corpus.parse_pages_and_includes())
    });
    // Informative: the page hash alone, part of the extractor's unavoidable work.
    group.bench_function("sha256_pages", |b| b.iter(|| corpus.hash_pages()));
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
