//! Function calls in a path, wherever they stand (see `crate::fn_args`): typing a call that ends
//! the path (`getX(period='{period_value}')`, `delta()`) from the page's function parameters, and
//! for every call, its arguments' Rust types, the `RequestPath` step that sends them as OData
//! literals, the enums of enum-typed parameters, and example values for docs and conformance tests.

use graph_spec::{EdmType, EnumType, Primitive};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::fn_args::{ArgKind, FnArg, arg_ident};
use crate::tree::Action;
use crate::type_models::Models;
use crate::{docs, error::CodegenError, naming};

/// The arguments of `action`'s function call, typed from the page's function parameters (an enum
/// when the docs list its members), else from the template's quoting. Empty for a plain action.
pub(crate) fn function_args(action: &Action<'_>) -> Result<Vec<FnArg>, CodegenError> {
    let Some(call) = &action.call else {
        return Ok(Vec::new());
    };
    let spec = action.spec;
    let err = |message: String| CodegenError {
        file: action.file.to_string(),
        path: "operation.function_parameters".into(),
        message,
    };
    let mut out: Vec<FnArg> = Vec::new();
    let bare_path = spec.operation.paths.iter().any(|p| {
        p.template
            .rsplit('/')
            .next()
            .is_some_and(|last| last == call.name)
    });
    for arg in &call.args {
        let Some(wire) = &arg.name else {
            return Err(err(format!(
                "function `{}` has a positional argument: only named parameters are generated",
                call.name
            )));
        };
        let doc = spec
            .operation
            .function_parameters
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(wire));
        let kind = match doc.map(|p| &p.ty) {
            None if arg.quoted => ArgKind::Str,
            None => {
                return Err(err(format!(
                    "parameter `{wire}` of `{}` is unquoted in the template and not documented: its type is unknown",
                    call.name
                )));
            }
            Some(EdmType::Primitive(Primitive::String)) => ArgKind::Str,
            Some(EdmType::Primitive(
                p @ (Primitive::Boolean
                | Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Guid
                | Primitive::DateTimeOffset
                | Primitive::Date),
            )) => ArgKind::Value(*p),
            Some(EdmType::Named(name)) => match spec.enums.iter().find(|e| &e.name == name) {
                Some(e) => ArgKind::Enum(e.clone()),
                None if arg.quoted => ArgKind::Str,
                None => {
                    return Err(err(format!(
                        "parameter `{wire}` of `{}` has type `{name}`, which is neither an enum the docs list nor quoted",
                        call.name
                    )));
                }
            },
            Some(other) => {
                return Err(err(format!(
                    "parameter `{wire}` of `{}` has type `{other}`, which has no URL literal here",
                    call.name
                )));
            }
        };
        let ident = arg_ident(wire, &out, &["body", "server", "config"]);
        out.push(FnArg {
            wire: wire.clone(),
            type_prefix: arg.type_prefix.clone(),
            ident,
            kind,
            description: doc.map(|p| p.description.clone()),
            optional: !bare_path && doc.is_some_and(|p| p.required == Some(false)),
        });
    }
    Ok(out)
}

/// The Rust name of a generated enum (`microsoft.graph.timeZoneStandard` -> `TimeZoneStandard`).
pub(crate) fn enum_ident(e: &EnumType) -> Ident {
    let short = e.name.rsplit('.').next().unwrap_or(&e.name);
    format_ident!(
        "{}",
        naming::pascal(short).unwrap_or_else(|| "Value".into())
    )
}

/// The parameter list: `period: &str, zone: TimeZoneStandard,` (`models` prefixes enum types).
pub(crate) fn params(args: &[FnArg], models: &TokenStream) -> TokenStream {
    let ps = args.iter().map(|a| {
        let id = a.rust_ident();
        let ty = arg_type(a, models, quote!(&str));
        quote!(#id: #ty,)
    });
    quote!(#(#ps)*)
}

/// The Rust type of argument `a`: `text` for a string (`&str`, or `&'a str` in a struct), the
/// enum after `models`, else the EDM type's; in an `Option` when the argument is optional.
pub(crate) fn arg_type(a: &FnArg, models: &TokenStream, text: TokenStream) -> TokenStream {
    let ty = match &a.kind {
        ArgKind::Str => text,
        ArgKind::Enum(e) => {
            let t = enum_ident(e);
            quote!(#models #t)
        }
        ArgKind::Value(p) => crate::types::rust_type(&EdmType::Primitive(*p)),
    };
    if a.optional { quote!(Option<#ty>) } else { ty }
}

/// Where a function call stands in a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallAt {
    /// In the middle (`getAllTranscripts(..)/delta`): the step of a navigation method.
    Mid,
    /// At the end: the step of the binding itself.
    End,
}

/// The `RequestPath` step that sends the call `name` with `args`, whose values are the Rust
/// arguments `idents` (in order; a mock may rename them): `.function("name", &[("p", literal),
/// ..])`, or `.function_opt(..)`, which leaves a `None` out of the call, when an argument may be
/// left out. Mid-path, the step is always `.function_opt`, and an optional value is mapped by
/// the literal's function (`.map(graph_runtime::Literal::string)`) rather than a closure: the two
/// positions were generated apart before they shared this function, and the generated crate
/// keeps its exact text.
pub(crate) fn call_step(name: &str, args: &[FnArg], idents: &[Ident], at: CallAt) -> TokenStream {
    if at == CallAt::End && !args.iter().any(|a| a.optional) {
        let pairs = args.iter().zip(idents).map(|(a, id)| {
            let wire = &a.wire;
            let lit = literal(a, id);
            quote!((#wire, #lit))
        });
        return quote!(.function(#name, &[#(#pairs),*]));
    }
    let pairs = args.iter().zip(idents).map(|(a, id)| {
        let wire = &a.wire;
        let value = match (a.optional, at) {
            (false, _) => {
                let lit = literal(a, id);
                quote!(Some(#lit))
            }
            (true, CallAt::End) => {
                let v = format_ident!("v");
                let lit = literal(a, &v);
                quote!(#id.as_ref().map(|#v| #lit))
            }
            (true, CallAt::Mid) => match a.kind {
                ArgKind::Str => quote!(#id.map(graph_runtime::Literal::string)),
                _ => quote!(#id.as_ref().map(graph_runtime::Literal::from)),
            },
        };
        quote!((#wire, #value))
    });
    quote!(.function_opt(#name, &[#(#pairs),*]))
}

/// The Rust argument names of a call's arguments (`start_date_time`).
pub(crate) fn idents(args: &[FnArg]) -> Vec<Ident> {
    args.iter().map(FnArg::rust_ident).collect()
}

/// The literal of argument `a` whose value is `id` (a reference for an optional argument's
/// `Some` value).
fn literal(a: &FnArg, id: &Ident) -> TokenStream {
    match (&a.kind, &a.type_prefix) {
        (ArgKind::Enum(_), Some(prefix)) => {
            quote!(graph_runtime::Literal::qualified_enum_member(#prefix, #id.as_str()))
        }
        (ArgKind::Str, Some(prefix)) => {
            quote!(graph_runtime::Literal::qualified_enum_member(#prefix, #id))
        }
        (ArgKind::Str, None) => quote!(graph_runtime::Literal::string(#id)),
        _ => quote!(graph_runtime::Literal::from(&#id)),
    }
}

/// Doc lines describing the arguments.
pub(crate) fn arg_docs(args: &[FnArg]) -> Vec<String> {
    if args.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["# Function parameters".to_string(), String::new()];
    for a in args {
        let what = a
            .description
            .as_deref()
            .map(docs::escape)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "Not described on the page.".into());
        let optional = if a.optional {
            " Optional: `None` leaves it out of the call."
        } else {
            ""
        };
        if a.ident == a.wire {
            lines.push(format!("- `{}`: {what}{optional}", a.ident));
        } else {
            lines.push(format!(
                "- `{}` (`{}` on the wire): {what}{optional}",
                a.ident, a.wire
            ));
        }
    }
    lines.push(String::new());
    lines.push(
        "Each value is sent as an OData URL literal (strings quoted with `'` doubled, then percent-encoded), so no value can change the path.".into(),
    );
    lines
}

/// Expressions for the arguments from an example's values (`"D7"`, `Zone::Iana`, `3`), or
/// placeholders where a value is missing or does not fit. `models` prefixes enum types.
///
/// `exact` (conformance replays) sends an enum value that is no member exactly as the example
/// writes it (`Undocumented`); otherwise (doc examples) the nearest member, or the first, is shown.
pub(crate) fn example_args(
    args: &[FnArg],
    values: Option<&[Option<String>]>,
    models: &TokenStream,
    exact: bool,
) -> Vec<TokenStream> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            let value = values.and_then(|v| v.get(i)).and_then(Option::as_ref);
            if a.optional && value.is_none() {
                return quote!(None);
            }
            let expr = match &a.kind {
                ArgKind::Str => {
                    let v = value.cloned().unwrap_or_else(|| format!("<{}>", a.wire));
                    quote!(#v)
                }
                ArgKind::Enum(e) => {
                    let t = enum_ident(e);
                    // A value that is no member exactly (`Iana` where the docs list `iana`) is
                    // sent as the example writes it.
                    let member = match value {
                        Some(v) if exact => e.members.iter().find(|m| &m.name == v),
                        Some(v) => e
                            .members
                            .iter()
                            .find(|m| m.name.eq_ignore_ascii_case(v))
                            .or(e.members.first()),
                        None => e.members.first(),
                    };
                    match member.and_then(|m| naming::pascal(&m.name)) {
                        Some(m) => {
                            let m = format_ident!("{m}");
                            quote!(#models #t::#m)
                        }
                        None => {
                            let v = value.cloned().unwrap_or_default();
                            quote!(#models #t::Undocumented(#v.to_string()))
                        }
                    }
                }
                ArgKind::Value(p) => {
                    let ty = crate::types::rust_type(&EdmType::Primitive(*p));
                    let v = value.cloned().unwrap_or_else(|| default_text(*p).into());
                    quote!(#v.parse::<#ty>().expect("a documented value"))
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

/// The text of a value of `p` for a doc example when the docs give none.
fn default_text(p: Primitive) -> &'static str {
    match p {
        Primitive::Boolean => "true",
        Primitive::Guid => "00000000-0000-0000-0000-000000000000",
        Primitive::DateTimeOffset => "2024-01-01T00:00:00Z",
        Primitive::Date => "2024-01-01",
        _ => "0",
    }
}

/// The enums of the page's enum-typed function parameters (once, with the operation's models, for
/// every binding of the page): a re-export of the version's models enum when a type file describes
/// it (one type for the parameter and for the properties of that enumeration), else an enum of
/// the same shape defined here.
pub(crate) fn enum_defs(
    action: &Action<'_>,
    types: &Models<'_>,
) -> Result<Vec<TokenStream>, CodegenError> {
    let spec = action.spec;
    let mut seen = Vec::new();
    let mut out = Vec::new();
    let enums = spec
        .operation
        .function_parameters
        .iter()
        .filter_map(|p| match &p.ty {
            EdmType::Named(name) => spec.enums.iter().find(|e| &e.name == name),
            _ => None,
        });
    for e in enums {
        if seen.contains(&e.name) {
            continue;
        }
        seen.push(e.name.clone());
        match types.enum_path(&e.name, e.members.iter().map(|m| m.name.as_str())) {
            Some(path) => {
                let doc = format!(
                    " `{}`, the type of the function parameter (the version's models enum).",
                    docs::escape(&e.name)
                );
                out.push(quote!(#[doc = #doc] pub use #path;));
            }
            None => out.push(enum_def(action, e)?),
        }
    }
    Ok(out)
}

fn enum_def(action: &Action<'_>, e: &EnumType) -> Result<TokenStream, CodegenError> {
    let t = enum_ident(e);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut parse = Vec::new();
    let mut names: Vec<String> = vec!["Undocumented".into()];
    for m in &e.members {
        let Some(v) = naming::pascal(&m.name) else {
            continue;
        };
        if names.contains(&v) {
            return Err(CodegenError {
                file: action.file.to_string(),
                path: "enums".into(),
                message: format!(
                    "enum `{}`: member `{}` gives the Rust variant `{v}` twice",
                    e.name, m.name
                ),
            });
        }
        names.push(v.clone());
        let v = format_ident!("{v}");
        let wire = &m.name;
        let doc = if m.description.is_empty() {
            format!(" `{}`.", docs::escape(wire))
        } else {
            format!(
                " `{}`: {}",
                docs::escape(wire),
                docs::escape(&m.description)
            )
        };
        variants.push(quote!(#[doc = #doc] #v,));
        arms.push(quote!(Self::#v => #wire,));
        parse.push(quote!(#wire => Self::#v,));
    }
    let doc = format!(
        " `{}`, as the docs list it (from `{}`).",
        docs::escape(&e.name),
        docs::escape(&e.source)
    );
    Ok(quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = " Sent as a quoted OData literal (`'member'`). `Undocumented` carries a member this crate does not know yet."]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #t {
            #(#variants)*
            /// A member the docs did not list when this crate was generated, sent as it is.
            Undocumented(String),
        }

        impl #t {
            /// The member as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::Undocumented(other) => other,
                }
            }
        }

        impl From<&str> for #t {
            fn from(member: &str) -> Self {
                match member {
                    #(#parse)*
                    other => Self::Undocumented(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for #t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl graph_runtime::ToLiteral for #t {
            fn to_literal(&self) -> graph_runtime::Literal {
                graph_runtime::Literal::enum_member(self.as_str())
            }
        }
    })
}
