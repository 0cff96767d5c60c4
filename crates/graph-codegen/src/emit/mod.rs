//! Tokens for the generated crate: one function per artifact.
//!
//! This module holds the shared helpers and the two file-level artifacts (the crate root and one
//! module per URL node); each concern of a module's content has its own submodule:
//! [`bindings`] (operation methods and call chains), [`doc_example`] (the `no_run` examples in the
//! docs), [`models`] (request, response and object types) and [`mock`] (httpmock helpers).

mod bindings;
mod doc_example;
mod functions;
mod mock;
mod mock_paths;
mod models;
mod path_steps;
mod query;
mod thin;

use graph_spec::{ApiVersion, EdmType, SpecFile};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ops::Operations;
use crate::tree::{Action, Node, Segment, param_ident};
use crate::{CodegenError, docs, naming};

use bindings::action_method;
pub use bindings::{call_chain, example_match, is_paged};
use doc_example::doc_example;
pub(crate) use functions::{example_args, function_args};
use mock::mock_helpers;
use models::{request_model, response_model};
pub use query::example_query;

use crate::type_models::Models;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` lines from text lines (already escaped where they carry spec prose).
fn doc_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> TokenStream {
    let texts: Vec<String> = doc_texts(lines).collect();
    // Set aside while a file is emitted, and put back after formatting (see `crate::render`).
    if let Some(marker) = crate::render::aside(&texts) {
        return marker;
    }
    quote!(#(#[doc = #texts])*)
}

/// `#![doc = "..."]` lines, for the crate's own docs.
fn inner_doc_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> TokenStream {
    let attrs = doc_texts(lines).map(|l| quote!(#![doc = #l]));
    quote!(#(#attrs)*)
}

/// The text of each doc line: a leading space, so that `///` comments read naturally.
fn doc_texts<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> impl Iterator<Item = String> {
    lines.into_iter().map(|l| {
        let l = l.as_ref();
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    })
}

/// The Rust field (or argument) for a documented response header: `Location` -> `location`.
fn header_field(header: &str) -> Ident {
    ident(&naming::header_field(header))
}

/// The crate root: version modules, re-exports and the [`GraphApi`] entry trait.
pub fn lib_rs(krate: &str, roots: &[(ApiVersion, &Node<'_>)]) -> TokenStream {
    // The crate's example calls the first operation there is, whatever the specs are.
    let example = roots.iter().find_map(|(v, r)| {
        first_action(r).map(|(node, action)| {
            let attrs = inner_doc_lines(doc_example(krate, *v, node, action));
            quote!(#attrs #![doc = ""])
        })
    });
    let roots: Vec<&Node<'_>> = roots.iter().map(|(_, r)| *r).collect();
    let use_line = format!(" Bring it into scope with `use {krate}::GraphApi;`.");
    let mods = roots.iter().map(|r| ident(&r.module));
    let entry = roots.iter().map(|r| {
        let m = ident(&r.module);
        let t = ident(&r.type_name);
        let doc = format!(" The `{}` API: `{{cloud}}/{}/...`.", r.wire, r.wire);
        quote! {
            #[doc = #doc]
            fn #m(&self) -> #m::#t<'_>;
        }
    });
    let impls = roots.iter().map(|r| {
        let m = ident(&r.module);
        let t = ident(&r.type_name);
        quote! {
            fn #m(&self) -> #m::#t<'_> {
                #m::#t::new(self, graph_runtime::RequestPath::new())
            }
        }
    });
    quote! {
        #![doc = " Typed Microsoft Graph bindings, generated from the Graph API documentation."]
        #![doc = ""]
        #![doc = " Every module follows the URL it sends to: `beta::audit_logs::sign_ins` holds the"]
        #![doc = " operations under `/beta/auditLogs/signIns`. Start from a [`Client`] and [`GraphApi`]:"]
        #![doc = " build the client once (see [`ClientBuilder`]), then navigate to the operation."]
        #![doc = ""]
        #example
        #![doc = " With the `mock` feature, each module with operations has a `mock` module of typed"]
        #![doc = " [httpmock](https://docs.rs/httpmock) helpers for testing code that calls Graph."]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        // Generated files are formatted by prettyplease; `rustfmt::skip` keeps `cargo fmt` off
        // them (and, through the module declarations, off every generated module).
        #[rustfmt::skip]
        pub use graph_runtime::{self as runtime, Client, ClientBuilder, Cloud, Error, RetryPolicy};
        #[rustfmt::skip]
        pub use serde_json;

        #(#[rustfmt::skip] pub mod #mods;)*

        /// Entry points to each API version, implemented for [`Client`].
        ///
        #[doc = #use_line]
        #[rustfmt::skip]
        pub trait GraphApi {
            #(#entry)*
        }

        #[rustfmt::skip]
        impl GraphApi for Client {
            #(#impls)*
        }
    }
}

fn first_action<'n, 's>(node: &'n Node<'s>) -> Option<(&'n Node<'s>, &'n Action<'s>)> {
    node.actions
        .first()
        .map(|a| (node, a))
        .or_else(|| node.children.values().find_map(first_action))
}

/// One module: its request builder, child accessors, operations, models and mock helpers.
pub fn node_rs(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    types: &Models<'_>,
    ops: &Operations<'_, '_>,
) -> Result<TokenStream, CodegenError> {
    let ty = ident(&node.type_name);
    let shown_path = if node.url_path.is_empty() {
        format!("/{}", version.as_str())
    } else {
        format!("/{}{}", version.as_str(), node.url_path)
    };
    let module_doc = format!(" Operations and navigation under `{shown_path}`.");
    let builder_doc = format!(" Request builder for `{shown_path}`.");
    let child_mods = node.children.values().map(|c| ident(&c.module));
    let child_accessors = node.children.values().map(|c| {
        let m = ident(&c.module);
        let t = ident(&c.type_name);
        let accessor = ident(&c.accessor());
        let doc = format!(" `/{}{}`", version.as_str(), c.url_path);
        match c.own_segment() {
            Some(Segment::Param { name, names }) => {
                let arg = ident(&param_ident(name));
                let alternatives = names.iter().map(|n| format!("`{}`", docs::escape(n))).collect::<Vec<_>>().join(" or ");
                let note = format!(" The value ({alternatives}) is percent-encoded, so it can never change the path; an empty value, `.` or `..` makes the call fail with [`graph_runtime::Error::InvalidRequest`] before anything is sent.");
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = #note]
                    pub fn #accessor(&self, #arg: &str) -> #m::#t<'a> {
                        #m::#t::new(self.client, self.path.clone().param(#name, #arg))
                    }
                }
            }
            Some(Segment::Key { collection, key, name }) => {
                let arg = ident(&param_ident(name));
                let note = format!(" `{}` is sent as an OData string literal (quoted, `'` doubled, percent-encoded), so it can never change the path.", docs::escape(key));
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = #note]
                    pub fn #accessor(&self, #arg: &str) -> #m::#t<'a> {
                        #m::#t::new(self.client, self.path.clone().key(#collection, #key, graph_runtime::Literal::string(#arg)))
                    }
                }
            }
            Some(Segment::ItemPath { base, name }) => {
                let arg = ident(&param_ident(name));
                let note = format!(" `{}` is a slash-separated item path (`folder/file.txt`): each of its segments is percent-encoded and `/` kept between them, so it can never leave the `{}:/..:` address; an empty path or segment, `.` or `..` makes the call fail with [`graph_runtime::Error::InvalidRequest`] before anything is sent.", docs::escape(name), docs::escape(base));
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = #note]
                    pub fn #accessor(&self, #arg: &str) -> #m::#t<'a> {
                        #m::#t::new(self.client, self.path.clone().item_path(#base, #name, #arg))
                    }
                }
            }
            Some(Segment::Call { name, args }) => {
                let ids = path_steps::idents(args);
                let tys = args.iter().map(path_steps::arg_type);
                let step = path_steps::call_step(name, args, &ids);
                let note = " Calls the function with these arguments, each sent as an OData URL literal (strings quoted with `'` doubled, then percent-encoded), so no value can change the path; an optional one given as `None` is left out of the call.";
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = #note]
                    pub fn #accessor(&self, #(#ids: #tys),*) -> #m::#t<'a> {
                        #m::#t::new(self.client, self.path.clone() #step)
                    }
                }
            }
            _ => {
                let wire = &c.wire;
                quote! {
                    #[doc = #doc]
                    pub fn #accessor(&self) -> #m::#t<'a> {
                        #m::#t::new(self.client, self.path.clone().segment(#wire))
                    }
                }
            }
        }
    });
    let mut methods = Vec::new();
    let mut models = Vec::new();
    let mut mocks = Vec::new();
    // Two operations of one module may take the same enum: it is defined (or re-exported) once.
    let mut enums = std::collections::BTreeSet::new();
    for action in &node.actions {
        methods.push(action_method(krate, version, node, action, ops, types)?);
        if action.owns_models(node) {
            models.push(request_model(action, types)?);
            models.push(query::query_model(action, types));
            models.push(response_model(action, types));
            for def in functions::enum_defs(action, types)? {
                if enums.insert(def.to_string()) {
                    models.push(def);
                }
            }
        }
        // One set of mock helpers per operation, at its first path.
        if action.first_path {
            mocks.push(mock_helpers(version, node, action, ops)?);
        }
    }
    let mock_mod = (!mocks.is_empty()).then(|| {
        let other_paths = node
            .actions
            .iter()
            .any(|a| a.first_path && ops.is_multi_path(a));
        let doc = if other_paths {
            format!(
                " Typed [httpmock] helpers for the operations under `{shown_path}` (at any of their documented paths), for tests of code that calls them."
            )
        } else {
            format!(
                " Typed [httpmock] helpers for the operations under `{shown_path}`, for tests of code that calls them."
            )
        };
        quote! {
            #[cfg(feature = "mock")]
            #[doc = #doc]
            pub mod mock {
                #(#mocks)*
            }
        }
    });
    // The version's root module holds the models of the types its operations use.
    let models_mod = (node.module_path.len() == 1 && !types.is_empty()).then(|| {
        quote! {
            pub mod models;
        }
    });
    if models_mod.is_some() && node.children.values().any(|c| c.module == "models") {
        return Err(CodegenError {
            file: node
                .sources
                .iter()
                .next()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            path: "operation.paths".into(),
            message: format!(
                "a path segment of /{} becomes the module `models`, which holds the version's type models",
                version.as_str()
            ),
        });
    }
    Ok(quote! {
        #![doc = #module_doc]

        #models_mod
        #(pub mod #child_mods;)*

        #[doc = #builder_doc]
        #[derive(Debug, Clone)]
        pub struct #ty<'a> {
            client: &'a graph_runtime::Client,
            path: graph_runtime::RequestPath,
        }

        impl<'a> #ty<'a> {
            pub(crate) fn new(client: &'a graph_runtime::Client, path: graph_runtime::RequestPath) -> Self {
                Self { client, path }
            }

            #(#child_accessors)*
            #(#methods)*
        }

        #(#models)*

        #mock_mod
    })
}

fn request_type(action: &Action<'_>) -> Ident {
    format_ident!("{}Request", action.model_prefix)
}

fn response_type(action: &Action<'_>) -> Ident {
    format_ident!("{}Response", action.model_prefix)
}

/// The path from the current module to the module holding the models.
fn models_path(node: &Node<'_>, action: &Action<'_>) -> TokenStream {
    if action.owns_models(node) {
        quote!()
    } else {
        let segs = action.models_home.iter().map(|s| ident(s));
        quote!(crate::#(#segs::)*)
    }
}

/// Whether the body may be left out: it has parameters and every one is documented as optional
/// (never an entity body: a create or an update sends its entity).
pub fn body_is_optional(spec: &SpecFile) -> bool {
    spec.operation.has_body()
        && spec.operation.entity_body().is_none()
        && spec
            .operation
            .request_body
            .as_ref()
            .is_some_and(|p| !p.is_empty() && p.iter().all(|p| p.required == Some(false)))
}

/// What the binding returns on success.
enum Returns<'t> {
    /// No body.
    Unit,
    /// A JSON body, typed as the generated response type.
    Typed(&'t EdmType),
    /// A JSON body as for `Typed`, or none at all: a documented success example (complete, not
    /// marked truncated) shows no body, so an empty body is `None` rather than a decoding error.
    TypedOrEmpty(&'t EdmType),
    /// No body, but headers worth having (`Location` on a 202).
    Headers(&'t [String]),
    /// A `302 Found` to the content (a report's preauthenticated download URL): the `Location`.
    Redirect,
    /// The content itself (`Edm.Stream`, e.g. CSV): bytes.
    Bytes,
    /// A `$count`: the number of items, as plain text.
    Count,
    /// The references of a relationship (`GET .../$ref`): raw JSON (`{"@odata.id": ..}` or a
    /// collection of them).
    Json,
}

/// The success shape of an operation, from its documented response and examples:
///
/// - no body type: `()` (or the documented headers), whatever body Graph sends is ignored;
/// - a body type: the typed response, and an empty body is [`graph_runtime::Error::Decode`];
/// - a body type, but a documented success example shows no body (complete, or a `202`/`204`):
///   `Option` of the typed response, `None` for an empty body.
fn returns(spec: &SpecFile) -> Returns<'_> {
    let response = &spec.operation.response;
    // A truncated example that shows no body says nothing about the body, except on `202
    // Accepted` and `204 No Content`, which answer without one.
    let shown_empty = spec.examples.iter().any(|e| {
        e.response.as_ref().is_some_and(|r| {
            (200..300).contains(&r.status)
                && r.body.is_none()
                && (!r.truncated || matches!(r.status, 202 | 204))
        })
    });
    if response.status == 302 {
        return Returns::Redirect;
    }
    // A media get (`.../photo/$value`, `.../content`) answers the content itself, whatever type
    // the page names for it.
    match spec.operation.kind {
        graph_spec::OperationKind::MediaGet => return Returns::Bytes,
        graph_spec::OperationKind::Count => return Returns::Count,
        graph_spec::OperationKind::RefGet => return Returns::Json,
        _ => {}
    }
    match &response.body_type {
        Some(EdmType::Primitive(graph_spec::Primitive::Stream)) => Returns::Bytes,
        Some(ty) if shown_empty => Returns::TypedOrEmpty(ty),
        Some(ty) => Returns::Typed(ty),
        None if !response.headers.is_empty() => Returns::Headers(&response.headers),
        None => Returns::Unit,
    }
}
