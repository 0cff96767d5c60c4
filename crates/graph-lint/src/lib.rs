//! Cross-checks the doc-derived spec against Microsoft Graph's CSDL metadata.
//!
//! The spec is derived from the documentation only; the metadata (`shared/graph-metadata/*.csdl`) is
//! what the service describes itself as. This crate compares the two and *reports*: the extractor
//! and the generator never read the metadata, so a disagreement is shown, never silently "fixed".
//!
//! For each spec operation of one API version, [`lint`]:
//!
//! 1. finds the bound action or function the page documents (see [`find_operation`]): a page
//!    `<type>-<action>.md` documents `<action>` bound to `graph.<type>` or
//!    `Collection(graph.<type>)`, names compared case-insensitively;
//! 2. compares each parameter the metadata has (after the binding parameter) with the parameters
//!    the spec documents (see [`documented_parameters`]): present or not, type, required or
//!    optional; and reports the documented parameters the metadata does not have;
//! 3. compares the metadata's `<ReturnType>` with the spec's `response.body_type`.
//!
//! Each disagreement is classified by reading the page (see [`page`] for the exact rules):
//!
//! - a metadata parameter the spec lacks is [`Class::ExtractorMissed`] when the page mentions it
//!   (in a table cell, backticks, bold, a JSON key of an example, a `name=` template argument),
//!   else [`Class::DocsDiffer`] ("the page omits it");
//! - a type that differs is the extractor's when a line of the page that mentions the parameter
//!   shows the metadata's type word, else the docs'; the same for required/optional with the
//!   words `required`/`optional`, and for the return type with the lines of `## Response` and
//!   the `@odata.type` of the response annotations;
//! - a type that differs only in letter case (`Microsoft.graph.x`), a documented parameter the
//!   metadata does not have, a body the metadata does not return and an HTTP method that does not
//!   fit the kind of operation are the docs' (the extractor took them from the page).
//!
//! ```
//! let csdl = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
//!   <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!     <Action Name="confirmSafe" IsBound="true">
//!       <Parameter Name="bindingParameter" Type="Collection(graph.signIn)" />
//!       <Parameter Name="requestIds" Type="Collection(Edm.String)" />
//!     </Action>
//!   </Schema></edmx:DataServices></edmx:Edmx>"#;
//! let metadata = graph_lint::Metadata::parse(csdl).unwrap();
//! let spec = graph_spec::from_json(r#"{
//!   "source": {"page": "api-reference/beta/api/signin-confirmsafe.md", "sha256": "00"},
//!   "api_version": "beta", "title": "signIn: confirmSafe", "summary": "",
//!   "operation": {"binding": "signIn", "name": "confirmSafe", "method": "POST",
//!     "paths": [{"template": "/auditLogs/signIns/confirmSafe"}],
//!     "request_body": [{"name": "requestIds", "type": "Collection(Edm.String)", "source": "table"}],
//!     "response": {"status": 204}}
//! }"#, "x.json").unwrap();
//! let specs = vec![("beta/signin-confirmsafe.json".to_string(), spec)];
//! let report = graph_lint::lint(graph_spec::ApiVersion::Beta, "beta.csdl", &metadata, &specs, &|_| None);
//! assert_eq!(report.totals.matched, 1);
//! assert_eq!(report.totals.present_with_metadata_type, 1);
//! assert_eq!(report.totals.disagreements(), 0);
//! ```

pub mod csdl;
pub mod page;
mod render;

use graph_spec::{ApiVersion, HttpMethod, Parameter, SpecFile};
use serde::Serialize;

pub use csdl::{CsdlError, Kind, MetaOperation, MetaParameter, Metadata, Requirement};
pub use page::{Evidence, MentionKind, Page};
pub use render::{render_extractor_list, render_table, render_totals};

/// Who a disagreement is due to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The page itself disagrees with the metadata: it omits or mistypes something.
    DocsDiffer,
    /// The page says it, but the spec does not have it: the extractor missed it.
    ExtractorMissed,
    /// The page could not be read, so the lint cannot tell.
    Unclassified,
}

impl Class {
    /// `docs differ`, `extractor missed` or `unclassified`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::DocsDiffer => "docs differ",
            Class::ExtractorMissed => "extractor missed",
            Class::Unclassified => "unclassified",
        }
    }
}

/// What disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// The metadata has the parameter; the spec does not.
    Omitted,
    /// The spec documents a parameter the metadata does not have.
    NotInMetadata,
    /// The parameter's type differs.
    Type,
    /// One side says required, the other optional.
    Requirement,
    /// The return type differs.
    ReturnType,
    /// The HTTP method does not fit the kind of operation (`POST` for an action, `GET` for a function).
    Method,
}

impl What {
    /// `omitted`, `not in metadata`, `type`, `required/optional`, `return type` or `method`.
    pub fn as_str(self) -> &'static str {
        match self {
            What::Omitted => "omitted",
            What::NotInMetadata => "not in metadata",
            What::Type => "type",
            What::Requirement => "required/optional",
            What::ReturnType => "return type",
            What::Method => "method",
        }
    }
}

/// One disagreement between the spec and the metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// What disagrees.
    pub what: What,
    /// Who it is due to.
    pub class: Class,
    /// A short explanation: `the page omits it`, `the page shows Collection(Edm.String) at line 40`.
    pub detail: String,
    /// The line of the page the classification rests on, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A parameter as the spec documents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecParameter {
    /// The name as documented.
    pub name: String,
    /// The type, as an EDM name.
    #[serde(rename = "type")]
    pub ty: String,
    /// `Some(true)` for "Required.", `Some(false)` for "Optional.", `None` when the page says neither.
    pub required: Option<bool>,
    /// Which part of the spec it comes from (`request_body`).
    pub from: &'static str,
}

impl SpecParameter {
    fn from(p: &Parameter, from: &'static str) -> SpecParameter {
        SpecParameter {
            name: p.name.clone(),
            ty: p.ty.to_string(),
            required: p.required,
            from,
        }
    }

    /// `required`, `optional` or `not stated`.
    pub fn requirement_str(&self) -> &'static str {
        match self.required {
            Some(true) => "required",
            Some(false) => "optional",
            None => "not stated",
        }
    }
}

/// The parameters the spec documents for its operation: every comparison reads this list.
///
/// Today that is the top-level parameters of the JSON request body. When the spec records
/// parameters somewhere else too (the parameters of a function, say), adding them is one more
/// `extend` here.
pub fn documented_parameters(spec: &SpecFile) -> Vec<SpecParameter> {
    let mut out = Vec::new();
    out.extend(
        spec.operation
            .function_parameters
            .iter()
            .map(|p| SpecParameter::from(p, "function_parameters")),
    );
    out.extend(
        spec.operation
            .request_body
            .iter()
            .flatten()
            .map(|p| SpecParameter::from(p, "request_body")),
    );
    out
}

/// One parameter row: a metadata parameter, a documented one, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParameterRow {
    /// The name (the metadata's spelling when it has the parameter).
    pub name: String,
    /// What the metadata says, if it has the parameter.
    pub metadata: Option<MetaParameter>,
    /// What the spec says, if it documents the parameter.
    pub spec: Option<SpecParameter>,
    /// Where they disagree (empty when they agree).
    pub disagreements: Vec<Disagreement>,
}

/// The return type row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnRow {
    /// The metadata's return type; `None` when the operation returns nothing.
    pub metadata: Option<String>,
    /// The spec's `response.body_type`; `None` when the page documents no body.
    pub spec: Option<String>,
    /// Set when they differ.
    pub disagreement: Option<Disagreement>,
}

/// How the metadata operation was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// Its binding type is the spec's binding.
    Binding,
    /// The binding is not in the metadata, and it is the only bound operation of that name.
    OnlyOverload,
    /// The binding is not in the metadata, and its parameters fit the spec's best.
    BestParameters,
}

/// The metadata operation a spec operation was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    /// `action confirmSafe bound to Collection(microsoft.graph.signIn)`.
    pub operation: String,
    /// Action or function.
    pub kind: Kind,
    /// How it was chosen.
    pub how: MatchHow,
    /// Anything worth saying about the choice (several overloads, a binding named differently).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The comparison of one spec operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationReport {
    /// The spec file, as the caller named it.
    pub spec: String,
    /// The page it was derived from (docs-relative).
    pub page: String,
    /// `signIn: confirmSafe`, from the spec's binding and name.
    pub operation: String,
    /// The documented HTTP method.
    pub method: String,
    /// The metadata operation, or `None` when none was found.
    pub matched: Option<Matched>,
    /// Why no metadata operation was found, when none was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_found: Option<String>,
    /// Disagreements about the operation as a whole (the HTTP method).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// The parameters: the metadata's in its order, then the documented ones it does not have.
    pub parameters: Vec<ParameterRow>,
    /// The return type, when an operation was matched.
    pub returns: Option<ReturnRow>,
}

impl OperationReport {
    /// Every disagreement of the operation: its own, its parameters', its return type's.
    pub fn all_disagreements(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements
            .iter()
            .chain(self.parameters.iter().flat_map(|p| &p.disagreements))
            .chain(self.returns.iter().flat_map(|r| &r.disagreement))
    }
}

/// The figures of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Spec operations of the version.
    pub operations: usize,
    /// Of those, how many were matched to a metadata operation.
    pub matched: usize,
    /// Parameters the matched metadata operations have (binding parameters not counted).
    pub metadata_parameters: usize,
    /// Of those, how many the spec documents with the metadata's type.
    pub present_with_metadata_type: usize,
    /// Of those, how many the spec documents with another type.
    pub present_with_other_type: usize,
    /// Of those, how many the spec does not document.
    pub omitted: usize,
    /// Documented parameters the metadata does not have.
    pub not_in_metadata: usize,
    /// Parameters where both sides say required or optional.
    pub requirements_compared: usize,
    /// Of those, how many agree.
    pub requirements_agreeing: usize,
    /// Return types compared (one per matched operation).
    pub return_types: usize,
    /// Of those, how many agree (both "no body" counts as agreeing).
    pub return_types_agreeing: usize,
    /// Matched operations without any disagreement.
    pub operations_agreeing: usize,
    /// Disagreements classified [`Class::DocsDiffer`].
    pub docs_differ: usize,
    /// Disagreements classified [`Class::ExtractorMissed`].
    pub extractor_missed: usize,
    /// Disagreements classified [`Class::Unclassified`].
    pub unclassified: usize,
}

impl Totals {
    /// Every disagreement, whatever its class.
    pub fn disagreements(&self) -> usize {
        self.docs_differ + self.extractor_missed + self.unclassified
    }
}

/// The lint of one API version against one CSDL document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `v1.0` or `beta`.
    pub api_version: String,
    /// The metadata document, as the caller named it.
    pub metadata: String,
    /// One entry per spec operation of the version, in the order given.
    pub operations: Vec<OperationReport>,
    /// The figures.
    pub totals: Totals,
}

/// Compares every spec of `version` in `specs` (`(name, spec)` pairs; other versions are skipped)
/// with `metadata` (named `metadata_name` in the report). `page_text` returns the text of a
/// docs-relative page, or `None` when it cannot be read (its disagreements are then unclassified).
pub fn lint(
    version: ApiVersion,
    metadata_name: &str,
    metadata: &Metadata,
    specs: &[(String, SpecFile)],
    page_text: &dyn Fn(&str) -> Option<String>,
) -> Report {
    let operations: Vec<OperationReport> = specs
        .iter()
        .filter(|(_, s)| s.api_version == version)
        .map(|(name, spec)| {
            let text = page_text(&spec.source.page);
            let page = text.as_deref().map(Page::new);
            lint_one(name, spec, metadata, page.as_ref())
        })
        .collect();
    let totals = totals(&operations);
    Report {
        api_version: version.as_str().to_string(),
        metadata: metadata_name.to_string(),
        operations,
        totals,
    }
}

fn totals(operations: &[OperationReport]) -> Totals {
    let mut t = Totals {
        operations: operations.len(),
        ..Totals::default()
    };
    for op in operations.iter().filter(|o| o.matched.is_some()) {
        t.matched += 1;
        for row in &op.parameters {
            let type_differs = row.disagreements.iter().any(|d| d.what == What::Type);
            match (&row.metadata, &row.spec) {
                (Some(_), Some(_)) if type_differs => {
                    t.metadata_parameters += 1;
                    t.present_with_other_type += 1;
                }
                (Some(_), Some(_)) => {
                    t.metadata_parameters += 1;
                    t.present_with_metadata_type += 1;
                }
                (Some(_), None) => {
                    t.metadata_parameters += 1;
                    t.omitted += 1;
                }
                (None, _) => t.not_in_metadata += 1,
            }
            if let (Some(m), Some(s)) = (&row.metadata, &row.spec)
                && m.requirement != Requirement::Unstated
                && s.required.is_some()
            {
                t.requirements_compared += 1;
                if !row
                    .disagreements
                    .iter()
                    .any(|d| d.what == What::Requirement)
                {
                    t.requirements_agreeing += 1;
                }
            }
        }
        if let Some(r) = &op.returns {
            t.return_types += 1;
            if r.disagreement.is_none() {
                t.return_types_agreeing += 1;
            }
        }
        if op.all_disagreements().next().is_none() {
            t.operations_agreeing += 1;
        }
    }
    for d in operations
        .iter()
        .flat_map(OperationReport::all_disagreements)
    {
        match d.class {
            Class::DocsDiffer => t.docs_differ += 1,
            Class::ExtractorMissed => t.extractor_missed += 1,
            Class::Unclassified => t.unclassified += 1,
        }
    }
    t
}

/// Finds the metadata operation a spec documents, among the bound operations named like it.
///
/// Those bound to the spec's binding (compared case-insensitively with the binding type's name,
/// without `Collection(...)` and without the `microsoft.graph.` namespace, or with its last
/// segment) come first. When the binding matches none of them (docs often name it differently,
/// `riskyUsers` or `reports`), the only operation of that name is taken, else the one whose
/// parameters fit the spec's best. Among several candidates the best fit wins: the kind that
/// suits the HTTP method (a function for `GET`, an action otherwise), then most parameter names in
/// common, then fewest names on one side only; a tie is taken in document order and said so.
pub fn find_operation<'m>(
    metadata: &'m Metadata,
    spec: &SpecFile,
) -> Result<(&'m MetaOperation, MatchHow, Option<String>), String> {
    let op = &spec.operation;
    let named = metadata.named(&op.name);
    if named.is_empty() {
        return Err(format!(
            "the metadata has no bound action or function `{}`",
            op.name
        ));
    }
    let binding = op.binding.as_str();
    let bound: Vec<&MetaOperation> = named
        .iter()
        .copied()
        .filter(|m| {
            let t = m.binding_type_name();
            t.eq_ignore_ascii_case(binding)
                || t.rsplit('.')
                    .next()
                    .is_some_and(|last| last.eq_ignore_ascii_case(binding))
        })
        .collect();
    let documented = documented_parameters(spec);
    let fit = |m: &MetaOperation| {
        let kind_fits = (m.kind == Kind::Function) == (op.method == HttpMethod::Get);
        let common = m
            .parameters
            .iter()
            .filter(|p| {
                documented
                    .iter()
                    .any(|d| d.name.eq_ignore_ascii_case(&p.name))
            })
            .count();
        let one_side = m.parameters.len() + documented.len() - 2 * common;
        (kind_fits, common, std::cmp::Reverse(one_side))
    };
    let best = |candidates: &[&'m MetaOperation]| -> (&'m MetaOperation, bool) {
        let mut best = candidates[0];
        let mut tied = false;
        for &c in &candidates[1..] {
            match fit(c).cmp(&fit(best)) {
                std::cmp::Ordering::Greater => {
                    best = c;
                    tied = false;
                }
                std::cmp::Ordering::Equal => tied = true,
                std::cmp::Ordering::Less => {}
            }
        }
        (best, tied)
    };
    let tie_note = |tied: bool| {
        if tied {
            " (a tie: the first in the metadata was taken)"
        } else {
            ""
        }
    };
    if !bound.is_empty() {
        let (chosen, tied) = best(&bound);
        let note = (bound.len() > 1).then(|| {
            format!(
                "one of {} overloads bound to `{binding}`, chosen by its parameters{}",
                bound.len(),
                tie_note(tied)
            )
        });
        return Ok((chosen, MatchHow::Binding, note));
    }
    if named.len() == 1 {
        let note = format!(
            "binding `{binding}` is not in the metadata; the only `{}` is bound to {}",
            named[0].name, named[0].binding
        );
        return Ok((named[0], MatchHow::OnlyOverload, Some(note)));
    }
    let (chosen, tied) = best(&named);
    let note = format!(
        "binding `{binding}` is not in the metadata; of {} overloads, the one bound to {} fits the parameters best{}",
        named.len(),
        chosen.binding,
        tie_note(tied)
    );
    Ok((chosen, MatchHow::BestParameters, Some(note)))
}

fn unclassified(what: What, detail: String) -> Disagreement {
    Disagreement {
        what,
        class: Class::Unclassified,
        detail: format!("{detail} (page not readable)"),
        evidence: None,
    }
}

/// A disagreement classified by whether the page shows what the metadata says: if `shown` found
/// the line, the extractor missed it; else the docs differ.
fn classify(
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

fn docs_differ(what: What, detail: String) -> Disagreement {
    Disagreement {
        what,
        class: Class::DocsDiffer,
        detail,
        evidence: None,
    }
}

fn lint_one(
    name: &str,
    spec: &SpecFile,
    metadata: &Metadata,
    page: Option<&Page>,
) -> OperationReport {
    let op = &spec.operation;
    let mut report = OperationReport {
        spec: name.to_string(),
        page: spec.source.page.clone(),
        operation: format!("{}: {}", op.binding, op.name),
        method: op.method.as_str().to_string(),
        matched: None,
        not_found: None,
        disagreements: Vec::new(),
        parameters: Vec::new(),
        returns: None,
    };
    let (meta, how, note) = match find_operation(metadata, spec) {
        Ok(found) => found,
        Err(why) => {
            report.not_found = Some(why);
            return report;
        }
    };
    report.matched = Some(Matched {
        operation: meta.describe(),
        kind: meta.kind,
        how,
        note,
    });
    let method_fits = match meta.kind {
        Kind::Function => op.method == HttpMethod::Get,
        Kind::Action => op.method == HttpMethod::Post,
    };
    if !method_fits {
        report.disagreements.push(docs_differ(
            What::Method,
            format!(
                "the page calls {} {} with {}",
                if meta.kind == Kind::Action {
                    "action"
                } else {
                    "function"
                },
                meta.name,
                op.method.as_str()
            ),
        ));
    }

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
        let mut disagreements = Vec::new();
        match &found {
            None => disagreements.push(classify(
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
            )),
            Some(d) => {
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
            }
        }
        report.parameters.push(ParameterRow {
            name: m.name.clone(),
            metadata: Some(m.clone()),
            spec: found,
            disagreements,
        });
    }
    for d in documented.into_iter().flatten() {
        report.parameters.push(ParameterRow {
            name: d.name.clone(),
            metadata: None,
            disagreements: vec![docs_differ(
                What::NotInMetadata,
                format!("the metadata's {} has no such parameter", meta.name),
            )],
            spec: Some(d),
        });
    }

    let spec_returns = op.response.body_type.as_ref().map(ToString::to_string);
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
    report.returns = Some(ReturnRow {
        metadata: meta.returns.clone(),
        spec: spec_returns,
        disagreement,
    });
    report
}

/// The reports as pretty JSON, with a trailing newline.
pub fn to_json(reports: &[Report]) -> String {
    let mut text = serde_json::to_string_pretty(reports).expect("reports always serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
