//! The call chain of a binding as a documented example writes it (`client.v1().users().item(..)`),
//! and the example values that fill it.

use graph_spec::ApiVersion;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::shared::ident;
use crate::naming;
use crate::tree::{Action, Node, Segment, param_accessor};

/// The navigation calls from a client to `node`: `.beta().users().by_id("..")`, with `values`
/// for the path parameters in order (a placeholder such as `"<id>"` where a value is missing).
pub fn call_chain(node: &Node<'_>, values: &[Option<String>]) -> TokenStream {
    let root = ident(&node.module_path[0]);
    let mut values = values.iter().cloned();
    let steps = node.segments.iter().map(|seg| match seg {
        Segment::Literal(name) => {
            let m = ident(&naming::snake(name).unwrap_or_default());
            quote!(.#m())
        }
        Segment::Key {
            collection, key, ..
        } => {
            let m = format_ident!(
                "{}_by_{}",
                naming::snake(collection).unwrap_or_default(),
                naming::snake(key).unwrap_or_default()
            );
            let v = values
                .next()
                .flatten()
                .unwrap_or_else(|| format!("<{key}>"));
            quote!(.#m(#v))
        }
        Segment::Param { name, .. } => {
            let m = ident(&param_accessor(name));
            let v = values
                .next()
                .flatten()
                .unwrap_or_else(|| format!("<{name}>"));
            quote!(.#m(#v))
        }
        Segment::ItemPath { base, name } => {
            let m = ident(
                &crate::path_calls::item_path_names(base)
                    .map(|n| n.1)
                    .unwrap_or_default(),
            );
            let v = values
                .next()
                .flatten()
                .unwrap_or_else(|| format!("<{name}>"));
            quote!(.#m(#v))
        }
        Segment::Call { name, args } => {
            let m = ident(&naming::snake(name).unwrap_or_default());
            let mine: Vec<Option<String>> = args.iter().map(|_| values.next().flatten()).collect();
            // A mid-path argument is never an enum: no models path is needed.
            let vs = super::functions::example_args(args, Some(&mine), &TokenStream::new(), false);
            quote!(.#m(#(#vs),*))
        }
    });
    quote!(.#root() #(#steps)*)
}

/// The values of the first example that calls this binding's path, if any: the path parameters,
/// then the function call's arguments.
pub(super) fn example_values(
    version: ApiVersion,
    action: &Action<'_>,
) -> Option<crate::path_calls::ExampleValues> {
    action
        .spec
        .examples
        .iter()
        .find_map(|e| example_match(version, action, &e.request.url))
}

/// The path parameter values in `url` (whole-segment placeholders and alternate keys, in order)
/// and the function call's argument values, if `url` calls `action`'s documented path.
pub fn example_match(
    version: ApiVersion,
    action: &Action<'_>,
    url: &str,
) -> Option<crate::path_calls::ExampleValues> {
    crate::path_calls::match_template(&action.template, version.path_below(url))
}
