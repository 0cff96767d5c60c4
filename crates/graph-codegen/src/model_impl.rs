//! The `graph_runtime::model::Model` impl of a generated struct: one `match` arm per property,
//! written the same way for the type models and for an operation's request body.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl graph_runtime::model::Model for #ty`, named `name` in error messages, that decodes each
/// property by `arms` (`"wire" => property.decode(&mut self.field),`) and keeps any other in
/// `self.additional_properties`.
pub(crate) fn model_impl(ty: &Ident, name: &str, arms: &[TokenStream]) -> TokenStream {
    quote! {
        impl graph_runtime::model::Model for #ty {
            const NAME: &'static str = #name;

            fn decode_property<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                property: graph_runtime::model::Property<'_, 'de, A>,
            ) -> Result<(), A::Error> {
                match property.key() {
                    #(#arms)*
                    _ => property.keep(),
                }
            }

            fn additional_properties_mut(
                &mut self,
            ) -> &mut serde_json::Map<String, serde_json::Value> {
                &mut self.additional_properties
            }
        }
    }
}
