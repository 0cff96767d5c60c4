//! The conformance tests: one test per documented example, calling the generated binding.
//!
//! Like smithy-rs protocol tests, the tests are generated from the spec, so a new spec file gets its
//! tests without anyone writing them. Each test only names the example and the binding; the checks
//! themselves live in the hand-written `graph-conformance` library.

use std::collections::BTreeMap;

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::CodegenError;
use crate::tree::{Action, Node};

fn collect<'n, 's>(node: &'n Node<'s>, out: &mut Vec<(&'n Node<'s>, &'n Action<'s>)>) {
    for a in &node.actions {
        out.push((node, a));
    }
    for c in node.children.values() {
        collect(c, out);
    }
}

/// The path of `url` without scheme, host and query: `https://graph.microsoft.com/beta/a/b?x` -> `/beta/a/b`.
pub fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = if url.contains("://") {
        rest.find('/').map_or("", |i| &rest[i..])
    } else {
        rest
    };
    rest.split(['?', '#']).next().unwrap_or(rest)
}

fn test_name(parts: &[&str]) -> proc_macro2::Ident {
    let joined: Vec<String> = parts
        .iter()
        .map(|p| crate::naming::snake(p).unwrap_or_else(|| "x".into()))
        .collect();
    format_ident!("{}", joined.join("__"))
}

/// `tests/examples.rs` of the conformance crate.
pub fn tests_rs(roots: &BTreeMap<ApiVersion, Node<'_>>) -> Result<TokenStream, CodegenError> {
    let mut cases = Vec::new();
    let mut names = BTreeMap::new();
    for (version, root) in roots {
        let mut actions = Vec::new();
        collect(root, &mut actions);
        for (node, action) in actions {
            let expected = format!("/{}{}", version.as_str(), action.path.template);
            for (index, example) in action.spec.examples.iter().enumerate() {
                // An example belongs to the binding whose documented path it calls.
                if url_path(&example.request.url) != expected {
                    continue;
                }
                let stem = action
                    .file
                    .rsplit('/')
                    .next()
                    .unwrap_or(action.file)
                    .trim_end_matches(".json");
                let name = test_name(&[version.as_str(), stem, &example.name]);
                if let Some(other) = names.insert(name.to_string(), example.line) {
                    return Err(CodegenError {
                        file: action.file.to_string(),
                        path: format!("examples[{index}].name"),
                        message: format!(
                            "example `{}` gives test `{name}` twice (also the example at page line {other})",
                            example.name
                        ),
                    });
                }
                let file = action.file;
                let chain = node.module_path[1..].iter().map(|m| format_ident!("{m}"));
                let root_m = format_ident!("{}", node.module_path[0]);
                let method = format_ident!("{}", action.method);
                let home = action.models_home.iter().map(|m| format_ident!("{m}"));
                let call = if action.spec.operation.request_body.is_some() {
                    let req = format_ident!("{}Request", action.model_prefix);
                    quote! {
                        case.replay_with_body(async |client: &graph_api::Client, body: graph_api::#(#home::)*#req| {
                            client.#root_m()#(.#chain())*.#method(&body).await
                        })
                        .await;
                    }
                } else {
                    quote! {
                        case.replay(async |client: &graph_api::Client| {
                            client.#root_m()#(.#chain())*.#method().await
                        })
                        .await;
                    }
                };
                let index = index as u64;
                cases.push(quote! {
                    #[rustfmt::skip]
                    #[tokio::test]
                    async fn #name() {
                        let case = graph_conformance::Case::load(#file, #index);
                        #call
                    }
                });
            }
        }
    }
    Ok(quote! {
        //! Every documented example, replayed through the generated bindings against a mock Graph.
        //! Test names are `{version}__{spec file}__{example}`.
        #![allow(non_snake_case)]

        #[rustfmt::skip]
        use graph_api::GraphApi;

        #(#cases)*
    })
}

#[cfg(test)]
mod tests {
    use super::url_path;

    #[test]
    fn url_path_strips_host_and_query() {
        assert_eq!(
            url_path("https://graph.microsoft.com/beta/a/b?x=1"),
            "/beta/a/b"
        );
        assert_eq!(url_path("/v1.0/me/x#frag"), "/v1.0/me/x");
        assert_eq!(url_path("https://host"), "");
    }
}
