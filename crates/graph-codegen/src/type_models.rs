//! Type files to Rust: one `models` module per API version, with a struct per complex or entity
//! type and an enum per enumeration.
//!
//! - Every property is an `Option` skipped when `None` (Graph omits properties freely); a collection
//!   is `Option<Vec<T>>`, so that an absent collection and `[]` stay apart.
//! - A struct carries its base types' properties (a flattened copy, nearest base last), `@odata.type`
//!   as `odata_type`, and `additional_properties` for everything else, so that a round trip loses
//!   nothing. A property sent as `null` reads as `None` and is kept in `additional_properties` as
//!   `null`, so that it is written back as it came.
//! - A struct deserializes in one pass through `graph_runtime::model`: its `Model` impl is a
//!   `match` from wire name to field, one line per property; the runtime's visitor reads each key
//!   once and decodes the value in place (no intermediate `serde_json::Map`). Its `Serialize` is
//!   one line per property too (a `graph_runtime::model::Writer` skips the unset ones), then
//!   `additional_properties`.
//! - An enum has a variant per documented member (serialized as the member's wire name) and
//!   `Undocumented(String)` for any other string, so that a member added behind
//!   `unknownFutureValue` never fails to deserialize. (`Unknown` is not used for the catch-all: many
//!   Graph enums document a member `unknown`.) It is also the type of a function parameter of that
//!   enumeration (it is a `graph_runtime::ToLiteral`): the operation's module re-exports it rather
//!   than defining a second enum.
//! - A field of a struct type is boxed (`Option<Box<ItemBody>>`); a collection's items are not
//!   (the `Vec` already allocates). So a struct's size is bounded by its own property count, and a
//!   recursive type needs no analysis. Inline, entities nesting entities and complex facets made a
//!   beta `driveItem` 100 KB, enough to overflow a thread's stack in a debug build.
//! - A named type no type file describes stays `serde_json::Value`, and the field's docs say so.

use std::collections::{BTreeMap, BTreeSet};

use graph_spec::{ApiVersion, EdmType, TypeFile, TypeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::{CodegenError, docs, naming, types};

/// The described types of one API version, ready to be referred to and emitted.
#[derive(Debug, Clone)]
pub struct Models<'t> {
    version: ApiVersion,
    /// By qualified name: the type file and its Rust identifier.
    types: BTreeMap<String, (&'t TypeFile, String)>,
}

/// A struct field: wire name, Rust identifier, type, docs.
struct FieldPlan<'t> {
    wire: &'t str,
    ident: String,
    ty: &'t EdmType,
    docs: Vec<String>,
}

/// The fields every struct has besides its properties.
const RESERVED: [&str; 2] = ["odata_type", "additional_properties"];

/// `#[doc = "..."]` attributes, one per line (already escaped where they carry spec prose).
fn doc_attrs(lines: Vec<String>) -> TokenStream {
    let attrs = lines.into_iter().map(|l| {
        let l = if l.is_empty() { l } else { format!(" {l}") };
        quote!(#[doc = #l])
    });
    quote!(#(#attrs)*)
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn err(file: &TypeFile, path: &str, message: String) -> CodegenError {
    CodegenError {
        file: file.source.page.clone(),
        path: format!("{} {path}", file.name),
        message,
    }
}

impl<'t> Models<'t> {
    /// The models of `version` among `types` (other versions are skipped). Fails when two types
    /// would share a Rust name.
    pub fn new(version: ApiVersion, types: &'t [TypeFile]) -> Result<Models<'t>, CodegenError> {
        let mut by_name = BTreeMap::new();
        let mut idents: BTreeMap<String, &str> = BTreeMap::new();
        for t in types.iter().filter(|t| t.api_version == version) {
            let short = t.name.rsplit('.').next().unwrap_or(&t.name);
            let id = naming::pascal(short)
                .ok_or_else(|| err(t, "name", "no Rust identifier can be made of it".into()))?;
            if let Some(other) = idents.insert(id.clone(), &t.name) {
                return Err(err(
                    t,
                    "name",
                    format!("its Rust name `{id}` is also the name of `{other}`"),
                ));
            }
            by_name.insert(t.name.clone(), (t, id));
        }
        Ok(Models {
            version,
            types: by_name,
        })
    }

    /// Whether no type is described.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The Rust name of each described type, by qualified name.
    pub fn idents(&self) -> BTreeMap<String, String> {
        self.types
            .iter()
            .map(|(name, (_, id))| (name.clone(), id.clone()))
            .collect()
    }

    /// The module of the models, from the crate root: `crate::v1::models`.
    fn module(&self) -> TokenStream {
        match self.version {
            ApiVersion::V1 => quote!(crate::v1::models),
            ApiVersion::Beta => quote!(crate::beta::models),
        }
    }

    /// The Rust type of a described named type, `None` when no type file describes it.
    fn named(&self, name: &str) -> Option<&(&'t TypeFile, String)> {
        self.types.get(name)
    }

    /// The Rust type of `ty` as used outside the models module (operation models): described
    /// named types by their path, other named types `serde_json::Value`.
    pub fn rust_type(&self, ty: &EdmType) -> TokenStream {
        match ty {
            EdmType::Named(n) => match self.named(n) {
                Some((_, id)) => {
                    let (m, id) = (self.module(), ident(id));
                    quote!(#m::#id)
                }
                None => quote!(serde_json::Value),
            },
            EdmType::Collection(inner) => {
                let inner = self.rust_type(inner);
                quote!(Vec<#inner>)
            }
            EdmType::Primitive(_) => types::rust_type(ty),
        }
    }

    /// The path of the models enum `name` (`crate::v1::models::TimeZoneStandard`) when a type file
    /// describes it as an enumeration with every member of `members` (so that code written against
    /// those members compiles against it).
    pub fn enum_path<'m>(
        &self,
        name: &str,
        members: impl IntoIterator<Item = &'m str>,
    ) -> Option<TokenStream> {
        let (t, id) = self.named(name)?;
        let complete = members
            .into_iter()
            .all(|m| t.members.iter().any(|tm| tm.name == m));
        (t.kind == TypeKind::Enum && complete).then(|| {
            let (m, id) = (self.module(), ident(id));
            quote!(#m::#id)
        })
    }

    /// Whether `ty` (or its element type) is a named type no type file describes.
    pub fn is_untyped(&self, ty: &EdmType) -> bool {
        match ty {
            EdmType::Named(n) => self.named(n).is_none(),
            EdmType::Collection(inner) => self.is_untyped(inner),
            EdmType::Primitive(_) => false,
        }
    }

    /// The Rust type of a field inside the models module; `items` for a collection's items.
    fn field_type(&self, ty: &EdmType, items: bool) -> TokenStream {
        match ty {
            EdmType::Named(n) => match self.named(n) {
                Some((t, id)) => {
                    let id = ident(id);
                    // Not boxed: an enum, and a collection's items (`items` is true).
                    if t.kind != TypeKind::Enum && !items {
                        quote!(Box<#id>)
                    } else {
                        quote!(#id)
                    }
                }
                None => quote!(serde_json::Value),
            },
            EdmType::Collection(inner) => {
                let inner = self.field_type(inner, true);
                quote!(Vec<#inner>)
            }
            EdmType::Primitive(_) => types::rust_type(ty),
        }
    }

    /// A struct type's properties with its base types' first (root-most base first); a property
    /// of a derived type replaces the base's of the same wire name.
    fn all_properties(&self, t: &'t TypeFile) -> Vec<&'t graph_spec::Property> {
        let mut chain = vec![t];
        let mut seen = BTreeSet::from([t.name.as_str()]);
        let mut base = t.base_type.as_deref();
        while let Some(b) = base {
            let Some((bt, _)) = self.named(b) else { break };
            if !seen.insert(bt.name.as_str()) {
                break;
            }
            chain.push(bt);
            base = bt.base_type.as_deref();
        }
        let mut out: Vec<&graph_spec::Property> = Vec::new();
        for ty in chain.iter().rev() {
            for p in &ty.properties {
                match out.iter().position(|q| q.name == p.name) {
                    Some(i) => out[i] = p,
                    None => out.push(p),
                }
            }
        }
        out
    }

    /// Why `value` cannot be decoded into the model of `ty`, or `None` when it can: like
    /// [`crate::types::misfit`], and through the described types' properties (base types
    /// included), so that a documented placeholder deep inside a body (`"String (timestamp)"`
    /// where an `Edm.DateTimeOffset` belongs) is found. Properties are `Option`s, so `null` fits
    /// them; an enum takes any string (its `Undocumented` variant).
    pub fn misfit(&self, ty: &EdmType, value: &serde_json::Value) -> Option<String> {
        use serde_json::Value;
        match (ty, value) {
            (_, Value::Null) => None,
            (EdmType::Collection(inner), Value::Array(items)) => {
                items.iter().find_map(|v| self.misfit(inner, v))
            }
            (EdmType::Named(n), v) => {
                let (t, _) = self.named(n)?;
                match (t.kind, v) {
                    (TypeKind::Enum, Value::String(_)) => None,
                    (TypeKind::Enum, _) => Some(format!("`{v}` is not a member of `{n}`")),
                    (_, Value::Object(map)) => self.all_properties(t).into_iter().find_map(|p| {
                        let inner = map.get(&p.name)?;
                        self.misfit(&p.ty, inner)
                            .map(|why| format!("`{}`: {why}", p.name))
                    }),
                    (_, other) => Some(format!("`{other}` is not a `{n}` object")),
                }
            }
            _ => crate::types::misfit(ty, value, true),
        }
    }

    /// The `models.rs` of the version.
    pub fn models_rs(&self) -> Result<TokenStream, CodegenError> {
        let mut items = Vec::new();
        for (t, id) in self.types.values() {
            items.push(match t.kind {
                TypeKind::Enum => Self::enum_item(t, id)?,
                TypeKind::Complex | TypeKind::Entity => self.struct_item(t, id)?,
            });
        }
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
        let arms = fields.iter().map(|f| {
            let fid = ident(&f.ident);
            let wire = f.wire;
            quote!(#wire => property.decode(&mut self.#fid),)
        });
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

            impl graph_runtime::model::Model for #name {
                const NAME: &'static str = #id;

                fn decode_property<'de, A: serde::de::MapAccess<'de>>(
                    &mut self,
                    property: graph_runtime::model::Property<'_, 'de, A>,
                ) -> Result<(), A::Error> {
                    match property.key() {
                        "@odata.type" => property.decode(&mut self.odata_type),
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
}

mod enums;

#[cfg(test)]
mod tests;
