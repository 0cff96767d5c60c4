//! Tokens for the generated crate: one function per artifact.
//!
//! This module holds the shared helpers and the two file-level artifacts (the crate root and one
//! module per URL node); each concern of a module's content has its own submodule:
//! [`bindings`] (operation methods and call chains), [`doc_example`] (the `no_run` examples in the
//! docs), [`models`] (request, response and object types) and [`mock`] (httpmock helpers).

mod bindings;
mod chain;
mod doc_example;
mod functions;
mod mock;
mod mock_parts;
mod mock_paths;
mod models;
mod query;
mod shared;
mod thin;

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ops::Operations;
use crate::tree::{Action, Node, Segment, param_ident};
use crate::{docs, error::CodegenError};

use bindings::action_method;
pub use bindings::is_paged;
pub use chain::{call_chain, example_match};
use doc_example::doc_example;
use functions::CallAt;
pub(crate) use functions::{example_args, function_args};
use mock::mock_helpers;
use models::{request_model, response_model};
pub use query::example_query;
pub use shared::body_is_optional;
use shared::{ident, inner_doc_lines};

use crate::type_models::Models;

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
        // Modules follow the URL: `/policies/authorizationPolicy/authorizationPolicy` is a module
        // inside a module of the same name, by Graph's design, not by accident.
        // A request model's `new` takes every required body parameter the docs list, however many.
        #![allow(clippy::module_inception, clippy::too_many_arguments)]

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
                let ids = functions::idents(args);
                // A mid-path argument is never an enum: no models path is needed.
                let tys = args
                    .iter()
                    .map(|a| functions::arg_type(a, &TokenStream::new(), quote!(&str)));
                let step = functions::call_step(name, args, &ids, CallAt::Mid);
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
