//! One method and URL is one operation: pages that document the same one are merged before the
//! module tree is built.
//!
//! Graph documents some URLs on several pages: an action on its collection's page and on its
//! owner's (`tablecollection-add` and `worksheet-post-tables`), and a URL once per derived type
//! (`GET /deviceAppManagement/mobileApps/{id}` on the pages of `mobileApp`, `webApp`, ...). Two
//! documented paths are the same URL when they are equal with every `{placeholder}` blanked and
//! letters folded to lower case (Graph's URLs are case-insensitive).
//!
//! The **canonical page** of a URL is chosen by these rules, in order:
//! 1. a page whose type (what it returns, else the entity it sends) is named after the URL's last
//!    named segment (`.../mobileAppConfigurations/{id}`: a type whose name ends in
//!    `mobileAppConfiguration`) wins over one whose type is not;
//! 2. then a page that answers a collection: a page that documents a list's URL for its
//!    `$expand` or `$filter` (an extension's `get`, `GET /users/{id}/messages?$expand=...`) is not
//!    the list's page;
//! 3. then the page whose type is the most general: the fewest base types above it, by the type
//!    files (`mobileApp` over `webApp`);
//! 4. then the first page by spec file name.
//!
//! The other pages are **aliases**: their path is dropped from their spec (a spec left with no path
//! is dropped), and the canonical binding's rustdoc lists each with its title, link and, where
//! they differ, its permissions. When the pages name different types, the canonical operation
//! returns (and sends) their nearest common base type, when the type files describe one, so that
//! its model can hold each of them.

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, EdmType, HttpMethod, SpecFile, TypeFile};

/// A page that documents a URL another page (the canonical one) is generated from.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The alias's spec file.
    pub file: String,
    /// Its spec (for its title, link and permissions).
    pub spec: SpecFile,
    /// The path as the alias documents it.
    pub template: String,
}

/// Aliases by canonical spec file and the canonical path template they duplicate.
pub type Aliases = BTreeMap<(String, String), Vec<Alias>>;

/// The specs after merging, and the aliases of each canonical binding.
#[derive(Debug, Default)]
pub struct Merged {
    /// The specs, in their input order, with aliased paths removed (and specs left with no path
    /// dropped).
    pub specs: Vec<(String, SpecFile)>,
    /// The aliases.
    pub aliases: Aliases,
}

/// The identity of a documented operation: version, method, and path with placeholders blanked
/// and letters folded.
type Key = (ApiVersion, HttpMethod, String);

fn key(spec: &SpecFile, template: &str) -> Key {
    let mut url = String::with_capacity(template.len());
    let mut depth = 0usize;
    for c in template.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    url.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => url.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let url = url.trim_end_matches('/').to_string();
    (spec.api_version, spec.operation.method, url)
}

/// The named type a spec is about: what it returns, else the entity it sends.
fn own_type(spec: &SpecFile) -> Option<&str> {
    fn named(t: &EdmType) -> Option<&str> {
        match t {
            EdmType::Named(n) => Some(n),
            EdmType::Collection(inner) => named(inner),
            EdmType::Primitive(_) => None,
        }
    }
    let op = &spec.operation;
    op.response
        .body_type
        .as_ref()
        .and_then(named)
        .or_else(|| op.entity_body().and_then(named))
}

/// Base types by (version, qualified name), from the type files.
struct Bases<'t>(BTreeMap<(ApiVersion, &'t str), &'t str>);

impl<'t> Bases<'t> {
    fn new(types: &'t [TypeFile]) -> Self {
        Bases(
            types
                .iter()
                .filter_map(|t| Some(((t.api_version, t.name.as_str()), t.base_type.as_deref()?)))
                .collect(),
        )
    }

    /// `name` and its base types, nearest first (a cycle in the docs ends the chain).
    fn chain<'n>(&self, version: ApiVersion, name: &'n str) -> Vec<&'n str>
    where
        't: 'n,
    {
        let mut out = vec![name];
        let mut seen = BTreeSet::from([name]);
        let mut at = name;
        while let Some(base) = self.0.get(&(version, at)).copied() {
            if !seen.insert(base) {
                break;
            }
            out.push(base);
            at = base;
        }
        out
    }
}

/// The URL's last named segment, lower-cased and made singular (`mobileappconfiguration`).
fn addressed(url: &str) -> Option<String> {
    let segment = url
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.starts_with('{') && !s.starts_with('$'))?;
    let segment = segment.split('(').next().unwrap_or(segment);
    let singular = segment
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| segment.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| segment.to_string());
    Some(singular)
}

/// Merges the pages of `specs` that document one method and URL (see the module docs).
pub fn merge(specs: &[(String, SpecFile)], types: &[TypeFile]) -> Merged {
    let bases = Bases::new(types);
    // Every documented path, grouped by operation identity, in input order.
    let mut groups: BTreeMap<Key, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, (_, spec)) in specs.iter().enumerate() {
        for (j, path) in spec.operation.paths.iter().enumerate() {
            groups
                .entry(key(spec, &path.template))
                .or_default()
                .push((i, j));
        }
    }
    let mut dropped: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut aliases = Aliases::new();
    // The types each canonical spec stands for, to find their common base.
    let mut stands_for: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for ((version, _, url), members) in &groups {
        if members.len() < 2 {
            continue;
        }
        let wanted = addressed(url);
        let rank = |&(i, _): &(usize, usize)| {
            let (file, spec) = &specs[i];
            let ty = own_type(spec);
            let short = ty.map(|t| t.rsplit('.').next().unwrap_or(t).to_lowercase());
            let named_after =
                matches!((&short, &wanted), (Some(s), Some(w)) if s.ends_with(w.as_str()));
            let depth = ty.map_or(usize::MAX, |t| bases.chain(*version, t).len());
            let collection = matches!(
                spec.operation.response.body_type,
                Some(EdmType::Collection(_))
            );
            (!named_after, !collection, depth, file.clone())
        };
        let Some(&canonical) = members.iter().min_by_key(|m| rank(m)) else {
            continue;
        };
        let (ci, cj) = canonical;
        let canonical_file = &specs[ci].0;
        let canonical_template = &specs[ci].1.operation.paths[cj].template;
        for &(i, j) in members {
            if (i, j) == canonical {
                continue;
            }
            dropped.insert((i, j));
            if let Some(t) = own_type(&specs[i].1) {
                stands_for.entry(ci).or_default().insert(t.to_string());
            }
            // A page that documents one URL twice is not its own alias.
            if i != ci {
                let entry = aliases
                    .entry((canonical_file.clone(), canonical_template.clone()))
                    .or_default();
                if !entry.iter().any(|a| a.file == specs[i].0) {
                    entry.push(Alias {
                        file: specs[i].0.clone(),
                        spec: specs[i].1.clone(),
                        template: specs[i].1.operation.paths[j].template.clone(),
                    });
                }
            }
        }
    }
    let mut out = Vec::with_capacity(specs.len());
    for (i, (file, spec)) in specs.iter().enumerate() {
        let mut spec = spec.clone();
        let mut j = 0;
        spec.operation.paths.retain(|_| {
            let keep = !dropped.contains(&(i, j));
            j += 1;
            keep
        });
        if spec.operation.paths.is_empty() {
            continue;
        }
        if let Some(others) = stands_for.get(&i) {
            widen(&mut spec, others, &bases);
        }
        out.push((file.clone(), spec));
    }
    Merged {
        specs: out,
        aliases,
    }
}

/// Makes `spec` return (and send) the nearest common base of its own type and `others`, when the
/// type files describe one and it differs from its own.
fn widen(spec: &mut SpecFile, others: &BTreeSet<String>, bases: &Bases<'_>) {
    let version = spec.api_version;
    let Some(own) = own_type(spec).map(str::to_string) else {
        return;
    };
    let chains: Vec<Vec<&str>> = others
        .iter()
        .map(|o| bases.chain(version, o.as_str()))
        .collect();
    let own_chain = bases.chain(version, own.as_str());
    let Some(common) = own_chain
        .iter()
        .find(|candidate| chains.iter().all(|c| c.contains(candidate)))
    else {
        return;
    };
    if *common == own {
        return;
    }
    let common = common.to_string();
    fn rename(t: &mut EdmType, from: &str, to: &str) {
        match t {
            EdmType::Named(n) if n == from => *n = to.to_string(),
            EdmType::Collection(inner) => rename(inner, from, to),
            _ => {}
        }
    }
    let op = &mut spec.operation;
    if let Some(t) = op.response.body_type.as_mut() {
        rename(t, &own, &common);
    }
    if let Some(t) = op.request_type.as_mut() {
        rename(t, &own, &common);
    }
}

#[cfg(test)]
mod tests;
