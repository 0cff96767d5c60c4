//! Cargo features by area: one feature per top-level path segment (`/auditLogs/...` is
//! `audit-logs`, `/me/...` is `me`), in every API version, plus `full` for all of them.
//!
//! A downstream crate compiles only the areas it enables. What one area needs from another is
//! compiled with it: an operation documented under several areas (`/me/...` and `/users/{id}/...`)
//! has its request and response models in the module of its first path, so those models, and the
//! modules on the way to them, are compiled when any of the operation's areas is on; a type model
//! (`v1::models::User`) is compiled when any area whose operations reach it (through their
//! parameters, responses, the types' properties and base types) is on. Everything is gated with
//! `#[cfg(any(feature = ..))]` on the rendered file, after the emitters ran, so the emitters know
//! nothing of features:
//!
//! - `pub mod child;` carries the set of areas the child's subtree needs (when it differs from its
//!   parent's);
//! - a module compiled for another area's models only has its request builder, its operations and
//!   its `mock` module gated on its own area;
//! - the models a module owns are gated on their operations' areas (when they differ);
//! - in `models.rs`, each type (its item and impls) is gated on the areas that reach it;
//! - in `lib.rs`, each version module and its `GraphApi` entry, and the items of the crate's
//!   example (on the area it calls, with hidden `# #[cfg(..)]` lines).
//!
//! The features themselves are written into the generated crate's `Cargo.toml`, between two
//! marker lines ([`splice_manifest`]).

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, EdmType, Parameter, SpecFile, TypeFile};
use heck::ToKebabCase;
use syn::{Attribute, ImplItem, Item, TraitItem, parse_quote};

use crate::error::CodegenError;
use crate::tree::{Node, Segment};

mod manifest;
mod syntax;

pub(crate) use manifest::splice_manifest;
use syntax::{attrs_mut, doc_text, self_ident, self_is};

/// Feature names an area may not take: they have another meaning in the manifest.
const RESERVED: [&str; 3] = ["default", "full", "mock"];

/// When an item is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Always (an operation at a version's root, which belongs to no area).
    Always,
    /// When any of these features is on (never, when empty).
    Any(BTreeSet<String>),
}

impl Gate {
    fn never() -> Gate {
        Gate::Any(BTreeSet::new())
    }

    fn one(area: &str) -> Gate {
        Gate::Any(BTreeSet::from([area.to_string()]))
    }

    fn add(&mut self, other: &Gate) {
        match (&mut *self, other) {
            (Gate::Always, _) => {}
            (_, Gate::Always) => *self = Gate::Always,
            (Gate::Any(a), Gate::Any(b)) => a.extend(b.iter().cloned()),
        }
    }

    /// The condition, `None` when always.
    fn condition(&self) -> Option<proc_macro2::TokenStream> {
        match self {
            Gate::Always => None,
            Gate::Any(set) if set.len() == 1 => {
                let f = set.iter().next()?;
                Some(quote::quote!(feature = #f))
            }
            Gate::Any(set) => {
                let fs = set.iter();
                Some(quote::quote!(any(#(feature = #fs),*)))
            }
        }
    }

    fn attr(&self) -> Option<Attribute> {
        let c = self.condition()?;
        Some(parse_quote!(#[cfg(#c)]))
    }
}

/// What each module, type and version of one generated crate is gated on.
#[derive(Debug, Default)]
pub(crate) struct Areas {
    /// Every area feature, sorted.
    features: BTreeSet<String>,
    /// By module path: the gate of the module, its own area, and the gate of the models it owns.
    nodes: BTreeMap<Vec<String>, NodeGates>,
    /// By version module (`v1`): the gate of the version.
    roots: BTreeMap<String, Gate>,
    /// By version module and Rust name of a type model.
    types: BTreeMap<(String, String), Gate>,
    /// The area of the crate's example (the first operation).
    example: Option<String>,
}

#[derive(Debug)]
struct NodeGates {
    /// When the module is compiled.
    all: Gate,
    /// Its area (`None` for a version root).
    own: Option<String>,
    /// When the models it owns are compiled.
    models: Gate,
}

/// The feature of a top-level segment: `auditLogs` -> `audit-logs`.
fn area_name(file: &str, node: &Node<'_>) -> Result<String, CodegenError> {
    let wire = match node.own_segment() {
        Some(Segment::Literal(name)) => name.as_str(),
        Some(Segment::Key { collection, .. }) => collection.as_str(),
        _ => node.module.as_str(),
    };
    let words: String = wire
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let name = words.to_kebab_case();
    let err = |message: String| CodegenError {
        file: file.to_string(),
        path: "operation.paths".into(),
        message,
    };
    if name.is_empty() {
        return Err(err(format!(
            "the top-level segment `{wire}` gives no Cargo feature name"
        )));
    }
    if RESERVED.contains(&name.as_str()) {
        return Err(err(format!(
            "the top-level segment `{wire}` would be the Cargo feature `{name}`, which the crate uses for something else"
        )));
    }
    Ok(name)
}

/// The named types a spec's request and response models use directly.
fn spec_types(spec: &SpecFile, out: &mut BTreeSet<String>) {
    fn edm(ty: &EdmType, out: &mut BTreeSet<String>) {
        match ty {
            EdmType::Named(n) => {
                out.insert(n.clone());
            }
            EdmType::Collection(inner) => edm(inner, out),
            EdmType::Primitive(_) => {}
        }
    }
    fn params(ps: &[Parameter], out: &mut BTreeSet<String>) {
        for p in ps {
            edm(&p.ty, out);
            params(&p.properties, out);
        }
    }
    let op = &spec.operation;
    params(&op.function_parameters, out);
    params(op.request_body.as_deref().unwrap_or_default(), out);
    if let Some(ty) = &op.response.body_type {
        edm(ty, out);
    }
    if let Some(ty) = op.entity_body() {
        edm(ty, out);
    }
}

impl Areas {
    /// Works out every gate from the module trees and the type files.
    pub(crate) fn new(
        roots: &BTreeMap<ApiVersion, Node<'_>>,
        types: &[TypeFile],
        idents: &dyn Fn(ApiVersion) -> BTreeMap<String, String>,
    ) -> Result<Areas, CodegenError> {
        let mut areas = Areas::default();
        // Each operation's areas (by spec file): the areas of all its paths.
        let mut ops: BTreeMap<&str, Gate> = BTreeMap::new();
        for root in roots.values() {
            for action in &root.actions {
                ops.insert(action.file, Gate::Always);
            }
            for top in root.children.values() {
                let file = top.sources.iter().next().copied().unwrap_or_default();
                let area = area_name(file, top)?;
                areas.features.insert(area.clone());
                let mut stack = vec![top];
                while let Some(n) = stack.pop() {
                    for a in &n.actions {
                        ops.entry(a.file)
                            .or_insert_with(Gate::never)
                            .add(&Gate::one(&area));
                    }
                    stack.extend(n.children.values());
                }
            }
        }
        for (version, root) in roots {
            let version_module = root.module.clone();
            let mut reached: BTreeMap<String, Gate> = BTreeMap::new();
            let all = areas.walk(root, None, &ops, &mut reached)?;
            areas.roots.insert(version_module.clone(), all);
            // Types: from the named types each module's models use, through properties and
            // base types.
            let by_name: BTreeMap<&str, &TypeFile> = types
                .iter()
                .filter(|t| t.api_version == *version)
                .map(|t| (t.name.as_str(), t))
                .collect();
            let mut gates: BTreeMap<String, Gate> = BTreeMap::new();
            for (start, gate) in reached {
                let mut stack = vec![start];
                let mut seen = BTreeSet::new();
                while let Some(n) = stack.pop() {
                    if !seen.insert(n.clone()) {
                        continue;
                    }
                    let Some(t) = by_name.get(n.as_str()) else {
                        continue;
                    };
                    gates
                        .entry(n.clone())
                        .or_insert_with(Gate::never)
                        .add(&gate);
                    for p in &t.properties {
                        let mut ty = &p.ty;
                        while let EdmType::Collection(inner) = ty {
                            ty = inner;
                        }
                        if let EdmType::Named(n) = ty {
                            stack.push(n.clone());
                        }
                    }
                    stack.extend(t.base_type.clone());
                }
            }
            for (name, ident) in idents(*version) {
                // A type no operation reaches is compiled with `full` only.
                let gate = gates.remove(&name).unwrap_or_else(|| Gate::one("full"));
                areas.types.insert((version_module.clone(), ident), gate);
            }
        }
        // The crate's example calls the first operation there is (as `emit::lib_rs` picks it).
        areas.example = roots
            .values()
            .find_map(first_action_node)
            .and_then(|n| areas.nodes.get(&n.module_path))
            .and_then(|g| g.own.clone());
        Ok(areas)
    }

    /// Records the gates of `node` and its subtree; returns the node's gate. `reached` collects the
    /// named types each module's models use, with the gate of those models.
    fn walk(
        &mut self,
        node: &Node<'_>,
        own: Option<&str>,
        ops: &BTreeMap<&str, Gate>,
        reached: &mut BTreeMap<String, Gate>,
    ) -> Result<Gate, CodegenError> {
        let mut models = Gate::never();
        let mut used = BTreeSet::new();
        for a in node.actions.iter().filter(|a| a.owns_models(node)) {
            if let Some(g) = ops.get(a.file) {
                models.add(g);
            }
            spec_types(a.spec, &mut used);
        }
        for t in used {
            reached.entry(t).or_insert_with(Gate::never).add(&models);
        }
        let mut all = match own {
            Some(area) => Gate::one(area),
            None => Gate::never(),
        };
        all.add(&models);
        for child in node.children.values() {
            let child_own = match own {
                Some(area) => area.to_string(),
                None => {
                    let file = child.sources.iter().next().copied().unwrap_or_default();
                    area_name(file, child)?
                }
            };
            let g = self.walk(child, Some(&child_own), ops, reached)?;
            all.add(&g);
        }
        self.nodes.insert(
            node.module_path.clone(),
            NodeGates {
                all: all.clone(),
                own: own.map(str::to_string),
                models,
            },
        );
        Ok(all)
    }

    /// The features block of the crate's `Cargo.toml` (between [`manifest::BEGIN`] and [`manifest::END`]).
    pub(crate) fn manifest_block(&self) -> String {
        manifest::block(&self.features)
    }

    /// Gates the items of one rendered module.
    pub(crate) fn gate_node(&self, file: &mut syn::File, node: &Node<'_>) {
        let Some(gates) = self.nodes.get(&node.module_path) else {
            return;
        };
        // A module compiled for other areas' models too: its own items need its own area.
        let own_gate = gates
            .own
            .as_deref()
            .map(Gate::one)
            .filter(|g| *g != gates.all);
        let own_or_models = {
            let mut gate = gates.own.as_deref().map_or(Gate::Always, Gate::one);
            gate.add(&gates.models);
            Some(gate).filter(|g| *g != gates.all)
        };
        let children: BTreeMap<&str, &Node<'_>> = node
            .children
            .values()
            .map(|c| (c.module.as_str(), c))
            .collect();
        let accessors: BTreeMap<String, Option<&String>> = node
            .children
            .values()
            .map(|c| {
                let own = self.nodes.get(&c.module_path).and_then(|g| g.own.as_ref());
                (c.accessor(), own)
            })
            .collect();
        for item in &mut file.items {
            let gate = match item {
                Item::Mod(m) if m.content.is_none() => {
                    let Some(child) = children.get(m.ident.to_string().as_str()) else {
                        continue;
                    };
                    self.nodes
                        .get(&child.module_path)
                        .map(|g| g.all.clone())
                        .filter(|g| *g != gates.all)
                }
                // The mock helpers of the operations whose models live here, which may be
                // another area's paths too (a multi-path operation is mocked at its first path).
                Item::Mod(m) if m.ident == "mock" => own_or_models.clone(),
                Item::Struct(s) if s.ident == node.type_name => own_gate.clone(),
                Item::Impl(i) if self_is(i, &node.type_name) => {
                    if gates.own.is_none() {
                        // A version root: each area's accessor is gated on the area.
                        for it in &mut i.items {
                            if let ImplItem::Fn(f) = it
                                && let Some(Some(area)) = accessors.get(&f.sig.ident.to_string())
                            {
                                f.attrs.extend(Gate::one(area).attr());
                            }
                        }
                    }
                    own_gate.clone()
                }
                // A re-export (of models that live elsewhere) is for the operations whose models
                // live here: the other paths of a multi-path operation name it through this module.
                Item::Use(_) => own_or_models.clone(),
                // The models the module owns; anything else goes with the module's own area.
                _ if gates.models != Gate::never() => {
                    Some(gates.models.clone()).filter(|g| *g != gates.all)
                }
                _ => own_gate.clone(),
            };
            if let (Some(attr), Some(attrs)) = (gate.and_then(|g| g.attr()), attrs_mut(item)) {
                attrs.insert(0, attr);
            }
        }
    }

    /// Gates each type of a version's `models.rs` (the item and its impls).
    pub(crate) fn gate_models(&self, file: &mut syn::File, version_module: &str) {
        let gate_of = |ident: &str| {
            self.types
                .get(&(version_module.to_string(), ident.to_string()))
                .cloned()
        };
        for item in &mut file.items {
            let gate = match item {
                Item::Struct(s) => gate_of(&s.ident.to_string()),
                Item::Enum(e) => gate_of(&e.ident.to_string()),
                Item::Impl(i) => self_ident(i).and_then(|id| gate_of(&id)),
                _ => None,
            };
            if let (Some(attr), Some(attrs)) = (gate.and_then(|g| g.attr()), attrs_mut(item)) {
                attrs.insert(0, attr);
            }
        }
    }

    /// Gates the version modules and their entries in `lib.rs`, and the items of the crate's
    /// example on the area it calls.
    pub(crate) fn gate_lib(&self, file: &mut syn::File) {
        for item in &mut file.items {
            match item {
                Item::Mod(m) => {
                    if let Some(attr) = self.roots.get(&m.ident.to_string()).and_then(Gate::attr) {
                        m.attrs.insert(0, attr);
                    }
                }
                Item::Trait(t) => {
                    for it in &mut t.items {
                        if let TraitItem::Fn(f) = it {
                            let root = self.roots.get(&f.sig.ident.to_string());
                            f.attrs.extend(root.and_then(Gate::attr));
                        }
                    }
                }
                Item::Impl(i) => {
                    for it in &mut i.items {
                        if let ImplItem::Fn(f) = it {
                            let root = self.roots.get(&f.sig.ident.to_string());
                            f.attrs.extend(root.and_then(Gate::attr));
                        }
                    }
                }
                _ => {}
            }
        }
        // The crate's example: its items (`use` lines and the `async fn`) carry a hidden
        // `#[cfg(feature = ..)]` (doctests are compiled with the crate's features), so that it
        // compiles with or without its area. Plain doc lines, which rustfmt leaves as they are.
        let Some(area) = &self.example else { return };
        let hidden = format!(" # #[cfg(feature = \"{area}\")]");
        let mut in_example = false;
        let mut attrs = Vec::with_capacity(file.attrs.len() + 4);
        for attr in std::mem::take(&mut file.attrs) {
            if let Some(text) = doc_text(&attr) {
                let line = text.trim_start();
                if line.starts_with("```no_run") {
                    in_example = true;
                } else if line.starts_with("```") {
                    in_example = false;
                } else if in_example && (line.starts_with("use ") || line.starts_with("# async fn"))
                {
                    attrs.push(parse_quote!(#![doc = #hidden]));
                }
            }
            attrs.push(attr);
        }
        file.attrs = attrs;
        let note = format!(
            " Each area of Graph (a top-level path segment: `/auditLogs` is the feature `audit-logs`, \
             `/me` is `me`) is a Cargo feature, and `full` enables them all: a crate compiles only \
             the areas it enables. The example needs `{area}`."
        );
        file.attrs.push(parse_quote!(#![doc = ""]));
        file.attrs.push(parse_quote!(#![doc = #note]));
    }
}

fn first_action_node<'n, 's>(node: &'n Node<'s>) -> Option<&'n Node<'s>> {
    if node.actions.is_empty() {
        node.children.values().find_map(first_action_node)
    } else {
        Some(node)
    }
}

#[cfg(test)]
mod tests;
