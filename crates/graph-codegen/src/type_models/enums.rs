//! Enumerations: a variant per documented member and `Undocumented(String)` for any other
//! string (see the parent module's docs).

use std::collections::BTreeSet;

use graph_spec::TypeFile;
use proc_macro2::TokenStream;
use quote::quote;

use super::{Models, doc_attrs, err, ident};
use crate::{CodegenError, docs, naming};

impl Models<'_> {
    pub(super) fn enum_item(t: &TypeFile, id: &str) -> Result<TokenStream, CodegenError> {
        let name = ident(id);
        let mut variants = Vec::new();
        let mut used = BTreeSet::from(["Undocumented".to_string()]);
        for m in &t.members {
            let at = format!("member `{}`", m.name);
            let v = naming::pascal(&m.name)
                .ok_or_else(|| err(t, &at, "no Rust identifier can be made of it".into()))?;
            // Two members that give one Rust name (`none`, `None`): the first keeps it.
            let unique = naming::unique(&v, "", &mut used);
            let mut lines = Vec::new();
            if !m.description.is_empty() {
                lines.push(docs::escape(&m.description));
                lines.push(String::new());
            }
            if unique != v {
                lines.push(format!(
                    "Named `{unique}`: `{v}` is the variant of another member whose wire name gives the same Rust name."
                ));
                lines.push(String::new());
            }
            let v = unique;
            lines.push(format!("`{}` on the wire.", docs::escape(&m.name)));
            variants.push((ident(&v), m.name.as_str(), doc_attrs(lines)));
        }
        let doc = doc_attrs(Self::type_docs(t));
        let decls = variants.iter().map(|(v, _, d)| quote!(#d #v,));
        let to_str = variants.iter().map(|(v, w, _)| quote!(Self::#v => #w,));
        let from_str = variants.iter().map(|(v, w, _)| quote!(#w => Self::#v,));
        Ok(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#decls)*
                /// A member the docs do not list (Graph adds members behind `unknownFutureValue`),
                /// kept as sent.
                Undocumented(String),
            }

            impl #name {
                /// The member as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::Undocumented(other) => other,
                    }
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    match value.as_str() {
                        #(#from_str)*
                        _ => Self::Undocumented(value),
                    }
                }
            }

            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self::from(value.to_string())
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            /// Sent in a URL as a quoted OData literal (`'member'`), as a function argument.
            impl graph_runtime::ToLiteral for #name {
                fn to_literal(&self) -> graph_runtime::Literal {
                    graph_runtime::Literal::enum_member(self.as_str())
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        })
    }
}
