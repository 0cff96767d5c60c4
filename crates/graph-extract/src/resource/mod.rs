//! A resource page (`api-reference/<version>/resources/<type>.md`) to the type files it describes:
//! the type itself (a [`TypeFile`] of kind complex or entity) and the enumerations its
//! `<name> values` tables list (kind enum).
//!
//! What is read, and the decisions taken:
//!
//! - **Includes** (`[!INCLUDE [x](path)]`) stand for their content, so a table kept in an include
//!   is read like one on the page ([`crate::resource::include`]; needs [`resource_str_with`]).
//! - **Name**: the `@odata.type` of the page's `"blockType": "resource"` annotation, else the H1
//!   (`# user resource type` -> `microsoft.graph.user`). A page whose H1 says `enum type` describes
//!   an enumeration: its members table is read ([`crate::resource::enum_page`]).
//! - **Base type**: the annotation's `baseType`, else what the prose says (`Inherits from [x](...)`,
//!   `Derived from`, ...: [`crate::resource::base`]). When both are given and differ, the
//!   annotation wins with a warning.
//! - **Kind**: entity when the annotation names a `keyProperty`, the base type is
//!   `microsoft.graph.entity`, the page lists a relationship, or its Methods table links a method
//!   (only entities are addressable); else complex (the caller that
//!   follows base types turns a complex type deriving from an entity into an entity).
//! - **Properties**: the rows of the tables of the `Properties` section, then of the
//!   `Relationships` section (marked `navigation`; also when it is a `###` inside Properties), read
//!   by [`crate::resource::rows`]; then the keys of the JSON representation that no table lists
//!   ([`crate::resource::json`]); then the relationships only the annotation's `optionalProperties`
//!   names, typed from the Methods table ([`crate::resource::methods`]).
//! - **Enumerations**: every `<name> values` table of the page (the enums module's reading).

use graph_spec::{ApiVersion, EdmType, Property, Source, TypeFile, TypeKind, Warning};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::markdown::blocks::{self, Block, BlockKind, Table};
use crate::resource::ns::qualify;
use crate::resource::rows::{columns, rows};
use crate::types::NAMESPACE;
use crate::{Ctx, ErrorKind, ExtractError, markdown::pipes, page::examples, types::enums};

pub(crate) mod base;
pub(crate) mod desc;
pub(crate) mod enum_page;
pub(crate) mod include;
pub(crate) mod json;
pub(crate) mod methods;
pub(crate) mod ns;
pub(crate) mod rows;

/// What one resource page describes.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourcePage {
    /// The type of the page.
    pub ty: TypeFile,
    /// The enumerations the page's `<name> values` tables list, in page order.
    pub enums: Vec<TypeFile>,
}

/// Reads a resource page's text. `page` is docs-relative (`api-reference/v1.0/resources/user.md`).
/// Includes are not read (see [`resource_str_with`]).
pub fn resource_str(page: &str, text: &str) -> Result<ResourcePage, ExtractError> {
    resource_str_with(page, text, &|_: &str| None)
}

/// Same as [`resource_str`], reading the page's includes with `read_include` (a docs-relative
/// path to its text, `None` when missing): an include stands for its content.
pub fn resource_str_with(
    page: &str,
    text: &str,
    read_include: &dyn Fn(&str) -> Option<String>,
) -> Result<ResourcePage, ExtractError> {
    let api_version = crate::ctx::api_version(page)?;
    let source = Source {
        page: page.to_string(),
        sha256: crate::ctx::hex(&Sha256::digest(text.as_bytes())),
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (repaired, notes) = pipes::repair(body);
    let mut ctx = Ctx {
        page,
        blocks: blocks::parse(&repaired),
        warnings: Vec::new(),
        read_include,
    };
    for (line, message) in notes {
        ctx.warn(line, message);
    }
    ctx.splice_includes();
    let h1 = ctx
        .blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }));
    let h1_line = h1.and_then(|i| ctx.blocks.get(i)).map_or(1, |b| b.line);
    let annotation = resource_annotation(&mut ctx);
    let ns = ns::sub_namespace(&ctx.blocks);
    let named_by_annotation = annotation.as_ref().and_then(annotated_name).is_some();
    let name = type_name(&ctx, h1, annotation.as_ref())
        .ok_or_else(|| ctx.error(ErrorKind::TypeName, h1_line, "cannot tell the type's name: no `\"blockType\": \"resource\"` annotation with an `@odata.type`, and no `# <name> resource type` heading"))?;
    let name = match &ns {
        Some(ns)
            if !named_by_annotation
                && !name.get(NAMESPACE.len() + 1..).unwrap_or(".").contains('.') =>
        {
            ns::in_namespace(&name, ns)
        }
        _ => name,
    };
    let summary = ctx.summary(h1);
    if enum_page::is_enum_page(&ctx, h1) {
        let mut ty = TypeFile {
            source: source.clone(),
            api_version,
            name,
            kind: TypeKind::Enum,
            summary,
            base_type: None,
            properties: Vec::new(),
            members: Vec::new(),
            line: h1_line,
            warnings: Vec::new(),
        };
        enum_page::read_members(&mut ctx, &mut ty);
        ty.warnings = std::mem::take(&mut ctx.warnings);
        ty.warnings.sort_by_key(|w| w.line);
        ty.warnings.dedup();
        return Ok(ResourcePage {
            ty,
            enums: Vec::new(),
        });
    }
    let base_type = base::base_type(&mut ctx, annotation.as_ref(), ns.as_deref());

    let page_enums: Vec<String> = enums::listed(&ctx.blocks)
        .into_iter()
        .map(|l| l.name)
        .collect();
    let mut properties = Vec::new();
    let mut untyped = Vec::new();
    let mut relationships = 0;
    for (section, navigation) in [
        (&PROPERTY_SECTIONS[..], false),
        (&RELATIONSHIP_SECTIONS[..], true),
    ] {
        let read: Vec<_> = section_tables(&ctx, section)
            .into_iter()
            .map(|t| rows(t, navigation, &page_enums, ns.as_deref()))
            .collect();
        for (props, notes, names) in read {
            for (line, message) in notes {
                ctx.warn(line, message);
            }
            untyped.extend(names);
            if navigation {
                relationships += props.len();
            }
            for p in props {
                if properties.iter().any(|q: &Property| q.name == p.name) {
                    ctx.warn(
                        p.line,
                        format!("property `{}` is listed twice; the first is kept", p.name),
                    );
                } else {
                    properties.push(p);
                }
            }
        }
    }
    let only_json = json::json_representation(&mut ctx, &properties, &untyped);
    properties.extend(only_json);
    let annotated =
        methods::annotated_relationships(&mut ctx, annotation.as_ref(), &properties, h1_line);
    relationships += annotated.len();
    properties.extend(annotated);
    if properties.is_empty() {
        ctx.warn(h1_line, "the page lists no properties");
    }
    let keyed = annotation
        .as_ref()
        .is_some_and(|a| a.get("keyProperty").and_then(Value::as_str).is_some());
    let kind = if keyed
        || relationships > 0
        || base_type.as_deref() == Some("microsoft.graph.entity")
        || methods::has_methods(&ctx)
    {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };

    let enum_types = listed_enums(&ctx.blocks, &source, api_version, ns.as_deref());
    let mut warnings = std::mem::take(&mut ctx.warnings);
    warnings.sort_by_key(|w| w.line);
    warnings.dedup();
    Ok(ResourcePage {
        ty: TypeFile {
            source,
            api_version,
            name,
            kind,
            summary,
            base_type,
            properties,
            members: Vec::new(),
            line: h1_line,
            warnings,
        },
        enums: enum_types,
    })
}

/// The enumerations the `<name> values` tables of any docs page list, as enum type files.
pub fn page_enums(page: &str, text: &str) -> Result<Vec<TypeFile>, ExtractError> {
    let api_version = crate::ctx::api_version(page)?;
    let source = Source {
        page: page.to_string(),
        sha256: crate::ctx::hex(&Sha256::digest(text.as_bytes())),
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (repaired, _) = pipes::repair(body);
    let blocks = blocks::parse(&repaired);
    let ns = ns::sub_namespace(&blocks);
    Ok(listed_enums(&blocks, &source, api_version, ns.as_deref()))
}

fn listed_enums(
    blocks: &[Block],
    source: &Source,
    api_version: ApiVersion,
    ns: Option<&str>,
) -> Vec<TypeFile> {
    enums::listed(blocks)
        .into_iter()
        .map(|l| TypeFile {
            source: source.clone(),
            api_version,
            name: match ns {
                Some(ns) => format!("{NAMESPACE}.{ns}.{}", l.name),
                None => format!("{NAMESPACE}.{}", l.name),
            },
            kind: TypeKind::Enum,
            summary: String::new(),
            base_type: None,
            properties: Vec::new(),
            members: l.members,
            line: l.line,
            warnings: l
                .notes
                .into_iter()
                .map(|(line, message)| Warning { line, message })
                .collect(),
        })
        .collect()
}

/// The page's `"blockType": "resource"` annotation, parsed. A broken one is a warning.
fn resource_annotation(ctx: &mut Ctx<'_>) -> Option<serde_json::Map<String, Value>> {
    let mut found = None;
    let mut notes = Vec::new();
    for block in &ctx.blocks {
        let BlockKind::Html(html) = &block.kind else {
            continue;
        };
        for comment in blocks::comments(html, block.line) {
            match as_resource_annotation(&comment.body) {
                Some(Ok(map)) => {
                    found.get_or_insert(map);
                }
                Some(Err((rel, message))) => notes.push((
                    comment.line + rel.saturating_sub(1),
                    format!("the resource annotation is not valid JSON ({message}); ignored"),
                )),
                None => {}
            }
        }
    }
    for (line, message) in notes {
        ctx.warn(line, message);
    }
    found
}

/// A comment's body read as a `"blockType": "resource"` annotation: `None` when it is none, `Err`
/// (the line within the body, and why) when it looks like one but is not valid JSON.
fn as_resource_annotation(
    body: &str,
) -> Option<Result<serde_json::Map<String, Value>, (usize, String)>> {
    if !body.contains("\"resource\"") || !body.trim().starts_with('{') {
        return None;
    }
    match examples::parse_annotation(body) {
        Ok((map, _)) => {
            (map.get("blockType").and_then(Value::as_str) == Some("resource")).then_some(Ok(map))
        }
        Err(e) => Some(Err(e)),
    }
}

/// The type a resource annotation names: its `@odata.type`, qualified.
fn annotated_name(annotation: &serde_json::Map<String, Value>) -> Option<String> {
    annotation
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(qualify)
}

/// The type a page declares in its `"blockType": "resource"` annotation (`range.md` declares
/// `microsoft.graph.workbookRange`), read from the raw text of its HTML comments: for a page that
/// is only linked to, cheaper than parsing it. `None` when it has no such annotation.
pub(crate) fn declared_type_of_text(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        let after = rest.get(start + 4..)?;
        let end = after.find("-->")?;
        let body = after.get(..end)?;
        if let Some(Ok(map)) = as_resource_annotation(body) {
            return annotated_name(&map);
        }
        rest = after.get(end + 3..)?;
    }
    None
}

fn type_name(
    ctx: &Ctx<'_>,
    h1: Option<usize>,
    annotation: Option<&serde_json::Map<String, Value>>,
) -> Option<String> {
    if let Some(name) = annotation.and_then(annotated_name) {
        return Some(name);
    }
    let BlockKind::Heading { inline, .. } = &ctx.blocks.get(h1?)?.kind else {
        return None;
    };
    let text = inline.plain();
    let lower = text.trim().to_ascii_lowercase();
    let end = lower
        .strip_suffix(" resource type")
        .or_else(|| lower.strip_suffix(" complex type"))
        .or_else(|| lower.strip_suffix(" entity type"))
        .or_else(|| lower.strip_suffix(" resource"))
        .or_else(|| {
            enum_page::ENUM_SUFFIXES
                .iter()
                .find_map(|s| lower.strip_suffix(s))
        })?
        .len();
    qualify(text.trim().get(..end)?)
}

/// The headings of the properties section, lower case.
const PROPERTY_SECTIONS: [&str; 4] = [
    "properties",
    "property",
    "instance properties",
    "structural properties",
];
/// The headings of the relationships section, lower case.
const RELATIONSHIP_SECTIONS: [&str; 3] = ["relationships", "relationship", "navigation properties"];

/// The plain text of a heading block, trimmed, without a trailing `:`, lower case.
fn heading_name(b: &Block) -> Option<(u8, String)> {
    match &b.kind {
        BlockKind::Heading { level, inline } => Some((
            *level,
            inline
                .plain()
                .trim()
                .trim_end_matches(':')
                .trim()
                .to_ascii_lowercase(),
        )),
        _ => None,
    }
}

/// The tables with a name and a type column in the section named one of `names` (a page may
/// split its properties into several, under `###` subheadings): its heading is of level 2 or
/// deeper (a page without `##` sections has `### Properties`), and it runs to the next heading of
/// the same level or above, or to a heading of the other section at any level (a `### Relationships`
/// inside `## Properties` starts the relationships). Tables without a type column (an enum's
/// `<name> values`) are not property tables.
fn section_tables<'a>(ctx: &'a Ctx<'_>, names: &[&str]) -> Vec<&'a Table> {
    let found = ctx.blocks.iter().enumerate().find_map(|(i, b)| {
        heading_name(b)
            .filter(|(level, n)| *level >= 2 && names.contains(&n.as_str()))
            .map(|(level, _)| (i, level))
    });
    let Some((start, level)) = found else {
        return Vec::new();
    };
    let other_section = |n: &str| {
        (PROPERTY_SECTIONS.contains(&n) || RELATIONSHIP_SECTIONS.contains(&n))
            && !names.contains(&n)
    };
    ctx.blocks
        .get(start + 1..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| !heading_name(b).is_some_and(|(l, n)| l <= level || other_section(&n)))
        .filter_map(|b: &Block| match &b.kind {
            BlockKind::Table(t) if columns(t).is_some() => Some(t),
            _ => None,
        })
        .collect()
}

/// The named types a type file refers to: its properties' (element) types and its base type.
pub(crate) fn referenced(ty: &TypeFile) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &ty.properties {
        let mut t = &p.ty;
        while let EdmType::Collection(inner) = t {
            t = inner;
        }
        if let EdmType::Named(n) = t
            && !out.contains(n)
        {
            out.push(n.clone());
        }
    }
    if let Some(b) = &ty.base_type
        && !out.contains(b)
    {
        out.push(b.clone());
    }
    out
}
