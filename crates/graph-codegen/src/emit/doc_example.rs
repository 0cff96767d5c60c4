//! The `no_run` example in each operation's docs (and the crate's): build the body from the first
//! documented example, call the binding.

use graph_spec::{ApiVersion, EdmType, Parameter};
use proc_macro2::TokenStream;
use quote::quote;

use super::chain::{call_chain, example_values};
use super::functions;
use super::shared::{Returns, body_is_optional, ident, request_type, returns};
use crate::tree::{Action, Node};
use crate::types;

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

/// A `no_run` doctest that builds the body from the first documented example and calls the binding.
pub(super) fn doc_example(
    krate: &str,
    version: ApiVersion,
    node: &Node<'_>,
    action: &Action<'_>,
) -> Vec<String> {
    let (values, call_values) = match example_values(version, action) {
        Some((path, call)) => (path, Some(call)),
        None => (Vec::new(), None),
    };
    let chain = call_chain(node, &values);
    let method = ident(&action.method);
    let mut lines = vec![
        "```no_run".to_string(),
        format!("use {krate}::{{Client, GraphApi}};"),
    ];
    let fn_args = functions::function_args(action).unwrap_or_default();
    let enum_home = {
        let krate = ident(krate);
        let segs = action.models_home.iter().map(|s| ident(s));
        quote!(#krate::#(#segs::)*)
    };
    let fn_values = functions::example_args(&fn_args, call_values.as_deref(), &enum_home, false);
    let kind = action.spec.operation.kind;
    let (setup, args) = if kind.sends_reference() {
        // The object to reference, by its path below the version.
        let krate = ident(krate);
        (
            quote!(),
            quote!(#krate::runtime::RequestPath::new().segment("directoryObjects").param("id", "<id>")),
        )
    } else if kind == graph_spec::OperationKind::MediaPut {
        (
            quote!(),
            quote!("text/plain", b"The contents of the file".to_vec()),
        )
    } else if action.spec.operation.has_body() {
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
    let call = quote!(client #chain.#method(#(#fn_values,)* #args).await?);
    let stmts = match returns(action.spec) {
        Returns::Unit => quote!(#setup #call;),
        Returns::Redirect => quote! {
            #setup
            let redirect = #call;
            // The download URL is preauthenticated: `download` never sends the token there.
            let content = client.download(&redirect.location).await?;
            println!("{} bytes", content.body().len());
        },
        Returns::Bytes => quote! {
            #setup
            let content = #call;
            println!("{} bytes", content.len());
        },
        Returns::Typed(_)
        | Returns::TypedOrEmpty(_)
        | Returns::Headers(_)
        | Returns::Count
        | Returns::Json => quote! {
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
    if action.spec.operation.entity_body().is_some() {
        // The entity's model: every property an `Option`, set the ones to send.
        return quote!(#req::default());
    }
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
