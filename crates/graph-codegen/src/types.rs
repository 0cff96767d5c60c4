//! EDM types to Rust types, and documented JSON values to Rust expressions of those types.

use graph_spec::{EdmType, Primitive};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The Rust type of a spec type, as used in generated models.
///
/// Named Graph types that no spec describes become `serde_json::Value`: nothing is dropped, and the
/// field's docs say so ([`is_untyped`]).
pub fn rust_type(ty: &EdmType) -> TokenStream {
    match ty {
        EdmType::Primitive(p) => primitive(*p),
        EdmType::Named(_) => quote!(serde_json::Value),
        EdmType::Collection(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double => quote!(f64),
        Primitive::Guid => quote!(graph_runtime::edm::Guid),
        Primitive::DateTimeOffset => quote!(graph_runtime::edm::DateTimeOffset),
        Primitive::Date => quote!(graph_runtime::edm::Date),
        // No lossless std type: kept as their documented text form.
        Primitive::Decimal
        | Primitive::Duration
        | Primitive::TimeOfDay
        | Primitive::Binary
        | Primitive::Stream => quote!(String),
    }
}

/// Whether values of this type are kept as raw JSON because no spec describes the named type.
pub fn is_untyped(ty: &EdmType) -> bool {
    match ty {
        EdmType::Named(_) => true,
        EdmType::Collection(inner) => is_untyped(inner),
        EdmType::Primitive(_) => false,
    }
}

/// A Rust expression of type [`rust_type`]`(ty)` that holds `value`, for doc examples.
/// `None` when the value does not fit the type or the type has no simple literal form.
pub fn value_expr(ty: &EdmType, value: &Value) -> Option<TokenStream> {
    match (ty, value) {
        (EdmType::Collection(inner), Value::Array(items)) => {
            let items = items
                .iter()
                .map(|v| value_expr(inner, v))
                .collect::<Option<Vec<_>>>()?;
            Some(quote!(vec![#(#items),*]))
        }
        (EdmType::Primitive(Primitive::String), Value::String(s)) => Some(quote!(#s.to_string())),
        (EdmType::Primitive(Primitive::Boolean), Value::Bool(b)) => Some(quote!(#b)),
        (EdmType::Primitive(Primitive::Int32), Value::Number(n)) => {
            let n = i32::try_from(n.as_i64()?).ok()?;
            Some(quote!(#n))
        }
        (EdmType::Primitive(Primitive::Int64), Value::Number(n)) => {
            let n = n.as_i64()?;
            Some(quote!(#n))
        }
        (EdmType::Primitive(Primitive::Double), Value::Number(n)) => {
            let n = n.as_f64()?;
            Some(quote!(#n))
        }
        _ => None,
    }
}
