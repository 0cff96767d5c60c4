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
//! Resource operations (get, list, create, update, replace, delete, `$ref`, `$value`, `$count`)
//! are left to [`lint_resources`]: each documented path is resolved in the metadata of the
//! page's [`Era`] (see [`resolve`]), and the return type and body the kind implies are compared
//! with the spec's; [`lint`] compares actions, functions and unclassified operations only.
//!
//! Type files (`spec/<version>/types/`) are compared with the metadata's `ComplexType`, `EntityType`
//! and `EnumType` by [`lint_types`] (kind, base type, properties and their types, members), with the
//! same classes; see the `types` module's rules.
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

mod class;
mod compare;
pub mod csdl;
mod documented;
mod matching;
mod meta_types;
pub mod page;
mod render;
mod report;
pub mod resolve;
mod resource_totals;
mod resources;
mod schema;
mod totals;
mod type_render;
mod type_rows;
mod type_totals;
mod types;

use graph_spec::{ApiVersion, SpecFile};

pub use class::{
    Class, Disagreement, MatchHow, Matched, OperationReport, ParameterRow, ReturnRow, What,
};
pub use csdl::{CsdlError, Kind, MetaOperation, MetaParameter, Metadata, Requirement};
pub use documented::{SpecParameter, documented_parameters};
pub use matching::find_operation;
pub use meta_types::{MetaProperty, MetaType, MetaTypeKind, MetaTypes};
pub use page::{Evidence, MentionKind, Page};
pub use render::{render_extractor_list, render_table, render_totals};
pub use report::{Report, to_json};
pub use resource_totals::{
    ResourceTotals, ResourcesReport, render_resource_totals, render_resources,
};
pub use resources::{Agreement, Era, Eras, ExpectedRow, PathRow, ResourceReport, request_type};
pub use schema::{Found, Root, Schema};
pub use totals::Totals;
pub use type_render::{render_type_totals, render_types};
pub use type_rows::{TypeReport, TypeRow};
pub use type_totals::TypeTotals;
pub use types::{TypesReport, lint_types};

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
        .filter(|(_, s)| s.api_version == version && !s.operation.kind.is_resource())
        .flat_map(|(name, spec)| {
            let text = page_text(&spec.source.page);
            let page = text.as_deref().map(Page::new);
            let mut reports = vec![lint_one(name, spec, metadata, page.as_ref())];
            reports.extend(
                path_function_specs(spec)
                    .iter()
                    .map(|f| lint_path_function(name, spec, f, metadata, page.as_ref())),
            );
            reports
        })
        .collect();
    let totals = Totals::of(&operations);
    Report {
        api_version: version.as_str().to_string(),
        metadata: metadata_name.to_string(),
        operations,
        totals,
        types: None,
        resources: None,
    }
}

/// Compares every resource operation of `version` in `specs` (get, list, create, update,
/// replace, delete, `$ref`, `$value`, `$count`; see the `resources` module for the rules) with
/// the metadata of its page's era in `eras`. `page_text` is as for [`lint`].
pub fn lint_resources(
    version: ApiVersion,
    eras: &Eras,
    specs: &[(String, SpecFile)],
    page_text: &dyn Fn(&str) -> Option<String>,
) -> ResourcesReport {
    lint_resources_with(version, eras, specs, page_text, &request_type)
}

/// [`lint_resources`] with the reader of a body's type given (tests give one while the spec
/// model has no such field).
fn lint_resources_with(
    version: ApiVersion,
    eras: &Eras,
    specs: &[(String, SpecFile)],
    page_text: &dyn Fn(&str) -> Option<String>,
    body_type: &dyn Fn(&SpecFile) -> Option<String>,
) -> ResourcesReport {
    let of_version: Vec<&(String, SpecFile)> = specs
        .iter()
        .filter(|(_, s)| s.api_version == version)
        .collect();
    let with_kind = of_version
        .iter()
        .filter(|(_, s)| s.operation.kind != graph_spec::OperationKind::Unclassified)
        .count();
    let check_bodies = of_version.iter().any(|(_, s)| body_type(s).is_some());
    let operations: Vec<ResourceReport> = of_version
        .iter()
        .filter(|(_, s)| resources::is_resource(s, version))
        .map(|(name, spec)| {
            let text = page_text(&spec.source.page);
            let page = text.as_deref().map(Page::new);
            resources::lint_resource(
                name,
                spec,
                eras,
                page.as_ref(),
                body_type(spec),
                check_bodies,
            )
        })
        .collect();
    let totals = ResourceTotals::of(&operations, of_version.len(), with_kind);
    ResourcesReport {
        api_version: version.as_str().to_string(),
        metadata: eras.current.0.to_string(),
        metadata_2021: eras.y2021.map(|(n, _)| n.to_string()),
        bodies_compared: check_bodies,
        operations,
        totals,
    }
}

/// The comparison of one spec operation: the metadata operation it documents (see
/// [`find_operation`]), then the HTTP method, the parameters and the return type against it.
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
        called_in_path: false,
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
    report
        .disagreements
        .extend(compare::method(meta, op.method));
    report.parameters = compare::parameters(meta, spec, page);
    report.returns = Some(compare::returns(meta, spec, page));
    report
}

/// The functions `spec`'s paths call before the operation's own segment, each as a spec of its
/// own for [`find_operation`]: a `GET` of that function with its parameters, bound to the
/// collection the path calls it on (`onlineMeetings` gives `onlineMeeting`).
fn path_function_specs(spec: &SpecFile) -> Vec<SpecFile> {
    spec.operation
        .path_functions
        .iter()
        .map(|f| {
            let binding = spec
                .operation
                .paths
                .iter()
                .find_map(|p| {
                    let segments: Vec<&str> = p.template.split('/').collect();
                    let at = segments
                        .iter()
                        .position(|s| s.split_once('(').is_some_and(|(n, _)| n == f.name))?;
                    at.checked_sub(1).and_then(|i| segments.get(i)).copied()
                })
                .map(|b| b.strip_suffix('s').unwrap_or(b).to_string())
                .unwrap_or_default();
            let mut one = spec.clone();
            one.operation.binding = binding;
            one.operation.name = f.name.clone();
            one.operation.method = graph_spec::HttpMethod::Get;
            one.operation.function_parameters = f.parameters.clone();
            one.operation.request_body = None;
            one.operation.path_functions = Vec::new();
            one
        })
        .collect()
}

/// The comparison of a function called in a path: as for the operation, without the return type.
fn lint_path_function(
    name: &str,
    spec: &SpecFile,
    function: &SpecFile,
    metadata: &Metadata,
    page: Option<&Page>,
) -> OperationReport {
    let mut report = lint_one(name, function, metadata, page);
    report.operation = format!(
        "{}: {} (called in the path of {})",
        function.operation.binding, function.operation.name, spec.operation.name
    );
    report.called_in_path = true;
    report.returns = None;
    report
}

#[cfg(test)]
mod tests;
