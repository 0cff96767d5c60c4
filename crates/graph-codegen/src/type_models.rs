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

use crate::{error::CodegenError, naming, types};

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

/// An error in a type file: its path is the type's name, a space, then the field's path
/// ([`type_at_fault`] reads the name back).
fn err(file: &TypeFile, path: &str, message: String) -> CodegenError {
    CodegenError {
        file: file.source.page.clone(),
        path: format!("{} {path}", file.name),
        message,
    }
}

/// The page and type name of the type file an error of this module names, if it is one.
pub(crate) fn type_at_fault(error: &CodegenError) -> Option<(&str, &str)> {
    let (name, _) = error.path.split_once(' ')?;
    Some((&error.file, name))
}

impl<'t> Models<'t> {
    /// The models of `version` among `types` (other versions are skipped).
    ///
    /// A naming rule settles two types with one short name: a type of the `microsoft.graph`
    /// namespace keeps it, and one of a sub-namespace is prefixed by its namespace
    /// (`microsoft.graph.callRecords.mediaStream` is `CallRecordsMediaStream` beside
    /// `microsoft.graph.mediaStream`'s `MediaStream`), then numbered if that is taken too. Fails
    /// when no Rust name can be made of a type's name.
    pub fn new(version: ApiVersion, types: &'t [TypeFile]) -> Result<Models<'t>, CodegenError> {
        let mut by_name = BTreeMap::new();
        let mut idents: BTreeMap<String, &str> = BTreeMap::new();
        let of_version = || types.iter().filter(|t| t.api_version == version);
        let (mut root, mut sub): (Vec<&TypeFile>, Vec<&TypeFile>) = of_version()
            .partition(|t| t.name.rsplit_once('.').map(|(ns, _)| ns) == Some("microsoft.graph"));
        // By name, so that the rule does not depend on the order the files came in.
        root.sort_by(|a, b| a.name.cmp(&b.name));
        sub.sort_by(|a, b| a.name.cmp(&b.name));
        for t in root.into_iter().chain(sub) {
            let (namespace, short) = t.name.rsplit_once('.').unwrap_or(("", &t.name));
            let mut id = naming::pascal(short)
                .ok_or_else(|| err(t, "name", "no Rust identifier can be made of it".into()))?;
            if idents.contains_key(&id) {
                let prefix = (namespace != "microsoft.graph")
                    .then(|| namespace.rsplit('.').next().and_then(naming::pascal))
                    .flatten();
                id = format!("{}{id}", prefix.unwrap_or_default());
                let base = id.clone();
                let mut n = 1;
                while idents.contains_key(&id) {
                    n += 1;
                    id = format!("{base}{n}");
                }
            }
            idents.insert(id.clone(), &t.name);
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
}

mod derived;
mod items;
#[cfg(test)]
mod tests;
