//! The metadata's types: every `<EntityType>`, `<ComplexType>` and `<EnumType>` of a CSDL document,
//! with their properties (structural and navigation), base types and members.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::csdl::{CsdlError, aliases, normalise_type};

/// The kind of a metadata type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaTypeKind {
    /// `<ComplexType>`.
    Complex,
    /// `<EntityType>`.
    Entity,
    /// `<EnumType>`.
    Enum,
}

impl MetaTypeKind {
    /// `complex`, `entity` or `enum`, as type files name kinds.
    pub fn as_str(self) -> &'static str {
        match self {
            MetaTypeKind::Complex => "complex",
            MetaTypeKind::Entity => "entity",
            MetaTypeKind::Enum => "enum",
        }
    }
}

/// One property of a metadata type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaProperty {
    /// The name.
    pub name: String,
    /// The type, aliases resolved (`Collection(microsoft.graph.x)`).
    #[serde(rename = "type")]
    pub ty: String,
    /// A `<NavigationProperty>`.
    pub navigation: bool,
}

/// One type of the metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaType {
    /// The qualified name (`microsoft.graph.user`).
    pub name: String,
    /// What kind of type.
    pub kind: MetaTypeKind,
    /// The qualified base type, if any.
    pub base: Option<String>,
    /// Its own properties (not its base types'), in document order.
    pub properties: Vec<MetaProperty>,
    /// An enumeration's members, in document order.
    pub members: Vec<String>,
}

/// The types of one CSDL document, by lower-cased qualified name.
#[derive(Debug, Clone, Default)]
pub struct MetaTypes {
    types: BTreeMap<String, MetaType>,
}

impl MetaTypes {
    /// Reads the types of a CSDL document.
    pub fn parse(xml: &str) -> Result<MetaTypes, CsdlError> {
        let doc =
            roxmltree::Document::parse(xml).map_err(|e| CsdlError(format!("not XML: {e}")))?;
        MetaTypes::from_document(&doc)
    }

    /// The types of a parsed CSDL document.
    pub(crate) fn from_document(doc: &roxmltree::Document) -> Result<MetaTypes, CsdlError> {
        let schemas: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Schema"))
            .collect();
        if schemas.is_empty() {
            return Err(CsdlError("no <Schema> element: not a CSDL document".into()));
        }
        let aliases = aliases(&schemas);
        let mut types = BTreeMap::new();
        for schema in &schemas {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            for node in schema.children().filter(|n| n.is_element()) {
                let kind = match node.tag_name().name() {
                    "EntityType" => MetaTypeKind::Entity,
                    "ComplexType" => MetaTypeKind::Complex,
                    "EnumType" => MetaTypeKind::Enum,
                    _ => continue,
                };
                let Some(name) = node.attribute("Name") else {
                    continue;
                };
                let name = format!("{namespace}.{name}");
                let properties = node
                    .children()
                    .filter(|n| n.has_tag_name("Property") || n.has_tag_name("NavigationProperty"))
                    .map(|p| MetaProperty {
                        name: p.attribute("Name").unwrap_or_default().to_string(),
                        ty: normalise_type(p.attribute("Type").unwrap_or_default(), &aliases),
                        navigation: p.has_tag_name("NavigationProperty"),
                    })
                    .collect();
                let members = node
                    .children()
                    .filter(|n| n.has_tag_name("Member"))
                    .filter_map(|m| m.attribute("Name").map(str::to_string))
                    .collect();
                let base = node
                    .attribute("BaseType")
                    .map(|b| normalise_type(b, &aliases));
                types.insert(
                    name.to_ascii_lowercase(),
                    MetaType {
                        name,
                        kind,
                        base,
                        properties,
                        members,
                    },
                );
            }
        }
        Ok(MetaTypes { types })
    }

    /// The type named `name`, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&MetaType> {
        self.types.get(&name.to_ascii_lowercase())
    }

    /// The properties `name` inherits: its base types' own properties, nearest base first.
    pub fn inherited(&self, name: &str) -> Vec<&MetaProperty> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let mut base = self.get(name).and_then(|t| t.base.clone());
        while let Some(b) = base {
            if seen.contains(&b) {
                break;
            }
            let Some(t) = self.get(&b) else { break };
            out.extend(&t.properties);
            seen.push(b);
            base = t.base.clone();
        }
        out
    }

    /// Every type, by qualified name (lower-cased order).
    pub fn iter(&self) -> impl Iterator<Item = &MetaType> {
        self.types.values()
    }

    /// How many types the document has.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether the document has no type.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}
