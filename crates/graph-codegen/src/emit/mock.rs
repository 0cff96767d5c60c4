//! Typed httpmock helpers (`mock::confirm_safe(&server, |when, then| ..)`), behind the generated
//! crate's `mock` feature.

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::functions;
use super::mock_parts::{call_args, path_steps, reserved, when_then};
use super::shared::ident;
use crate::error::CodegenError;
use crate::ops::Operations;
use crate::tree::{Action, Node};

/// The `When`/`Then` wrappers and the mock function of one operation, in the module of its
/// first documented path. An operation with several paths gets one set of helpers whose function
/// takes the path (see [`super::mock_paths`]).
pub(super) fn mock_helpers(
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
    ops: &Operations<'_, '_>,
) -> Result<TokenStream, CodegenError> {
    if ops.is_multi_path(action) {
        return super::mock_paths::mock_helpers(version, action, ops);
    }
    let prefix = &action.mock_prefix;
    let when_ty = format_ident!("{prefix}When");
    let then_ty = format_ident!("{prefix}Then");
    let name = ident(&action.method);
    let full_path = if action.wire.is_empty() {
        // A resource operation addresses its module's own path.
        format!("/{}{}", version.as_str(), node.url_path)
    } else {
        format!(
            "/{}{}/{}",
            version.as_str(),
            node.url_path,
            action.template.rsplit('/').next().unwrap_or(&action.wire)
        )
    };
    let method = ident(action.spec.operation.method.as_str());
    // The path parameters are arguments of the mock function, beside `server` and `config`.
    let fn_args = functions::function_args(action)?;
    let call_args = call_args(node);
    let mut reserved = reserved(&fn_args);
    reserved.extend(call_args.iter().map(|(id, _)| id.to_string()));
    let params = node.params(&reserved.iter().map(String::as_str).collect::<Vec<_>>());
    let args = params
        .iter()
        .map(|(_, arg)| {
            let arg = ident(arg);
            quote!(#arg: &str,)
        })
        .chain(call_args.iter().map(|(id, a)| {
            let ty = functions::arg_type(a, &TokenStream::new(), quote!(&str));
            quote!(#id: #ty,)
        }))
        .collect::<Vec<_>>();
    let steps = path_steps(node, &params, action, &fn_args);
    let version_prefix = format!("/{}", version.as_str());
    let models = quote!(super::);
    let fn_params = functions::params(&fn_args, &models);
    let fn_doc = format!(
        " Mocks `{} {full_path}` on `server`: `config` narrows the match and sets the answer.",
        action.spec.operation.method.as_str()
    );
    let when_doc = format!(" What a mocked `{full_path}` request must look like.");
    let then_doc = format!(" How a mocked `{full_path}` answers.");
    let wrappers = when_then(action, &when_ty, &then_ty, &when_doc, &then_doc);
    Ok(quote! {
        #wrappers

        #[doc = #fn_doc]
        pub fn #name<'s>(
            server: &'s httpmock::MockServer,
            #(#args)*
            #fn_params
            config: impl FnOnce(#when_ty, #then_ty),
        ) -> httpmock::Mock<'s> {
            let path = #steps;
            let path = format!("{}{}", #version_prefix, path.encoded());
            server.mock(|when, then| {
                let when = when.method(httpmock::Method::#method).path(path);
                config(#when_ty(when), #then_ty(then));
            })
        }
    })
}
