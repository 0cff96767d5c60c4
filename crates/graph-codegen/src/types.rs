//! EDM types to Rust types, and documented JSON values to Rust expressions of those types.

use graph_spec::{EdmType, Primitive};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The Rust type of a spec type, as used in generated models.
///
/// Named types become `serde_json::Value` here: the operations' models resolve the ones a type file
/// describes through `type_models::Models::rust_type`, which calls this for everything else.
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

/// Why `value` cannot be held by the Rust type of `ty`, or `None` when it can. `optional` lets
/// `null` through. Used to tell a documented example that cannot work (a placeholder such as
/// `"onBehalfOfUserId-value"` for an `Edm.Guid`) from a generator bug.
pub fn misfit(ty: &EdmType, value: &Value, optional: bool) -> Option<String> {
    let fits = |ok: bool| (!ok).then(|| format!("`{value}` is not a valid `{ty}`"));
    match (ty, value) {
        (_, Value::Null) => fits(optional),
        (EdmType::Named(_), _) => None,
        (EdmType::Collection(inner), Value::Array(items)) => {
            items.iter().find_map(|v| misfit(inner, v, false))
        }
        (EdmType::Collection(_), _) => fits(false),
        (EdmType::Primitive(p), v) => fits(primitive_fits(*p, v)),
    }
}

fn primitive_fits(p: Primitive, v: &Value) -> bool {
    let int_in = |lo: i64, hi: i64| v.as_i64().is_some_and(|n| (lo..=hi).contains(&n));
    match p {
        Primitive::Boolean => v.is_boolean(),
        Primitive::Byte => int_in(0, 255),
        Primitive::SByte => int_in(-128, 127),
        Primitive::Int16 => int_in(i16::MIN.into(), i16::MAX.into()),
        Primitive::Int32 => int_in(i32::MIN.into(), i32::MAX.into()),
        Primitive::Int64 => v.is_i64(),
        Primitive::Single | Primitive::Double => v.is_number(),
        Primitive::Guid | Primitive::Date | Primitive::DateTimeOffset => {
            v.as_str().is_some_and(|s| p.is_literal(s))
        }
        Primitive::String
        | Primitive::Decimal
        | Primitive::Duration
        | Primitive::TimeOfDay
        | Primitive::Binary
        | Primitive::Stream => v.is_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ty(s: &str) -> EdmType {
        s.parse().unwrap()
    }

    #[test]
    fn documented_placeholders_do_not_fit_typed_parameters() {
        assert!(misfit(&ty("Edm.Guid"), &json!("onBehalfOfUserId-value"), false).is_some());
        assert!(
            misfit(
                &ty("Edm.Guid"),
                &json!("5a0c76d2-cb57-4ece-9bc1-c323178f116a"),
                false
            )
            .is_none()
        );
        assert!(
            misfit(
                &ty("Edm.DateTimeOffset"),
                &json!("2024-01-01T00:00:00Z"),
                false
            )
            .is_none()
        );
        assert!(
            misfit(
                &ty("Edm.DateTimeOffset"),
                &json!("2024-01-01T00:00:00.5+02:00"),
                false
            )
            .is_none()
        );
        assert!(misfit(&ty("Edm.DateTimeOffset"), &json!("yesterday"), false).is_some());
        assert!(misfit(&ty("Edm.Int32"), &json!(4_000_000_000u64), false).is_some());
        assert!(misfit(&ty("Collection(Edm.String)"), &json!(["a", 1]), false).is_some());
        assert!(misfit(&ty("Collection(Edm.String)"), &json!(["a", "b"]), false).is_none());
        assert!(misfit(&ty("microsoft.graph.x"), &json!({"a": 1}), false).is_none());
        assert!(misfit(&ty("Edm.String"), &json!(null), true).is_none());
        assert!(misfit(&ty("Edm.String"), &json!(null), false).is_some());
    }
}
