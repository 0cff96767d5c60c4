//! The report as text: a markdown table, the totals, and the list of what the extractor missed.

use std::fmt::Write;

use crate::{Class, Disagreement, MetaParameter, OperationReport, Report, SpecParameter};

fn verdict(disagreements: &[&Disagreement]) -> String {
    if disagreements.is_empty() {
        return "ok".into();
    }
    disagreements
        .iter()
        .map(|d| format!("{}: {}", d.class.as_str(), d.detail))
        .collect::<Vec<_>>()
        .join("; ")
}

fn meta_cell(m: Option<&MetaParameter>) -> String {
    m.map_or("(absent)".into(), |m| {
        format!("{}, {}", m.ty, m.requirement.as_str())
    })
}

fn spec_cell(s: Option<&SpecParameter>) -> String {
    s.map_or("(absent)".into(), |s| {
        format!("{}, {}", s.ty, s.requirement_str())
    })
}

fn body_cell(t: Option<&String>) -> String {
    t.map_or("(no body)".into(), |t| t.replace('|', "\\|"))
}

/// One markdown table for the whole report: per operation, a row for the operation (which
/// metadata operation it matched), one per parameter and one for the return type.
///
/// Columns: `spec` (the spec file), `item` (`operation`, a parameter name, or `returns`),
/// `metadata` (type and `required`/`optional`/`-` for unstated), `spec says` (type and
/// `required`/`optional`/`not stated`), and `verdict` (`ok`, or each disagreement's class and detail).
pub fn render_table(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| spec | item | metadata | spec says | verdict |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for op in &report.operations {
        render_operation(&mut out, op);
    }
    out
}

fn render_operation(out: &mut String, op: &OperationReport) {
    let head = match (&op.matched, &op.not_found) {
        (Some(m), _) => {
            let own: Vec<&Disagreement> = op.disagreements.iter().collect();
            let mut v = if own.is_empty() {
                "found".to_string()
            } else {
                verdict(&own)
            };
            if let Some(note) = &m.note {
                v.push_str(&format!(" ({note})"));
            }
            (m.operation.clone(), v)
        }
        (None, why) => (
            "(not found)".to_string(),
            format!("not found: {}", why.as_deref().unwrap_or("")),
        ),
    };
    let _ = writeln!(
        out,
        "| {} | operation | {} | {} {} | {} |",
        op.spec, head.0, op.method, op.operation, head.1
    );
    for row in &op.parameters {
        let _ = writeln!(
            out,
            "| | {} | {} | {} | {} |",
            row.name,
            meta_cell(row.metadata.as_ref()),
            spec_cell(row.spec.as_ref()),
            verdict(&row.disagreements.iter().collect::<Vec<_>>())
        );
    }
    if let Some(r) = &op.returns {
        let _ = writeln!(
            out,
            "| | returns | {} | {} | {} |",
            body_cell(r.metadata.as_ref()),
            body_cell(r.spec.as_ref()),
            verdict(&r.disagreement.iter().collect::<Vec<_>>())
        );
    }
}

/// The figures, a few lines of text.
pub fn render_totals(report: &Report) -> String {
    let t = &report.totals;
    format!(
        "{version} against {meta}:\n\
         \x20 pages matched to the metadata: {matched} of {ops}\n\
         \x20 metadata parameters documented with the metadata's type: {with_type} of {mp} \
         ({other} with another type, {omitted} not documented); {extra} documented parameter(s) not in the metadata\n\
         \x20 required/optional agreeing where both say: {req_ok} of {req}\n\
         \x20 return types agreeing: {ret_ok} of {ret}\n\
         \x20 pages without any disagreement: {clean} of {matched}\n\
         \x20 disagreements: {docs} docs differ, {extr} extractor missed{unc}\n",
        version = report.api_version,
        meta = report.metadata,
        matched = t.matched,
        ops = t.operations,
        with_type = t.present_with_metadata_type,
        mp = t.metadata_parameters,
        other = t.present_with_other_type,
        omitted = t.omitted,
        extra = t.not_in_metadata,
        req_ok = t.requirements_agreeing,
        req = t.requirements_compared,
        ret_ok = t.return_types_agreeing,
        ret = t.return_types,
        clean = t.operations_agreeing,
        docs = t.docs_differ,
        extr = t.extractor_missed,
        unc = if t.unclassified > 0 {
            format!(", {} unclassified (page not readable)", t.unclassified)
        } else {
            String::new()
        },
    )
}

/// One line per disagreement classified "extractor missed": the page, the item, what the
/// metadata and the spec say, and the page line that shows it.
pub fn render_extractor_list(report: &Report) -> String {
    let mut out = String::new();
    for op in &report.operations {
        for row in &op.parameters {
            for d in row
                .disagreements
                .iter()
                .filter(|d| d.class == Class::ExtractorMissed)
            {
                let _ = writeln!(
                    out,
                    "{}: {} ({}): metadata {}; spec {}; {}{}",
                    op.page,
                    row.name,
                    d.what.as_str(),
                    meta_cell(row.metadata.as_ref()),
                    spec_cell(row.spec.as_ref()),
                    d.detail,
                    d.evidence
                        .as_ref()
                        .map_or(String::new(), |e| format!(": `{}`", e.text)),
                );
            }
        }
        if let Some(r) = &op.returns
            && let Some(d) = r
                .disagreement
                .as_ref()
                .filter(|d| d.class == Class::ExtractorMissed)
        {
            let _ = writeln!(
                out,
                "{}: return type: metadata {}; spec {}; {}{}",
                op.page,
                body_cell(r.metadata.as_ref()),
                body_cell(r.spec.as_ref()),
                d.detail,
                d.evidence
                    .as_ref()
                    .map_or(String::new(), |e| format!(": `{}`", e.text)),
            );
        }
    }
    out
}
