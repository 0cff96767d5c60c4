//! The request, response and object model types of an operation.

use graph_spec::{EdmType, Parameter};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::shared::{
    Returns, doc_lines, header_field, ident, request_type, response_type, returns,
};
use crate::model_impl::model_impl;
use crate::tree::Action;
use crate::type_models::Models;
use crate::{docs, error::CodegenError, naming};

/// The Rust field of one body parameter: its type, with `Option` and serde attributes as needed.
struct Field {
    name: Ident,
    wire: String,
    /// The type without `Option`.
    inner: TokenStream,
    optional: bool,
    docs: TokenStream,
}

impl Field {
    fn ty(&self) -> TokenStream {
        let inner = &self.inner;
        if self.optional {
            quote!(Option<#inner>)
        } else {
            quote!(#inner)
        }
    }
}

/// The Rust type name of an object parameter whose properties the page describes.
fn object_type_name(p: &Parameter) -> Option<String> {
    naming::pascal(&p.name)
}

fn field(
    action: &Action<'_>,
    types: &Models<'_>,
    at: &str,
    p: &Parameter,
) -> Result<Field, CodegenError> {
    let name = naming::snake(&p.name).ok_or_else(|| CodegenError {
        file: action.file.to_string(),
        path: format!("{at}.name"),
        message: format!("parameter `{}` has no Rust name", p.name),
    })?;
    let optional = p.required == Some(false);
    let described = !p.properties.is_empty();
    let inner = match object_type_name(p) {
        Some(t) if described => {
            let t = ident(&t);
            quote!(#t)
        }
        _ => types.rust_type(&p.ty),
    };
    let mut lines = Vec::new();
    let description = docs::escape(&p.description);
    if !description.trim().is_empty() {
        lines.push(description);
        lines.push(String::new());
    }
    lines.push(format!(
        "Wire name `{}`, type `{}`{}.",
        docs::escape(&p.name),
        p.ty,
        if optional {
            ", optional: omitted from the body when `None`"
        } else {
            ""
        }
    ));
    if types.is_untyped(&p.ty) && !described {
        lines.push(String::new());
        lines.push(format!(
            "No available page describes `{}`, so the value is kept as raw JSON: nothing is dropped.",
            p.ty
        ));
    }
    Ok(Field {
        name: ident(&name),
        wire: p.name.clone(),
        inner,
        optional,
        docs: doc_lines(lines),
    })
}

pub(super) fn request_model(
    action: &Action<'_>,
    types: &Models<'_>,
) -> Result<TokenStream, CodegenError> {
    let doc = format!(
        " Request body of `{}` (`{}`).",
        docs::escape(&action.spec.title),
        action.file
    );
    if let Some(ty) = action.spec.operation.entity_body() {
        // A create or an update sends the entity itself: the request type is the model.
        let name = request_type(action);
        let rust = types.rust_type(ty);
        let doc = format!("{doc} The body is a `{}`.", docs::escape(&ty.to_string()));
        return Ok(quote! {
            #[doc = #doc]
            pub type #name = #rust;
        });
    }
    let Some(params) = action
        .spec
        .operation
        .request_body
        .as_ref()
        .filter(|_| action.spec.operation.has_body())
    else {
        return Ok(quote!());
    };
    object_model(
        action,
        types,
        &request_type(action),
        &doc,
        params,
        "operation.request_body",
    )
}

/// A struct for a JSON object with these parameters, plus the structs of its described object
/// properties (`passwordCredential` with its `displayName`, ...), recursively.
fn object_model(
    action: &Action<'_>,
    types: &Models<'_>,
    name: &Ident,
    doc: &str,
    params: &[Parameter],
    at: &str,
) -> Result<TokenStream, CodegenError> {
    let fields = params
        .iter()
        .enumerate()
        .map(|(i, p)| field(action, types, &format!("{at}[{i}]"), p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut seen = std::collections::BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        let key = f.name.to_string();
        let err = |message: String| CodegenError {
            file: action.file.to_string(),
            path: format!("{at}[{i}].name"),
            message,
        };
        if key == "additional_properties" {
            return Err(err(
                "`additional_properties` is reserved for undocumented fields".into(),
            ));
        }
        if let Some(other) = seen.insert(key.clone(), &f.wire) {
            return Err(err(format!(
                "wire names `{other}` and `{}` both map to the Rust field `{key}`",
                f.wire
            )));
        }
    }
    let mut nested = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if p.properties.is_empty() {
            continue;
        }
        let Some(type_name) = object_type_name(p) else {
            continue;
        };
        let doc = format!(
            " The `{}` object (`{}`) of `{}`.",
            docs::escape(&p.name),
            p.ty,
            docs::escape(&action.spec.title)
        );
        nested.push(object_model(
            action,
            types,
            &ident(&type_name),
            &doc,
            &p.properties,
            &format!("{at}[{i}].properties"),
        )?);
    }
    let defs = fields.iter().map(|f| {
        let Field { name, docs, .. } = f;
        let ty = f.ty();
        quote! {
            #docs
            pub #name: #ty,
        }
    });
    let required: Vec<&Field> = fields.iter().filter(|f| !f.optional).collect();
    let args = required.iter().map(|f| {
        let name = &f.name;
        let ty = f.ty();
        quote!(#name: #ty)
    });
    let inits = fields.iter().map(|f| {
        let name = &f.name;
        if f.optional {
            quote!(#name: None)
        } else {
            quote!(#name)
        }
    });
    let setters = fields.iter().filter(|f| f.optional).map(|f| {
        let Field {
            name, wire, inner, ..
        } = f;
        let setter = format_ident!("with_{}", name.to_string().trim_matches('_'));
        let doc = format!(" Sets `{}`.", docs::escape(wire));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #inner) -> Self {
                self.#name = Some(value);
                self
            }
        }
    });
    let default_impl = required.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let serde_impls = object_serde(name, &fields);
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#defs)*
            /// Properties the documentation does not describe, kept so that a round trip loses nothing.
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }

        #serde_impls

        impl #name {
            /// A value with the given fields and no optional ones.
            pub fn new(#(#args),*) -> Self {
                Self {
                    #(#inits,)*
                    additional_properties: serde_json::Map::new(),
                }
            }

            #(#setters)*
        }

        #default_impl

        #(#nested)*
    })
}

/// `Serialize` and `Deserialize` of an object model, through `graph_runtime::model` (no serde
/// derive, so that a downstream build compiles no proc macro). The body is read in one pass into
/// a local struct of `Option`s, and the required properties are then taken out of it.
fn object_serde(name: &Ident, fields: &[Field]) -> TokenStream {
    let (mut writes, mut slots, mut arms, mut takes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for Field {
        name,
        wire,
        inner,
        optional,
        ..
    } in fields
    {
        // An optional property is skipped when `None` and read as `Option<T>`; a required one is
        // always written and read as a `T`, then taken out of its slot.
        let (write, decode) = if *optional {
            (format_ident!("property"), format_ident!("decode"))
        } else {
            (format_ident!("required"), format_ident!("decode_required"))
        };
        writes.push(quote!(w.#write(#wire, &self.#name)?;));
        slots.push(quote!(#name: Option<#inner>,));
        arms.push(quote!(#wire => property.#decode(&mut self.#name),));
        takes.push(if *optional {
            quote!(#name: fields.#name,)
        } else {
            quote!(#name: graph_runtime::model::required(fields.#name, #wire)?,)
        });
    }
    let type_name = name.to_string();
    // Named after the type, so that it cannot shadow a field's own type (`fields: Option<Fields>`).
    let read = format_ident!("{name}Fields");
    let model = model_impl(&read, &type_name, &arms);
    let w = writer_binding(!fields.is_empty());
    let serialize = quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #w = graph_runtime::model::Writer::new(serializer)?;
                #(#writes)*
                w.end(&self.additional_properties)
            }
        }
    };
    if fields.is_empty() {
        // No documented property: the body is its `additional_properties`.
        return quote! {
            #serialize

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let additional_properties = serde::Deserialize::deserialize(deserializer)?;
                    Ok(Self { additional_properties })
                }
            }
        };
    }
    quote! {
        #serialize

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// The body as read: every property optional until the required ones are checked.
                #[derive(Default)]
                struct #read {
                    #(#slots)*
                    additional_properties: serde_json::Map<String, serde_json::Value>,
                }

                #model

                let fields: #read = graph_runtime::model::deserialize(deserializer)?;
                Ok(Self {
                    #(#takes)*
                    additional_properties: fields.additional_properties,
                })
            }
        }
    }
}

/// The `Writer`'s binding: `mut w` when properties are written through it, else `w`.
fn writer_binding(writes: bool) -> TokenStream {
    if writes { quote!(mut w) } else { quote!(w) }
}

/// The response type: OData wraps a primitive or a collection in `{"value": ...}`; other types are
/// raw JSON until a spec describes them.
pub(super) fn response_model(action: &Action<'_>, types: &Models<'_>) -> TokenStream {
    let resp = response_type(action);
    let ty = match returns(action.spec) {
        // A redirect is `graph_runtime::Redirect`, a stream `Vec<u8>`: no type of their own.
        Returns::Unit | Returns::Redirect | Returns::Bytes | Returns::Count | Returns::Json => {
            return quote!();
        }
        Returns::Typed(ty) | Returns::TypedOrEmpty(ty) => ty,
        Returns::Headers(headers) => {
            let doc = format!(
                " What `{}` answers: no body, only headers.",
                docs::escape(&action.spec.title)
            );
            let fields = headers.iter().map(|h| {
                let f = header_field(h);
                let doc = format!(
                    " The `{}` response header, if Graph sent one.",
                    docs::escape(h)
                );
                quote! {
                    #[doc = #doc]
                    pub #f: Option<String>,
                }
            });
            // Named by their Rust fields, each written (`null` when absent), as serde's derive did.
            let writes = headers.iter().map(|h| {
                let f = header_field(h);
                let key = f.to_string();
                quote!(w.required(#key, &self.#f)?;)
            });
            let w = writer_binding(!headers.is_empty());
            return quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq, Eq)]
                pub struct #resp {
                    #(#fields)*
                }

                impl serde::Serialize for #resp {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        let #w = graph_runtime::model::Writer::new(serializer)?;
                        #(#writes)*
                        w.finish()
                    }
                }
            };
        }
    };
    let doc = format!(
        " Response body of `{}`: `{ty}`.",
        docs::escape(&action.spec.title)
    );
    if matches!(ty, EdmType::Named(_)) && !types.is_untyped(ty) {
        // A described entity or complex type is the body itself, not wrapped in `value`.
        let rust = types.rust_type(ty);
        return quote! {
            #[doc = #doc]
            pub type #resp = #rust;
        };
    }
    if types.is_untyped(ty) {
        let note = format!(
            " No available page describes `{ty}`, so the body is kept as raw JSON: nothing is dropped."
        );
        return quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #note]
            pub type #resp = serde_json::Value;
        };
    }
    let rust = types.rust_type(ty);
    quote! {
        #[doc = #doc]
        pub type #resp = graph_runtime::Wrapped<#rust>;
    }
}
