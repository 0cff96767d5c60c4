//! Typed httpmock helpers (`mock::confirm_safe(&server, |when, then| ..)`), behind the generated
//! crate's `mock` feature.

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::functions;
use super::{Returns, header_field, ident, models_path, request_type, response_type, returns};
use crate::CodegenError;
use crate::tree::{Action, Node, Segment};

/// The `When`/`Then` wrappers and the mock function of one operation.
pub(super) fn mock_helpers(
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
) -> Result<TokenStream, CodegenError> {
    let prefix = &action.mock_prefix;
    let when_ty = format_ident!("{prefix}When");
    let then_ty = format_ident!("{prefix}Then");
    let name = ident(&action.method);
    let full_path = format!(
        "/{}{}/{}",
        version.as_str(),
        node.url_path,
        action.template.rsplit('/').next().unwrap_or(&action.wire)
    );
    let method = ident(action.spec.operation.method.as_str());
    // The path parameters are arguments of the mock function, beside `server` and `config`.
    let fn_args = functions::function_args(action)?;
    let mut reserved = vec!["server".to_string(), "config".to_string()];
    reserved.extend(fn_args.iter().map(|a| a.ident.to_string()));
    let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
    // A function called mid-path takes its typed arguments here too, named after the
    // function (`get_all_transcripts_start_date_time`) so they cannot clash with path parameters.
    let mut call_args = Vec::new();
    for seg in &node.segments {
        if let Segment::Call { name, args } = seg {
            let prefix = crate::naming::snake(name).unwrap_or_default();
            for a in args {
                call_args.push((
                    format_ident!("{prefix}_{}", a.ident),
                    super::path_steps::arg_type(a),
                ));
            }
        }
    }
    let mut reserved: Vec<&str> = reserved;
    let call_names: Vec<String> = call_args.iter().map(|(i, _)| i.to_string()).collect();
    reserved.extend(call_names.iter().map(String::as_str));
    let params = node.params(&reserved);
    let args = params
        .iter()
        .map(|(_, arg)| {
            let arg = ident(arg);
            quote!(#arg: &str,)
        })
        .chain(call_args.iter().map(|(id, ty)| quote!(#id: #ty,)))
        .collect::<Vec<_>>();
    let mut arg_names = params.iter().map(|(_, arg)| ident(arg));
    let mut call_idents = call_args.iter().map(|(id, _)| id.clone());
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
            let ids: Vec<proc_macro2::Ident> =
                args.iter().filter_map(|_| call_idents.next()).collect();
            super::path_steps::call_step(name, args, &ids)
        }
    });
    let wire = &action.wire;
    let last_step = match &action.call {
        Some(_) => functions::function_step(wire, &fn_args),
        None => quote!(.segment(#wire)),
    };
    let version_prefix = format!("/{}", version.as_str());
    let status = action.spec.operation.response.status;
    let models = if action.owns_models(node) {
        quote!(super::)
    } else {
        models_path(node, action)
    };
    let fn_params = functions::params(&fn_args, &models);
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
    Ok(quote! {
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
            #fn_params
            config: impl FnOnce(#when_ty, #then_ty),
        ) -> httpmock::Mock<'s> {
            let path = graph_runtime::RequestPath::new() #(#steps)* #last_step;
            let path = format!("{}{}", #version_prefix, path.encoded());
            server.mock(|when, then| {
                let when = when.method(httpmock::Method::#method).path(path);
                config(#when_ty(when), #then_ty(then));
            })
        }
    })
}
