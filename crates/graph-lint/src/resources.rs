//! Resource operations (get, list, create, update, replace, delete, `$ref`, `$value`, `$count`)
//! against the metadata, through their URLs.
//!
//! For each spec operation whose kind is a resource kind, in the metadata of its era (see
//! [`Era`]):
//!
//! 1. every documented path is resolved (see [`crate::resolve`]); a path that does not resolve
//!    is the extractor's when a request line of the page with the operation's method
//!    (`GET /users/{id}`, not the examples' full URLs) that the spec does not have resolves,
//!    else the docs';
//! 2. the first path that resolves gives the return type the kind implies (when several paths
//!    resolve alike, to types of one family such as casts to `user` and `group`, their nearest
//!    common base type, unless that is the root of the hierarchy such as `entity`): get, list and
//!    `$ref` get the type reached (`Collection(T)` for a collection); create the entity of the
//!    collection; update and replace the entity, or no body when the page answers `204`;
//!    delete and the other `$ref` operations no body; `$value` get `Edm.Stream` or no body;
//!    `$value` put no body, `Edm.Stream` or the entity holding the content; `$count` an integer
//!    or no body. A documented type deriving from the expected one agrees (a member of a
//!    collection of `directoryObject` documented as `user`). It is compared with
//!    `response.body_type`, and a difference is the extractor's when the page's `## Response`
//!    section or a response annotation shows the expected type, else the docs';
//! 3. a create, update or replace body is compared with that entity, when the spec records the
//!    type its body represents ([`request_type`]); a difference is the extractor's when the
//!    page's `## Request body` section shows the entity, else the docs'.

use graph_spec::{ApiVersion, OperationKind, SpecFile};
use serde::Serialize;

use crate::compare::{classify, docs_differ, unclassified};
use crate::resolve::{Resolved, Suffix, resolve, segments};
use crate::schema::Schema;
use crate::{Disagreement, MentionKind, Page, What};

/// Which metadata a page is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Era {
    /// A page of the current docs: the current metadata.
    #[serde(rename = "current")]
    Current,
    /// A page of the July 2021 docs: the metadata of those days.
    #[serde(rename = "2021")]
    Y2021,
}

impl Era {
    /// `current` or `2021`.
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Current => "current",
            Era::Y2021 => "2021",
        }
    }

    /// The era of a spec: current when its front matter's `ms.date` (`spec.ms_date`) has a year
    /// of 2022 or later, or when it records national clouds (`operation.national_clouds`, read
    /// from the `national-cloud-support` include that pages have carried since 2023); else 2021.
    /// The 2021 docs predate both. A current page with neither is taken for a 2021 one.
    pub fn of(spec: &SpecFile) -> Era {
        if spec.operation.national_clouds.is_some() {
            return Era::Current;
        }
        let year = spec.ms_date.as_deref().and_then(|d| {
            d.split(|c: char| !c.is_ascii_digit())
                .filter(|p| p.len() == 4)
                .find_map(|p| p.parse::<u32>().ok())
        });
        match year {
            Some(y) if y >= 2022 => Era::Current,
            _ => Era::Y2021,
        }
    }
}

/// The metadata documents of one version: the current one and, if available, 2021's.
#[derive(Debug, Clone, Copy)]
pub struct Eras<'a> {
    /// The current metadata and its name.
    pub current: (&'a str, &'a Schema),
    /// The 2021 metadata and its name; without it, 2021 pages are compared with the current.
    pub y2021: Option<(&'a str, &'a Schema)>,
}

impl<'a> Eras<'a> {
    /// The metadata of `era` and its name.
    pub fn of(&self, era: Era) -> (&'a str, &'a Schema) {
        match era {
            Era::Y2021 => self.y2021.unwrap_or(self.current),
            Era::Current => self.current,
        }
    }

    /// The metadata of the other era, when there is one.
    fn other(&self, era: Era) -> Option<(&'a str, &'a Schema)> {
        match era {
            Era::Y2021 => self.y2021.map(|_| self.current),
            Era::Current => self.y2021,
        }
    }
}

/// One documented path of a resource operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathRow {
    /// The template, as the spec has it.
    pub template: String,
    /// What it reaches (`Collection(microsoft.graph.user)`, `microsoft.graph.user/$ref`), when it
    /// resolves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reaches: Option<String>,
    /// Segments found only on a derived type (the page leaves the cast out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via_derived: Vec<String>,
    /// Why it does not resolve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<Disagreement>,
}

/// How a documented type compares with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The same type (or both no body).
    Same,
    /// The documented type derives from the expected one.
    Derived,
    /// They differ.
    Differs,
}

/// A return type or body row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedRow {
    /// What the metadata implies, alternatives joined by ` or `; `(no body)` for none.
    pub expected: String,
    /// What the spec says; `None` for no body.
    pub spec: Option<String>,
    /// How they compare.
    pub agreement: Agreement,
    /// Set when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<Disagreement>,
}

/// The comparison of one resource operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceReport {
    /// The spec file, as the caller named it.
    pub spec: String,
    /// The page (docs-relative).
    pub page: String,
    /// The operation's kind (`get`, `list`, ...).
    pub kind: OperationKind,
    /// The documented HTTP method.
    pub method: String,
    /// The era of the page.
    pub era: Era,
    /// The metadata it was compared with.
    pub metadata: String,
    /// Every documented path.
    pub paths: Vec<PathRow>,
    /// The return type, when a path resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returns: Option<ExpectedRow>,
    /// The body of a create, update or replace, when a path resolved and the spec records its type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<ExpectedRow>,
}

impl ResourceReport {
    /// Every disagreement: its paths', its return type's, its body's.
    pub fn all_disagreements(&self) -> impl Iterator<Item = &Disagreement> {
        self.paths
            .iter()
            .flat_map(|p| &p.disagreement)
            .chain(self.returns.iter().flat_map(|r| &r.disagreement))
            .chain(self.body.iter().flat_map(|b| &b.disagreement))
    }
}

/// The type a create, update or replace body is a JSON representation of, as the spec records it
/// (`operation.request_type`, such as `microsoft.graph.user`), if it does.
///
/// Read from the operation's JSON form, so that it works unchanged whether or not the spec
/// model has the field yet.
pub fn request_type(spec: &SpecFile) -> Option<String> {
    let value = serde_json::to_value(&spec.operation).ok()?;
    value.get("request_type")?.as_str().map(str::to_string)
}

/// Compares one resource operation with the metadata of its era. `request_type` reads the type
/// of its body (see [`request_type`]); `check_bodies` says whether any spec records one.
pub(crate) fn lint_resource(
    name: &str,
    spec: &SpecFile,
    eras: &Eras,
    page: Option<&Page>,
    body_type: Option<String>,
    check_bodies: bool,
) -> ResourceReport {
    let op = &spec.operation;
    let era = Era::of(spec);
    let (metadata, schema) = eras.of(era);
    let mut first: Option<Resolved> = None;
    let paths = op
        .paths
        .iter()
        .map(|p| match resolve(schema, &p.template) {
            Ok(r) => {
                let row = PathRow {
                    template: p.template.clone(),
                    reaches: Some(reaches(&r)),
                    via_derived: r.via_derived.clone(),
                    disagreement: None,
                };
                first.get_or_insert(r);
                row
            }
            Err(u) => {
                let mut detail = format!("segment {} `{}`: {}", u.index + 1, u.segment, u.reason);
                if let Some((other, s)) = eras.other(era)
                    && resolve(s, &p.template).is_ok()
                {
                    detail.push_str(&format!(" (it resolves in {other})"));
                }
                PathRow {
                    template: p.template.clone(),
                    reaches: None,
                    via_derived: Vec::new(),
                    disagreement: Some(path_disagreement(spec, schema, page, &p.template, detail)),
                }
            }
        })
        .collect();
    // Several paths that reach types of one family (casts to `user`, `group`, ...) return what
    // they have in common.
    if let Some(r) = first.as_mut() {
        let alike: Vec<Resolved> = op
            .paths
            .iter()
            .filter_map(|p| resolve(schema, &p.template).ok())
            .filter(|o| o.collection == r.collection && o.suffix == r.suffix)
            .collect();
        let types: Vec<&str> = alike.iter().map(|o| o.ty.as_str()).collect();
        // `entity`, the root of nearly every hierarchy, is no family.
        let root = |t: &str| schema.types.get(t).is_none_or(|m| m.base.is_none());
        if let Some(base) = schema.common_base(&types)
            && (!root(&base) || types.iter().all(|t| t.eq_ignore_ascii_case(&base)))
        {
            r.ty = base;
        }
    }
    let returns = first.as_ref().map(|r| returns(spec, r, schema, page));
    let body = first
        .as_ref()
        .filter(|_| check_bodies)
        .filter(|_| {
            matches!(
                op.kind,
                OperationKind::Create | OperationKind::Update | OperationKind::Replace
            )
        })
        .map(|r| body(r, body_type, schema, page));
    ResourceReport {
        spec: name.to_string(),
        page: spec.source.page.clone(),
        kind: op.kind,
        method: op.method.as_str().to_string(),
        era,
        metadata: metadata.to_string(),
        paths,
        returns,
        body,
    }
}

fn reaches(r: &Resolved) -> String {
    let suffix = match r.suffix {
        Some(Suffix::Ref) => "/$ref",
        Some(Suffix::Value) => "/$value",
        Some(Suffix::Count) => "/$count",
        None => "",
    };
    format!("{}{suffix}", r.type_name())
}

/// The request lines of a page with the method `method` (`GET /users/{id}`): 0-based line, path.
fn request_lines<'p>(page: &Page<'p>, method: &str) -> Vec<(usize, &'p str)> {
    page.lines()
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let (m, rest) = line.trim().split_once(' ')?;
            let path = rest.trim();
            (m == method && path.starts_with('/')).then_some((i, path))
        })
        .collect()
}

fn same_path(a: &str, b: &str) -> bool {
    let a = segments(a);
    let b = segments(b);
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// A path that does not resolve: the extractor's when the page has a request line that the spec
/// lacks and that resolves, else the docs'.
fn path_disagreement(
    spec: &SpecFile,
    schema: &Schema,
    page: Option<&Page>,
    template: &str,
    detail: String,
) -> Disagreement {
    let Some(page) = page else {
        return unclassified(What::Path, detail);
    };
    let lines = request_lines(page, spec.operation.method.as_str());
    let missed = lines.iter().find(|(_, path)| {
        !spec
            .operation
            .paths
            .iter()
            .any(|p| same_path(&p.template, path))
            && resolve(schema, path).is_ok()
    });
    if let Some((i, path)) = missed {
        let evidence = page.line_evidence(*i, MentionKind::RequestLine);
        return Disagreement {
            what: What::Path,
            class: crate::Class::ExtractorMissed,
            detail: format!("{detail}; the page's `{path}` at line {} resolves", i + 1),
            evidence: Some(evidence),
        };
    }
    let mut d = docs_differ(What::Path, detail);
    d.evidence = lines
        .iter()
        .find(|(_, path)| same_path(template, path))
        .map(|(i, _)| page.line_evidence(*i, MentionKind::RequestLine));
    d
}

/// What a kind of operation returns on the path reached: the alternatives, `None` for no body.
fn expected_returns(spec: &SpecFile, r: &Resolved) -> Vec<Option<String>> {
    let entity = Some(r.ty.clone());
    match spec.operation.kind {
        OperationKind::Get | OperationKind::List | OperationKind::RefGet => {
            vec![Some(r.type_name())]
        }
        OperationKind::Create => vec![entity],
        OperationKind::Update | OperationKind::Replace => {
            if spec.operation.response.status == 204 {
                vec![None]
            } else {
                vec![entity]
            }
        }
        OperationKind::MediaGet => vec![Some("Edm.Stream".into()), None],
        OperationKind::MediaPut => {
            let mut v = vec![None, Some("Edm.Stream".into())];
            v.extend(r.holder.clone().map(Some));
            v
        }
        OperationKind::Count => vec![Some("Edm.Int32".into()), None],
        _ => vec![None],
    }
}

/// How `documented` compares with `expected` (both `None` for no body).
fn agreement(schema: &Schema, expected: Option<&str>, documented: Option<&str>) -> Agreement {
    match (expected, documented) {
        (None, None) => Agreement::Same,
        (Some(e), Some(d)) if e == d => Agreement::Same,
        (Some(e), Some(d)) => {
            let e_coll = e.starts_with("Collection(");
            let d_coll = d.starts_with("Collection(");
            let (e_el, d_el) = (
                crate::csdl::strip_collection(e),
                crate::csdl::strip_collection(d),
            );
            if e_coll == d_coll
                && !e_el.eq_ignore_ascii_case(d_el)
                && schema.derives_from(d_el, e_el)
            {
                Agreement::Derived
            } else {
                Agreement::Differs
            }
        }
        _ => Agreement::Differs,
    }
}

fn describe(expected: &[Option<String>]) -> String {
    expected
        .iter()
        .map(|e| e.clone().unwrap_or_else(|| "(no body)".into()))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn returns(spec: &SpecFile, r: &Resolved, schema: &Schema, page: Option<&Page>) -> ExpectedRow {
    let expected = expected_returns(spec, r);
    let documented = spec
        .operation
        .response
        .body_type
        .as_ref()
        .map(ToString::to_string);
    let best = expected
        .iter()
        .map(|e| agreement(schema, e.as_deref(), documented.as_deref()))
        .min_by_key(|a| *a as u8)
        .unwrap_or(Agreement::Differs);
    let main = expected.first().cloned().flatten();
    let disagreement = (best == Agreement::Differs).then(|| match (&main, &documented) {
        (Some(m), Some(d)) if m.eq_ignore_ascii_case(d) => {
            docs_differ(What::ReturnType, "the type differs only in letter case".into())
        }
        (Some(m), _) => classify(
            What::ReturnType,
            page,
            |p| p.response_shows_type(m),
            |e| format!("expected {m}; the page shows it at line {} ({})", e.line, e.how.as_str()),
            format!("expected {m}; neither the page's Response section nor a response annotation shows it"),
        ),
        (None, _) => docs_differ(
            What::ReturnType,
            format!("the page documents a body; a {} returns none", spec.operation.kind),
        ),
    });
    ExpectedRow {
        expected: describe(&expected),
        spec: documented,
        agreement: best,
        disagreement,
    }
}

fn body(
    r: &Resolved,
    documented: Option<String>,
    schema: &Schema,
    page: Option<&Page>,
) -> ExpectedRow {
    let expected = r.ty.clone();
    let agreement = agreement(schema, Some(&expected), documented.as_deref());
    let disagreement = (agreement == Agreement::Differs).then(|| {
        classify(
            What::Body,
            page,
            |p| p.request_body_shows_type(&expected),
            |e| {
                format!(
                    "expected {expected}; the page shows it at line {} ({})",
                    e.line,
                    e.how.as_str()
                )
            },
            format!("expected {expected}; the page's Request body section does not name it"),
        )
    });
    ExpectedRow {
        expected,
        spec: documented,
        agreement,
        disagreement,
    }
}

/// Whether `spec` is a resource operation of `version`.
pub(crate) fn is_resource(spec: &SpecFile, version: ApiVersion) -> bool {
    spec.api_version == version && spec.operation.kind.is_resource()
}
