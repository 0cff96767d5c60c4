//! Property tests: the real docs pages, mutated, never make the extractor panic, and every error it
//! returns is located: it names the file (the page or the include it is in) and a line of that file.
//!
//! The pages are read at test time from the docs root: `GRAPH_DOCS_DIR` if set (the tests fail if it
//! does not exist), else `../../../shared/graph-docs` from this crate (the tests are skipped, loudly, if
//! it does not exist). Nothing of the docs is kept in the repository. Includes are read from the same
//! root, so a mutated page still finds its permissions, RBAC and national cloud includes.
//!
//! Each case picks a page and applies a few mutations: lines deleted, duplicated, swapped or spliced in
//! from another page; truncation at any character boundary; annotation JSON inside `<!-- { ... } -->`
//! with a quote, brace, colon or comma dropped, doubled or replaced; unbalanced `<!--` / `-->`; markdown
//! markers at line starts; CRLF or CR line endings; odd Unicode (RTL marks, combining characters, NUL,
//! lone `\r`, emoji, BOM, line separators) and lossily decoded random bytes at any position. One
//! property also mutates an include the page reads.
//!
//! The properties: no panic (proptest turns one into a failure and shrinks it); on `Err`, the error's
//! file is the page or an include the extractor read, its `line` is between 1 and that file's line count
//! plus one (0 is documented only for a page that cannot be read, which these tests never produce), its
//! message is not empty, and its `Display` starts with `file:line: `. On `Ok`, example and warning lines
//! lie on the page.
//!
//! The four properties run 10,000 cases in all (3,000 + 3,000 + 2,500 + 1,500). To run far more, set
//! `PROPTEST_CASES`, which then sets the number of cases of *each* property (proptest's own reading of
//! that variable is overridden by an explicit `cases`, so this file reads it itself):
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release -p graph-extract --test proptest_pages
//! ```
//!
//! The other `PROPTEST_*` variables (`PROPTEST_RNG_SEED`, `PROPTEST_VERBOSE`, ...) work as proptest
//! documents them. A failure is shrunk to a minimal list of mutations and saved under
//! `proptest-regressions/`, from where it is replayed first on the next run.
//!
//! Over 500 lines on purpose: every file in `tests/` is a binary of its own that links the whole
//! crate (and its dependencies) again, so related tests share one file rather than adding a link
//! step per split.

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use graph_extract::ExtractError;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestCaseError, TestRunner};

// ---------------------------------------------------------------------------------------------------
// The docs
// ---------------------------------------------------------------------------------------------------

/// The docs root, or `None` (after saying so) when the default one is absent.
fn docs_root() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GRAPH_DOCS_DIR") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "GRAPH_DOCS_DIR is set to {}, which is not a directory",
            dir.display()
        );
        return Some(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! SKIPPED: no docs checkout at {} and GRAPH_DOCS_DIR is not set.\n\
             !!! The extractor property tests did not run.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            dir.display()
        );
        None
    }
}

/// The pages, the includes each reads, and a cache of include files read from the docs root.
struct Docs {
    root: PathBuf,
    /// `(docs-relative page, text)`, sorted by page.
    pages: Vec<(String, String)>,
    /// Per page (same order): the includes the unmutated page reads, found.
    page_includes: Vec<Vec<String>>,
    /// Include path -> text (`None`: missing), read once from the docs root.
    cache: Mutex<BTreeMap<String, Option<String>>>,
}

impl Docs {
    /// Reads an include from the docs root, as `extract_page` does (cached: the tests read the same
    /// few files many thousand times).
    fn read_include(&self, include: &str) -> Option<String> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(include.to_string())
            .or_insert_with(|| std::fs::read_to_string(self.root.join(include)).ok())
            .clone()
    }
}

/// Every `api-reference/<version>/api/*.md` page, docs-relative, sorted.
fn page_paths(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let reference = root.join("api-reference");
    let versions = std::fs::read_dir(&reference)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", reference.display()));
    for version in versions {
        let version = version.unwrap();
        let Ok(entries) = std::fs::read_dir(version.path().join("api")) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                out.push(format!(
                    "api-reference/{}/api/{name}",
                    version.file_name().to_string_lossy()
                ));
            }
        }
    }
    out.sort();
    out
}

/// The docs, loaded once per test binary; `None` when the tests are skipped.
fn docs() -> Option<&'static Docs> {
    static DOCS: OnceLock<Option<Docs>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let root = docs_root()?;
        let paths = page_paths(&root);
        assert!(
            !paths.is_empty(),
            "no api-reference/*/api/*.md pages under {}",
            root.display()
        );
        let mut docs = Docs {
            root,
            pages: Vec::new(),
            page_includes: Vec::new(),
            cache: Mutex::new(BTreeMap::new()),
        };
        for page in paths {
            let path = docs.root.join(&page);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let read = RefCell::new(Vec::new());
            let _ = graph_extract::extract_str(&page, &text, &|include: &str| {
                let found = docs.read_include(include);
                if found.is_some() {
                    read.borrow_mut().push(include.to_string());
                }
                found
            });
            docs.pages.push((page, text));
            docs.page_includes.push(read.into_inner());
        }
        Some(docs)
    })
    .as_ref()
}

// ---------------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------------

/// Odd text to insert: direction marks, combining characters, control characters, emoji, separators,
/// and markdown / HTML comment punctuation.
const ODD: &[&str] = &[
    "\u{200F}",                  // RIGHT-TO-LEFT MARK
    "\u{202E}",                  // RIGHT-TO-LEFT OVERRIDE
    "\u{2067}",                  // RIGHT-TO-LEFT ISOLATE
    "\u{0301}",                  // COMBINING ACUTE ACCENT
    "e\u{0301}\u{0302}\u{0303}", // stacked combining marks
    "\u{0000}",                  // NUL
    "\r",                        // lone carriage return
    "\r\n",
    "\u{1F600}",                                   // emoji
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", // ZWJ sequence
    "\u{FEFF}",                                    // BOM / ZERO WIDTH NO-BREAK SPACE
    "\u{2028}",                                    // LINE SEPARATOR
    "\u{00A0}",                                    // NO-BREAK SPACE
    "\u{FFFD}",
    "\t",
    "\u{000B}\u{000C}",
    "<!--",
    "-->",
    "<!-- {",
    "} -->",
    "`",
    "```",
    "|",
    "\\",
    "{",
    "}",
    "\"",
    "[!INCLUDE [x](",
    "](../",
    "*",
    "_",
];

/// Markdown markers put at the start of a line.
const LINE_MARKERS: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "| ",
    "|",
    "> ",
    "- ",
    "1. ",
    "    ",
    "```",
    "```http\n",
    "~~~",
    "---\n",
    "<!--",
    "-->",
    "<!-- { \"blockType\": \"request\" } -->\n",
    "[!INCLUDE [x](y.md)]\n",
    "POST /",
    "HTTP/1.1 ",
    "\n",
];

/// Structural characters of annotation JSON, any of which a corruption may hit.
const JSON_PUNCTUATION: &[char] = &['"', '{', '}', ':', ',', '[', ']'];

#[derive(Debug, Clone)]
enum Corruption {
    Drop,
    Double,
    Replace(char),
}

#[derive(Debug, Clone)]
enum Op {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces line `at` with line `line` of page `page`.
    SpliceLine {
        at: Index,
        page: Index,
        line: Index,
    },
    Truncate(Index),
    /// Puts a markdown marker at the start of a line.
    LineMarker(Index, &'static str),
    /// Hits one structural character inside the JSON of one `<!-- { ... } -->` comment.
    CorruptAnnotation {
        which: Index,
        at: Index,
        how: Corruption,
    },
    /// Removes one `-->`, leaving its `<!--` open.
    DropCommentEnd(Index),
    /// Inserts text (an unbalanced `<!--`, odd Unicode, random bytes) at any character boundary.
    Insert(Index, String),
    /// Rewrites every line ending (`\r\n` as Windows checkouts have it, or a lone `\r`).
    LineEndings(&'static str),
}

/// The largest character boundary at or below `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A byte position (character boundary) in `text`, end included.
fn position(text: &str, index: &Index) -> usize {
    boundary(text, index.index(text.len() + 1))
}

fn apply(text: &mut String, op: &Op, pages: &[(String, String)]) {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let relines = |lines: Vec<String>| lines.concat();
    match op {
        Op::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i.index(lines.len()));
            *text = relines(lines);
        }
        Op::DuplicateLine(i) if !lines.is_empty() => {
            let at = i.index(lines.len());
            let mut line = lines[at].clone();
            if !line.ends_with('\n') {
                line.push('\n');
            }
            lines.insert(at, line);
            *text = relines(lines);
        }
        Op::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            // The last line may lack its newline; keep lines apart.
            for line in lines.iter_mut().rev().skip(1) {
                if !line.ends_with('\n') {
                    line.push('\n');
                }
            }
            *text = relines(lines);
        }
        Op::SpliceLine { at, page, line } if !lines.is_empty() => {
            let other = &pages[page.index(pages.len())].1;
            let other: Vec<&str> = other.split_inclusive('\n').collect();
            if !other.is_empty() {
                let at = at.index(lines.len());
                lines[at] = other[line.index(other.len())].to_string();
                *text = relines(lines);
            }
        }
        Op::Truncate(i) => {
            let at = position(text, i);
            text.truncate(at);
        }
        Op::LineMarker(i, marker) => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let at = starts[i.index(starts.len())];
            text.insert_str(at, marker);
        }
        Op::CorruptAnnotation { which, at, how } => {
            let bodies = annotation_bodies(text);
            if bodies.is_empty() {
                return;
            }
            let (start, end) = bodies[which.index(bodies.len())];
            let Some(body) = text.get(start..end) else {
                return;
            };
            let hits: Vec<(usize, char)> = body
                .char_indices()
                .filter(|(_, c)| JSON_PUNCTUATION.contains(c))
                .map(|(i, c)| (start + i, c))
                .collect();
            if hits.is_empty() {
                return;
            }
            let (pos, c) = hits[at.index(hits.len())];
            match how {
                Corruption::Drop => {
                    text.remove(pos);
                }
                Corruption::Double => text.insert(pos, c),
                Corruption::Replace(new) => {
                    text.remove(pos);
                    text.insert(pos, *new);
                }
            }
        }
        Op::DropCommentEnd(i) => {
            let ends: Vec<usize> = text.match_indices("-->").map(|(i, _)| i).collect();
            if !ends.is_empty() {
                let at = ends[i.index(ends.len())];
                text.replace_range(at..at + 3, "");
            }
        }
        Op::Insert(i, noise) => {
            let at = position(text, i);
            text.insert_str(at, noise);
        }
        Op::LineEndings(ending) => {
            *text = text.replace("\r\n", "\n").replace('\n', ending);
        }
        Op::DeleteLine(_) | Op::DuplicateLine(_) | Op::SwapLines(..) | Op::SpliceLine { .. } => {}
    }
}

/// The byte ranges of the bodies of `<!-- ... -->` comments that hold a `{`.
fn annotation_bodies(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|r| r.find("<!--")) {
        let start = from + open + 4;
        let Some(close) = text.get(start..).and_then(|r| r.find("-->")) else {
            break;
        };
        let end = start + close;
        if text.get(start..end).is_some_and(|b| b.contains('{')) {
            out.push((start, end));
        }
        from = end + 3;
    }
    out
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(ODD).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 1..6).prop_map(|v| v.into_iter().collect()),
        1 => proptest::collection::vec(any::<u8>(), 1..8)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn structural_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<Index>().prop_map(Op::DeleteLine),
        2 => any::<Index>().prop_map(Op::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Op::SwapLines(a, b)),
        2 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(at, page, line)| Op::SpliceLine { at, page, line }),
        1 => any::<Index>().prop_map(Op::Truncate),
        2 => (any::<Index>(), select(LINE_MARKERS)).prop_map(|(i, m)| Op::LineMarker(i, m)),
        1 => select(&["\r\n", "\r"][..]).prop_map(Op::LineEndings),
    ]
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        3 => Just(Corruption::Drop),
        1 => Just(Corruption::Double),
        1 => prop_oneof![select(JSON_PUNCTUATION), any::<char>()].prop_map(Corruption::Replace),
    ]
}

fn comment_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>(), corruption())
            .prop_map(|(which, at, how)| Op::CorruptAnnotation { which, at, how }),
        1 => any::<Index>().prop_map(Op::DropCommentEnd),
        1 => (any::<Index>(), select(&["<!--", "<!-- {", "<!-- { \"blockType\": ", "-->"][..]))
            .prop_map(|(i, s)| Op::Insert(i, s.to_string())),
    ]
}

fn noise_op() -> impl Strategy<Value = Op> {
    (any::<Index>(), noise()).prop_map(|(i, s)| Op::Insert(i, s))
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![structural_op(), comment_op(), noise_op()]
}

// ---------------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------------

/// The line count the bound is taken from: `str::lines`, plus one for a position at the very end.
fn line_bound(text: &str) -> usize {
    text.lines().count() + 1
}

/// What is wrong with an extraction error, if anything: `text` is the (mutated) page, `served` every
/// include the extractor asked for (with what it got).
fn error_problem(
    e: &ExtractError,
    page: &str,
    text: &str,
    served: &BTreeMap<String, Option<String>>,
) -> Option<String> {
    let file_text = if e.file == page {
        text
    } else {
        match served.get(&e.file) {
            Some(Some(t)) => t.as_str(),
            _ => {
                return Some(format!(
                    "error names `{}`, neither the page nor an include that was read: {e}",
                    e.file
                ));
            }
        }
    };
    let bound = line_bound(file_text);
    if e.line < 1 || e.line > bound {
        return Some(format!(
            "error line {} outside 1..={bound} of {}: {e}",
            e.line, e.file
        ));
    }
    if e.message.trim().is_empty() {
        return Some(format!("empty message: {e:?}"));
    }
    let shown = e.to_string();
    let prefix = format!("{}:{}: ", e.file, e.line);
    if !shown.starts_with(&prefix) {
        return Some(format!("Display `{shown}` does not start with `{prefix}`"));
    }
    None
}

/// Extracts `page` (mutated to `text`) with includes from the docs root, `include` replacing one of
/// them, and checks the properties.
fn check(
    docs: &Docs,
    page: &str,
    text: &str,
    include: Option<(&str, &str)>,
) -> Result<(), TestCaseError> {
    let served: RefCell<BTreeMap<String, Option<String>>> = RefCell::new(BTreeMap::new());
    let read_include = |path: &str| {
        let found = match include {
            Some((p, t)) if p == path => Some(t.to_string()),
            _ => docs.read_include(path),
        };
        served.borrow_mut().insert(path.to_string(), found.clone());
        found
    };
    let result = graph_extract::extract_str(page, text, &read_include);
    let served = served.into_inner();
    match result {
        Err(e) => {
            if let Some(problem) = error_problem(&e, page, text, &served) {
                return Err(TestCaseError::fail(problem));
            }
        }
        Ok(spec) => {
            let bound = line_bound(text);
            prop_assert_eq!(&spec.source.page, page);
            for example in &spec.examples {
                prop_assert!(
                    example.line >= 1 && example.line <= bound,
                    "example `{}` at line {} outside 1..={bound}",
                    example.name,
                    example.line
                );
            }
            for w in &spec.warnings {
                prop_assert!(
                    w.line <= bound,
                    "warning at line {} outside 0..={bound}: {}",
                    w.line,
                    w.message
                );
            }
        }
    }
    Ok(())
}

/// `PROPTEST_CASES` if set (cases per property), else `default`.
fn cases(default: u32) -> u32 {
    match std::env::var("PROPTEST_CASES") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("PROPTEST_CASES={v:?} is not a number")),
        Err(_) => default,
    }
}

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default_cases),
        source_file: Some(file!()),
        // A failure is shrunk over a few mutations; keep that bounded.
        max_shrink_iters: 2048,
        ..Config::default()
    })
}

/// Runs `cases` cases: a page and a list of mutations drawn from `op`.
fn run_page_property<S>(default_cases: u32, ops: S)
where
    S: Strategy<Value = Vec<Op>>,
{
    let Some(docs) = docs() else { return };
    let mut runner = runner(default_cases);
    let result = runner.run(&(any::<Index>(), ops), |(page, ops)| {
        let (page, original) = &docs.pages[page.index(docs.pages.len())];
        let mut text = original.clone();
        for op in &ops {
            apply(&mut text, op, &docs.pages);
        }
        check(docs, page, &text, None)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn structural_mutations_never_panic_and_errors_are_located() {
    run_page_property(3_000, proptest::collection::vec(structural_op(), 1..=4));
}

#[test]
fn corrupt_annotations_and_unbalanced_comments_never_panic() {
    run_page_property(3_000, proptest::collection::vec(comment_op(), 1..=3));
}

#[test]
fn odd_unicode_and_random_bytes_never_panic() {
    run_page_property(2_500, proptest::collection::vec(noise_op(), 1..=6));
}

#[test]
fn mutated_includes_are_located_in_the_include() {
    let Some(docs) = docs() else { return };
    let mut runner = runner(1_500);
    let strategy = (
        any::<Index>(),
        proptest::collection::vec(any_op(), 0..=2),
        any::<Index>(),
        proptest::collection::vec(any_op(), 1..=4),
    );
    let result = runner.run(&strategy, |(page, page_ops, which, include_ops)| {
        let i = page.index(docs.pages.len());
        let (page, original) = &docs.pages[i];
        let mut text = original.clone();
        for op in &page_ops {
            apply(&mut text, op, &docs.pages);
        }
        let includes = &docs.page_includes[i];
        if includes.is_empty() {
            return check(docs, page, &text, None);
        }
        let path = &includes[which.index(includes.len())];
        let mut include = docs.read_include(path).unwrap_or_default();
        for op in &include_ops {
            apply(&mut include, op, &docs.pages);
        }
        check(docs, page, &text, Some((path, &include)))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// `error_problem` catches what the properties forbid, so the properties can fail.
#[test]
fn error_checks_reject_unlocated_errors() {
    let page = "api-reference/beta/api/x-do.md";
    let text = "one\ntwo\nthree\n";
    let served = BTreeMap::from([
        (
            "api-reference/includes/a.md".to_string(),
            Some("a\n".to_string()),
        ),
        ("api-reference/includes/gone.md".to_string(), None),
    ]);
    let err = |file: &str, line: usize| ExtractError {
        file: file.to_string(),
        line,
        kind: graph_extract::ErrorKind::Example,
        message: "bad".to_string(),
    };
    assert_eq!(error_problem(&err(page, 1), page, text, &served), None);
    assert_eq!(error_problem(&err(page, 4), page, text, &served), None);
    assert!(error_problem(&err(page, 0), page, text, &served).is_some());
    assert!(error_problem(&err(page, 5), page, text, &served).is_some());
    let include = "api-reference/includes/a.md";
    assert_eq!(error_problem(&err(include, 2), page, text, &served), None);
    assert!(error_problem(&err(include, 3), page, text, &served).is_some());
    assert!(
        error_problem(
            &err("api-reference/includes/gone.md", 1),
            page,
            text,
            &served
        )
        .is_some()
    );
    assert!(error_problem(&err("elsewhere.md", 1), page, text, &served).is_some());
    let mut empty = err(page, 1);
    empty.message = " ".to_string();
    assert!(error_problem(&empty, page, text, &served).is_some());
}

/// Line 0 is documented for a page that cannot be read, or whose path names no API version.
#[test]
fn only_an_unusable_page_path_gives_line_zero() {
    let err = graph_extract::extract_str("not-a-docs-path.md", "# x\n", &|_: &str| None)
        .expect_err("no API version in the path");
    assert_eq!(err.line, 0);
    assert!(
        err.to_string().starts_with("not-a-docs-path.md:0: "),
        "{err}"
    );
}
