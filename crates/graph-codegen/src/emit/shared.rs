//! What the emitters share: identifiers, doc attributes, the request and response type names of
//! an action, and what an operation returns.

use graph_spec::{EdmType, SpecFile};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::naming;
use crate::tree::{Action, Node};

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` lines from text lines (already escaped where they carry spec prose).
pub(crate) fn doc_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> TokenStream {
    let texts: Vec<String> = doc_texts(lines).collect();
    // Set aside while a file is emitted, and put back after formatting (see `crate::render`).
    if let Some(marker) = crate::render::aside(&texts) {
        return marker;
    }
    quote!(#(#[doc = #texts])*)
}

/// `#![doc = "..."]` lines, for the crate's own docs.
pub(crate) fn inner_doc_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> TokenStream {
    let attrs = doc_texts(lines).map(|l| quote!(#![doc = #l]));
    quote!(#(#attrs)*)
}

/// The text of each doc line: a leading space, so that `///` comments read naturally.
pub(crate) fn doc_texts<S: AsRef<str>>(
    lines: impl IntoIterator<Item = S>,
) -> impl Iterator<Item = String> {
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
pub(crate) fn header_field(header: &str) -> Ident {
    ident(&naming::header_field(header))
}

pub(crate) fn request_type(action: &Action<'_>) -> Ident {
    format_ident!("{}Request", action.model_prefix)
}

pub(crate) fn response_type(action: &Action<'_>) -> Ident {
    format_ident!("{}Response", action.model_prefix)
}

/// The path from the current module to the module holding the models.
pub(crate) fn models_path(node: &Node<'_>, action: &Action<'_>) -> TokenStream {
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
pub(crate) enum Returns<'t> {
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
pub(crate) fn returns(spec: &SpecFile) -> Returns<'_> {
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
