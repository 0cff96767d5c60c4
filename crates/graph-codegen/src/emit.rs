//! Tokens for the generated crate: one function per artifact.

use graph_spec::{ApiVersion, EdmType, HttpMethod, Parameter, SpecFile};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::tree::{Action, Node, Segment, param_ident};
use crate::{CodegenError, docs, naming, types};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` lines from text lines (already escaped where they carry spec prose).
fn doc_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> TokenStream {
    let attrs = doc_texts(lines).map(|l| quote!(#[doc = #l]));
    quote!(#(#attrs)*)
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
    ident(&naming::snake(header).unwrap_or_else(|| "header".into()))
}

/// The navigation calls from a client to `node`: `.beta().users().by_id("..")`, with `values`
/// for the path parameters in order (a placeholder such as `"<id>"` where a value is missing).
pub fn call_chain(node: &Node<'_>, values: &[String]) -> TokenStream {
    let root = ident(&node.module_path[0]);
    let mut values = values.iter();
    let steps = node.segments.iter().map(|seg| match seg {
        Segment::Literal(name) => {
            let m = ident(&naming::snake(name).unwrap_or_default());
            quote!(.#m())
        }
        Segment::Param { name, .. } => {
            let m = format_ident!("by_{}", param_ident(name));
            let v = values
                .next()
                .cloned()
                .unwrap_or_else(|| format!("<{name}>"));
            quote!(.#m(#v))
        }
    });
    quote!(.#root() #(#steps)*)
}

/// The values of the first example that calls this binding's path, if any.
pub fn example_values(version: ApiVersion, action: &Action<'_>) -> Option<Vec<String>> {
    action
        .spec
        .examples
        .iter()
        .find_map(|e| example_match(version, action, &e.request.url))
}

/// The path parameter values in `url` if it calls `action`'s documented path.
pub fn example_match(version: ApiVersion, action: &Action<'_>, url: &str) -> Option<Vec<String>> {
    action.path.match_path(version.path_below(url))
}

/// Formats statements for a doc example with prettyplease, one `///` line each.
fn format_statements(stmts: TokenStream) -> Vec<String> {
    let wrapped = quote!(async fn __doc_example() { #stmts });
    match syn::parse2::<syn::File>(wrapped) {
        Ok(file) => {
            let text = prettyplease::unparse(&file);
            let lines: Vec<&str> = text.lines().collect();
            let inner = lines
                .get(1..lines.len().saturating_sub(1))
                .unwrap_or_default();
            inner
                .iter()
                .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
                .collect()
        }
        Err(_) => vec!["// (example not available)".into()],
    }
}

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
    for action in &node.actions {
        methods.push(action_method(krate, version, node, action)?);
        if action.owns_models(node) {
            models.push(request_model(action)?);
            models.push(response_model(action));
        }
        mocks.push(mock_helpers(version, node, action));
    }
    let mock_mod = (!mocks.is_empty()).then(|| {
        let doc = format!(
            " Typed [httpmock] helpers for the operations under `{shown_path}`, for tests of code that calls them."
        );
        quote! {
            #[cfg(feature = "mock")]
            #[doc = #doc]
            pub mod mock {
                #(#mocks)*
            }
        }
    });
    Ok(quote! {
        #![doc = #module_doc]

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

/// Whether the body may be left out: it has parameters and every one is documented as optional.
pub fn body_is_optional(spec: &SpecFile) -> bool {
    spec.operation
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
    /// No body, but headers worth having (`Location` on a 202).
    Headers(&'t [String]),
}

fn returns(spec: &SpecFile) -> Returns<'_> {
    let response = &spec.operation.response;
    match &response.body_type {
        Some(ty) => Returns::Typed(ty),
        None if !response.headers.is_empty() => Returns::Headers(&response.headers),
        None => Returns::Unit,
    }
}

fn success_line(spec: &SpecFile) -> String {
    let status = spec.operation.response.status;
    match returns(spec) {
        Returns::Unit => {
            format!("On success Graph answers `{status}` with no body, and this returns `Ok(())`.")
        }
        Returns::Typed(ty) => format!("On success Graph answers `{status}` with a `{ty}` body."),
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
) -> Vec<String> {
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
    lines
}

/// A `no_run` doctest that builds the body from the first documented example and calls the binding.
fn doc_example(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
) -> Vec<String> {
    let values = example_values(version, action).unwrap_or_default();
    let chain = call_chain(node, &values);
    let method = ident(&action.method);
    let mut lines = vec![
        "```no_run".to_string(),
        format!("use {krate}::{{Client, GraphApi}};"),
    ];
    let (setup, args) = if action.spec.operation.request_body.is_some() {
        let req = request_type(action);
        let home = action.models_home.join("::");
        lines.push(format!("use {krate}::{home}::{req};"));
        let body = example_body(krate, action);
        let arg = if body_is_optional(action.spec) {
            quote!(Some(&body))
        } else {
            quote!(&body)
        };
        (quote!(let body = #body;), arg)
    } else {
        (quote!(), quote!())
    };
    let call = quote!(client #chain.#method(#args).await?);
    let stmts = match returns(action.spec) {
        Returns::Unit => quote!(#setup #call;),
        Returns::Typed(_) | Returns::Headers(_) => quote! {
            #setup
            let response = #call;
            println!("{response:?}");
        },
    };
    lines.push(String::new());
    lines.push(format!(
        "# async fn run(client: Client) -> Result<(), {krate}::Error> {{"
    ));
    lines.extend(format_statements(stmts));
    lines.extend(["# Ok(())".into(), "# }".into(), "```".into()]);
    lines
}

/// `FooRequest::new(..)` with the first example's values, or a parse of the example body when the
/// values have no simple literal form.
fn example_body(krate: &str, action: &Action<'_>) -> TokenStream {
    let req = request_type(action);
    let params = action
        .spec
        .operation
        .request_body
        .as_deref()
        .unwrap_or_default();
    let example = action
        .spec
        .examples
        .iter()
        .find_map(|e| e.request.body.as_ref());
    let required: Vec<&Parameter> = params
        .iter()
        .filter(|p| p.required != Some(false))
        .collect();
    let from_example: Option<Vec<TokenStream>> = required
        .iter()
        .map(|p| types::value_expr(&p.ty, example?.get(&p.name)?))
        .collect();
    let krate_ident = ident(krate);
    match (from_example, example) {
        (Some(args), _) => quote!(#req::new(#(#args),*)),
        (None, Some(body)) => {
            let text = body.to_string();
            quote!(#krate_ident::serde_json::from_str::<#req>(#text).expect("the documented body fits the request type"))
        }
        (None, None) => {
            // No documented body: placeholder values of the right types.
            let args = required.iter().map(|p| placeholder(p));
            quote!(#req::new(#(#args),*))
        }
    }
}

/// A value of a parameter's Rust type for a doc example without a documented body.
fn placeholder(p: &Parameter) -> TokenStream {
    use graph_spec::Primitive as P;
    if !p.properties.is_empty() {
        return quote!(Default::default());
    }
    match &p.ty {
        EdmType::Collection(_) => quote!(Vec::new()),
        EdmType::Named(_) => quote!(Default::default()),
        EdmType::Primitive(P::Boolean) => quote!(true),
        EdmType::Primitive(P::Guid) => {
            quote!(
                "00000000-0000-0000-0000-000000000000"
                    .parse()
                    .expect("a GUID")
            )
        }
        EdmType::Primitive(P::DateTimeOffset) => {
            quote!(
                "2024-01-01T00:00:00Z"
                    .parse()
                    .expect("an RFC 3339 date-time")
            )
        }
        EdmType::Primitive(P::Date) => quote!("2024-01-01".parse().expect("a date")),
        EdmType::Primitive(P::Single | P::Double) => quote!(0.0),
        EdmType::Primitive(P::Byte | P::SByte | P::Int16 | P::Int32 | P::Int64) => quote!(0),
        EdmType::Primitive(_) => {
            let text = format!("<{}>", p.name);
            quote!(#text.to_string())
        }
    }
}

fn action_method(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
) -> Result<TokenStream, CodegenError> {
    let docs = doc_lines(operation_docs(krate, version, node, action));
    let name = ident(&action.method);
    let wire = &action.wire;
    let method = method_tokens(action.spec.operation.method);
    let version = version_tokens(version);
    let models = models_path(node, action);
    let (param, with_body) = if body_is_optional(action.spec) {
        let req = request_type(action);
        (
            quote!(body: Option<&#models #req>),
            quote!(let request = match body {
                Some(body) => request.json(body)?,
                None => request,
            };),
        )
    } else if action.spec.operation.request_body.is_some() {
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
    Ok(quote! {
        #docs
        pub async fn #name(&self, #param) -> Result<#ret, graph_runtime::Error> {
            let path = self.path.clone().segment(#wire).finish()?;
            let request = graph_runtime::Request::new(#method, #version, path);
            #with_body
            let response = self.client.send(request).await?;
            #finish
        }
    })
}

/// The Rust field of one body parameter: its type, with `Option` and serde attributes as needed.
struct Field {
    name: Ident,
    wire: String,
    /// The type without `Option`.
    inner: TokenStream,
    optional: bool,
    docs: TokenStream,
}

impl Field {
    fn ty(&self) -> TokenStream {
        let inner = &self.inner;
        if self.optional {
            quote!(Option<#inner>)
        } else {
            quote!(#inner)
        }
    }
}

/// The Rust type name of an object parameter whose properties the page describes.
fn object_type_name(p: &Parameter) -> Option<String> {
    naming::pascal(&p.name)
}

fn field(action: &Action<'_>, at: &str, p: &Parameter) -> Result<Field, CodegenError> {
    let name = naming::snake(&p.name).ok_or_else(|| CodegenError {
        file: action.file.to_string(),
        path: format!("{at}.name"),
        message: format!("parameter `{}` has no Rust name", p.name),
    })?;
    let optional = p.required == Some(false);
    let described = !p.properties.is_empty();
    let inner = match object_type_name(p) {
        Some(t) if described => {
            let t = ident(&t);
            quote!(#t)
        }
        _ => types::rust_type(&p.ty),
    };
    let mut lines = Vec::new();
    let description = docs::escape(&p.description);
    if !description.trim().is_empty() {
        lines.push(description);
        lines.push(String::new());
    }
    lines.push(format!(
        "Wire name `{}`, type `{}`{}.",
        docs::escape(&p.name),
        p.ty,
        if optional {
            ", optional: omitted from the body when `None`"
        } else {
            ""
        }
    ));
    if types::is_untyped(&p.ty) && !described {
        lines.push(String::new());
        lines.push(format!(
            "No available page describes `{}`, so the value is kept as raw JSON: nothing is dropped.",
            p.ty
        ));
    }
    Ok(Field {
        name: ident(&name),
        wire: p.name.clone(),
        inner,
        optional,
        docs: doc_lines(lines),
    })
}

fn request_model(action: &Action<'_>) -> Result<TokenStream, CodegenError> {
    let Some(params) = &action.spec.operation.request_body else {
        return Ok(quote!());
    };
    let doc = format!(
        " Request body of `{}` (`{}`).",
        docs::escape(&action.spec.title),
        action.file
    );
    object_model(
        action,
        &request_type(action),
        &doc,
        params,
        "operation.request_body",
    )
}

/// A struct for a JSON object with these parameters, plus the structs of its described object
/// properties (`passwordCredential` with its `displayName`, ...), recursively.
fn object_model(
    action: &Action<'_>,
    name: &Ident,
    doc: &str,
    params: &[Parameter],
    at: &str,
) -> Result<TokenStream, CodegenError> {
    let fields = params
        .iter()
        .enumerate()
        .map(|(i, p)| field(action, &format!("{at}[{i}]"), p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut seen = std::collections::BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        let key = f.name.to_string();
        let err = |message: String| CodegenError {
            file: action.file.to_string(),
            path: format!("{at}[{i}].name"),
            message,
        };
        if key == "additional_properties" {
            return Err(err(
                "`additional_properties` is reserved for undocumented fields".into(),
            ));
        }
        if let Some(other) = seen.insert(key.clone(), &f.wire) {
            return Err(err(format!(
                "wire names `{other}` and `{}` both map to the Rust field `{key}`",
                f.wire
            )));
        }
    }
    let mut nested = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if p.properties.is_empty() {
            continue;
        }
        let Some(type_name) = object_type_name(p) else {
            continue;
        };
        let doc = format!(
            " The `{}` object (`{}`) of `{}`.",
            docs::escape(&p.name),
            p.ty,
            docs::escape(&action.spec.title)
        );
        nested.push(object_model(
            action,
            &ident(&type_name),
            &doc,
            &p.properties,
            &format!("{at}[{i}].properties"),
        )?);
    }
    let defs = fields.iter().map(|f| {
        let Field {
            name,
            wire,
            docs,
            optional,
            ..
        } = f;
        let ty = f.ty();
        let skip = optional.then(|| quote!(default, skip_serializing_if = "Option::is_none",));
        quote! {
            #docs
            #[serde(rename = #wire, #skip)]
            pub #name: #ty,
        }
    });
    let required: Vec<&Field> = fields.iter().filter(|f| !f.optional).collect();
    let args = required.iter().map(|f| {
        let name = &f.name;
        let ty = f.ty();
        quote!(#name: #ty)
    });
    let inits = fields.iter().map(|f| {
        let name = &f.name;
        if f.optional {
            quote!(#name: None)
        } else {
            quote!(#name)
        }
    });
    let setters = fields.iter().filter(|f| f.optional).map(|f| {
        let Field {
            name, wire, inner, ..
        } = f;
        let setter = format_ident!("with_{}", name.to_string().trim_matches('_'));
        let doc = format!(" Sets `{}`.", docs::escape(wire));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #inner) -> Self {
                self.#name = Some(value);
                self
            }
        }
    });
    let default_impl = required.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#defs)*
            /// Properties the documentation does not describe, kept so that a round trip loses nothing.
            #[serde(flatten)]
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }

        impl #name {
            /// A value with the given fields and no optional ones.
            pub fn new(#(#args),*) -> Self {
                Self {
                    #(#inits,)*
                    additional_properties: serde_json::Map::new(),
                }
            }

            #(#setters)*
        }

        #default_impl

        #(#nested)*
    })
}

/// The response type: OData wraps a primitive or a collection in `{"value": ...}`; other types are
/// raw JSON until a spec describes them.
fn response_model(action: &Action<'_>) -> TokenStream {
    let resp = response_type(action);
    let ty = match returns(action.spec) {
        Returns::Unit => return quote!(),
        Returns::Typed(ty) => ty,
        Returns::Headers(headers) => {
            let doc = format!(
                " What `{}` answers: no body, only headers.",
                docs::escape(&action.spec.title)
            );
            let fields = headers.iter().map(|h| {
                let f = header_field(h);
                let doc = format!(
                    " The `{}` response header, if Graph sent one.",
                    docs::escape(h)
                );
                quote! {
                    #[doc = #doc]
                    pub #f: Option<String>,
                }
            });
            return quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
                pub struct #resp {
                    #(#fields)*
                }
            };
        }
    };
    let doc = format!(
        " Response body of `{}`: `{ty}`.",
        docs::escape(&action.spec.title)
    );
    if types::is_untyped(ty) {
        let note = format!(
            " No available page describes `{ty}`, so the body is kept as raw JSON: nothing is dropped."
        );
        return quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #note]
            pub type #resp = serde_json::Value;
        };
    }
    let rust = types::rust_type(ty);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #resp {
            /// The returned value.
            pub value: #rust,
            /// Properties the documentation does not describe (such as `@odata.context`).
            #[serde(flatten)]
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }
    }
}

fn mock_helpers(version: ApiVersion, node: &Node<'_>, action: &Action<'_>) -> TokenStream {
    let prefix = &action.model_prefix;
    let when_ty = format_ident!("{prefix}When");
    let then_ty = format_ident!("{prefix}Then");
    let name = ident(&action.method);
    let full_path = format!("/{}{}/{}", version.as_str(), node.url_path, action.wire);
    let method = ident(action.spec.operation.method.as_str());
    let params = node.params();
    let args = params.iter().map(|(_, arg)| {
        let arg = ident(arg);
        quote!(#arg: &str,)
    });
    let mut arg_names = params.iter().map(|(_, arg)| ident(arg));
    let steps = node.segments.iter().map(|seg| match seg {
        Segment::Literal(lit) => quote!(.segment(#lit)),
        Segment::Param { name, .. } => {
            let arg = arg_names.next();
            quote!(.param(#name, #arg))
        }
    });
    let wire = &action.wire;
    let version_prefix = format!("/{}", version.as_str());
    let status = action.spec.operation.response.status;
    let models = if action.owns_models(node) {
        quote!(super::)
    } else {
        models_path(node, action)
    };
    let fn_doc = format!(
        " Mocks `{} {full_path}` on `server`: `config` narrows the match and sets the answer.",
        action.spec.operation.method.as_str()
    );
    let when_doc = format!(" What a mocked `{full_path}` request must look like.");
    let then_doc = format!(" How a mocked `{full_path}` answers.");
    let body_matcher = action.spec.operation.request_body.is_some().then(|| {
        let req = request_type(action);
        quote! {
            /// Matches only requests whose JSON body equals `body`.
            pub fn body(self, body: &#models #req) -> Self {
                Self(self.0.json_body_obj(body))
            }
        }
    });
    let ok = match returns(action.spec) {
        Returns::Unit => {
            let doc = format!(" Answers as documented: `{status}` with no body.");
            quote! {
                #[doc = #doc]
                pub fn ok(self) -> Self {
                    Self(self.0.status(#status))
                }
            }
        }
        Returns::Headers(headers) => {
            let doc = format!(" Answers as documented: `{status}` with no body and these headers.");
            let header_args = headers.iter().map(|h| {
                let a = header_field(h);
                quote!(#a: &str)
            });
            let sets = headers.iter().map(|h| {
                let a = header_field(h);
                quote!(.header(#h, #a))
            });
            quote! {
                #[doc = #doc]
                pub fn ok(self, #(#header_args),*) -> Self {
                    Self(self.0.status(#status) #(#sets)*)
                }
            }
        }
        Returns::Typed(_) => {
            let resp = response_type(action);
            let doc = format!(" Answers as documented: `{status}` with `body` as JSON.");
            quote! {
                #[doc = #doc]
                pub fn ok(self, body: &#models #resp) -> Self {
                    Self(self.0.status(#status).header("content-type", "application/json").json_body_obj(body))
                }
            }
        }
    };
    quote! {
        #[doc = #when_doc]
        pub struct #when_ty(httpmock::When);

        impl #when_ty {
            #body_matcher

            /// The underlying matcher, for anything the typed helpers do not cover.
            pub fn into_inner(self) -> httpmock::When {
                self.0
            }
        }

        #[doc = #then_doc]
        pub struct #then_ty(httpmock::Then);

        impl #then_ty {
            #ok

            /// Answers with a Graph error body: `{"error": {"code", "message"}}`.
            pub fn error(self, status: u16, code: &str, message: &str) -> Self {
                Self(
                    self.0
                        .status(status)
                        .header("content-type", "application/json")
                        .json_body(serde_json::json!({ "error": { "code": code, "message": message } })),
                )
            }

            /// The underlying responder, for anything the typed helpers do not cover.
            pub fn into_inner(self) -> httpmock::Then {
                self.0
            }
        }

        #[doc = #fn_doc]
        pub fn #name<'s>(
            server: &'s httpmock::MockServer,
            #(#args)*
            config: impl FnOnce(#when_ty, #then_ty),
        ) -> httpmock::Mock<'s> {
            let path = graph_runtime::RequestPath::new() #(#steps)* .segment(#wire);
            let path = format!("{}{}", #version_prefix, path.encoded());
            server.mock(|when, then| {
                let when = when.method(httpmock::Method::#method).path(path);
                config(#when_ty(when), #then_ty(then));
            })
        }
    }
}
