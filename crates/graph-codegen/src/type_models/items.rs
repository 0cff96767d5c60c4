//! The items of a version's `models.rs`: one struct per complex type (with its property-name
//! constants) and one open enum per enumeration.

use std::collections::BTreeSet;

use graph_spec::{TypeFile, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

use super::{FieldPlan, Models, RESERVED, doc_attrs, err, ident};
use crate::model_impl::model_impl;
use crate::{docs, error::CodegenError, naming};

impl<'t> Models<'t> {
    /// The `models.rs` of the version.
    pub fn models_rs(&self) -> Result<TokenStream, CodegenError> {
        let mut items = Vec::new();
        for (t, id) in self.types.values() {
            items.push(match t.kind {
                TypeKind::Enum => Self::enum_item(t, id)?,
                TypeKind::Complex | TypeKind::Entity => self.struct_item(t, id)?,
            });
        }
        items.extend(self.derived_items());
        let version = self.version.as_str();
        let doc = format!(
            " The types the {version} documentation describes on its resource pages, used by the operations' \
             request and response models."
        );
        Ok(quote! {
            #![doc = #doc]
            #(#items)*
        })
    }

    fn type_docs(t: &TypeFile) -> Vec<String> {
        let mut lines = Vec::new();
        if !t.summary.is_empty() {
            lines.push(docs::escape(&t.summary));
            lines.push(String::new());
        }
        lines.push(format!(
            "`{}`, described in `{}`.",
            docs::escape(&t.name),
            docs::escape(&t.source.page)
        ));
        lines
    }

    /// The struct of a complex or entity type, and its [`Self::property_consts`].
    fn struct_item(&self, t: &'t TypeFile, id: &str) -> Result<TokenStream, CodegenError> {
        let fields = self.field_plans(t)?;
        let item = self.struct_decl(t, id, &fields);
        let consts = Self::property_consts(id, &fields);
        Ok(quote!(#item #consts))
    }

    /// One associated constant per property, `User::DISPLAY_NAME`, for the typed query options
    /// (`$select`, `$expand`, `$orderby`): a name the model does not have does not compile.
    fn property_consts(id: &str, fields: &[FieldPlan<'_>]) -> TokenStream {
        let name = ident(id);
        let consts = fields.iter().map(|f| {
            let c = ident(&f.ident.to_ascii_uppercase());
            let wire = f.wire;
            let doc = format!(" `{}`.", docs::escape(wire));
            quote! {
                #[doc = #doc]
                pub const #c: graph_runtime::Property<#name> = graph_runtime::Property::new(#wire);
            }
        });
        quote! {
            impl #name {
                #(#consts)*
            }
        }
    }

    /// The fields of a struct: its properties (base types' first) with their Rust names and docs.
    fn field_plans(&self, t: &'t TypeFile) -> Result<Vec<FieldPlan<'t>>, CodegenError> {
        let mut fields: Vec<FieldPlan<'t>> = Vec::new();
        let mut idents = BTreeSet::from(RESERVED.map(String::from));
        for p in self.all_properties(t) {
            if p.name == "@odata.type" {
                continue;
            }
            let mut field = naming::snake(&p.name).ok_or_else(|| {
                err(
                    t,
                    &format!("property `{}`", p.name),
                    "no Rust identifier can be made of it".into(),
                )
            })?;
            // The two fields every struct has keep their names; a property named like them gets a `_`.
            if RESERVED.contains(&field.as_str()) {
                field.push('_');
            }
            // Two wire names that give one Rust name (`id` inherited, `ID` documented): the
            // first keeps it, the next is `id_2`, and its docs say why.
            let unique = naming::unique(&field, "_", &mut idents);
            let mut docs_lines = Vec::new();
            if !p.description.is_empty() {
                docs_lines.push(docs::escape(&p.description));
                docs_lines.push(String::new());
            }
            if unique != field {
                docs_lines.push(format!(
                    "Named `{unique}`: `{field}` is the field of another property whose wire name gives the same Rust name."
                ));
                docs_lines.push(String::new());
            }
            let field = unique;
            let wire_ty = docs::escape(&p.ty.to_string());
            if self.is_untyped(&p.ty) {
                docs_lines.push(format!(
                    "`{wire_ty}`: the docs do not describe this type, so the value is kept as raw JSON."
                ));
            } else {
                docs_lines.push(format!("`{wire_ty}`."));
            }
            if p.navigation {
                docs_lines.push("A relationship (navigation property).".into());
            }
            fields.push(FieldPlan {
                wire: &p.name,
                ident: field,
                ty: &p.ty,
                docs: docs_lines,
            });
        }
        Ok(fields)
    }

    fn struct_decl(&self, t: &'t TypeFile, id: &str, fields: &[FieldPlan<'t>]) -> TokenStream {
        let name = ident(id);
        let doc = doc_attrs(Self::type_docs(t));
        let decls = fields.iter().map(|f| {
            let fid = ident(&f.ident);
            let ty = self.field_type(f.ty, false);
            let doc = doc_attrs(f.docs.clone());
            quote! {
                #doc
                pub #fid: Option<#ty>,
            }
        });
        let arms: Vec<TokenStream> =
            std::iter::once(quote!("@odata.type" => property.decode(&mut self.odata_type),))
                .chain(fields.iter().map(|f| {
                    let fid = ident(&f.ident);
                    let wire = f.wire;
                    quote!(#wire => property.decode(&mut self.#fid),)
                }))
                .collect();
        let model = model_impl(&name, id, &arms);
        let writes = fields.iter().map(|f| {
            let fid = ident(&f.ident);
            let wire = f.wire;
            quote!(w.property(#wire, &self.#fid)?;)
        });
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct #name {
                /// `@odata.type`: the type of the value, when Graph names it (a derived type, or
                /// any type in a collection of several).
                pub odata_type: Option<String>,
                #(#decls)*
                /// Every other property of the JSON object (and every property sent as `null`),
                /// so that a round trip loses nothing.
                pub additional_properties: serde_json::Map<String, serde_json::Value>,
            }

            #model

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    graph_runtime::model::deserialize(deserializer)
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    let mut w = graph_runtime::model::Writer::new(serializer)?;
                    w.property("@odata.type", &self.odata_type)?;
                    #(#writes)*
                    w.end(&self.additional_properties)
                }
            }
        }
    }

    fn enum_item(t: &TypeFile, id: &str) -> Result<TokenStream, CodegenError> {
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
