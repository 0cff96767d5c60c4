//! The figures of the resource-operation lint, and the report as text.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::Class;
use crate::resources::{Agreement, Era, ResourceReport};

/// The resource-operation lint of one API version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourcesReport {
    /// `v1.0` or `beta`.
    pub api_version: String,
    /// The current metadata's name.
    pub metadata: String,
    /// The 2021 metadata's name, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata_2021: Option<String>,
    /// Whether any spec records the type of its body (else bodies are not compared).
    pub bodies_compared: bool,
    /// One entry per resource operation, in the order given.
    pub operations: Vec<ResourceReport>,
    /// The figures.
    pub totals: ResourceTotals,
}

/// The figures of the resource-operation lint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ResourceTotals {
    /// Spec pages of the version, whatever their kind.
    pub pages: usize,
    /// Of those, how many have a kind (not `unclassified`).
    pub with_kind: usize,
    /// Of those, how many are resource operations (the rest: actions and functions).
    pub resource_pages: usize,
    /// Resource operations by kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Resource operations compared with the current metadata.
    pub era_current: usize,
    /// Resource operations compared with the 2021 metadata.
    pub era_2021: usize,
    /// Documented paths of the resource operations.
    pub paths: usize,
    /// Of those, how many resolve.
    pub paths_resolved: usize,
    /// Resource operations all of whose paths resolve.
    pub pages_all_paths_resolved: usize,
    /// Resource operations with at least one path that resolves (their return type is compared).
    pub pages_some_path_resolved: usize,
    /// Resource operations a path of which resolves only through a derived type.
    pub pages_via_derived: usize,
    /// Return types compared (one per operation with a path that resolves).
    pub return_types: usize,
    /// Of those, how many agree (the same type, or one deriving from it).
    pub return_types_agreeing: usize,
    /// Of the agreeing, how many through a derived type.
    pub return_types_derived: usize,
    /// Create, update and replace bodies compared (0 when no spec records its body's type).
    pub bodies: usize,
    /// Of those, how many are the entity.
    pub bodies_entity: usize,
    /// Create, update and replace operations with a path that resolves.
    pub bodies_possible: usize,
    /// Disagreements classified [`Class::DocsDiffer`].
    pub docs_differ: usize,
    /// Disagreements classified [`Class::ExtractorMissed`].
    pub extractor_missed: usize,
    /// Disagreements classified [`Class::Unclassified`].
    pub unclassified: usize,
    /// Resource operations with at least one disagreement the extractor's.
    pub pages_extractor_missed: usize,
    /// Resource operations with at least one disagreement.
    pub pages_disagreeing: usize,
    /// Disagreements by `class / what / kind`.
    pub by_class: BTreeMap<String, usize>,
}

impl ResourceTotals {
    /// The figures of `operations`, out of `pages` spec pages of which `with_kind` have a kind.
    pub(crate) fn of(operations: &[ResourceReport], pages: usize, with_kind: usize) -> Self {
        let mut t = ResourceTotals {
            pages,
            with_kind,
            resource_pages: operations.len(),
            ..Self::default()
        };
        for op in operations {
            *t.by_kind.entry(op.kind.as_str().to_string()).or_default() += 1;
            match op.era {
                Era::Current => t.era_current += 1,
                Era::Y2021 => t.era_2021 += 1,
            }
            t.paths += op.paths.len();
            let resolved = op.paths.iter().filter(|p| p.reaches.is_some()).count();
            t.paths_resolved += resolved;
            if resolved == op.paths.len() && resolved > 0 {
                t.pages_all_paths_resolved += 1;
            }
            if resolved > 0 {
                t.pages_some_path_resolved += 1;
            }
            if op.paths.iter().any(|p| !p.via_derived.is_empty()) {
                t.pages_via_derived += 1;
            }
            if let Some(r) = &op.returns {
                t.return_types += 1;
                match r.agreement {
                    Agreement::Same => t.return_types_agreeing += 1,
                    Agreement::Derived => {
                        t.return_types_agreeing += 1;
                        t.return_types_derived += 1;
                    }
                    Agreement::Differs => {}
                }
            }
            if resolved > 0
                && matches!(
                    op.kind,
                    graph_spec::OperationKind::Create
                        | graph_spec::OperationKind::Update
                        | graph_spec::OperationKind::Replace
                )
            {
                t.bodies_possible += 1;
            }
            if let Some(b) = &op.body {
                t.bodies += 1;
                if b.agreement != Agreement::Differs {
                    t.bodies_entity += 1;
                }
            }
            let mut any = false;
            let mut missed = false;
            for d in op.all_disagreements() {
                any = true;
                match d.class {
                    Class::DocsDiffer => t.docs_differ += 1,
                    Class::ExtractorMissed => {
                        t.extractor_missed += 1;
                        missed = true;
                    }
                    Class::Unclassified => t.unclassified += 1,
                }
                let key = format!("{} / {} / {}", d.class.as_str(), d.what.as_str(), op.kind);
                *t.by_class.entry(key).or_default() += 1;
            }
            t.pages_disagreeing += usize::from(any);
            t.pages_extractor_missed += usize::from(missed);
        }
        t
    }

    /// Every disagreement, whatever its class.
    pub fn disagreements(&self) -> usize {
        self.docs_differ + self.extractor_missed + self.unclassified
    }
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.1} %", 100.0 * n as f64 / of as f64)
    }
}

/// Every disagreement of the resource lint, one line each sorted by class, what and kind
/// (`class | what | kind | page:line | detail`), then the figures.
pub fn render_resources(report: &ResourcesReport) -> String {
    let mut out = String::new();
    let mut rows: Vec<(String, String, String, String, String)> = Vec::new();
    for op in &report.operations {
        for d in op.all_disagreements() {
            let at = d
                .evidence
                .as_ref()
                .map_or(op.page.clone(), |e| format!("{}:{}", op.page, e.line));
            rows.push((
                d.class.as_str().to_string(),
                d.what.as_str().to_string(),
                op.kind.as_str().to_string(),
                at,
                d.detail.clone(),
            ));
        }
    }
    rows.sort();
    let _ = writeln!(
        out,
        "resource operations ({}), disagreements: class | what | kind | page:line | detail",
        report.api_version
    );
    for (class, what, kind, at, detail) in &rows {
        let _ = writeln!(out, "{class} | {what} | {kind} | {at} | {detail}");
    }
    out.push_str(&render_resource_totals(report));
    out
}

/// The figures of the resource lint, as text.
pub fn render_resource_totals(report: &ResourcesReport) -> String {
    let t = &report.totals;
    let mut out = String::new();
    let metadata = match &report.metadata_2021 {
        Some(old) => format!("{} (current pages), {old} (2021 pages)", report.metadata),
        None => report.metadata.clone(),
    };
    let _ = writeln!(
        out,
        "resource totals ({} against {metadata}):",
        report.api_version
    );
    let _ = writeln!(
        out,
        "  pages with a kind: {} of {} ({}); resource operations: {} ({} current, {} 2021)",
        t.with_kind,
        t.pages,
        percent(t.with_kind, t.pages),
        t.resource_pages,
        t.era_current,
        t.era_2021
    );
    let kinds: Vec<String> = t.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(out, "  by kind: {}", kinds.join(", "));
    let _ = writeln!(
        out,
        "  paths resolving: {} of {} ({}); operations with every path resolving: {} of {} ({}); through a derived type: {}",
        t.paths_resolved,
        t.paths,
        percent(t.paths_resolved, t.paths),
        t.pages_all_paths_resolved,
        t.resource_pages,
        percent(t.pages_all_paths_resolved, t.resource_pages),
        t.pages_via_derived
    );
    let _ = writeln!(
        out,
        "  return types agreeing: {} of {} compared ({}; {} through a derived type); of all resource operations {}",
        t.return_types_agreeing,
        t.return_types,
        percent(t.return_types_agreeing, t.return_types),
        t.return_types_derived,
        percent(t.return_types_agreeing, t.resource_pages)
    );
    if report.bodies_compared {
        let _ = writeln!(
            out,
            "  bodies that are the entity: {} of {} compared ({}; {} creates/updates with a path resolving)",
            t.bodies_entity,
            t.bodies,
            percent(t.bodies_entity, t.bodies),
            t.bodies_possible
        );
    } else {
        let _ = writeln!(
            out,
            "  bodies: not compared (no spec records the type of its body; {} creates/updates with a path resolving)",
            t.bodies_possible
        );
    }
    let _ = writeln!(
        out,
        "  disagreements: {} docs differ, {} extractor missed, {} unclassified; operations with one the extractor's: {} of {} ({})",
        t.docs_differ,
        t.extractor_missed,
        t.unclassified,
        t.pages_extractor_missed,
        t.resource_pages,
        percent(t.pages_extractor_missed, t.resource_pages)
    );
    for (key, n) in &t.by_class {
        let _ = writeln!(out, "    {key}: {n}");
    }
    out
}
