//! The type comparison as text: the disagreeing rows as a markdown table, and the totals.

use std::fmt::Write;

use crate::TypesReport;

/// The disagreeing rows as a markdown table, then the totals.
pub fn render_types(report: &TypesReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| type file | item | metadata | type file says | verdict |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for t in &report.types {
        for r in t.rows.iter().filter(|r| r.disagreement.is_some()) {
            let verdict = r
                .disagreement
                .as_ref()
                .map(|d| format!("{} ({}): {}", d.class.as_str(), d.what.as_str(), d.detail))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                t.file, r.item, r.metadata, r.spec, verdict
            );
        }
    }
    let _ = writeln!(out, "{}", render_type_totals(report));
    out
}

/// The totals of a type comparison: the headline line, then accuracy, coverage and the
/// disagreements by kind.
pub fn render_type_totals(report: &TypesReport) -> String {
    let t = &report.totals;
    let by_kind = t
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "types ({} against {}): {} type file(s), {} in the metadata; {} of {} item(s) agree ({:.1}%); \
         disagreements: {} docs differ, {} extractor missed, {} unclassified\n  \
         accuracy: {} of {} item(s) the docs state agree with the metadata ({:.1}%)\n  \
         coverage: {} of {} metadata item(s) are stated by the docs ({:.1}%)\n  \
         by kind: {}",
        report.api_version,
        report.metadata,
        t.types,
        t.found,
        t.agreeing,
        t.items,
        t.percent(),
        t.docs_differ,
        t.extractor_missed,
        t.unclassified,
        t.stated_agreeing,
        t.stated,
        t.accuracy(),
        t.covered,
        t.in_metadata,
        t.coverage(),
        if by_kind.is_empty() { "none" } else { &by_kind },
    )
}
