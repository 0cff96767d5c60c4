//! The type comparison: each type file (`spec/<version>/types/`) against the metadata's
//! `ComplexType`, `EntityType` or `EnumType` of the same name.
//!
//! Rows, each an item of the percentage: the kind, the base type, one per property (the union of the
//! metadata's own properties and the documented ones) and one per enum member (the union too). A
//! documented property the metadata has only on a base type (`id` on `directoryObject`, inherited
//! from `entity`) is compared with the inherited one.
//!
//! Classification, by reading the type's page (see [`crate::page`]):
//! - a metadata property or member the type file lacks is the extractor's when the page mentions
//!   it (a table cell, backticks, bold, a JSON key of the JSON representation), else the docs';
//! - a property whose type differs is the extractor's when a line that mentions it shows the
//!   metadata's type, else the docs'. A JSON representation line is no evidence of `Edm.String`
//!   against a documented enumeration (JSON writes every enum member as a string);
//! - a base type that differs is the extractor's when the page mentions the metadata's base type
//!   by name, else the docs';
//! - a documented property or member the metadata lacks, a kind that differs and a type the
//!   metadata does not have are the docs' (the extractor took them from the page).

use graph_spec::{ApiVersion, TypeFile, TypeKind};
use serde::Serialize;

use crate::meta_types::{MetaType, MetaTypes};
use crate::type_rows::{TypeReport, TypeRow};
use crate::type_totals::TypeTotals;
use crate::{Class, Disagreement, Page, What};

/// The type comparison of one API version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypesReport {
    /// `v1.0` or `beta`.
    pub api_version: String,
    /// The metadata document, as the caller named it.
    pub metadata: String,
    /// One per type file of the version, in the order given.
    pub types: Vec<TypeReport>,
    /// The figures.
    pub totals: TypeTotals,
}

/// Compares every type file of `version` in `types` (`(name, type file)` pairs) with `metadata`.
/// `page_text` reads a docs-relative page (`None`: its disagreements are unclassified).
pub fn lint_types(
    version: ApiVersion,
    metadata_name: &str,
    metadata: &MetaTypes,
    types: &[(String, TypeFile)],
    page_text: &dyn Fn(&str) -> Option<String>,
) -> TypesReport {
    let reports: Vec<TypeReport> = types
        .iter()
        .filter(|(_, t)| t.api_version == version)
        .map(|(file, ty)| {
            let text = page_text(&ty.source.page);
            let page = text.as_deref().map(Page::new);
            TypeReport {
                file: file.clone(),
                name: ty.name.clone(),
                page: ty.source.page.clone(),
                rows: compare(ty, metadata, page.as_ref()),
            }
        })
        .collect();
    let totals = TypeTotals::of(&reports);
    TypesReport {
        api_version: version.as_str().to_string(),
        metadata: metadata_name.to_string(),
        types: reports,
        totals,
    }
}

fn disagreement(what: What, class: Class, detail: String, page: Option<&Page>) -> Disagreement {
    let (class, detail) = match page {
        Some(_) => (class, detail),
        None => (Class::Unclassified, format!("{detail} (page not readable)")),
    };
    Disagreement {
        what,
        class,
        detail,
        evidence: None,
    }
}

/// The extractor's when `found` finds a line of the page, else the docs'.
fn classified(
    what: What,
    page: Option<&Page>,
    found: impl FnOnce(&Page) -> Option<crate::Evidence>,
    detail: String,
) -> Disagreement {
    match page.map(found) {
        Some(Some(evidence)) => Disagreement {
            what,
            class: Class::ExtractorMissed,
            detail: format!("{detail}; the page has it at line {}", evidence.line),
            evidence: Some(evidence),
        },
        Some(None) => disagreement(what, Class::DocsDiffer, detail, page),
        None => disagreement(what, Class::Unclassified, detail, page),
    }
}

/// The spec column of a metadata `microsoft.graph.Json` property that the type file leaves out.
const ANY_JSON: &str = "(left out: any JSON)";

/// Whether a metadata type is `microsoft.graph.Json`, or a collection of it.
fn is_any_json(ty: &str) -> bool {
    crate::csdl::strip_collection(ty) == "microsoft.graph.Json"
}

fn row(item: String, metadata: String, spec: String, d: Option<Disagreement>) -> TypeRow {
    TypeRow {
        item,
        metadata,
        spec,
        disagreement: d,
    }
}

fn kind_str(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Complex => "complex",
        TypeKind::Entity => "entity",
        TypeKind::Enum => "enum",
    }
}

fn compare(ty: &TypeFile, metadata: &MetaTypes, page: Option<&Page>) -> Vec<TypeRow> {
    let Some(meta) = metadata.get(&ty.name) else {
        let d = disagreement(
            What::NotInMetadata,
            Class::DocsDiffer,
            format!("the metadata has no type `{}`", ty.name),
            page,
        );
        return vec![row("type".into(), "-".into(), ty.name.clone(), Some(d))];
    };
    let mut rows = Vec::new();
    let (mk, sk) = (meta.kind.as_str(), kind_str(ty.kind));
    let d = (mk != sk).then(|| {
        disagreement(
            What::Kind,
            Class::DocsDiffer,
            format!("the metadata has a {mk} type, the page describes a {sk} type"),
            page,
        )
    });
    rows.push(row("kind".into(), mk.into(), sk.into(), d));
    if ty.kind == TypeKind::Enum || meta.kind == crate::MetaTypeKind::Enum {
        rows.extend(members(ty, meta, page));
    } else {
        let (mb, sb) = (meta.base.clone(), ty.base_type.clone());
        let d = (!mb
            .as_deref()
            .unwrap_or("")
            .eq_ignore_ascii_case(sb.as_deref().unwrap_or("")))
        .then(|| {
            let short = mb
                .as_deref()
                .and_then(|b| b.rsplit('.').next())
                .unwrap_or("")
                .to_string();
            let detail = format!(
                "the metadata's base type is {}, the type file's {}",
                mb.as_deref().unwrap_or("none"),
                sb.as_deref().unwrap_or("none")
            );
            classified(
                What::BaseType,
                page,
                |p| {
                    (!short.is_empty())
                        .then(|| p.first_mention(&short))
                        .flatten()
                },
                detail,
            )
        });
        let dash = |s: Option<String>| s.unwrap_or_else(|| "-".into());
        rows.push(row("base type".into(), dash(mb), dash(sb), d));
        rows.extend(properties(ty, meta, metadata, page));
    }
    rows
}

fn properties(
    ty: &TypeFile,
    meta: &MetaType,
    metadata: &MetaTypes,
    page: Option<&Page>,
) -> Vec<TypeRow> {
    let mut rows = Vec::new();
    let inherited = metadata.inherited(&meta.name);
    for m in &meta.properties {
        let item = format!("property {}", m.name);
        let Some(s) = ty
            .properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&m.name))
        else {
            // `microsoft.graph.Json` is any JSON value: the extractor leaves such a property out
            // on purpose, and the generated model keeps it as it comes (additional properties).
            if is_any_json(&m.ty) {
                rows.push(row(item, m.ty.clone(), ANY_JSON.into(), None));
                continue;
            }
            let d = classified(
                What::Omitted,
                page,
                |p| p.first_mention(&m.name),
                "the type file lacks it".into(),
            );
            rows.push(row(item, m.ty.clone(), "-".into(), Some(d)));
            continue;
        };
        let st = s.ty.to_string();
        rows.push(row(
            item,
            m.ty.clone(),
            st.clone(),
            type_differs(&m.name, &m.ty, &st, page),
        ));
    }
    for s in &ty.properties {
        if meta
            .properties
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case(&s.name))
        {
            continue;
        }
        let st = s.ty.to_string();
        let item = format!("property {}", s.name);
        match inherited
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(&s.name))
        {
            Some(m) => rows.push(row(
                format!("{item} (inherited)"),
                m.ty.clone(),
                st.clone(),
                type_differs(&s.name, &m.ty, &st, page),
            )),
            None => {
                let d = disagreement(
                    What::NotInMetadata,
                    Class::DocsDiffer,
                    "the metadata's type has no such property".into(),
                    page,
                );
                rows.push(row(item, "-".into(), st, Some(d)));
            }
        }
    }
    rows
}

fn type_differs(name: &str, meta: &str, spec: &str, page: Option<&Page>) -> Option<Disagreement> {
    if meta == spec {
        return None;
    }
    let detail = format!("the metadata types it {meta}, the type file {spec}");
    if meta.eq_ignore_ascii_case(spec) {
        return Some(disagreement(What::Type, Class::DocsDiffer, detail, page));
    }
    // A named type called like the property (`importance` of type `importance`) is "shown" by the
    // property's own name cell: then the line must name it a second time.
    let word = crate::csdl::strip_collection(meta)
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let same_word = !meta.starts_with("Edm.") && word == name.to_ascii_lowercase();
    // A JSON representation writes every enum member as a string (`"ageGroup": "string"`): that
    // line does not show `Edm.String` against a documented enumeration.
    let enum_as_string = crate::csdl::strip_collection(meta) == "Edm.String"
        && !crate::csdl::strip_collection(spec).starts_with("Edm.");
    let mut d = classified(
        What::Type,
        page,
        |p| {
            p.shows_type_where(name, meta, |e| {
                !(enum_as_string && e.how == crate::MentionKind::JsonKey)
            })
            .filter(|e| !same_word || names_again(&e.text, name, &word))
        },
        detail,
    );
    if enum_as_string && d.class == Class::DocsDiffer {
        d.detail.push_str(
            "; the page names a type of its own where the metadata has a string (a JSON \
             representation's \"string\" is how any enumeration is written, so it is no evidence)",
        );
    }
    Some(d)
}

/// Whether a line names the type `word` as a name (a link text, backticks, emphasis, or qualified)
/// outside the table cell that holds the property's `name`.
fn names_again(line: &str, name: &str, word: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let mut cells: Vec<&str> = lower.split('|').collect();
    if let Some(i) = cells
        .iter()
        .position(|c| c.trim().trim_matches(['*', '_', '`']) == name.to_ascii_lowercase())
    {
        cells.remove(i);
    }
    let rest = cells.join("|");
    [
        format!("[{word}]"),
        format!("`{word}`"),
        format!("*{word}*"),
        format!("graph.{word}"),
    ]
    .iter()
    .any(|form| rest.contains(form.as_str()))
}

fn members(ty: &TypeFile, meta: &MetaType, page: Option<&Page>) -> Vec<TypeRow> {
    let mut rows = Vec::new();
    for m in &meta.members {
        let item = format!("member {m}");
        if ty.members.iter().any(|s| &s.name == m) {
            rows.push(row(item, m.clone(), m.clone(), None));
        } else {
            let d = classified(
                What::Omitted,
                page,
                |p| p.first_mention(m),
                "the type file lacks it".into(),
            );
            rows.push(row(item, m.clone(), "-".into(), Some(d)));
        }
    }
    for s in &ty.members {
        if !meta.members.contains(&s.name) {
            let d = disagreement(
                What::NotInMetadata,
                Class::DocsDiffer,
                "the metadata's enumeration has no such member".into(),
                page,
            );
            rows.push(row(
                format!("member {}", s.name),
                "-".into(),
                s.name.clone(),
                Some(d),
            ));
        }
    }
    rows
}
