//! The operation methods of a request builder, their rustdoc, and the navigation calls that reach them.

use graph_spec::{ApiVersion, HttpMethod, SpecFile};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::doc_example::doc_example;
use super::functions::{self, CallAt};
use super::shared::{
    Returns, body_is_optional, doc_lines, header_field, ident, models_path, request_type,
    response_type, returns,
};
use crate::ops::Operations;
use crate::tree::{Action, Node};
use crate::{docs, error::CodegenError};

fn version_tokens(v: ApiVersion) -> TokenStream {
    match v {
        ApiVersion::V1 => quote!(graph_runtime::ApiVersion::V1),
        ApiVersion::Beta => quote!(graph_runtime::ApiVersion::Beta),
    }
}

fn method_tokens(m: HttpMethod) -> TokenStream {
    let name = ident(m.as_str());
    quote!(graph_runtime::Method::#name)
}
fn success_line(spec: &SpecFile) -> String {
    let status = spec.operation.response.status;
    match returns(spec) {
        Returns::Unit => format!(
            "On success Graph answers `{status}` with no body, and this returns `Ok(())` (any body Graph sends is ignored)."
        ),
        Returns::Typed(ty) => format!(
            "On success Graph answers `{status}` with a `{ty}` body; an empty body is [`graph_runtime::Error::Decode`]."
        ),
        Returns::TypedOrEmpty(ty) => format!(
            "On success Graph answers `{status}` with a `{ty}` body, or, as a documented example shows, with none: this returns `Ok(None)` for an empty body."
        ),
        Returns::Redirect => format!(
            "On success Graph answers `{status}` with a `Location` (a preauthenticated download URL): this returns it, and [`graph_runtime::Client::download`] fetches it without sending the token there."
        ),
        Returns::Bytes => format!(
            "On success Graph answers `{status}` with the content itself (`Edm.Stream`), returned as bytes."
        ),
        Returns::Count => format!(
            "On success Graph answers `{status}` with the number of items as plain text, returned as a number."
        ),
        Returns::Json => format!(
            "On success Graph answers `{status}` with the references (`@odata.id`), returned as raw JSON."
        ),
        Returns::Headers(headers) => format!(
            "On success Graph answers `{status}` with no body; the response's {} header(s) are returned.",
            headers
                .iter()
                .map(|h| format!("`{}`", docs::escape(h)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn operation_docs(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
) -> Result<Vec<String>, CodegenError> {
    let spec = action.spec;
    let op = &spec.operation;
    let mut lines = vec![docs::escape(&spec.summary), String::new()];
    lines.push(format!(
        "`{} /{}{}`: *{}*, from `{}`.",
        op.method.as_str(),
        version.as_str(),
        docs::escape(&action.path.template),
        docs::escape(&spec.title),
        action.file
    ));
    lines.push(String::new());
    lines.push(success_line(spec));
    lines.push(String::new());
    let args = functions::arg_docs(&functions::function_args(action)?);
    if !args.is_empty() {
        lines.extend(args);
        lines.push(String::new());
    }
    lines.push("# Permissions".into());
    lines.push(String::new());
    match &op.permissions {
        Some(p) => lines.extend(docs::permissions_table(p)),
        None => lines.push(
            "The documentation page does not give a permissions table for this operation.".into(),
        ),
    }
    if let Some(role) = &op.least_privileged_role {
        lines.push(String::new());
        lines.push(format!(
            "Least privileged Microsoft Entra role for delegated work or school access: *{}*.",
            docs::escape(role)
        ));
    }
    lines.push(String::new());
    lines.push("# National clouds".into());
    lines.push(String::new());
    lines.push(match &op.national_clouds {
        Some(c) => docs::clouds_line(c),
        None => {
            "The documentation page does not say which national clouds serve this operation.".into()
        }
    });
    lines.push(String::new());
    lines.push("# Errors".into());
    lines.push(String::new());
    lines.push("[`graph_runtime::Error::Service`] with Graph's error code and request id when Graph refuses the call; the other variants of [`graph_runtime::Error`] for transport, timeout and decoding failures. Throttled calls (429, 503, 504) are retried first, as the client's retry policy allows.".into());
    lines.push(String::new());
    lines.push("# Example".into());
    lines.push(String::new());
    lines.extend(doc_example(krate, version, node, action));
    lines.push(String::new());
    lines.push(format!("Documentation: <{}>", docs::docs_url(spec)));
    lines.extend(alias_docs(action));
    Ok(lines)
}

/// The other pages that document this method and URL: each with its title and link, and its
/// permissions where they differ from this page's.
fn alias_docs(action: &Action<'_>) -> Vec<String> {
    if action.aliases.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        String::new(),
        "# Also documented by".into(),
        String::new(),
        "Other pages document this method and URL; this binding is generated from the page above (the canonical page: see the generator's `merge` rules).".into(),
    ];
    for alias in action.aliases {
        let spec = &alias.spec;
        lines.push(String::new());
        lines.push(format!(
            "- *{}* (`{}`, as `{}`): <{}>",
            docs::escape(&spec.title),
            alias.file,
            docs::escape(&alias.template),
            docs::docs_url(spec)
        ));
        let own = &action.spec.operation.permissions;
        if let Some(p) = &spec.operation.permissions
            && spec.operation.permissions != *own
        {
            lines.push(String::new());
            lines.push("  Its permissions differ:".into());
            lines.push(String::new());
            lines.extend(
                docs::permissions_table(p)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
        }
    }
    lines
}

pub(super) fn action_method(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
    ops: &Operations<'_, '_>,
    types: &crate::type_models::Models<'_>,
) -> Result<TokenStream, CodegenError> {
    // The operation is documented in full at its first path; its other bindings link there.
    let docs = doc_lines(match ops.canonical_of(action) {
        Some(canonical) => super::thin::binding_docs(version, action, canonical)?,
        None => operation_docs(krate, version, node, action)?,
    });
    let name = ident(&action.method);
    let wire = &action.wire;
    let method = method_tokens(action.spec.operation.method);
    let version = version_tokens(version);
    let models = models_path(node, action);
    let (param, with_body) = if action.spec.operation.kind.sends_reference() {
        // `{"@odata.id": "{the client's base}/{version}{target}"}`: the reference is built from
        // the client's own base URL, so a national cloud or a mock gets its own.
        (
            quote!(target: graph_runtime::RequestPath),
            quote! {
                let target = target.finish()?;
                let id = format!("{}/{}{}", self.client.base_url(), request.version().as_str(), target.as_str());
                let request = request.json(&serde_json::json!({ "@odata.id": id }))?;
            },
        )
    } else if action.spec.operation.kind == graph_spec::OperationKind::MediaPut {
        (
            quote!(content_type: &str, content: Vec<u8>),
            quote!(let request = request.bytes(content_type, content)?;),
        )
    } else if body_is_optional(action.spec) {
        let req = request_type(action);
        (
            quote!(body: Option<&#models #req>),
            quote!(let request = match body {
                Some(body) => request.json(body)?,
                None => request,
            };),
        )
    } else if action.spec.operation.has_body() {
        let req = request_type(action);
        (
            quote!(body: &#models #req),
            quote!(let request = request.json(body)?;),
        )
    } else {
        (quote!(), quote!())
    };
    let (ret, finish) = match returns(action.spec) {
        Returns::Unit => (quote!(()), quote!(response.into_unit())),
        Returns::Typed(_) => {
            let resp = response_type(action);
            (quote!(#models #resp), quote!(response.json()))
        }
        Returns::TypedOrEmpty(_) => {
            let resp = response_type(action);
            (
                quote!(Option<#models #resp>),
                quote! {
                    if response.body().iter().all(u8::is_ascii_whitespace) {
                        Ok(None)
                    } else {
                        response.json().map(Some)
                    }
                },
            )
        }
        Returns::Redirect => (
            quote!(graph_runtime::Redirect),
            quote!(response.into_redirect()),
        ),
        Returns::Bytes => (quote!(Vec<u8>), quote!(Ok(response.into_body().to_vec()))),
        // `893`: plain text, which is also a JSON number.
        Returns::Count => (quote!(u64), quote!(response.json())),
        Returns::Json => (quote!(serde_json::Value), quote!(response.json())),
        Returns::Headers(headers) => {
            let resp = response_type(action);
            let fields = headers.iter().map(|h| {
                let f = header_field(h);
                quote!(#f: response.header(#h).map(str::to_owned))
            });
            (
                quote!(#models #resp),
                quote!(Ok(#models #resp { #(#fields),* })),
            )
        }
    };
    let args = functions::function_args(action)?;
    let fn_params = functions::params(&args, &models);
    let step = match &action.call {
        Some(_) => functions::call_step(wire, &args, &functions::idents(&args), CallAt::End),
        // A resource operation addresses its module's own path.
        None if wire.is_empty() => quote!(),
        None => quote!(.segment(#wire)),
    };
    // A get or list whose page documents query options, with no other argument, has a `_with`
    // twin that takes its query builder.
    let query = super::query::has_builder(action).then(|| {
        let ty = super::query::query_type(action);
        // The builder's doc link: here, or in the module holding the models.
        let link = if action.owns_models(node) {
            format!("[`{ty}`]")
        } else {
            format!("[`{ty}`](crate::{}::{ty})", action.models_home.join("::"))
        };
        TwinQuery {
            ty,
            models: models.clone(),
            link,
        }
    });
    let pager = is_paged(action).then(|| {
        let pager_name = format_ident!("{}_pager", action.method);
        // Items of a described type are its model; others stay raw JSON.
        let (item, items) = match &action.spec.operation.response.body_type {
            Some(graph_spec::EdmType::Collection(inner)) if !types.is_untyped(inner) => {
                (types.rust_type(inner), format!("Items are `{}`.", docs::escape(&inner.to_string())))
            }
            _ => (quote!(serde_json::Value), "Items are raw JSON.".to_string()),
        };
        let doc = format!(
            " A [`graph_runtime::Pager`] over every page of [`Self::{}`]: it follows `@odata.nextLink` (on this client's host only) and keeps the last page's `@odata.deltaLink`. {items}",
            action.method
        );
        let ret = quote!(graph_runtime::Pager<#item>);
        let start = quote! {
            let request = match self.path.clone() #step .finish() {
                Ok(path) => graph_runtime::Request::new(#method, #version, path),
                // An invalid value fails on the first page, like the call itself.
                Err(e) => return graph_runtime::Pager::failed(self.client, e),
            };
        };
        match &query {
            Some(q) => twin(
                &pager_name,
                quote!(#[doc = #doc]),
                &ret,
                q,
                quote! {
                    #start
                    match query.options().apply(request) {
                        Ok(request) => graph_runtime::Pager::new(self.client, request),
                        Err(e) => graph_runtime::Pager::failed(self.client, e),
                    }
                },
                false,
            ),
            None => quote! {
                #[doc = #doc]
                pub fn #pager_name(&self, #fn_params) -> #ret {
                    #start
                    graph_runtime::Pager::new(self.client, request)
                }
            },
        }
    });
    let keep_redirect = matches!(returns(action.spec), Returns::Redirect)
        .then(|| quote!(let request = request.keep_redirect();));
    let ret = quote!(Result<#ret, graph_runtime::Error>);
    // The query options go on the request first; an operation with a builder has no body.
    let apply = query
        .is_some()
        .then(|| quote!(let request = query.options().apply(request)?;));
    let body = quote! {
        let path = self.path.clone() #step .finish()?;
        let request = graph_runtime::Request::new(#method, #version, path);
        #apply
        #keep_redirect
        #with_body
        let response = self.client.send(request).await?;
        #finish
    };
    let method = match &query {
        Some(q) => twin(&name, docs, &ret, q, body, true),
        None => quote! {
            #docs
            pub async fn #name(&self, #fn_params #param) -> #ret {
                #body
            }
        },
    };
    Ok(quote! {
        #method

        #pager
    })
}

/// A method `name(&self)` that calls its twin `name_with(&self, query: &Q)` with `Q::new()`, and
/// the twin, whose `body` has `query` in scope; `is_async` for an `async fn`.
fn twin(
    name: &Ident,
    docs: TokenStream,
    ret: &TokenStream,
    query: &TwinQuery,
    body: TokenStream,
    is_async: bool,
) -> TokenStream {
    let with = format_ident!("{name}_with");
    let doc_with = format!(
        " [`Self::{name}`], with the query options its page documents ({}).",
        query.link
    );
    let (ty, models) = (&query.ty, &query.models);
    let (asyncness, awaited) = if is_async {
        (quote!(async), quote!(.await))
    } else {
        (quote!(), quote!())
    };
    quote! {
        #docs
        pub #asyncness fn #name(&self) -> #ret {
            self.#with(&#models #ty::new())#awaited
        }

        #[doc = #doc_with]
        pub #asyncness fn #with(&self, query: &#models #ty) -> #ret {
            #body
        }
    }
}

/// The query builder of an operation, for [`twin`]: its type, the path to the module holding it,
/// and a doc link to it.
struct TwinQuery {
    ty: Ident,
    models: TokenStream,
    link: String,
}

/// Whether the operation answers a collection page (`value` plus `@odata.nextLink`): a `GET`
/// whose body type is a collection.
pub fn is_paged(action: &Action<'_>) -> bool {
    action.spec.operation.method == HttpMethod::Get
        && action.spec.operation.response.status != 302
        && matches!(
            action.spec.operation.response.body_type,
            Some(graph_spec::EdmType::Collection(_))
        )
}
