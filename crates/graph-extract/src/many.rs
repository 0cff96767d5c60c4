//! [`extract_pages`]: many API pages on every core, each page on its own.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_spec::SpecFile;

use crate::error::ExtractError;
use crate::page::extract_page;

/// What extracting one page gave.
#[derive(Debug)]
pub enum PageOutcome {
    /// The page's spec.
    Extracted(Box<SpecFile>),
    /// The page's located, classified error.
    Failed(ExtractError),
    /// The extractor panicked on the page (a bug of the extractor, not of the page): the panic's
    /// message.
    Panicked(String),
}

/// Extracts `pages` (paths relative to `docs`) on every core, each page on its own, so that a
/// page that panics is that page's outcome and no other page is lost. The outcomes are in page
/// order. `progress` is called from the workers with the number of pages done, about every 1% of
/// the pages and at the end.
pub fn extract_pages(
    docs: &Path,
    pages: &[String],
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<PageOutcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, pages.len().max(1));
    // Each worker takes the next page nobody has taken: pages differ a lot in cost.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let step = (pages.len() / 100).max(1);
    let mut outcomes: Vec<(usize, PageOutcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(page) = pages.get(at) else { break };
                        let run = catch_unwind(AssertUnwindSafe(|| extract_page(docs, page)));
                        let outcome = match run {
                            Ok(Ok(spec)) => PageOutcome::Extracted(Box::new(spec)),
                            Ok(Err(e)) => PageOutcome::Failed(e),
                            Err(panic) => PageOutcome::Panicked(panic_message(panic.as_ref())),
                        };
                        mine.push((at, outcome));
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if n.is_multiple_of(step) || n == pages.len() {
                            progress(n);
                        }
                    }
                    mine
                })
            })
            .collect();
        // Each page runs under `catch_unwind`, so a worker always returns its outcomes.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    outcomes.sort_by_key(|(at, _)| *at);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}

/// The message a panic was raised with (`panic!("...")`), or a placeholder.
fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(a panic without a message)".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_outcome_in_page_order() {
        let dir = std::env::temp_dir().join(format!("graph-extract-many-{}", std::process::id()));
        let api = dir.join("api-reference/v1.0/api");
        std::fs::create_dir_all(&api).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(api.join("empty.md"), "").unwrap_or_else(|e| panic!("{e}"));
        let pages: Vec<String> = ["missing.md", "empty.md", "missing-too.md"]
            .iter()
            .map(|p| format!("api-reference/v1.0/api/{p}"))
            .collect();
        let seen = AtomicUsize::new(0);
        let outcomes = extract_pages(&dir, &pages, &|n| {
            seen.fetch_max(n, Ordering::Relaxed);
        });
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(outcomes.len(), 3);
        assert_eq!(seen.load(Ordering::Relaxed), 3);
        for (outcome, page) in outcomes.iter().zip(&pages) {
            match outcome {
                PageOutcome::Failed(e) => assert_eq!(&e.file, page),
                other => panic!("{page}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_panic_keeps_its_message() {
        let panic = catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_message(panic.as_ref()), "boom 1");
        let panic = catch_unwind(|| std::panic::panic_any(7)).unwrap_err();
        assert_eq!(panic_message(panic.as_ref()), "(a panic without a message)");
    }
}
