//! Following the named types of the operations in spec/ to the type files that describe them,
//! transitively (properties' types and base types), inside the docs root only.
//!
//! A name `microsoft.graph.x` of version `v` is looked up, in order:
//! 1. the resource page `api-reference/<v>/resources/<x lower-cased>.md`, and for beta also v1.0's
//!    (with a warning: the type is described by the v1.0 page);
//! 2. a resource page named by an end of `x` at one of its inner capitals, longest first, that
//!    declares `x` in its resource annotation (`range.md` declares `workbookRange`);
//! 3. an `x values` table on the page that names the type (the operation's page, or the resource
//!    page of the type whose property it is), then on `api-reference/<v>/resources/enums.md`, then
//!    v1.0's enumerations page;
//! 4. else the type stays untyped: [`Followed::untyped`] names it, and the type file that refers to
//!    it carries a warning.
//!
//! A complex type whose base type is (or derives from) an entity type is an entity type too.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use graph_spec::{ApiVersion, EdmType, Parameter, SpecFile, TypeFile, TypeKind, Warning};

use crate::resource::{self, ResourcePage, referenced};
use crate::types::NAMESPACE;
use crate::types::fold;

/// A named type the docs slice does not describe.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Untyped {
    /// The version of the name.
    pub api_version: ApiVersion,
    /// The qualified name.
    pub name: String,
    /// The docs page that names it (an operation's page or a resource page).
    pub named_by: String,
    /// Why it is untyped.
    pub reason: String,
}

/// The result of [`follow_types`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Followed {
    /// Every type reached, sorted by version and name.
    pub types: Vec<TypeFile>,
    /// Every name reached that no page describes, sorted.
    pub untyped: Vec<Untyped>,
}

/// What was wanted, and who wanted it.
struct Want {
    version: ApiVersion,
    name: String,
    /// The page that names it.
    page: String,
    /// The type (an index into the output) whose property or base it is, if any.
    by_type: Option<usize>,
}

/// A docs page as read: its resource reading (when it is a resource page) and its enum tables.
#[derive(Default)]
struct Read {
    resource: Option<Result<ResourcePage, String>>,
    enums: Vec<TypeFile>,
}

/// Follows the named types of `specs`. `read` gives a docs-relative page's text, or `None` when
/// the docs root has no such page.
pub fn follow_types(specs: &[SpecFile], read: &dyn Fn(&str) -> Option<String>) -> Followed {
    let mut queue: VecDeque<Want> = VecDeque::new();
    for spec in specs {
        let mut names = Vec::new();
        let op = &spec.operation;
        named_params(&op.function_parameters, &mut names);
        named_params(op.request_body.as_deref().unwrap_or(&[]), &mut names);
        if let Some(t) = &op.response.body_type {
            push_named(t, &mut names);
        }
        if let Some(t) = op.entity_body() {
            push_named(t, &mut names);
        }
        for e in &spec.enums {
            if !names.contains(&e.name) {
                names.push(e.name.clone());
            }
        }
        for name in names {
            queue.push_back(Want {
                version: spec.api_version,
                name,
                page: spec.source.page.clone(),
                by_type: None,
            });
        }
    }
    let mut pages: BTreeMap<String, Option<Read>> = BTreeMap::new();
    let mut done: BTreeSet<(ApiVersion, String)> = BTreeSet::new();
    let mut out = Followed::default();
    while let Some(want) = queue.pop_front() {
        if !want.name.starts_with(&format!("{NAMESPACE}.")) {
            continue;
        }
        if !done.insert((want.version, fold(&want.name))) {
            continue;
        }
        match find(&want, &mut pages, read) {
            Ok(mut ty) => {
                let index = out.types.len();
                for name in referenced(&ty) {
                    queue.push_back(Want {
                        version: want.version,
                        name,
                        page: ty.source.page.clone(),
                        by_type: Some(index),
                    });
                }
                ty.api_version = want.version;
                out.types.push(ty);
            }
            Err(reason) => {
                if let Some(referrer) = want.by_type.and_then(|i| out.types.get_mut(i)) {
                    let line = referrer
                        .properties
                        .iter()
                        .find(|p| names(&p.ty, &want.name))
                        .map_or(referrer.line, |p| p.line);
                    referrer.warnings.push(Warning {
                        line,
                        message: format!("type `{}` stays untyped: {reason}", want.name),
                    });
                }
                out.untyped.push(Untyped {
                    api_version: want.version,
                    name: want.name,
                    named_by: want.page,
                    reason,
                });
            }
        }
    }
    promote_entities(&mut out.types);
    for ty in &mut out.types {
        ty.warnings.sort_by_key(|w| w.line);
        ty.warnings.dedup();
    }
    out.types
        .sort_by(|a, b| (a.api_version, &a.name).cmp(&(b.api_version, &b.name)));
    out.untyped.sort();
    out
}

fn names(ty: &EdmType, name: &str) -> bool {
    match ty {
        EdmType::Collection(inner) => names(inner, name),
        EdmType::Named(n) => n == name,
        EdmType::Primitive(_) => false,
    }
}

fn push_named(ty: &EdmType, out: &mut Vec<String>) {
    match ty {
        EdmType::Collection(inner) => push_named(inner, out),
        EdmType::Named(n) if !out.contains(n) => out.push(n.clone()),
        _ => {}
    }
}

fn named_params(params: &[Parameter], out: &mut Vec<String>) {
    for p in params {
        push_named(&p.ty, out);
        named_params(&p.properties, out);
    }
}

/// Reads (once) a docs page: its resource reading if it is under `resources/` and its enum tables.
fn page<'a>(
    pages: &'a mut BTreeMap<String, Option<Read>>,
    path: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Option<&'a Read> {
    pages
        .entry(path.to_string())
        .or_insert_with(|| {
            let text = read(path)?;
            let mut r = Read::default();
            if path.contains("/resources/") && !path.ends_with("/enums.md") {
                let parsed =
                    resource::resource_str_with(path, &text, read).map_err(|e| e.to_string());
                if let Ok(p) = &parsed {
                    r.enums = p.enums.clone();
                }
                r.resource = Some(parsed);
            } else {
                r.enums = resource::page_enums(path, &text).unwrap_or_default();
            }
            Some(r)
        })
        .as_ref()
}

/// The type file of a wanted name, or why there is none.
fn find(
    want: &Want,
    pages: &mut BTreeMap<String, Option<Read>>,
    read: &dyn Fn(&str) -> Option<String>,
) -> Result<TypeFile, String> {
    let short = want.name.get(NAMESPACE.len() + 1..).unwrap_or("");
    // Sub-namespaces (`microsoft.graph.security.x`) are documented as `security-x.md`.
    let stem = short.replace('.', "-").to_ascii_lowercase();
    let version = want.version.as_str();
    let mut looked = Vec::new();
    let mut candidates = vec![format!("api-reference/{version}/resources/{stem}.md")];
    if want.version == ApiVersion::Beta {
        candidates.push(format!("api-reference/v1.0/resources/{stem}.md"));
    }
    for path in &candidates {
        looked.push(path.clone());
        let Some(r) = page(pages, path, read) else {
            continue;
        };
        match &r.resource {
            Some(Ok(p)) => {
                let mut ty = from_page(p, path, want);
                if fold(&ty.name) != fold(&want.name) {
                    ty.warnings.push(Warning {
                        line: ty.line,
                        message: format!(
                            "the page describes `{}`, but `{}` was looked up; recorded as `{}`",
                            ty.name, want.name, want.name
                        ),
                    });
                    ty.name = want.name.clone();
                }
                return Ok(ty);
            }
            Some(Err(e)) => return Err(format!("its page cannot be read: {e}")),
            None => {}
        }
    }
    // A page named by the end of the name that declares the whole name in its resource
    // annotation: `range.md` describes `microsoft.graph.workbookRange`, `page.md`
    // `microsoft.graph.onenotePage`. Longest end first; a page of another type is passed over.
    for end in name_ends(short) {
        for dir in &candidates {
            let Some((dir, _)) = dir.rsplit_once('/') else {
                continue;
            };
            let path = format!("{dir}/{end}.md");
            if let Some(Read {
                resource: Some(Ok(p)),
                ..
            }) = page(pages, &path, read)
                && fold(&p.ty.name) == fold(&want.name)
            {
                return Ok(from_page(p, &path, want));
            }
        }
    }
    let enum_pages = [
        want.page.clone(),
        format!("api-reference/{version}/resources/enums.md"),
        "api-reference/v1.0/resources/enums.md".to_string(),
    ];
    let mut seen = BTreeSet::new();
    for path in enum_pages.iter().filter(|p| seen.insert(p.as_str())) {
        let Some(r) = page(pages, path, read) else {
            continue;
        };
        let hit = r.enums.iter().find(|e| e.name == want.name).or_else(|| {
            r.enums
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(&want.name))
        });
        if let Some(e) = hit {
            let mut e = e.clone();
            e.name = want.name.clone();
            return Ok(e);
        }
        looked.push(format!("`{short} values` on {path}"));
    }
    Err(format!("the docs root has none of {}", looked.join(", ")))
}

/// The type of a resource page found for `want`, with a warning when the page is of another
/// version (a beta type read from v1.0's page).
fn from_page(p: &ResourcePage, path: &str, want: &Want) -> TypeFile {
    let mut ty = p.ty.clone();
    let version = want.version.as_str();
    if !path.contains(&format!("/{version}/")) {
        ty.warnings.push(Warning {
            line: ty.line,
            message: format!(
                "{version} has no resource page for `{}`; it is read from {path}",
                want.name
            ),
        });
    }
    ty
}

/// The ends of a camel-case name at each inner capital, lower-cased, longest first:
/// `workbookTableRow` gives `tablerow`, `row`. None for a name in a sub-namespace (`security.x`).
fn name_ends(short: &str) -> Vec<String> {
    if short.contains('.') {
        return Vec::new();
    }
    short
        .char_indices()
        .skip(1)
        .filter(|(_, c)| c.is_ascii_uppercase())
        .filter_map(|(i, _)| short.get(i..))
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A complex type whose base type is an entity type (directly or not) is an entity type.
fn promote_entities(types: &mut [TypeFile]) {
    loop {
        let entities: BTreeSet<(ApiVersion, String)> = types
            .iter()
            .filter(|t| t.kind == TypeKind::Entity)
            .map(|t| (t.api_version, t.name.clone()))
            .collect();
        let mut changed = false;
        for t in types.iter_mut() {
            if t.kind == TypeKind::Complex
                && t.base_type
                    .as_ref()
                    .is_some_and(|b| entities.contains(&(t.api_version, b.clone())))
            {
                t.kind = TypeKind::Entity;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}
