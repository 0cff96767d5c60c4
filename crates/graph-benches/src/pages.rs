//! The docs pages of the extraction benchmark, preloaded: every
//! `api-reference/*/api/*.md` under [`crate::docs_root`], with the includes the extractor reads.

use std::cell::RefCell;
use std::collections::BTreeMap;

use pulldown_cmark::{Options, Parser};

/// The pulldown-cmark options of the extractor (`graph-extract/src/markdown/blocks.rs`).
pub const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

/// A page: its docs-relative path, its text, and the includes the extractor asked for, in order.
#[derive(Debug, Clone)]
pub struct Page {
    /// Docs-relative, `/`-separated.
    pub path: String,
    /// The page's text.
    pub text: String,
    /// Docs-relative include paths, as asked for by `extract_str` (repeats kept).
    pub includes: Vec<String>,
}

/// Every page and the text of every include any page asked for (`None`: missing).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The pages, sorted by path.
    pub pages: Vec<Page>,
    /// Include path to text.
    pub includes: BTreeMap<String, Option<String>>,
}

impl Corpus {
    /// Reads every page and, by running the extractor once on each, the includes it reads.
    pub fn load() -> Corpus {
        let root = crate::docs_root();
        let mut paths = Vec::new();
        let versions = std::fs::read_dir(root.join("api-reference"))
            .unwrap_or_else(|e| panic!("{}/api-reference: {e}", root.display()));
        for version in versions {
            let api = version.expect("dir entry").path().join("api");
            let Ok(entries) = std::fs::read_dir(&api) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("dir entry").path();
                if path.extension().is_some_and(|e| e == "md") {
                    let rel = path.strip_prefix(&root).expect("under the docs root");
                    let rel: Vec<String> = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    paths.push(rel.join("/"));
                }
            }
        }
        paths.sort();
        assert!(!paths.is_empty(), "no pages under {}", root.display());
        let includes: RefCell<BTreeMap<String, Option<String>>> = RefCell::default();
        let pages = paths
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(root.join(&path)).expect("page is UTF-8");
                let asked = RefCell::new(Vec::new());
                let read = |include: &str| {
                    asked.borrow_mut().push(include.to_owned());
                    includes
                        .borrow_mut()
                        .entry(include.to_owned())
                        .or_insert_with(|| std::fs::read_to_string(root.join(include)).ok())
                        .clone()
                };
                let _ = graph_extract::extract_str(&path, &text, &read);
                Page {
                    path,
                    text,
                    includes: asked.into_inner(),
                }
            })
            .collect();
        Corpus {
            pages,
            includes: includes.into_inner(),
        }
    }

    /// An include's preloaded text (what `extract_str`'s `read_include` returns).
    pub fn include(&self, path: &str) -> Option<String> {
        self.includes.get(path).cloned().flatten()
    }

    /// Total bytes of the pages.
    pub fn page_bytes(&self) -> usize {
        self.pages.iter().map(|p| p.text.len()).sum()
    }

    /// `extract_str` on every page, includes from memory; how many succeeded.
    pub fn extract_all(&self) -> usize {
        let read = |include: &str| self.include(include);
        let mut ok = 0;
        for page in &self.pages {
            let spec =
                graph_extract::extract_str(&page.path, std::hint::black_box(&page.text), &read);
            ok += usize::from(std::hint::black_box(spec).is_ok());
        }
        ok
    }

    /// pulldown-cmark alone on every page, every event consumed.
    pub fn parse_pages(&self) {
        for page in &self.pages {
            parse(&page.text);
        }
    }

    /// pulldown-cmark on every page and on each include it reads.
    pub fn parse_pages_and_includes(&self) {
        for page in &self.pages {
            parse(&page.text);
            for include in &page.includes {
                if let Some(Some(text)) = self.includes.get(include) {
                    parse(text);
                }
            }
        }
    }

    /// SHA-256 of every page (the extractor records each page's hash).
    pub fn hash_pages(&self) {
        use sha2::Digest as _;
        for page in &self.pages {
            std::hint::black_box(sha2::Sha256::digest(std::hint::black_box(
                page.text.as_bytes(),
            )));
        }
    }
}

/// Parses `text` with [`OPTIONS`] and consumes every event.
pub fn parse(text: &str) {
    for event in Parser::new_ext(std::hint::black_box(text), OPTIONS) {
        std::hint::black_box(event);
    }
}
