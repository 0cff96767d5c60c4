//! One CSDL document, read once for everything the lint compares: the bound operations
//! ([`Metadata`]), the types ([`MetaTypes`]) and the entity container (the entity sets and
//! singletons every URL starts from), with an index of derived types for the URL resolution of
//! the [`crate::resolve`] module.

use std::collections::HashMap;

use crate::csdl::{CsdlError, Metadata, aliases, normalise_type};
use crate::meta_types::{MetaProperty, MetaType, MetaTypes};

/// An entity set or a singleton of the entity container: where a URL starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The name as the metadata spells it (`users`, `me`).
    pub name: String,
    /// The qualified entity type (`microsoft.graph.user`).
    pub ty: String,
    /// An `<EntitySet>` (a collection) rather than a `<Singleton>`.
    pub collection: bool,
}

/// A property found on a type: declared on it, on a base type, or on a derived type (a page may
/// leave the cast out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a> {
    /// The property.
    pub property: &'a MetaProperty,
    /// The derived type that declares it, when the type searched and its bases do not.
    pub derived: Option<&'a str>,
}

/// A CSDL document as the lint uses it.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// The bound actions and functions.
    pub operations: Metadata,
    /// The entity, complex and enum types.
    pub types: MetaTypes,
    roots: HashMap<String, Root>,
    /// Lower-cased qualified type name -> the qualified names of the types deriving from it
    /// directly.
    derived: HashMap<String, Vec<String>>,
}

impl Schema {
    /// Reads a CSDL document once.
    pub fn parse(xml: &str) -> Result<Schema, CsdlError> {
        let doc =
            roxmltree::Document::parse(xml).map_err(|e| CsdlError(format!("not XML: {e}")))?;
        let operations = Metadata::from_document(&doc)?;
        let types = MetaTypes::from_document(&doc)?;
        let schemas: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Schema"))
            .collect();
        let aliases = aliases(&schemas);
        let mut roots = HashMap::new();
        for node in doc
            .descendants()
            .filter(|n| n.has_tag_name("EntityContainer"))
            .flat_map(|c| c.children())
        {
            let (ty, collection) = match node.tag_name().name() {
                "EntitySet" => (node.attribute("EntityType"), true),
                "Singleton" => (node.attribute("Type"), false),
                _ => continue,
            };
            let (Some(name), Some(ty)) = (node.attribute("Name"), ty) else {
                continue;
            };
            roots.insert(
                name.to_ascii_lowercase(),
                Root {
                    name: name.to_string(),
                    ty: normalise_type(ty, &aliases),
                    collection,
                },
            );
        }
        let mut derived: HashMap<String, Vec<String>> = HashMap::new();
        for ty in types.iter() {
            if let Some(base) = &ty.base {
                derived
                    .entry(base.to_ascii_lowercase())
                    .or_default()
                    .push(ty.name.clone());
            }
        }
        Ok(Schema {
            operations,
            types,
            roots,
            derived,
        })
    }

    /// The entity set or singleton named `name`, compared case-insensitively.
    pub fn root(&self, name: &str) -> Option<&Root> {
        self.roots.get(&name.to_ascii_lowercase())
    }

    /// How many entity sets and singletons the container has.
    pub fn root_count(&self) -> usize {
        self.roots.len()
    }

    /// Every type deriving from `name`, directly or not, nearest first.
    pub fn derived_types(&self, name: &str) -> Vec<&MetaType> {
        let mut out: Vec<&MetaType> = Vec::new();
        let mut queue = vec![name.to_ascii_lowercase()];
        let mut i = 0;
        while i < queue.len() {
            for d in self.derived.get(&queue[i]).into_iter().flatten() {
                let key = d.to_ascii_lowercase();
                if queue.contains(&key) {
                    continue;
                }
                if let Some(t) = self.types.get(d) {
                    out.push(t);
                }
                queue.push(key);
            }
            i += 1;
        }
        out
    }

    /// Whether `ty` is `base` or derives from it (names compared case-insensitively).
    pub fn derives_from(&self, ty: &str, base: &str) -> bool {
        let mut seen = 0;
        let mut current = Some(ty.to_string());
        while let Some(t) = current {
            if t.eq_ignore_ascii_case(base) {
                return true;
            }
            seen += 1;
            if seen > 64 {
                return false;
            }
            current = self.types.get(&t).and_then(|m| m.base.clone());
        }
        false
    }

    /// The nearest type every one of `types` is or derives from (`microsoft.graph.directoryObject`
    /// for `user` and `group`), if they have one.
    pub fn common_base(&self, types: &[&str]) -> Option<String> {
        let first = types.first()?;
        let mut current = Some(first.to_string());
        let mut steps = 0;
        while let Some(candidate) = current {
            if types.iter().all(|t| self.derives_from(t, &candidate)) {
                return Some(candidate);
            }
            steps += 1;
            if steps > 64 {
                return None;
            }
            current = self.types.get(&candidate).and_then(|m| m.base.clone());
        }
        None
    }

    /// The property `name` of `ty` (compared case-insensitively): declared on it or a base type,
    /// else on a type deriving from it (the nearest, in document order).
    pub fn property(&self, ty: &str, name: &str) -> Option<Found<'_>> {
        let own = |t: &str| -> Option<&MetaProperty> {
            let meta = self.types.get(t)?;
            meta.properties
                .iter()
                .chain(self.types.inherited(t))
                .find(|p| p.name.eq_ignore_ascii_case(name))
        };
        if let Some(property) = own(ty) {
            return Some(Found {
                property,
                derived: None,
            });
        }
        self.derived_types(ty).into_iter().find_map(|d| {
            d.properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
                .map(|property| Found {
                    property,
                    derived: Some(d.name.as_str()),
                })
        })
    }
}
