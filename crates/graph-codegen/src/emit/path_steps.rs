//! Tokens for the path segments of `crate::path_calls`: a function called mid-path (typed
//! arguments, optional ones as `Option`) and an item path (`root:/{item-path}:`).

use graph_spec::EdmType;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::path_calls::PathArg;

/// The Rust type of a mid-path function argument: `&str`, `DateTimeOffset`, `Option<&str>`, ...
pub(super) fn arg_type(a: &PathArg) -> TokenStream {
    typed(a, quote!(&str))
}

/// [`arg_type`] as a field of a struct borrowing for `'a` (`&'a str`, `Option<&'a str>`, ...).
pub(super) fn field_type(a: &PathArg) -> TokenStream {
    typed(a, quote!(&'a str))
}

fn typed(a: &PathArg, text: TokenStream) -> TokenStream {
    let inner = match a.ty {
        None => text,
        Some(p) => crate::types::rust_type(&EdmType::Primitive(p)),
    };
    if a.optional {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// `.function_opt("name", &[("p", Some(literal)), ("q", q.as_ref().map(..))])`, with `idents`
/// naming the Rust arguments in order.
pub(super) fn call_step(name: &str, args: &[PathArg], idents: &[Ident]) -> TokenStream {
    let pairs = args.iter().zip(idents).map(|(a, id)| {
        let wire = &a.wire;
        let lit = match (a.ty.is_some(), a.optional) {
            (false, false) => quote!(Some(graph_runtime::Literal::string(#id))),
            (false, true) => quote!(#id.map(graph_runtime::Literal::string)),
            (true, false) => quote!(Some(graph_runtime::Literal::from(&#id))),
            (true, true) => quote!(#id.as_ref().map(graph_runtime::Literal::from)),
        };
        quote!((#wire, #lit))
    });
    quote!(.function_opt(#name, &[#(#pairs),*]))
}

/// The Rust argument names of a call's arguments (`start_date_time`).
pub(super) fn idents(args: &[PathArg]) -> Vec<Ident> {
    args.iter().map(|a| format_ident!("{}", a.ident)).collect()
}

/// The argument expressions for values a documented example passes (`None` for one it leaves
/// out; a placeholder where a required one is missing).
pub(super) fn example_values(args: &[PathArg], values: &[Option<String>]) -> Vec<TokenStream> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            let value = values.get(i).cloned().flatten();
            let value = match (value, a.optional) {
                (None, true) => return quote!(None),
                (Some(v), _) => v,
                (None, false) => match a.ty {
                    None => format!("<{}>", a.wire),
                    Some(p) => super::functions::default_text(p).to_string(),
                },
            };
            let expr = match a.ty {
                None => quote!(#value),
                Some(p) => {
                    let ty = crate::types::rust_type(&EdmType::Primitive(p));
                    quote!(#value.parse::<#ty>().expect("a documented value"))
                }
            };
            if a.optional {
                quote!(Some(#expr))
            } else {
                expr
            }
        })
        .collect()
}
