//! The parts of a generated mock helper that plain paths and paths with function calls share:
//! names the helper must not take, the call arguments of a node, the path-matching steps, and
//! the `when`/`then` body.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::functions::{self, CallAt};
use super::shared::{Returns, header_field, ident, request_type, response_type, returns};
use crate::fn_args::FnArg;
use crate::tree::{Action, Node, Segment};

/// The names the path parameters of a mock must not take: `server`, `config` and the function's
/// arguments.
pub(super) fn reserved(fn_args: &[FnArg]) -> Vec<String> {
    let mut reserved = vec!["server".to_string(), "config".to_string()];
    reserved.extend(fn_args.iter().map(|a| a.ident.to_string()));
    reserved
}

/// The arguments of the functions called mid-path in `node`'s path, named after the function
/// (`get_all_transcripts_start_date_time`) so they cannot clash with path parameters.
pub(super) fn call_args<'n>(node: &'n Node<'_>) -> Vec<(Ident, &'n FnArg)> {
    let mut out = Vec::new();
    for seg in &node.segments {
        if let Segment::Call { name, args } = seg {
            let prefix = crate::naming::snake(name).unwrap_or_default();
            out.extend(
                args.iter()
                    .map(|a| (format_ident!("{prefix}_{}", a.ident), a)),
            );
        }
    }
    out
}

/// `graph_runtime::RequestPath::new().segment(..).param(.., arg)...` for `action`'s path, with
/// `params` (from [`Node::params`]) as the path parameters' variables and [`call_args`]' names as
/// the mid-path function arguments.
pub(super) fn path_steps(
    node: &Node<'_>,
    params: &[(String, String)],
    action: &Action<'_>,
    fn_args: &[FnArg],
) -> TokenStream {
    let mut arg_names = params.iter().map(|(_, arg)| ident(arg));
    let mut call_idents = call_args(node).into_iter().map(|(id, _)| id);
    let steps = node.segments.iter().map(|seg| match seg {
        Segment::Literal(lit) => quote!(.segment(#lit)),
        Segment::Param { name, .. } => {
            let arg = arg_names.next();
            quote!(.param(#name, #arg))
        }
        Segment::Key {
            collection, key, ..
        } => {
            let arg = arg_names.next();
            quote!(.key(#collection, #key, graph_runtime::Literal::string(#arg)))
        }
        Segment::ItemPath { base, name } => {
            let arg = arg_names.next();
            quote!(.item_path(#base, #name, #arg))
        }
        Segment::Call { name, args } => {
            let ids: Vec<Ident> = args.iter().filter_map(|_| call_idents.next()).collect();
            functions::call_step(name, args, &ids, CallAt::Mid)
        }
    });
    let wire = &action.wire;
    let last_step = match &action.call {
        Some(_) => functions::call_step(wire, fn_args, &functions::idents(fn_args), CallAt::End),
        None if wire.is_empty() => quote!(),
        None => quote!(.segment(#wire)),
    };
    quote!(graph_runtime::RequestPath::new() #(#steps)* #last_step)
}

/// The `When` and `Then` wrappers of an operation's mocks.
pub(super) fn when_then(
    action: &Action<'_>,
    when_ty: &Ident,
    then_ty: &Ident,
    when_doc: &str,
    then_doc: &str,
) -> TokenStream {
    let status = action.spec.operation.response.status;
    let models = quote!(super::);
    let body_matcher = action.spec.operation.has_body().then(|| {
        let req = request_type(action);
        quote! {
            /// Matches only requests whose JSON body equals `body`.
            pub fn body(self, body: &#models #req) -> Self {
                Self(self.0.json_body_obj(body))
            }
        }
    });
    let ok = match returns(action.spec) {
        Returns::Redirect => {
            let doc = format!(
                " Answers as documented: `{status}` with `location` as the `Location` header (where the content is)."
            );
            quote! {
                #[doc = #doc]
                pub fn ok(self, location: &str) -> Self {
                    Self(self.0.status(#status).header("location", location))
                }
            }
        }
        Returns::Bytes => {
            let doc = format!(" Answers as documented: `{status}` with `content` as the body.");
            quote! {
                #[doc = #doc]
                pub fn ok(self, content: &[u8]) -> Self {
                    Self(self.0.status(#status).header("content-type", "application/octet-stream").body(content))
                }
            }
        }
        Returns::Count => {
            let doc = format!(" Answers as documented: `{status}` with `count` as plain text.");
            quote! {
                #[doc = #doc]
                pub fn ok(self, count: u64) -> Self {
                    Self(self.0.status(#status).header("content-type", "text/plain").body(count.to_string()))
                }
            }
        }
        Returns::Json => {
            let doc = format!(" Answers as documented: `{status}` with `body` (the references).");
            quote! {
                #[doc = #doc]
                pub fn ok(self, body: &serde_json::Value) -> Self {
                    Self(self.0.status(#status).json_body_obj(body))
                }
            }
        }
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
        Returns::Typed(_) | Returns::TypedOrEmpty(_) => {
            let resp = response_type(action);
            let doc = format!(" Answers as documented: `{status}` with `body` as JSON.");
            let empty = matches!(returns(action.spec), Returns::TypedOrEmpty(_)).then(|| {
                let doc =
                    format!(" Answers `{status}` with no body, as a documented example does.");
                quote! {
                    #[doc = #doc]
                    pub fn ok_without_body(self) -> Self {
                        Self(self.0.status(#status))
                    }
                }
            });
            quote! {
                #[doc = #doc]
                pub fn ok(self, body: &#models #resp) -> Self {
                    Self(self.0.status(#status).header("content-type", "application/json").json_body_obj(body))
                }

                #empty
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
    }
}
