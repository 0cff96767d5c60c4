//! The mock helpers of an operation with several documented paths: one `When`/`Then` pair and
//! one mock function, in the module of its first path, whose `path` argument (a `<Name>Path`
//! enum, one variant per documented path) says which path to mock and with which values.

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::functions;
use super::mock_parts::{call_args, path_steps, reserved, when_then};
use super::shared::ident;
use super::thin;
use crate::fn_args::{ArgKind, FnArg};
use crate::ops::{Binding, Operations, method_link};
use crate::tree::Action;
use crate::{docs, error::CodegenError};

/// The helpers of `action`'s operation (`action` is its canonical binding).
pub(super) fn mock_helpers(
    version: ApiVersion,
    action: &Action<'_>,
    ops: &Operations<'_, '_>,
) -> Result<TokenStream, CodegenError> {
    let bindings: Vec<Binding<'_, '_>> = ops.bindings(action).collect();
    let prefix = &action.model_prefix;
    let when_ty = format_ident!("{prefix}When");
    let then_ty = format_ident!("{prefix}Then");
    let path_ty = format_ident!("{prefix}Path");
    let name = ident(&action.method);
    let title = docs::escape(&action.spec.title);
    let http = action.spec.operation.method.as_str();
    let models = quote!(super::);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut borrows = false;
    for ((node, binding), variant) in bindings.iter().zip(thin::variant_names(&bindings)) {
        let variant = format_ident!("{variant}");
        let fn_args = functions::function_args(binding)?;
        let call_args = call_args(node);
        let mut reserved = reserved(&fn_args);
        reserved.extend(call_args.iter().map(|(id, _)| id.to_string()));
        let params = node.params(&reserved.iter().map(String::as_str).collect::<Vec<_>>());
        let mut fields: Vec<TokenStream> = params
            .iter()
            .map(|(placeholder, arg)| {
                let arg = ident(arg);
                let doc = format!(" The value of `{{{}}}`.", docs::escape(placeholder));
                quote!(#[doc = #doc] #arg: &'a str)
            })
            .collect();
        borrows |= !params.is_empty();
        for a in &fn_args {
            let id = a.rust_ident();
            let doc = format!(" The function's `{}` argument.", docs::escape(&a.wire));
            borrows |= matches!(a.kind, ArgKind::Str);
            let ty = functions::arg_type(a, &models, quote!(&'a str));
            fields.push(quote!(#[doc = #doc] #id: #ty));
        }
        for (id, a) in &call_args {
            let doc = format!(
                " The `{}` argument of the function called in the path.",
                docs::escape(&a.wire)
            );
            borrows |= matches!(a.kind, ArgKind::Str);
            let ty = functions::arg_type(a, &TokenStream::new(), quote!(&'a str));
            fields.push(quote!(#[doc = #doc] #id: #ty));
        }
        let names = params
            .iter()
            .map(|(_, arg)| ident(arg))
            .chain(fn_args.iter().map(FnArg::rust_ident))
            .chain(call_args.iter().map(|(id, _)| id.clone()));
        let doc = format!(
            " `{http} /{}{}`, as [`{}::{}`]({}) sends it.",
            version.as_str(),
            docs::escape(&binding.path.template),
            node.type_name,
            binding.method,
            method_link(node, &binding.method),
        );
        let steps = path_steps(node, &params, binding, &fn_args);
        if fields.is_empty() {
            variants.push(quote!(#[doc = #doc] #variant,));
            arms.push(quote!(#path_ty::#variant => #steps,));
        } else {
            variants.push(quote!(#[doc = #doc] #variant { #(#fields),* },));
            arms.push(quote!(#path_ty::#variant { #(#names),* } => #steps,));
        }
    }
    let (lifetime, anonymous) = if borrows {
        (quote!(<'a>), quote!(<'_>))
    } else {
        (quote!(), quote!())
    };
    let enum_doc = format!(
        " The documented paths of *{title}*, for [`{name}`]: each variant holds the values of its placeholders (and function arguments)."
    );
    let fn_doc = format!(
        " Mocks `{http}` *{title}* on `server` at `path`, one of its documented paths: `config` narrows the match and sets the answer."
    );
    let when_doc = format!(" What a mocked *{title}* request must look like, at any of its paths.");
    let then_doc = format!(" How a mocked *{title}* answers.");
    let wrappers = when_then(action, &when_ty, &then_ty, &when_doc, &then_doc);
    let version_prefix = format!("/{}", version.as_str());
    let method = ident(http);
    Ok(quote! {
        #wrappers

        #[doc = #enum_doc]
        #[derive(Debug, Clone)]
        pub enum #path_ty #lifetime {
            #(#variants)*
        }

        #[doc = #fn_doc]
        pub fn #name<'s>(
            server: &'s httpmock::MockServer,
            path: #path_ty #anonymous,
            config: impl FnOnce(#when_ty, #then_ty),
        ) -> httpmock::Mock<'s> {
            let path = match path {
                #(#arms)*
            };
            let path = format!("{}{}", #version_prefix, path.encoded());
            server.mock(|when, then| {
                let when = when.method(httpmock::Method::#method).path(path);
                config(#when_ty(when), #then_ty(then));
            })
        }
    })
}
