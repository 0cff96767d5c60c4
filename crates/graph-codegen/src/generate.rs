//! The strict generation of a set of specs: every file, or the first error.

use std::collections::BTreeMap;

use graph_spec::SpecFile;

use crate::error::CodegenError;
use crate::layout::Layout;
use crate::{conformance, emit, features, merge, ops, parallel, render, tree, type_models};

/// Generates every file from the spec files (`(name for banners and errors, spec)`).
///
/// Returns file contents keyed by path relative to the workspace root, using `layout`.
pub fn generate(
    specs: &[(String, SpecFile)],
    layout: &Layout,
) -> Result<BTreeMap<String, String>, CodegenError> {
    generate_with_types(specs, &[], layout)
}

/// [`generate`], with the type files that describe the named types the operations use: each
/// version with described types gets a `models` module (`<version>/models.rs`), and the operations'
/// request and response models use its types instead of `serde_json::Value`.
pub fn generate_with_types(
    specs: &[(String, SpecFile)],
    types: &[graph_spec::TypeFile],
    layout: &Layout,
) -> Result<BTreeMap<String, String>, CodegenError> {
    let mut sorted: Vec<(String, SpecFile)> = specs.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    // Pages that document one method and URL become one operation (`merge`).
    generate_merged(&merge::merge(&sorted, types), types, layout)
}

/// [`generate_with_types`] of specs already merged (sorted by file name).
pub(crate) fn generate_merged(
    merged: &merge::Merged,
    types: &[graph_spec::TypeFile],
    layout: &Layout,
) -> Result<BTreeMap<String, String>, CodegenError> {
    let sorted = &merged.specs;
    let roots = tree::build(sorted, &merged.aliases)?;
    let ops = ops::Operations::new(&roots);
    let all_sources: Vec<&str> = sorted.iter().map(|(f, _)| f.as_str()).collect();
    let root_refs: Vec<(graph_spec::ApiVersion, &tree::Node<'_>)> =
        roots.iter().map(|(v, r)| (*v, r)).collect();
    let models: Vec<Result<type_models::Models<'_>, CodegenError>> = roots
        .keys()
        .map(|version| type_models::Models::new(*version, types))
        .collect();
    // The features gate each type model on the areas that reach it (by the models' Rust names).
    let areas = features::Areas::new(&roots, types, &|v| {
        roots
            .keys()
            .zip(&models)
            .find(|(version, _)| **version == v)
            .and_then(|(_, m)| m.as_ref().ok())
            .map(type_models::Models::idents)
            .unwrap_or_default()
    })?;
    // Every file is a job; jobs are emitted and formatted in parallel, and their results kept in
    // job order, so the output (and the first error) is the same as one after the other.
    let mut jobs: Vec<Job<'_>> = vec![Job::Lib];
    for ((version, root), models) in roots.iter().zip(&models) {
        // Up to the version whose types fail, as one file after the other would.
        let models = match models {
            Ok(models) => models,
            Err(e) => {
                jobs.push(Job::Fail(e.clone()));
                break;
            }
        };
        if !models.is_empty() {
            jobs.push(Job::Models(*version, models));
        }
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            jobs.push(Job::Node(*version, node, models));
            stack.extend(node.children.values());
        }
    }
    let conformance = (layout.conformance_test.is_some()
        && !jobs.iter().any(|j| matches!(j, Job::Fail(_))))
    .then(|| {
        jobs.push(Job::Conformance);
        jobs.len() - 1
    });
    // Each version's models, for telling which documented examples they cannot hold.
    let described: BTreeMap<graph_spec::ApiVersion, &type_models::Models<'_>> = roots
        .keys()
        .zip(&models)
        .filter_map(|(v, m)| Some((*v, m.as_ref().ok()?)))
        .collect();
    let run = |job: &Job<'_>| -> Result<(String, String), CodegenError> {
        match job {
            Job::Fail(e) => Err(e.clone()),
            Job::Lib => {
                let path = format!("{}/lib.rs", layout.api_src);
                let text = render::emit_and_render(
                    "lib.rs",
                    &all_sources,
                    || Ok(emit::lib_rs(&layout.api_crate, &root_refs)),
                    |f| areas.gate_lib(f),
                )?;
                Ok((path, text))
            }
            Job::Models(version, models) => {
                let module = roots
                    .get(version)
                    .map(|r| r.module.as_str())
                    .unwrap_or_default();
                let path = format!("{}/{module}/models.rs", layout.api_src);
                let sources: Vec<&str> = types
                    .iter()
                    .filter(|t| t.api_version == *version)
                    .map(|t| t.source.page.as_str())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let text = render::emit_and_render(
                    &path,
                    &sources,
                    || models.models_rs(),
                    |f| areas.gate_models(f, module),
                )?;
                Ok((path, text))
            }
            Job::Node(version, node, models) => {
                let path = format!("{}/{}.rs", layout.api_src, node.module_path.join("/"));
                let sources: Vec<&str> = node.sources.iter().copied().collect();
                let text = render::emit_and_render(
                    &path,
                    &sources,
                    || emit::node_rs(&layout.api_crate, *version, node, models, &ops),
                    |f| areas.gate_node(f, node),
                )?;
                Ok((path, text))
            }
            Job::Conformance => {
                let path = layout.conformance_test.clone().unwrap_or_default();
                let text = render::emit_and_render(
                    &path,
                    &all_sources,
                    || conformance::tests_rs(&roots, &described),
                    |_| {},
                )?;
                Ok((path, text))
            }
        }
    };
    let mut files = BTreeMap::new();
    if let Some((path, text)) = &layout.manifest {
        let block = areas.manifest_block();
        files.insert(path.clone(), features::splice_manifest(path, text, &block)?);
    }
    // The largest files first: the conformance tests, then each version's type models.
    let first: Vec<usize> = conformance
        .into_iter()
        .chain(
            jobs.iter()
                .enumerate()
                .filter(|(_, j)| matches!(j, Job::Models(..)))
                .map(|(i, _)| i),
        )
        .collect();
    for result in parallel::map(&jobs, &first, run) {
        let (path, text) = result?;
        files.insert(path, text);
    }
    Ok(files)
}

/// One generated file.
enum Job<'a> {
    /// The crate root.
    Lib,
    /// A version's type models.
    Models(graph_spec::ApiVersion, &'a type_models::Models<'a>),
    /// A module of the tree.
    Node(
        graph_spec::ApiVersion,
        &'a tree::Node<'a>,
        &'a type_models::Models<'a>,
    ),
    /// The conformance tests.
    Conformance,
    /// A version's type models that cannot be generated: its error, in its place.
    Fail(CodegenError),
}
