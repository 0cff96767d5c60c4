//! The chosen API pages (those `spec/` holds), extracted and snapshotted, so that an extractor change
//! shows as a snapshot diff; every API page of the corpus, extracted and counted against a committed
//! summary; and plain assertions on the page the project started from.
//!
//! The docs root is `GRAPH_DOCS_DIR` if set (the tests fail if it does not exist), else
//! `../../../shared/graph-docs` from this crate (the tests are skipped, loudly, if it does not exist).
//! Accept changed snapshots with `INSTA_UPDATE=always cargo test -p graph-extract`, then review them.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use graph_extract::PageOutcome;
use graph_spec::{EdmType, HttpMethod, Primitive};
use serde_json::json;

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
             !!! The real-page tests did not run.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            dir.display()
        );
        None
    }
}

/// Every `api-reference/<version>/api/*.md` page, docs-relative, sorted.
fn pages(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let reference = root.join("api-reference");
    let versions = std::fs::read_dir(&reference)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", reference.display()));
    for version in versions {
        let version = version.unwrap_or_else(|e| panic!("{e}"));
        let api = version.path().join("api");
        let Ok(entries) = std::fs::read_dir(&api) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("{e}"));
            let name = entry.file_name().to_string_lossy().into_owned();
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

/// The workspace's `spec/` folder.
fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

/// The committed operation specs, `(file, spec)`; a file that does not load fails the test.
fn committed_specs() -> Vec<(PathBuf, graph_spec::SpecFile)> {
    graph_spec::load_dir(&spec_dir()).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// The chosen pages that get a snapshot each: the source pages of the committed operation specs in
/// `spec/`, sorted. Snapshots of thousands of pages would help nobody; the whole corpus has
/// [`whole_corpus_matches_its_summary`] instead.
fn chosen_pages() -> Vec<String> {
    let mut pages: Vec<String> = committed_specs()
        .into_iter()
        .map(|(_, s)| s.source.page)
        .collect();
    pages.sort();
    pages.dedup();
    pages
}

/// `api-reference/beta/api/signin-confirmsafe.md` -> `beta__signin-confirmsafe`.
fn snapshot_name(page: &str) -> String {
    let mut parts = page.split('/');
    let version = parts.nth(1).unwrap_or("unknown");
    let file = page.rsplit('/').next().unwrap_or(page);
    format!("{version}__{}", file.trim_end_matches(".md"))
}

#[test]
fn chosen_pages_match_their_snapshots() {
    let Some(root) = docs_root() else { return };
    let pages = chosen_pages();
    assert!(!pages.is_empty(), "no spec files under spec/");
    let mut failed = Vec::new();
    for page in &pages {
        let value = match graph_extract::extract_page(&root, page) {
            Ok(spec) => {
                // What the extractor writes must load back unchanged and pass the spec's own checks.
                let text = graph_spec::to_json(&spec);
                let loaded = graph_spec::from_json(&text, page).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(
                    loaded, spec,
                    "{page}: the spec does not round-trip through JSON"
                );
                let problems = graph_spec::validate([(Path::new(page), &spec)]);
                assert!(problems.is_empty(), "{page}: {problems:#?}");
                serde_json::to_value(&spec).unwrap_or_else(|e| panic!("{e}"))
            }
            Err(e) => json!({ "error": e.to_string() }),
        };
        let name = snapshot_name(page);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            insta::assert_json_snapshot!(name.as_str(), value);
        }));
        if outcome.is_err() {
            failed.push(page.clone());
        }
    }
    assert!(failed.is_empty(), "snapshots differ for: {failed:#?}");
}

/// `value` with every object's keys in sorted order (the summary is built in page order).
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        other => other,
    }
}

/// What one page of the corpus gave.
enum Outcome {
    Extracted {
        warnings: usize,
        examples: usize,
        kind: graph_spec::OperationKind,
        query: Option<graph_spec::QuerySupport>,
        /// A create, update or replace whose body type is known.
        entity_body: bool,
    },
    Failed(graph_extract::ExtractError),
    Panicked(String),
}

/// Extracts `pages` on every core ([`graph_extract::extract_pages`]); each outcome summarized, in
/// page order.
fn extract_all(root: &Path, pages: &[String]) -> Vec<Outcome> {
    graph_extract::extract_pages(root, pages, &|_| {})
        .into_iter()
        .map(|outcome| match outcome {
            PageOutcome::Extracted(spec) => Outcome::Extracted {
                warnings: spec.warnings.len(),
                examples: spec.examples.len(),
                kind: spec.operation.kind,
                query: spec.operation.query.map(|q| q.support),
                entity_body: spec.operation.request_type.is_some(),
            },
            PageOutcome::Failed(e) => Outcome::Failed(e),
            PageOutcome::Panicked(message) => Outcome::Panicked(message),
        })
        .collect()
}

/// Every API page of the corpus extracts or fails with a located, classified error, and none
/// panics; the totals by version (pages, extracted, failures by class, warnings, examples,
/// operations by kind, how the query options are stated, creates and updates whose body type is
/// known) are the
/// committed snapshot `real_pages__whole_corpus.snap`, so that an extractor change that gains or
/// loses pages shows as a diff to read.
#[test]
fn whole_corpus_matches_its_summary() {
    let Some(root) = docs_root() else { return };
    let pages = pages(&root);
    assert!(
        !pages.is_empty(),
        "no api-reference/*/api/*.md pages under {}",
        root.display()
    );
    let outcomes = extract_all(&root, &pages);
    let mut summary = serde_json::Map::new();
    let mut problems = Vec::new();
    for (page, outcome) in pages.iter().zip(&outcomes) {
        let version = page.split('/').nth(1).unwrap_or("unknown").to_string();
        let entry = summary.entry(version).or_insert_with(
            || json!({"pages": 0, "extracted": 0, "failed": {}, "warnings": 0, "examples": 0}),
        );
        let bump = |v: &mut serde_json::Value, by: usize| {
            *v = json!(v.as_u64().unwrap_or(0) + by as u64);
        };
        bump(&mut entry["pages"], 1);
        match outcome {
            Outcome::Extracted {
                warnings,
                examples,
                kind,
                query,
                entity_body,
            } => {
                bump(&mut entry["extracted"], 1);
                bump(&mut entry["entity_bodies"], usize::from(*entity_body));
                bump(&mut entry["warnings"], *warnings);
                bump(&mut entry["examples"], *examples);
                bump(&mut entry["kinds"][kind.as_str()], 1);
                let query = match query {
                    Some(support) => serde_json::to_value(support)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    None => "not stated".to_string(),
                };
                bump(&mut entry["query_options"][query.as_str()], 1);
            }
            Outcome::Failed(e) => {
                if e.line == 0 && e.kind != graph_extract::ErrorKind::Unreadable {
                    problems.push(format!("{page}: an error without a line: {e}"));
                }
                if e.message.trim().is_empty() {
                    problems.push(format!("{page}: an error without a message"));
                }
                let failed = &mut entry["failed"];
                let slot = failed
                    .as_object_mut()
                    .map(|m| m.entry(e.kind.as_str()).or_insert(json!(0)));
                if let Some(slot) = slot {
                    bump(slot, 1);
                }
            }
            Outcome::Panicked(message) => problems.push(format!("{page}: panicked: {message}")),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    insta::assert_json_snapshot!("whole_corpus", sorted(serde_json::Value::Object(summary)));
}

#[test]
fn signin_confirmsafe_beta() {
    let Some(root) = docs_root() else { return };
    let spec = graph_extract::extract_page(&root, "api-reference/beta/api/signin-confirmsafe.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let op = &spec.operation;
    assert_eq!(
        (op.binding.as_str(), op.name.as_str()),
        ("signIn", "confirmSafe")
    );
    assert_eq!(op.method, HttpMethod::Post);
    assert_eq!(op.paths.len(), 1);
    assert_eq!(op.paths[0].template, "/auditLogs/signIns/confirmSafe");
    assert!(op.paths[0].parameters.is_empty());

    let body = op.request_body.as_ref().expect("a request body");
    assert_eq!(body.len(), 1);
    assert_eq!(body[0].name, "requestIds");
    assert_eq!(
        body[0].ty,
        EdmType::Collection(Box::new(EdmType::Primitive(Primitive::String)))
    );
    assert_eq!(body[0].ty.to_string(), "Collection(Edm.String)");
    assert_eq!(body[0].source, graph_spec::FactSource::Table);

    assert_eq!(op.response.status, 204);
    assert_eq!(op.response.body_type, None);

    let p = op.permissions.as_ref().expect("permissions");
    assert!(p.delegated_work_or_school.supported);
    assert_eq!(
        p.delegated_work_or_school.least_privileged,
        ["IdentityRiskyUser.ReadWrite.All"]
    );
    assert!(!p.delegated_personal.supported);
    assert!(p.application.supported);
    assert_eq!(
        p.application.least_privileged,
        ["IdentityRiskEvent.ReadWrite.All"]
    );
    assert_eq!(
        op.least_privileged_role.as_deref(),
        Some("Security Administrator")
    );
    let clouds = op.national_clouds.expect("national clouds");
    assert!(clouds.global && clouds.us_gov_l4 && clouds.us_gov_l5_dod && clouds.china);

    assert_eq!(spec.examples.len(), 1);
    let example = &spec.examples[0];
    assert_eq!(example.name, "signinthis.confirmsafe");
    assert_eq!(example.request.method, HttpMethod::Post);
    assert_eq!(
        example.request.body,
        Some(json!({"requestIds": [
            "5a0c76d2-cb57-4ece-9bc1-c323178f116a",
            "96609214-09ef-4f80-9d4a-ace5fceecaec",
            "05020696-4eb8-45a3-918f-8f8bb7ad6015"
        ]}))
    );
    let response = example.response.as_ref().expect("a response");
    assert_eq!(response.status, 204);
    assert_eq!(response.body, None);
    assert!(response.truncated);
    assert!(spec.warnings.is_empty(), "{:#?}", spec.warnings);
}

/// The committed `spec/` is what the docs give now: every spec file re-derived from the page it
/// records is byte-identical (the same check as `cargo xtask spec --check`, next to the extractor).
#[test]
fn committed_specs_are_fresh() {
    let Some(root) = docs_root() else { return };
    let committed = committed_specs();
    assert!(
        !committed.is_empty(),
        "no spec files under {}",
        spec_dir().display()
    );
    for (file, spec) in &committed {
        let fresh = graph_extract::extract_page(&root, &spec.source.page)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let on_disk = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            on_disk == graph_spec::to_json(&fresh),
            "{} is stale against {}: run `cargo xtask spec`",
            file.display(),
            spec.source.page
        );
    }
}
