//! Every API page, extracted on every core.

use std::path::Path;

use graph_extract::{ExtractError, PageOutcome};
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

/// Extracts `pages` (docs-relative) below `docs` on every core
/// ([`graph_extract::extract_pages`]). `progress` is called with the number of pages done so far,
/// from the workers, about every 1% of the pages.
pub fn extract_all(docs: &Path, pages: &[String], progress: &(dyn Fn(usize) + Sync)) -> Extracted {
    let mut out = Extracted::default();
    for (outcome, page) in graph_extract::extract_pages(docs, pages, progress)
        .into_iter()
        .zip(pages)
    {
        match outcome {
            PageOutcome::Extracted(spec) => out.specs.push(*spec),
            PageOutcome::Failed(e) => out.failures.push(e),
            PageOutcome::Panicked(message) => {
                out.panics.push(page.clone());
                out.failures.push(panic_error(page, &message));
            }
        }
    }
    out
}

fn panic_error(page: &str, message: &str) -> ExtractError {
    ExtractError {
        file: page.to_string(),
        line: 0,
        kind: graph_extract::ErrorKind::Unreadable,
        message: format!("the extractor panicked on this page (a bug of the extractor): {message}"),
    }
}
