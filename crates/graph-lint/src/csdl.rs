//! Reading the bound actions and functions of a CSDL (OData metadata) document.
//!
//! Only what the lint compares is kept: each bound operation's kind, name, binding type, the
//! parameters after the binding one (name, type, whether it may be omitted) and the return type.
//! Type names are normalised to the namespace form the spec uses: the CSDL writes `graph.user`
//! (the `Alias` of the `microsoft.graph` schema), the spec `microsoft.graph.user`.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

/// Whether an operation is an OData action (called with `POST`) or function (called with `GET`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `<Action>`.
    Action,
    /// `<Function>`.
    Function,
}

impl Kind {
    /// `"action"` or `"function"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Action => "action",
            Kind::Function => "function",
        }
    }
}

/// What the metadata says about leaving a parameter out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// `Nullable="false"` without the optional annotation: the caller must send it.
    Required,
    /// Annotated `Org.OData.Core.V1.OptionalParameter`: the caller may leave it out.
    Optional,
    /// Neither: the metadata does not say (the parameter is nullable and not marked optional).
    Unstated,
}

impl Requirement {
    /// `required`, `optional` or `-`.
    pub fn as_str(self) -> &'static str {
        match self {
            Requirement::Required => "required",
            Requirement::Optional => "optional",
            Requirement::Unstated => "-",
        }
    }
}

/// A parameter of a bound operation, after the binding parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaParameter {
    /// The name as the metadata spells it.
    pub name: String,
    /// The normalised type, such as `Collection(Edm.String)` or `microsoft.graph.itemReference`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether it may be left out.
    pub requirement: Requirement,
}

/// A bound action or function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaOperation {
    /// Action or function.
    pub kind: Kind,
    /// The operation name (`confirmSafe`).
    pub name: String,
    /// The normalised type of the binding parameter (`Collection(microsoft.graph.signIn)`).
    pub binding: String,
    /// The parameters after the binding one, in metadata order.
    pub parameters: Vec<MetaParameter>,
    /// The normalised return type, `None` when the operation returns nothing.
    pub returns: Option<String>,
}

impl MetaOperation {
    /// `action confirmSafe bound to Collection(microsoft.graph.signIn)`.
    pub fn describe(&self) -> String {
        format!(
            "{} {} bound to {}",
            self.kind.as_str(),
            self.name,
            self.binding
        )
    }

    /// The binding type without `Collection(...)` and without the `microsoft.graph.` namespace
    /// (`signIn`; `security.alert` for a type of a sub-namespace).
    pub fn binding_type_name(&self) -> &str {
        let inner = strip_collection(&self.binding);
        inner.strip_prefix("microsoft.graph.").unwrap_or(inner)
    }
}

/// The bound operations of one CSDL document.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    operations: Vec<MetaOperation>,
    by_name: HashMap<String, Vec<usize>>,
}

/// A CSDL document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlError(pub String);

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CsdlError {}

impl Metadata {
    /// Parses a CSDL document (`<edmx:Edmx>` with one or more `<Schema>`s).
    pub fn parse(xml: &str) -> Result<Metadata, CsdlError> {
        let doc =
            roxmltree::Document::parse(xml).map_err(|e| CsdlError(format!("not XML: {e}")))?;
        Metadata::from_document(&doc)
    }

    /// The bound operations of a parsed CSDL document.
    pub(crate) fn from_document(doc: &roxmltree::Document) -> Result<Metadata, CsdlError> {
        let schemas: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name(EDM_SCHEMA))
            .collect();
        if schemas.is_empty() {
            return Err(CsdlError("no <Schema> element: not a CSDL document".into()));
        }
        let aliases = aliases(&schemas);
        let mut metadata = Metadata::default();
        for schema in &schemas {
            for node in schema.children().filter(|n| n.is_element()) {
                let kind = match node.tag_name().name() {
                    "Action" => Kind::Action,
                    "Function" => Kind::Function,
                    _ => continue,
                };
                if node.attribute("IsBound") != Some("true") {
                    continue;
                }
                let Some(name) = node.attribute("Name") else {
                    continue;
                };
                let mut params = node.children().filter(|n| n.has_tag_name("Parameter"));
                let Some(binding) = params.next() else {
                    continue;
                };
                let ty = |n: roxmltree::Node| {
                    normalise_type(n.attribute("Type").unwrap_or(""), &aliases)
                };
                let parameters = params
                    .map(|p| MetaParameter {
                        name: p.attribute("Name").unwrap_or_default().to_string(),
                        ty: ty(p),
                        requirement: requirement(p),
                    })
                    .collect();
                let returns = node
                    .children()
                    .find(|n| n.has_tag_name("ReturnType"))
                    .map(ty);
                metadata.push(MetaOperation {
                    kind,
                    name: name.to_string(),
                    binding: ty(binding),
                    parameters,
                    returns,
                });
            }
        }
        Ok(metadata)
    }

    fn push(&mut self, op: MetaOperation) {
        self.by_name
            .entry(op.name.to_ascii_lowercase())
            .or_default()
            .push(self.operations.len());
        self.operations.push(op);
    }

    /// Every bound operation named `name`, compared case-insensitively, in document order.
    pub fn named(&self, name: &str) -> Vec<&MetaOperation> {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .map(|ix| ix.iter().map(|&i| &self.operations[i]).collect())
            .unwrap_or_default()
    }

    /// How many bound operations the document has.
    pub fn len(&self) -> usize {
        self.operations.len()
    }

    /// Whether the document has no bound operation.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }
}

/// Alias -> namespace, for every schema of a document.
pub(crate) fn aliases(schemas: &[roxmltree::Node]) -> HashMap<String, String> {
    schemas
        .iter()
        .filter_map(|s| {
            Some((
                s.attribute("Alias")?.to_string(),
                s.attribute("Namespace")?.to_string(),
            ))
        })
        .collect()
}

/// `<Schema>` in the EDM namespace (the element name is all roxmltree needs; the namespace varies
/// between CSDL versions, so it is not checked).
const EDM_SCHEMA: &str = "Schema";

fn requirement(param: roxmltree::Node) -> Requirement {
    let optional = param.children().any(|a| {
        a.has_tag_name("Annotation")
            && a.attribute("Term").is_some_and(|t| {
                t == "Org.OData.Core.V1.OptionalParameter" || t.ends_with(".OptionalParameter")
            })
    });
    if optional {
        Requirement::Optional
    } else if param.attribute("Nullable") == Some("false") {
        Requirement::Required
    } else {
        Requirement::Unstated
    }
}

/// `Collection(graph.x)` -> `Collection(microsoft.graph.x)`, with every alias of the document
/// replaced by its namespace; `Edm.*` and unaliased names are kept as they are.
pub fn normalise_type(ty: &str, aliases: &HashMap<String, String>) -> String {
    if let Some(inner) = ty
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return format!("Collection({})", normalise_type(inner, aliases));
    }
    match ty.rsplit_once('.') {
        Some((prefix, name)) => match aliases.get(prefix) {
            Some(ns) => format!("{ns}.{name}"),
            None => ty.to_string(),
        },
        None => ty.to_string(),
    }
}

/// `Collection(T)` -> `T` (repeatedly); anything else as it is.
pub fn strip_collection(ty: &str) -> &str {
    let mut t = ty;
    while let Some(inner) = t
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        t = inner;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Action Name="confirmSafe" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.signIn)" />
        <Parameter Name="requestIds" Type="Collection(Edm.String)" Unicode="false" />
      </Action>
      <Action Name="copy" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.driveItem" />
        <Parameter Name="name" Type="Edm.String" Nullable="false" />
        <Parameter Name="childrenOnly" Type="Edm.Boolean">
          <Annotation Term="Org.OData.Core.V1.OptionalParameter" />
        </Parameter>
        <ReturnType Type="graph.driveItem" />
      </Action>
      <Action Name="unbound" IsBound="false">
        <Parameter Name="x" Type="Edm.String" />
      </Action>
    </Schema>
    <Schema Namespace="microsoft.graph.security" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Function Name="run" IsBound="true">
        <Parameter Name="b" Type="self.case" />
        <ReturnType Type="Collection(self.result)" />
      </Function>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn reads_bound_operations_with_aliases_resolved() {
        let m = Metadata::parse(CSDL).unwrap();
        assert_eq!(m.len(), 3, "the unbound action is skipped");
        let safe = &m.named("CONFIRMSAFE")[0];
        assert_eq!(safe.kind, Kind::Action);
        assert_eq!(safe.binding, "Collection(microsoft.graph.signIn)");
        assert_eq!(safe.binding_type_name(), "signIn");
        assert_eq!(safe.parameters.len(), 1);
        assert_eq!(safe.parameters[0].ty, "Collection(Edm.String)");
        assert_eq!(safe.parameters[0].requirement, Requirement::Unstated);
        assert_eq!(safe.returns, None);

        let copy = &m.named("copy")[0];
        assert_eq!(copy.parameters[0].requirement, Requirement::Required);
        assert_eq!(copy.parameters[1].requirement, Requirement::Optional);
        assert_eq!(copy.returns.as_deref(), Some("microsoft.graph.driveItem"));

        let run = &m.named("run")[0];
        assert_eq!(run.kind, Kind::Function);
        assert_eq!(run.binding, "microsoft.graph.security.case");
        assert_eq!(run.binding_type_name(), "security.case");
        assert_eq!(
            run.returns.as_deref(),
            Some("Collection(microsoft.graph.security.result)")
        );
        assert!(m.named("unbound").is_empty());
    }

    #[test]
    fn rejects_what_is_not_csdl() {
        assert!(Metadata::parse("<a>").is_err());
        assert!(Metadata::parse("<a/>").is_err());
    }
}
