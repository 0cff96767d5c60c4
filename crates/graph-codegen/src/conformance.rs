//! The conformance tests: one test per documented example, calling the generated binding.
//!
//! Like smithy-rs protocol tests, the tests are generated from the spec, so a new spec file gets its
//! tests without anyone writing them. Each test only names the example and the binding; the checks
//! themselves live in the hand-written `graph-conformance` library, which also decides from the
//! example whether `Ok` or a documented error (a 4xx or 5xx answer) is the expected outcome.

use std::collections::BTreeMap;

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::CodegenError;
use crate::tree::{Action, Node};
use crate::type_models::Models;

fn collect<'n, 's>(node: &'n Node<'s>, out: &mut Vec<(&'n Node<'s>, &'n Action<'s>)>) {
    for a in &node.actions {
        out.push((node, a));
    }
    for c in node.children.values() {
        collect(c, out);
    }
}

/// Every spec file with a binding under `node`, once each, in tree order.
fn collect_files<'s>(node: &Node<'s>, out: &mut Vec<(&'s str, &'s graph_spec::SpecFile)>) {
    for a in &node.actions {
        if !out.iter().any(|(f, _)| *f == a.file) {
            out.push((a.file, a.spec));
        }
    }
    for c in node.children.values() {
        collect_files(c, out);
    }
}

/// Why a documented example cannot pass through the generated types, if it cannot: a value that
/// the documented type cannot hold, such as a placeholder where an `Edm.Guid` belongs. Such an
/// example is generated as an ignored test whose reason says so, rather than a test that fails.
fn unusable(
    action: &Action<'_>,
    example: &graph_spec::Example,
    models: Option<&Models<'_>>,
) -> Option<String> {
    // A success whose documented body is cut short (the page's annotation says `truncated`, and
    // the JSON does not parse) leaves nothing to answer a typed binding with.
    let response = &action.spec.operation.response;
    if let Some(r) = &example.response
        && r.truncated
        && r.body.is_none()
        && (200..300).contains(&r.status)
        && !matches!(r.status, 202 | 204)
        && response.status != 302
        && response.body_type.is_some()
        && action.spec.examples.iter().all(|e| {
            e.response
                .as_ref()
                .is_none_or(|r| r.body.is_some() || r.truncated)
        })
    {
        return Some(format!(
            "the documented `{}` response body is not complete JSON (the page marks it truncated), so there is no body to answer with",
            r.status
        ));
    }
    use graph_spec::OperationKind as K;
    match action.spec.operation.kind {
        K::MediaPut => {
            return Some(
                "it uploads bytes, which the spec does not record (only JSON bodies are)".into(),
            );
        }
        K::Count | K::RefGet
            if example
                .response
                .as_ref()
                .is_none_or(|r| r.body.is_none() && (200..300).contains(&r.status)) =>
        {
            return Some(
                "its response shows no body (a count or references) to answer with".into(),
            );
        }
        kind if kind.sends_reference()
            && ref_target(action.spec.api_version, example).is_none() =>
        {
            return Some("its body has no `@odata.id` URL naming the object to reference".into());
        }
        _ => {}
    }
    // An example with no documented response leaves nothing to answer a typed binding with.
    if example.response.is_none()
        && response.status != 302
        && matches!(
            response.body_type,
            Some(ref ty) if *ty != graph_spec::EdmType::Primitive(graph_spec::Primitive::Stream)
        )
    {
        return Some(format!(
            "it documents no response, and the binding decodes a `{}` body: there is nothing to answer with",
            response
                .body_type
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        ));
    }
    // An operation that sends its entity (or required parameters) needs the example's body.
    if example.request.body.is_none()
        && action.spec.operation.has_body()
        && !crate::emit::body_is_optional(action.spec)
    {
        return Some("it sends no body, but the operation takes one".into());
    }
    // A documented success body the response model cannot hold (a placeholder such as
    // `"String (timestamp)"` where a typed model has an `Edm.DateTimeOffset`).
    if let (Some(models), Some(ty), Some(r)) = (models, &response.body_type, &example.response)
        && (200..300).contains(&r.status)
        && let Some(body) = &r.body
        // A stream is bytes, never decoded.
        && !matches!(ty, graph_spec::EdmType::Primitive(graph_spec::Primitive::Stream))
    {
        // A described entity or complex type is the body itself; anything else is `{"value": ..}`.
        let described = matches!(ty, graph_spec::EdmType::Named(_)) && !models.is_untyped(ty);
        let value = if described {
            Some(body)
        } else {
            body.get("value")
        };
        if let Some(why) = value.and_then(|v| models.misfit(ty, v)) {
            return Some(format!("response body: {why}"));
        }
    }
    let body = example.request.body.as_ref()?;
    if let (Some(models), Some(ty)) = (models, action.spec.operation.entity_body()) {
        return models
            .misfit(ty, body)
            .map(|why| format!("request body: {why}"));
    }
    action
        .spec
        .operation
        .request_body
        .iter()
        .flatten()
        .find_map(|p| {
            let value = body.get(&p.name)?;
            crate::types::misfit(&p.ty, value, p.required == Some(false))
                .or_else(|| models?.misfit(&p.ty, value))
                .map(|why| format!("request body `{}`: {why}", p.name))
        })
}

/// The segments of the path below the version of a `$ref` add's documented `@odata.id`
/// (`https://graph.microsoft.com/v1.0/directoryObjects/{id}` gives `directoryObjects`, `{id}`).
fn ref_target(version: ApiVersion, example: &graph_spec::Example) -> Option<Vec<String>> {
    let id = example.request.body.as_ref()?.get("@odata.id")?.as_str()?;
    // An absolute URL: a relative one names no object the binding could rebase.
    id.contains("://").then_some(())?;
    let segments: Vec<String> = version
        .path_below(id)
        .split('/')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    (!segments.is_empty()).then_some(segments)
}

fn test_name(parts: &[&str]) -> proc_macro2::Ident {
    let joined: Vec<String> = parts
        .iter()
        .map(|p| crate::naming::snake(p).unwrap_or_else(|| "x".into()))
        .collect();
    format_ident!("{}", joined.join("__"))
}

/// `tests/conformance/examples.rs` of the conformance crate: a module of its one test binary.
pub fn tests_rs(
    roots: &BTreeMap<ApiVersion, Node<'_>>,
    models: &BTreeMap<ApiVersion, &Models<'_>>,
) -> Result<TokenStream, CodegenError> {
    let mut cases = Vec::new();
    let mut names = BTreeMap::new();
    for (version, root) in roots {
        let mut actions = Vec::new();
        collect(root, &mut actions);
        // Per spec file, the examples some binding replays.
        let mut replayed: BTreeMap<&str, (&graph_spec::SpecFile, Vec<bool>)> = BTreeMap::new();
        for (node, action) in actions {
            for (index, example) in action.spec.examples.iter().enumerate() {
                // An example belongs to the binding whose documented path it calls.
                let Some((values, call_values)) =
                    crate::emit::example_match(*version, action, &example.request.url)
                else {
                    continue;
                };
                let seen = replayed
                    .entry(action.file)
                    .or_insert_with(|| (action.spec, vec![false; action.spec.examples.len()]));
                if let Some(flag) = seen.1.get_mut(index) {
                    *flag = true;
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
                let chain = crate::emit::call_chain(node, &values);
                let method = format_ident!("{}", action.method);
                let home = action.models_home.iter().map(|m| format_ident!("{m}"));
                let optional = crate::emit::body_is_optional(action.spec);
                let enum_home = {
                    let segs = action.models_home.iter().map(|m| format_ident!("{m}"));
                    quote!(graph_api::#(#segs::)*)
                };
                let fn_args = crate::emit::function_args(action)?;
                let fn_values =
                    crate::emit::example_args(&fn_args, Some(&call_values), &enum_home, true);
                let call = if action.spec.operation.response.status == 302 {
                    quote! {
                        case.replay_redirect(async |client: &graph_api::Client| {
                            client #chain.#method(#(#fn_values,)*).await
                        })
                        .await;
                    }
                } else if action.spec.operation.has_body()
                    && (example.request.body.is_some() || !optional)
                {
                    let req = format_ident!("{}Request", action.model_prefix);
                    let arg = if optional {
                        quote!(Some(&body))
                    } else {
                        quote!(&body)
                    };
                    quote! {
                        case.replay_with_body(async |client: &graph_api::Client, body: graph_api::#(#home::)*#req| {
                            client #chain.#method(#(#fn_values,)* #arg).await
                        })
                        .await;
                    }
                } else if optional {
                    quote! {
                        case.replay(async |client: &graph_api::Client| {
                            client #chain.#method(#(#fn_values,)* None).await
                        })
                        .await;
                    }
                } else {
                    quote! {
                        case.replay(async |client: &graph_api::Client| {
                            client #chain.#method(#(#fn_values,)*).await
                        })
                        .await;
                    }
                };
                let paged = crate::emit::is_paged(action)
                    && example.response.as_ref().is_none_or(|r| r.status < 400);
                // An example with a query string replays through the operation's query builder.
                let (query, query_unusable) = match crate::emit::example_query(action, example) {
                    Ok(q) => (q, None),
                    Err(why) => (None, Some(why)),
                };
                // A `$ref` add names the documented object by its path; the binding builds the
                // `@odata.id` from the client's (the mock's) base URL.
                let (call, load_extra) = match action
                    .spec
                    .operation
                    .kind
                    .sends_reference()
                    .then(|| ref_target(*version, example).unwrap_or_default())
                {
                    Some(segments) => (
                        quote! {
                            case.replay(async |client: &graph_api::Client| {
                                client #chain.#method(graph_runtime::RequestPath::new() #(.segment(#segments))*).await
                            })
                            .await;
                        },
                        quote!(.with_own_base_ids()),
                    ),
                    // A media put's bytes are not recorded: the test is ignored (see
                    // `unusable`), and still compiles.
                    None if action.spec.operation.kind == graph_spec::OperationKind::MediaPut => (
                        quote! {
                            case.replay(async |client: &graph_api::Client| {
                                client #chain.#method("application/octet-stream", Vec::new()).await
                            })
                            .await;
                        },
                        quote!(),
                    ),
                    None => (call, quote!()),
                };
                let (call, pager, load) = match &query {
                    Some(q) => {
                        let with = format_ident!("{}_with", action.method);
                        let call = quote! {
                            let query = #q;
                            case.replay(async |client: &graph_api::Client| {
                                client #chain.#with(&query).await
                            })
                            .await;
                        };
                        let pager = format_ident!("{}_pager_with", action.method);
                        (call, quote!(#pager(&query)), quote!(.with_query()))
                    }
                    None => {
                        let pager = format_ident!("{}_pager", action.method);
                        (call, quote!(#pager(#(#fn_values,)*)), quote!())
                    }
                };
                let pages = paged.then(|| {
                    quote! {
                        case.replay_pages(|client: &graph_api::Client| client #chain.#pager).await;
                    }
                });
                let index = index as u64;
                let ignore = query_unusable
                    .or_else(|| unusable(action, example, models.get(version).copied()))
                    .map(|why| {
                        let why = format!("the documented example cannot work as written: {why}");
                        quote!(#[ignore = #why])
                    });
                cases.push(quote! {
                    #[rustfmt::skip]
                    #[tokio::test]
                    #ignore
                    async fn #name() {
                        let case = graph_conformance::Case::load(#file, #index)#load #load_extra;
                        #call
                        #pages
                    }
                });
            }
        }
        // An example that calls none of the page's documented paths has no binding to replay it:
        // an ignored test says so (the page's path, or the example, is wrong), so that it is
        // listed rather than silently left out.
        let mut files: Vec<(&str, &graph_spec::SpecFile)> = Vec::new();
        collect_files(root, &mut files);
        for (file, spec) in files {
            for (index, example) in spec.examples.iter().enumerate() {
                if replayed
                    .get(file)
                    .and_then(|(_, seen)| seen.get(index))
                    .copied()
                    .unwrap_or(false)
                {
                    continue;
                }
                let stem = file
                    .rsplit('/')
                    .next()
                    .unwrap_or(file)
                    .trim_end_matches(".json");
                let name = test_name(&[version.as_str(), stem, &example.name]);
                if names.insert(name.to_string(), example.line).is_some() {
                    continue;
                }
                let why = format!(
                    "docs error: the documented example calls `{}`, which is none of the page's documented paths, so no binding sends it",
                    version.path_below(&example.request.url)
                );
                let index = index as u64;
                cases.push(quote! {
                    #[rustfmt::skip]
                    #[tokio::test]
                    #[ignore = #why]
                    async fn #name() {
                        // The example still loads: its request and response are well-formed.
                        let _case = graph_conformance::Case::load(#file, #index);
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
