//! Synthetic type files for the corpus: complex types, entity types and enumerations shaped like
//! the real `spec/<version>/types/*.json`, and operations typed by them.
//!
//! Each synthetic type copies the *shape* of one real type file (its template): its kind, its
//! number of properties (or members), each property's kind (the same EDM primitive, a collection,
//! or a named type), its flags (navigation, nullable, read-only, required) and whether it has a
//! base type. Names are new, made of the corpus' vocabulary. A named property (or collection
//! element) of the template refers to a synthetic type made before it, and a base type is a
//! synthetic struct type made before it, so the references form no cycle except one on purpose:
//! the first two struct types refer to each other (fields the generated models box), so that the
//! generator's transitive work (base chains, recursion) is exercised.
//!
//! Then operations are typed by them, as real ones are: a body parameter or response of a named
//! type that no enumeration of the file describes now names a synthetic struct type of its
//! version (`typed_percent` of them), so that its generated models use `models::<Type>`.

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, EdmType, EnumMember, Property, Source, SpecFile, TypeFile, TypeKind};
use sha2::{Digest, Sha256};

use super::names::{self, Rng};
use super::{CorpusError, Options};

/// Lower-case letters and digits only, as `graph_spec` compares type and property names.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `ty` names a type (alone or as a collection's element).
fn named(ty: &EdmType) -> Option<&str> {
    match ty {
        EdmType::Named(n) => Some(n),
        EdmType::Collection(inner) => named(inner),
        EdmType::Primitive(_) => None,
    }
}

/// `ty` with its named type (or element type) replaced by `to`.
fn renamed(ty: &EdmType, to: &str) -> EdmType {
    match ty {
        EdmType::Collection(inner) => EdmType::Collection(Box::new(renamed(inner, to))),
        _ => EdmType::Named(to.to_string()),
    }
}

/// A corpus with its type files: the operations of [`super::synthesize`], typed by the types of
/// [`synthesize_types`] made from `type_templates` (real type files).
pub fn synthesize_with_types(
    templates: &[(String, SpecFile)],
    type_templates: &[TypeFile],
    options: &Options,
) -> Result<Corpus, CorpusError> {
    let mut specs = super::synthesize(templates, options)?;
    let types = synthesize_types(type_templates, &mut specs, options)?;
    Ok(Corpus { specs, types })
}

/// Operations and their type files, each named by its path below the corpus directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// `spec/<version>/<page>.json`, sorted.
    pub specs: Vec<(String, SpecFile)>,
    /// `spec/<version>/types/<file>.json`, sorted.
    pub types: Vec<(String, TypeFile)>,
}

impl Corpus {
    /// The type files alone, as `graph_codegen::generate_with_types` takes them.
    pub fn type_files(&self) -> Vec<TypeFile> {
        self.types.iter().map(|(_, t)| t.clone()).collect()
    }
}

/// `ty` with its named type (or element type) replaced by `Edm.String`.
fn as_string(ty: &EdmType) -> EdmType {
    match ty {
        EdmType::Collection(inner) => EdmType::Collection(Box::new(as_string(inner))),
        _ => EdmType::Primitive(graph_spec::Primitive::String),
    }
}

/// Makes the type files of `specs` from `type_templates` (real type files, any order) and types
/// the operations of `specs` by them (in place).
///
/// Each version gets `options.types_percent` types per 100 of its operations (at least 4 when it
/// has operations). Returns `(name, type)` pairs named `spec/<version>/types/<file>.json`, sorted
/// by name, ready for `graph_codegen::generate_with_types` or [`write_types_dir`].
pub fn synthesize_types(
    type_templates: &[TypeFile],
    specs: &mut [(String, SpecFile)],
    options: &Options,
) -> Result<Vec<(String, TypeFile)>, CorpusError> {
    let mut templates: Vec<&TypeFile> = type_templates.iter().collect();
    templates.sort_by(|a, b| (a.api_version, &a.name).cmp(&(b.api_version, &b.name)));
    if templates.is_empty() {
        return Err(CorpusError(
            "no type template: spec/ has no type files".into(),
        ));
    }
    let vocabulary = names::vocabulary(specs.iter().map(|(_, s)| s));
    if vocabulary.len() < 8 {
        return Err(CorpusError(format!(
            "the corpus gives only {} words; at least 8 are needed for type names",
            vocabulary.len()
        )));
    }
    // Its own stream, so that the operations of a seed stay what they were without types.
    let mut rng = Rng::new(options.seed ^ 0x7479_7065_735f_7631);
    let mut out = Vec::new();
    for version in [ApiVersion::V1, ApiVersion::Beta] {
        let operations = specs
            .iter()
            .filter(|(_, s)| s.api_version == version)
            .count();
        if operations == 0 {
            continue;
        }
        let count = (operations * options.types_percent as usize / 100).max(4);
        let enums: BTreeSet<String> = specs
            .iter()
            .filter(|(_, s)| s.api_version == version)
            .flat_map(|(_, s)| s.enums.iter().map(|e| fold(&e.name)))
            .collect();
        let types = version_types(
            version,
            count,
            &templates,
            &enums,
            &vocabulary,
            options,
            &mut rng,
        );
        type_operations(version, &types, specs, options, &mut rng);
        for t in types {
            let name = format!(
                "spec/{}/{}/{}",
                version.as_str(),
                graph_spec::TYPES_DIR,
                graph_spec::type_file_name(&t.name)
            );
            out.push((name, t));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A fresh camelCase name of `words` vocabulary words whose folded form is not in `taken` (then
/// added to it); numbered after 16 tries.
fn fresh_name(
    rng: &mut Rng,
    vocabulary: &[String],
    words: usize,
    taken: &mut BTreeSet<String>,
    avoid: impl Fn(&str) -> bool,
) -> String {
    let mut attempt = 0usize;
    loop {
        let mut n = names::name(rng, vocabulary, words);
        if attempt >= 16 {
            n.push_str(&attempt.to_string());
        }
        if !avoid(&n) && taken.insert(fold(&n)) {
            return n;
        }
        attempt += 1;
    }
}

/// `count` types of `version`, in the order they were made (references point backwards only,
/// but for the first two struct types, which refer to each other).
fn version_types(
    version: ApiVersion,
    count: usize,
    templates: &[&TypeFile],
    spec_enums: &BTreeSet<String>,
    vocabulary: &[String],
    options: &Options,
    rng: &mut Rng,
) -> Vec<TypeFile> {
    // Names and shapes first, so that the recursive pair can name each other.
    let mut taken = spec_enums.clone();
    let plan: Vec<(String, &TypeFile)> = (0..count)
        .filter_map(|_| {
            let template = rng.pick(templates).copied()?;
            let words = 2 + rng.below(2);
            let short = fresh_name(rng, vocabulary, words, &mut taken, |_| false);
            Some((format!("microsoft.graph.{short}"), template))
        })
        .collect();
    let count = plan.len();
    let structs: Vec<usize> = (0..count)
        .filter(|&i| plan[i].1.kind != TypeKind::Enum)
        .collect();
    let pair = match structs.as_slice() {
        [a, b, ..] => Some((*a, *b)),
        _ => None,
    };
    let mut out: Vec<TypeFile> = Vec::with_capacity(count);
    for (i, (name, template)) in plan.iter().enumerate() {
        let short = name.rsplit('.').next().unwrap_or(name);
        let page = format!(
            "api-reference/{}/resources/{}.md",
            version.as_str(),
            short.to_ascii_lowercase()
        );
        let mut t = TypeFile {
            source: Source {
                page,
                sha256: format!(
                    "{:x}",
                    Sha256::digest(format!("{}:{name}", options.seed).as_bytes())
                ),
            },
            api_version: version,
            name: name.clone(),
            kind: template.kind,
            summary: format!(
                "A synthetic {} shaped like `{}`.",
                kind_word(template.kind),
                template.name
            ),
            base_type: None,
            properties: Vec::new(),
            members: Vec::new(),
            line: 1,
            warnings: Vec::new(),
        };
        if template.kind == TypeKind::Enum {
            t.members = members(template, vocabulary, rng);
            out.push(t);
            continue;
        }
        // Base type: an earlier struct type, for a template that has one.
        let earlier: Vec<usize> = (0..i).filter(|&k| out[k].kind != TypeKind::Enum).collect();
        if template.base_type.is_some()
            && let Some(&b) = rng.pick(&earlier)
        {
            t.base_type = Some(out[b].name.clone());
        }
        let mut taken: BTreeSet<String> = chain_properties(&out, t.base_type.as_deref());
        let reserved = |n: &str| {
            let s = graph_codegen::naming::snake(n).unwrap_or_default();
            s == "odata_type" || s == "additional_properties"
        };
        for (line, p) in template.properties.iter().enumerate() {
            let words = 1 + rng.below(2);
            let prop = fresh_name(rng, vocabulary, words, &mut taken, reserved);
            let ty = match named(&p.ty) {
                None => p.ty.clone(),
                Some(_) if i > 0 => renamed(&p.ty, &out[rng.below(i)].name),
                Some(_) => as_string(&p.ty),
            };
            t.properties.push(property(prop, ty, p, line + 2));
        }
        // The recursive pair: each of the two refers to the other, not through a collection.
        if let Some((a, b)) = pair
            && (i == a || i == b)
        {
            let other = if i == a { b } else { a };
            let prop = fresh_name(rng, vocabulary, 2, &mut taken, reserved);
            let ty = EdmType::Named(plan[other].0.clone());
            let line = t.properties.len() + 2;
            t.properties.push(Property {
                name: prop,
                ty,
                description: format!("The related `{}`.", plan[other].0),
                nullable: Some(true),
                read_only: false,
                required: None,
                navigation: false,
                line,
            });
        }
        out.push(t);
    }
    out
}

fn kind_word(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Complex => "complex type",
        TypeKind::Entity => "entity type",
        TypeKind::Enum => "enumeration",
    }
}

/// The folded names of the properties of `base` and its bases (among `made`).
fn chain_properties(made: &[TypeFile], base: Option<&str>) -> BTreeSet<String> {
    let by_name: BTreeMap<&str, &TypeFile> = made.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut out = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut base = base;
    while let Some(b) = base {
        let Some(t) = by_name.get(b) else { break };
        if !seen.insert(b) {
            break;
        }
        out.extend(t.properties.iter().map(|p| fold(&p.name)));
        base = t.base_type.as_deref();
    }
    out
}

/// A property named `name` of type `ty` with the flags of the template's property `p`.
fn property(name: String, ty: EdmType, p: &Property, line: usize) -> Property {
    Property {
        description: format!("The {name}."),
        name,
        ty,
        nullable: p.nullable,
        read_only: p.read_only,
        required: p.required,
        navigation: p.navigation,
        line,
    }
}

/// As many members as the template has (at least two), then `unknownFutureValue`.
fn members(template: &TypeFile, vocabulary: &[String], rng: &mut Rng) -> Vec<EnumMember> {
    let mut taken = BTreeSet::from(["unknownfuturevalue".to_string(), "undocumented".into()]);
    let mut out: Vec<EnumMember> = (0..template.members.len().max(2))
        .map(|_| {
            let words = 1 + rng.below(2);
            let name = fresh_name(rng, vocabulary, words, &mut taken, |_| false);
            EnumMember {
                description: format!("The {name} member."),
                name,
                value: None,
            }
        })
        .collect();
    out.push(EnumMember {
        name: "unknownFutureValue".into(),
        value: None,
        description: "Evolvable enumeration sentinel value. Do not use.".into(),
    });
    out
}

/// Points `options.typed_percent` of the named body parameters and responses of `version`'s
/// operations at its struct types.
fn type_operations(
    version: ApiVersion,
    types: &[TypeFile],
    specs: &mut [(String, SpecFile)],
    options: &Options,
    rng: &mut Rng,
) {
    let structs: Vec<&str> = types
        .iter()
        .filter(|t| t.kind != TypeKind::Enum)
        .map(|t| t.name.as_str())
        .collect();
    if structs.is_empty() {
        return;
    }
    for (_, spec) in specs.iter_mut().filter(|(_, s)| s.api_version == version) {
        let enums: BTreeSet<&str> = spec.enums.iter().map(|e| e.name.as_str()).collect();
        let retype = |ty: &EdmType, rng: &mut Rng| -> Option<EdmType> {
            let n = named(ty)?;
            if enums.contains(n) || !rng.chance(options.typed_percent) {
                return None;
            }
            rng.pick(&structs).map(|to| renamed(ty, to))
        };
        let mut changed = Vec::new();
        for (k, p) in spec.operation.request_body.iter().flatten().enumerate() {
            if p.properties.is_empty()
                && let Some(ty) = retype(&p.ty, rng)
            {
                changed.push((k, ty));
            }
        }
        if let Some(body) = spec.operation.request_body.as_mut() {
            for (k, ty) in changed {
                body[k].ty = ty;
            }
        }
        let response = spec
            .operation
            .response
            .body_type
            .as_ref()
            .and_then(|ty| retype(ty, rng));
        if response.is_some() {
            spec.operation.response.body_type = response;
        }
    }
}

/// Writes the type files under `dir` (`dir/spec/<version>/types/<file>.json`, as named by
/// [`synthesize_types`]), in the canonical form of `graph_spec::type_to_json`. Returns the number
/// of files written.
pub fn write_types_dir(
    dir: &std::path::Path,
    types: &[(String, TypeFile)],
) -> std::io::Result<usize> {
    for (name, ty) in types {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, graph_spec::type_to_json(ty))?;
    }
    Ok(types.len())
}

#[cfg(test)]
#[path = "types_tests.rs"]
mod tests;
