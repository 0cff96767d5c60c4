//! The query options builder of a get or list (`ListUserQuery`): one method per OData option the
//! page documents (`operation.query`), and no others.
//!
//! A page that names its options gets those; one that speaks of "the OData query parameters" in
//! general gets the options of its kind (a get: `$select`, `$expand`; a list: those and `$filter`,
//! `$orderby`, `$top`, `$skip`, `$count`), plus any it names as "including ..." (`$search`). `$select`, `$expand` and `$orderby` take the returned
//! model's [`graph_runtime::Property`] constants (`User::DISPLAY_NAME`); a page that documents
//! `ConsistencyLevel` gets `ConsistencyLevel: eventual` sent with `$count` and `$search`.

use graph_spec::{EdmType, OperationKind, QuerySupport, SpecFile};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::docs;
use crate::tree::Action;
use crate::type_models::Models;

/// The options a get or list offers, in canonical spelling; empty for any other operation.
pub(crate) fn options(spec: &SpecFile) -> Vec<&'static str> {
    let op = &spec.operation;
    let Some(query) = &op.query else {
        return Vec::new();
    };
    let general: &[&'static str] = match op.kind {
        OperationKind::Get => &["$select", "$expand"],
        OperationKind::List => &[
            "$select", "$expand", "$filter", "$orderby", "$top", "$skip", "$count",
        ],
        _ => return Vec::new(),
    };
    // `$format` is not offered: the models decode JSON.
    let typed = [
        "$select", "$expand", "$filter", "$search", "$orderby", "$top", "$skip", "$count",
    ];
    match query.support {
        QuerySupport::Named => typed
            .into_iter()
            .filter(|o| query.names.iter().any(|n| n == o))
            .collect(),
        QuerySupport::General => typed
            .into_iter()
            .filter(|o| general.contains(o) || query.names.iter().any(|n| n == o))
            .collect(),
        QuerySupport::None => Vec::new(),
    }
}

/// Whether the operation has a query builder: its page documents options, and it takes nothing
/// else (no body, no function arguments), so its `_with` twin takes the builder alone.
pub(crate) fn has_builder(action: &Action<'_>) -> bool {
    !options(action.spec).is_empty() && !action.spec.operation.has_body() && action.call.is_none()
}

/// `ListUserQuery`.
pub(crate) fn query_type(action: &Action<'_>) -> Ident {
    format_ident!("{}Query", action.model_prefix)
}

/// The model a `$select` names properties of: the described entity the operation returns.
fn entity(action: &Action<'_>, types: &Models<'_>) -> TokenStream {
    let ty = match &action.spec.operation.response.body_type {
        Some(EdmType::Collection(inner)) => Some(inner.as_ref()),
        Some(ty @ EdmType::Named(_)) => Some(ty),
        _ => None,
    };
    match ty {
        Some(ty @ EdmType::Named(_)) if !types.is_untyped(ty) => types.rust_type(ty),
        _ => quote!(serde_json::Value),
    }
}

/// The builder struct, or nothing when the operation offers no option.
pub(crate) fn query_model(action: &Action<'_>, types: &Models<'_>) -> TokenStream {
    let opts = options(action.spec);
    if opts.is_empty() {
        return quote!();
    }
    let name = query_type(action);
    let entity = entity(action, types);
    let eventual = action
        .spec
        .operation
        .request_headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("ConsistencyLevel"))
        .then(|| quote!(.eventual_for_advanced_queries()));
    let methods = opts.iter().map(|o| match *o {
        "$select" => quote! {
            /// `$select`: return only these properties.
            pub fn select(mut self, properties: impl IntoIterator<Item = graph_runtime::Property<#entity>>) -> Self {
                self.0.select(properties);
                self
            }
        },
        "$expand" => quote! {
            /// `$expand`: return these relationships inline.
            pub fn expand(mut self, properties: impl IntoIterator<Item = graph_runtime::Property<#entity>>) -> Self {
                self.0.expand(properties);
                self
            }
        },
        "$orderby" => quote! {
            /// `$orderby`: sort by this property (call again for a second key).
            pub fn order_by(mut self, property: graph_runtime::Property<#entity>, order: graph_runtime::Order) -> Self {
                self.0.order_by(property, order);
                self
            }
        },
        "$filter" => quote! {
            /// `$filter`: an OData filter expression, sent as written (`startswith(displayName,'a')`).
            pub fn filter(mut self, expression: impl Into<String>) -> Self {
                self.0.filter(expression);
                self
            }
        },
        "$search" => quote! {
            /// `$search`: sent in double quotes unless it starts with one (`displayName:room`).
            pub fn search(mut self, text: impl Into<String>) -> Self {
                self.0.search(text);
                self
            }
        },
        "$top" => quote! {
            /// `$top`: at most this many items per page.
            pub fn top(mut self, n: u32) -> Self {
                self.0.top(n);
                self
            }
        },
        "$skip" => quote! {
            /// `$skip`: skip this many items.
            pub fn skip(mut self, n: u32) -> Self {
                self.0.skip(n);
                self
            }
        },
        _ => quote! {
            /// `$count`: include `@odata.count` in the response.
            pub fn count(mut self, count: bool) -> Self {
                self.0.count(count);
                self
            }
        },
    });
    let listed = opts
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = format!(
        " The query options `{}` documents: {listed}.",
        docs::escape(&action.spec.title)
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name(graph_runtime::QueryOptions);

        impl Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl #name {
            /// No option set.
            pub fn new() -> Self {
                Self(graph_runtime::QueryOptions::new() #eventual)
            }

            /// The options, for [`graph_runtime::QueryOptions::apply`].
            pub fn options(&self) -> &graph_runtime::QueryOptions {
                &self.0
            }

            #(#methods)*
        }
    }
}

/// The query builder expression that sends `example`'s query string
/// (`ListUserQuery::new().select([..]).top(5)`, properties as [`graph_runtime::Property::raw`]
/// so that the test sends exactly what the docs wrote), `None` when the example has no query or
/// the operation no builder, or why the builder cannot send it (an option the page does not
/// list, a value of the wrong form).
pub fn example_query(
    action: &Action<'_>,
    example: &graph_spec::Example,
) -> Result<Option<TokenStream>, String> {
    let pairs = graph_spec::url_query(&example.request.url);
    if pairs.is_empty() || !has_builder(action) {
        return Ok(None);
    }
    let offered = options(action.spec);
    let q = query_type(action);
    let home = action.models_home.iter().map(|m| format_ident!("{m}"));
    let mut calls = Vec::new();
    for (name, value) in &pairs {
        let Some(option) = graph_spec::query_option(name).filter(|o| offered.contains(o)) else {
            return Err(format!(
                "it sends `{name}`, which is not among the query options its page documents"
            ));
        };
        let raw = |p: &str| quote!(graph_runtime::Property::raw(#p));
        calls.push(match option {
            "$select" | "$expand" => {
                // `members($select=id)` stays one item: split at top-level commas only.
                let items = graph_spec::split_call_args(value);
                let props = items.iter().map(|p| raw(p.trim()));
                let m = format_ident!("{}", &option[1..]);
                quote!(.#m([#(#props),*]))
            }
            "$orderby" => {
                let keys = value.split(',').map(|key| {
                    let key = key.trim();
                    let (prop, order) = match key.rsplit_once(' ') {
                        Some((p, d)) if d.eq_ignore_ascii_case("desc") => (p, quote!(Desc)),
                        Some((p, d)) if d.eq_ignore_ascii_case("asc") => (p, quote!(Asc)),
                        _ => (key, quote!(Asc)),
                    };
                    let prop = raw(prop.trim());
                    quote!(.order_by(#prop, graph_runtime::Order::#order))
                });
                quote!(#(#keys)*)
            }
            "$filter" => quote!(.filter(#value)),
            "$search" => quote!(.search(#value)),
            "$top" | "$skip" => {
                let n: u32 = value
                    .parse()
                    .map_err(|_| format!("`{name}={value}` is not a count"))?;
                let m = format_ident!("{}", &option[1..]);
                quote!(.#m(#n))
            }
            _ => {
                let b: bool = value
                    .parse()
                    .map_err(|_| format!("`{name}={value}` is not `true` or `false`"))?;
                quote!(.count(#b))
            }
        });
    }
    Ok(Some(quote!(graph_api::#(#home::)*#q::new() #(#calls)*)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: &str, query: &str) -> SpecFile {
        graph_spec::from_json(
            &format!(
                r#"{{"source": {{"page": "api-reference/v1.0/api/x.md", "sha256": "00"}},
                  "api_version": "v1.0", "title": "t", "summary": "s",
                  "operation": {{"binding": "widget", "name": "n", "kind": "{kind}", "method": "GET",
                    "paths": [{{"template": "/widgets"}}], {query} "response": {{"status": 200}}}}}}"#
            ),
            "x.json",
        )
        .unwrap()
    }

    #[test]
    fn options_follow_the_page_and_the_kind() {
        let named =
            r#""query": {"support": "named", "names": ["$format", "$top", "$select"], "line": 1},"#;
        assert_eq!(options(&spec("list", named)), ["$select", "$top"]);
        let general = r#""query": {"support": "general", "names": ["$search"], "line": 1},"#;
        assert_eq!(
            options(&spec("list", general)),
            [
                "$select", "$expand", "$filter", "$search", "$orderby", "$top", "$skip", "$count"
            ]
        );
        assert_eq!(
            options(&spec("get", general)),
            ["$select", "$expand", "$search"]
        );
        let none = r#""query": {"support": "none", "line": 1},"#;
        assert!(options(&spec("list", none)).is_empty());
        // Only gets and lists have a builder.
        assert!(options(&spec("function", general)).is_empty());
        assert!(options(&spec("list", "")).is_empty());
    }
}
