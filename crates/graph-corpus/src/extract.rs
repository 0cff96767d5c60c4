//! Every API page, extracted on every core.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_extract::ExtractError;
use graph_spec::SpecFile;

/// The docs-relative paths of every API page below `docs` (`api-reference/<version>/api/*.md`),
/// sorted; an error names the folder that could not be read.
pub fn api_pages(docs: &Path) -> Result<Vec<String>, String> {
    let root = docs.join("api-reference");
    let versions =
        std::fs::read_dir(&root).map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    let mut pages = Vec::new();
    for version in versions.flatten() {
        let api = version.path().join("api");
        let Ok(entries) = std::fs::read_dir(&api) else {
            continue;
        };
        let version = version.file_name().to_string_lossy().into_owned();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                pages.push(format!("api-reference/{version}/api/{name}"));
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// What extraction gave.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The specs, in page order.
    pub specs: Vec<SpecFile>,
    /// The pages that failed, each with its located, classified error (a panic is reported as an
    /// error of kind `Unreadable` at line 0 naming the panic).
    pub failures: Vec<ExtractError>,
    /// Pages that panicked (a bug of the extractor, not of the page).
    pub panics: Vec<String>,
}

/// Extracts `pages` (docs-relative) below `docs` on every core. `progress` is called with the
/// number of pages done so far, from the workers, about every 1% of the pages.
pub fn extract_all(docs: &Path, pages: &[String], progress: &(dyn Fn(usize) + Sync)) -> Extracted {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, pages.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let step = (pages.len() / 100).max(1);
    let mut results: Vec<(usize, Result<SpecFile, ExtractError>, bool)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let at = next.fetch_add(1, Ordering::Relaxed);
                            let Some(page) = pages.get(at) else { break };
                            let run = catch_unwind(AssertUnwindSafe(|| {
                                graph_extract::extract_page(docs, page)
                            }));
                            let (result, panicked) = match run {
                                Ok(result) => (result, false),
                                Err(_) => (Err(panic_error(page)), true),
                            };
                            mine.push((at, result, panicked));
                            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                            if n.is_multiple_of(step) || n == pages.len() {
                                progress(n);
                            }
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
    results.sort_by_key(|(i, _, _)| *i);
    let mut out = Extracted::default();
    for (_, result, panicked) in results {
        match result {
            Ok(spec) => out.specs.push(spec),
            Err(e) => {
                if panicked {
                    out.panics.push(e.file.clone());
                }
                out.failures.push(e);
            }
        }
    }
    out
}

fn panic_error(page: &str) -> ExtractError {
    ExtractError {
        file: page.to_string(),
        line: 0,
        kind: graph_extract::ErrorKind::Unreadable,
        message: "the extractor panicked on this page (a bug of the extractor)".into(),
    }
}
