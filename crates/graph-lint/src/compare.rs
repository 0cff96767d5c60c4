//! The comparison of one matched operation: each parameter (present, type, required or optional),
//! the documented parameters the metadata lacks, and the return type; each disagreement classified
//! by reading the page.

use graph_spec::{HttpMethod, SpecFile};

use crate::{
    Class, Disagreement, Evidence, Kind, MetaOperation, MetaParameter, Page, ParameterRow,
    Requirement, ReturnRow, SpecParameter, What, documented_parameters,
};

pub(crate) fn unclassified(what: What, detail: String) -> Disagreement {
    Disagreement {
        what,
        class: Class::Unclassified,
        detail: format!("{detail} (page not readable)"),
        evidence: None,
    }
}

/// A disagreement classified by whether the page shows what the metadata says: if `shown` found
/// the line, the extractor missed it; else the docs differ.
pub(crate) fn classify(
    what: What,
    page: Option<&Page>,
    shown: impl FnOnce(&Page) -> Option<Evidence>,
    found: impl FnOnce(&Evidence) -> String,
    not_found: String,
) -> Disagreement {
    let Some(page) = page else {
        return unclassified(what, not_found);
    };
    match shown(page) {
        Some(evidence) => Disagreement {
            what,
            class: Class::ExtractorMissed,
            detail: found(&evidence),
            evidence: Some(evidence),
        },
        None => Disagreement {
            what,
            class: Class::DocsDiffer,
            detail: not_found,
            evidence: None,
        },
    }
}

pub(crate) fn docs_differ(what: What, detail: String) -> Disagreement {
    Disagreement {
        what,
        class: Class::DocsDiffer,
        detail,
        evidence: None,
    }
}

/// The disagreement about the HTTP method, if it does not fit the kind of operation (`GET` for a
/// function, `POST` for an action).
pub(crate) fn method(meta: &MetaOperation, method: HttpMethod) -> Option<Disagreement> {
    let method_fits = match meta.kind {
        Kind::Function => method == HttpMethod::Get,
        Kind::Action => method == HttpMethod::Post,
    };
    (!method_fits).then(|| {
        docs_differ(
            What::Method,
            format!(
                "the page calls {} {} with {}",
                if meta.kind == Kind::Action {
                    "action"
                } else {
                    "function"
                },
                meta.name,
                method.as_str()
            ),
        )
    })
}

/// The parameter rows: the metadata's parameters in its order, then the documented ones it does
/// not have.
pub(crate) fn parameters(
    meta: &MetaOperation,
    spec: &SpecFile,
    page: Option<&Page>,
) -> Vec<ParameterRow> {
    let mut rows = Vec::new();
    let mut documented: Vec<Option<SpecParameter>> =
        documented_parameters(spec).into_iter().map(Some).collect();
    for m in &meta.parameters {
        let found = documented
            .iter_mut()
            .find(|d| {
                d.as_ref()
                    .is_some_and(|d| d.name.eq_ignore_ascii_case(&m.name))
            })
            .and_then(Option::take);
        let disagreements = match &found {
            None => vec![classify(
                What::Omitted,
                page,
                |p| p.first_mention(&m.name),
                |e| {
                    format!(
                        "the page mentions it at line {} ({})",
                        e.line,
                        e.how.as_str()
                    )
                },
                "the page omits it".into(),
            )],
            Some(d) => parameter(m, d, page),
        };
        rows.push(ParameterRow {
            name: m.name.clone(),
            metadata: Some(m.clone()),
            spec: found,
            disagreements,
        });
    }
    for d in documented.into_iter().flatten() {
        rows.push(ParameterRow {
            name: d.name.clone(),
            metadata: None,
            disagreements: vec![docs_differ(
                What::NotInMetadata,
                format!("the metadata's {} has no such parameter", meta.name),
            )],
            spec: Some(d),
        });
    }
    rows
}

/// Where a parameter both sides have disagrees: its type, then required or optional.
fn parameter(m: &MetaParameter, d: &SpecParameter, page: Option<&Page>) -> Vec<Disagreement> {
    let mut disagreements = Vec::new();
    if d.ty != m.ty {
        disagreements.push(if d.ty.eq_ignore_ascii_case(&m.ty) {
            docs_differ(What::Type, "the type differs only in letter case".into())
        } else {
            classify(
                What::Type,
                page,
                |p| p.shows_type(&m.name, &m.ty),
                |e| {
                    format!(
                        "the page shows {} at line {} ({})",
                        m.ty,
                        e.line,
                        e.how.as_str()
                    )
                },
                format!("the page does not show {} with the parameter", m.ty),
            )
        });
    }
    let conflict = matches!(
        (m.requirement, d.required),
        (Requirement::Required, Some(false)) | (Requirement::Optional, Some(true))
    );
    if conflict {
        disagreements.push(classify(
            What::Requirement,
            page,
            |p| p.shows_requirement(&m.name, m.requirement),
            |e| {
                format!(
                    "the page says {} at line {}",
                    m.requirement.as_str(),
                    e.line
                )
            },
            format!("the page says {}", d.requirement_str()),
        ));
    }
    disagreements
}

/// The return type row: the metadata's `<ReturnType>` against the spec's `response.body_type`.
pub(crate) fn returns(meta: &MetaOperation, spec: &SpecFile, page: Option<&Page>) -> ReturnRow {
    let spec_returns = spec
        .operation
        .response
        .body_type
        .as_ref()
        .map(ToString::to_string);
    let disagreement = match (&meta.returns, &spec_returns) {
        (m, s) if m == s => None,
        (Some(m), Some(s)) if m.eq_ignore_ascii_case(s) => Some(docs_differ(
            What::ReturnType,
            "the type differs only in letter case".into(),
        )),
        (Some(m), _) => Some(classify(
            What::ReturnType,
            page,
            |p| p.response_shows_type(m),
            |e| format!("the page shows {m} at line {} ({})", e.line, e.how.as_str()),
            format!("neither the page's Response section nor a response annotation shows {m}"),
        )),
        (None, _) => Some(docs_differ(
            What::ReturnType,
            "the page documents a body; the metadata returns nothing".into(),
        )),
    };
    ReturnRow {
        metadata: meta.returns.clone(),
        spec: spec_returns,
        disagreement,
    }
}
