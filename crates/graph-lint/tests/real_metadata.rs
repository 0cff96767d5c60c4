//! The lint over the committed `spec/` and the shared CSDL metadata, with assertions on real facts.
//!
//! The docs root is `GRAPH_DOCS_DIR` if set (the test fails if it does not exist), else
//! `../../../shared/graph-docs` from this crate. The metadata directory is `GRAPH_METADATA_DIR` if
//! set, else `graph-metadata` beside `GRAPH_DOCS_DIR` if that is set (either must exist, as in CI),
//! else `../../../shared/graph-metadata`. When a default is absent the test is skipped, loudly.

use std::path::{Path, PathBuf};

use graph_lint::{Class, Metadata, Report, What, lint};
use graph_spec::{ApiVersion, SpecFile};

/// The directory named by `var`, else `default` below the shared directory; `None` (after saying
/// so) when the default is absent.
fn shared_dir(var: &str, default: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(var) {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "{var} is set to {}, which is not a directory",
            dir.display()
        );
        return Some(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(default);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! SKIPPED: no {} and {var} is not set.\n\
             !!! The metadata lint over the committed spec did not run.\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
            dir.display()
        );
        None
    }
}

fn committed_specs() -> Vec<(String, SpecFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
    graph_spec::load_dir(&dir)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .into_iter()
        .map(|(path, spec)| {
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            (name, spec)
        })
        .collect()
}

fn run(version: ApiVersion, csdl: &str) -> Option<Report> {
    let docs = shared_dir("GRAPH_DOCS_DIR", "graph-docs")?;
    let metadata_dir = match (
        std::env::var_os("GRAPH_METADATA_DIR"),
        std::env::var_os("GRAPH_DOCS_DIR"),
    ) {
        (None, Some(_)) => {
            let dir = docs.join("../graph-metadata");
            assert!(
                dir.is_dir(),
                "GRAPH_DOCS_DIR is set and {} is not a directory: set GRAPH_METADATA_DIR",
                dir.display()
            );
            dir
        }
        _ => shared_dir("GRAPH_METADATA_DIR", "graph-metadata")?,
    };
    let path = metadata_dir.join(csdl);
    let xml = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let metadata = Metadata::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        metadata.len() > 500,
        "{csdl}: only {} bound operations",
        metadata.len()
    );
    let specs = committed_specs();
    Some(lint(version, csdl, &metadata, &specs, &|page| {
        std::fs::read_to_string(docs.join(page)).ok()
    }))
}

fn operation<'r>(report: &'r Report, spec: &str) -> &'r graph_lint::OperationReport {
    report
        .operations
        .iter()
        .find(|o| o.spec == spec)
        .unwrap_or_else(|| panic!("no operation for {spec}"))
}

#[test]
fn beta_spec_agrees_with_the_beta_metadata() {
    let Some(report) = run(ApiVersion::Beta, "beta-usnat.csdl") else {
        return;
    };
    let t = &report.totals;
    assert_eq!(
        t.matched, t.operations,
        "every committed beta spec is in the metadata"
    );
    assert_eq!(t.unclassified, 0, "every page was read");

    let safe = operation(&report, "beta/signin-confirmsafe.json");
    let m = safe.matched.as_ref().unwrap();
    assert_eq!(
        m.operation,
        "action confirmSafe bound to Collection(microsoft.graph.signIn)"
    );
    assert_eq!(m.note, None);
    assert_eq!(safe.parameters.len(), 1);
    let p = &safe.parameters[0];
    assert_eq!(p.name, "requestIds");
    assert_eq!(p.metadata.as_ref().unwrap().ty, "Collection(Edm.String)");
    assert_eq!(p.spec.as_ref().unwrap().ty, "Collection(Edm.String)");
    assert!(safe.all_disagreements().next().is_none());
    assert_eq!(safe.returns.as_ref().unwrap().metadata, None);

    // Outlook's PascalCase parameter names match the docs' camelCase ones.
    let accept = operation(&report, "beta/event-accept.json");
    let names: Vec<&str> = accept.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["SendResponse", "Comment"]);
    assert!(accept.all_disagreements().next().is_none());

    // The metadata says revokeSignInSessions returns a Boolean; the page's response section
    // names no type, but its example (a request annotated `ignored`, then an annotated response)
    // shows one, and the spec takes it from there.
    let revoke = operation(&report, "beta/user-revokesigninsessions.json");
    let r = revoke.returns.as_ref().unwrap();
    assert_eq!(r.metadata.as_deref(), Some("Edm.Boolean"));
    assert_eq!(r.spec.as_deref(), Some("Edm.Boolean"));
    assert_eq!(r.disagreement, None);
}

#[test]
fn v1_spec_against_the_v1_metadata() {
    let Some(report) = run(ApiVersion::V1, "v1.0.csdl") else {
        return;
    };
    let t = &report.totals;
    assert_eq!(
        t.matched, t.operations,
        "every committed v1.0 spec is in the metadata"
    );
    assert_eq!(t.not_in_metadata, 0);

    // getSchedule: metadata names are PascalCase, the return type agrees.
    let schedule = operation(&report, "v1.0/calendar-getschedule.json");
    assert_eq!(schedule.parameters.len(), 4);
    assert!(schedule.all_disagreements().next().is_none());
    assert_eq!(
        schedule.returns.as_ref().unwrap().metadata.as_deref(),
        Some("Collection(microsoft.graph.scheduleInformation)")
    );

    // copy: the page documents neither of the two optional flags the metadata has.
    let copy = operation(&report, "v1.0/driveitem-copy.json");
    for name in ["childrenOnly", "includeAllVersionHistory"] {
        let row = copy.parameters.iter().find(|p| p.name == name).unwrap();
        assert_eq!(
            row.metadata.as_ref().unwrap().requirement,
            graph_lint::Requirement::Optional
        );
        let d = &row.disagreements[0];
        assert_eq!(
            (d.what, d.class),
            (What::Omitted, Class::DocsDiffer),
            "{name}"
        );
    }

    // checkMemberGroups: groupIds is Nullable="false" in the metadata.
    let check = operation(&report, "v1.0/directoryobject-checkmembergroups.json");
    assert_eq!(
        check.parameters[0].metadata.as_ref().unwrap().requirement,
        graph_lint::Requirement::Required
    );
    assert_eq!(
        t.extractor_missed,
        0,
        "{}",
        graph_lint::render_extractor_list(&report)
    );
}
