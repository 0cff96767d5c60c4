//! The synthetic operations: options, the synthesis from templates, and writing them out.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use graph_spec::{EdmType, EnumMember, EnumType, Parameter, PathTemplate, Primitive, SpecFile};
use sha2::{Digest, Sha256};

use super::names::{self, Rng};
use super::registry::{Candidate, CandidatePath, Registry};

/// What to synthesize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How many operations (spec files).
    pub operations: usize,
    /// The seed: the same seed gives the same corpus.
    pub seed: u64,
    /// How many top-level path segments (areas) to spread the operations over, at least.
    pub areas: usize,
    /// Percentage of operations with a string body parameter that turn it into an enumeration.
    pub enum_percent: u64,
    /// Also put the (usable) templates themselves in the corpus, under their own names, so that a
    /// program written against the real bindings also builds against the synthetic crate.
    pub include_templates: bool,
    /// Type files per 100 operations of a version ([`super::types::synthesize_types`]).
    pub types_percent: u64,
    /// Percentage of named body parameters and responses that name a synthetic type.
    pub typed_percent: u64,
}

impl Options {
    /// `operations` operations from `seed`, one area per 40 operations (at least 8), a quarter of
    /// the eligible operations with an enumeration; with types, 40 type files per 100 operations
    /// (Graph has about one type per two or three operations) and 70% of the named body parameters
    /// and responses typed by them.
    pub fn new(operations: usize, seed: u64) -> Options {
        Options {
            operations,
            seed,
            areas: (operations / 40).max(8),
            enum_percent: 25,
            include_templates: false,
            types_percent: 40,
            typed_percent: 70,
        }
    }
}

/// Why a corpus could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError(pub String);

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CorpusError {}

/// Attempts per operation before giving up; from half-way on, names get the operation's number.
const ATTEMPTS: usize = 64;

/// Whether the generator can take this template: an action or function, no function parameters (not generated yet) and
/// only plain or `{placeholder}` segments, each path ending in a plain action.
fn usable(spec: &SpecFile) -> bool {
    let op = &spec.operation;
    // The corpus varies an action's last segment; a resource operation is named by its kind at
    // the module its whole path addresses, so renaming a segment would not make another one.
    !op.kind.is_resource()
        && op.function_parameters.is_empty()
        && !op.paths.is_empty()
        && op.paths.iter().all(|p| {
            let segs: Vec<&str> = p.template.trim_start_matches('/').split('/').collect();
            segs.len() >= 2
                && segs.iter().all(|s| {
                    !s.is_empty()
                        && (s.starts_with('{') && s.ends_with('}') && s.len() > 2
                            || !s.contains(['{', '}', '(', ')', '=', '\'', '?', '#', '%']))
                })
                && segs.last().is_some_and(|s| !s.starts_with('{'))
        })
}

/// Synthesizes `options.operations` spec files from `templates` (real spec files, any order).
///
/// Returns `(name, spec)` pairs named `spec/<version>/<page>.json`, sorted by name, ready for
/// `graph_codegen::generate` or [`write_dir`].
pub fn synthesize(
    templates: &[(String, SpecFile)],
    options: &Options,
) -> Result<Vec<(String, SpecFile)>, CorpusError> {
    let mut templates: Vec<&(String, SpecFile)> =
        templates.iter().filter(|(_, s)| usable(s)).collect();
    templates.sort_by(|a, b| a.0.cmp(&b.0));
    if templates.is_empty() {
        return Err(CorpusError(
            "no usable template: every template has function parameters or key segments".into(),
        ));
    }
    let vocabulary = names::vocabulary(templates.iter().map(|(_, s)| s));
    if vocabulary.len() < 8 {
        return Err(CorpusError(format!(
            "the templates give only {} words; at least 8 are needed for names",
            vocabulary.len()
        )));
    }
    let mut rng = Rng::new(options.seed);
    let areas = areas(&templates, &vocabulary, options.areas, &mut rng);
    let pool = pool(&vocabulary, (options.operations / 3).max(32), &mut rng);
    let mut registry = Registry::default();
    let mut out = Vec::with_capacity(options.operations);
    if options.include_templates {
        for (name, spec) in &templates {
            let op = Synthetic {
                id: format!("template {name}"),
                template: spec,
                binding: spec.operation.binding.clone(),
                name: spec.operation.name.clone(),
                paths: spec.operation.paths.clone(),
            };
            registry
                .claim(&op.candidate())
                .map_err(|e| CorpusError(format!("template {name}: {e}")))?;
            out.push((name.clone(), spec.clone()));
        }
    }
    for i in 0..options.operations {
        let mut last_error = String::new();
        let mut made = None;
        for attempt in 0..ATTEMPTS {
            let Some((_, template)) = rng.pick(&templates).copied() else {
                break;
            };
            let numbered = (attempt >= ATTEMPTS / 2).then_some(i);
            let op = operation(template, i, numbered, &areas, &pool, &vocabulary, &mut rng);
            match registry.claim(&op.candidate()) {
                Ok(()) => {
                    made = Some(op);
                    break;
                }
                Err(e) => last_error = e,
            }
        }
        let Some(op) = made else {
            return Err(CorpusError(format!(
                "operation {i}: no collision-free names after {ATTEMPTS} attempts (last: {last_error})"
            )));
        };
        out.push(op.into_spec(i, options, &vocabulary, &mut rng));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The real top-level segments first (sorted), then synthetic ones up to `count`.
fn areas(
    templates: &[&(String, SpecFile)],
    vocabulary: &[String],
    count: usize,
    rng: &mut Rng,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (_, spec) in templates {
        for p in &spec.operation.paths {
            if let Some(root) = p.template.trim_start_matches('/').split('/').next()
                && seen.insert(graph_codegen::naming::snake(root))
            {
                out.push(root.to_string());
            }
        }
    }
    out.sort();
    let mut tries = 0;
    while out.len() < count && tries < count * 100 {
        tries += 1;
        let n = names::short_name(rng, vocabulary);
        if seen.insert(graph_codegen::naming::snake(&n)) {
            out.push(n);
        }
    }
    out
}

/// `count` distinct segment names for the levels below the areas (collections, navigation).
fn pool(vocabulary: &[String], count: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut tries = 0;
    while out.len() < count && tries < count * 100 {
        tries += 1;
        let mut n = names::short_name(rng, vocabulary);
        if rng.chance(60) {
            n.push('s');
        }
        if seen.insert(graph_codegen::naming::snake(&n)) {
            out.push(n);
        }
    }
    out
}

/// One synthetic operation before it becomes a spec file.
struct Synthetic<'t> {
    /// The operation's number, unique in the corpus.
    id: String,
    template: &'t SpecFile,
    binding: String,
    name: String,
    /// Template path template -> new path, in the template's order.
    paths: Vec<PathTemplate>,
}

fn operation<'t>(
    template: &'t SpecFile,
    i: usize,
    numbered: Option<usize>,
    areas: &[String],
    pool: &[String],
    vocabulary: &[String],
    rng: &mut Rng,
) -> Synthetic<'t> {
    let suffix = numbered.map(|n| format!("{n}")).unwrap_or_default();
    let binding = names::short_name(rng, vocabulary);
    let name = format!("{}{suffix}", names::name(rng, vocabulary, 2));
    // Distinct template words map to distinct new words, so distinct paths stay distinct.
    let mut roots: BTreeMap<&str, String> = BTreeMap::new();
    let mut inner: BTreeMap<&str, String> = BTreeMap::new();
    let mut paths = Vec::new();
    for p in &template.operation.paths {
        let segs: Vec<&str> = p.template.trim_start_matches('/').split('/').collect();
        let mut out = Vec::with_capacity(segs.len());
        for (k, seg) in segs.iter().enumerate() {
            let mapped = if seg.starts_with('{') {
                seg.to_string()
            } else if k + 1 == segs.len() {
                if seg.contains('.') {
                    format!("microsoft.graph.{name}")
                } else {
                    name.clone()
                }
            } else if k == 0 {
                let taken: Vec<String> = roots.values().cloned().collect();
                roots
                    .entry(seg)
                    .or_insert_with(|| fresh(rng, areas, &taken, ""))
                    .clone()
            } else {
                let taken: Vec<String> = inner.values().cloned().collect();
                inner
                    .entry(seg)
                    .or_insert_with(|| fresh(rng, pool, &taken, &suffix))
                    .clone()
            };
            out.push(mapped);
        }
        paths.push(PathTemplate {
            template: format!("/{}", out.join("/")),
            parameters: p.parameters.clone(),
        });
    }
    Synthetic {
        id: i.to_string(),
        template,
        binding,
        name,
        paths,
    }
}

/// A random entry of `from` not in `taken` (with `suffix` appended), or a numbered one when all are.
fn fresh(rng: &mut Rng, from: &[String], taken: &[String], suffix: &str) -> String {
    for _ in 0..16 {
        if let Some(c) = rng.pick(from) {
            let c = format!("{c}{suffix}");
            if !taken.contains(&c) {
                return c;
            }
        }
    }
    let base = rng.pick(from).cloned().unwrap_or_else(|| "segment".into());
    format!("{base}{suffix}x{}", taken.len())
}

impl Synthetic<'_> {
    fn candidate(&self) -> Candidate<'_> {
        Candidate {
            id: &self.id,
            version: self.template.api_version,
            method: self.template.operation.method,
            name: &self.name,
            body: self
                .template
                .operation
                .request_body
                .as_deref()
                .unwrap_or_default(),
            paths: self
                .paths
                .iter()
                .map(|p| CandidatePath {
                    segments: p.template.trim_start_matches('/').split('/').collect(),
                    template: &p.template,
                })
                .collect(),
        }
    }

    fn into_spec(
        self,
        i: usize,
        options: &Options,
        vocabulary: &[String],
        rng: &mut Rng,
    ) -> (String, SpecFile) {
        let version = self.template.api_version.as_str();
        let stem = format!(
            "{}-{}-{i:05}",
            self.binding.to_ascii_lowercase(),
            self.name.to_ascii_lowercase()
        );
        let mut spec = self.template.clone();
        spec.source.page = format!("api-reference/{version}/api/{stem}.md");
        spec.source.sha256 = format!(
            "{:x}",
            Sha256::digest(format!("{}:{stem}", options.seed).as_bytes())
        );
        spec.title = format!("{}: {}", self.binding, self.name);
        spec.operation.binding = self.binding.clone();
        spec.operation.name = self.name.clone();
        for example in &mut spec.examples {
            example.request.url = rewrite_url(self.template, &self.paths, &example.request.url)
                .unwrap_or_else(|| example.request.url.clone());
        }
        spec.operation.paths = self.paths;
        if rng.chance(options.enum_percent) {
            add_enum(&mut spec, vocabulary, rng);
        }
        (format!("spec/{version}/{stem}.json"), spec)
    }
}

/// The example URL moved from the template path it calls to the matching new path, with the same
/// placeholder values and query; `None` when it calls none of the template's paths.
fn rewrite_url(template: &SpecFile, new_paths: &[PathTemplate], url: &str) -> Option<String> {
    let version = template.api_version;
    let below = version.path_below(url);
    let query = url.find('?').map(|q| &url[q..]).unwrap_or_default();
    for (old, new) in template.operation.paths.iter().zip(new_paths) {
        if old.match_path(below).is_none() {
            continue;
        }
        // Keep the example's own (encoded) segment where the template has a placeholder.
        let have: Vec<&str> = below.trim_start_matches('/').split('/').collect();
        let segs: Vec<String> = new
            .template
            .trim_start_matches('/')
            .split('/')
            .zip(&have)
            .map(|(n, h)| {
                if n.starts_with('{') {
                    h.to_string()
                } else {
                    n.to_string()
                }
            })
            .collect();
        return Some(format!(
            "https://graph.microsoft.com/{}/{}{query}",
            version.as_str(),
            segs.join("/")
        ));
    }
    None
}

/// Turns one top-level `Edm.String` body parameter into an enumeration listed in `enums`, its
/// members vocabulary words plus every string value the examples send for it.
fn add_enum(spec: &mut SpecFile, vocabulary: &[String], rng: &mut Rng) {
    let Some(body) = spec.operation.request_body.as_mut() else {
        return;
    };
    let strings: Vec<usize> = (0..body.len())
        .filter(|&k| body[k].ty == EdmType::Primitive(Primitive::String))
        .collect();
    let Some(&k) = rng.pick(&strings) else {
        return;
    };
    let param: &mut Parameter = &mut body[k];
    let enum_name = format!(
        "microsoft.graph.{}",
        names::name(rng, vocabulary, 2) + "Kind"
    );
    let mut members: Vec<String> = Vec::new();
    let fold = |s: &str| {
        s.to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "")
    };
    let push = |m: String, members: &mut Vec<String>| {
        if !fold(&m).is_empty() && !members.iter().any(|x| fold(x) == fold(&m)) {
            members.push(m);
        }
    };
    for example in &spec.examples {
        if let Some(serde_json::Value::String(v)) = example
            .request
            .body
            .as_ref()
            .and_then(|b| b.get(&param.name))
        {
            push(v.clone(), &mut members);
        }
    }
    for _ in 0..2 + rng.below(4) {
        push(names::short_name(rng, vocabulary), &mut members);
    }
    push("unknownFutureValue".into(), &mut members);
    param.ty = EdmType::Named(enum_name.clone());
    spec.enums.push(EnumType {
        name: enum_name,
        members: members
            .into_iter()
            .enumerate()
            .map(|(v, name)| EnumMember {
                name,
                value: Some(graph_spec::EnumValue::Integer(v as i64)),
                description: String::new(),
            })
            .collect(),
        source: spec.source.page.clone(),
        line: 1,
    });
}

/// Writes the corpus under `dir` (`dir/spec/<version>/<page>.json`, as named by [`synthesize`]),
/// in the canonical form of `graph_spec::to_json`. Returns the number of files written.
pub fn write_dir(dir: &Path, specs: &[(String, SpecFile)]) -> std::io::Result<usize> {
    for (name, spec) in specs {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, graph_spec::to_json(spec))?;
    }
    Ok(specs.len())
}

/// Writes generated files (`path relative to dir -> contents`, as `graph_codegen::generate` returns
/// them) under `dir`. Returns the number of bytes written.
pub fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> std::io::Result<usize> {
    let mut bytes = 0;
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        bytes += text.len();
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
