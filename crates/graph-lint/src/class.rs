//! The vocabulary of a lint report: per operation, what was matched, each parameter row and the
//! return type row, and every disagreement with who it is due to.

use serde::Serialize;

use crate::{Evidence, Kind, MetaParameter, SpecParameter};

/// Who a disagreement is due to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The page itself disagrees with the metadata: it omits or mistypes something.
    DocsDiffer,
    /// The page says it, but the spec does not have it: the extractor missed it.
    ExtractorMissed,
    /// The page could not be read, so the lint cannot tell.
    Unclassified,
}

impl Class {
    /// `docs differ`, `extractor missed` or `unclassified`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::DocsDiffer => "docs differ",
            Class::ExtractorMissed => "extractor missed",
            Class::Unclassified => "unclassified",
        }
    }
}

/// What disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// The metadata has the parameter; the spec does not.
    Omitted,
    /// The spec documents a parameter the metadata does not have.
    NotInMetadata,
    /// The parameter's type differs.
    Type,
    /// One side says required, the other optional.
    Requirement,
    /// The return type differs.
    ReturnType,
    /// The HTTP method does not fit the kind of operation (`POST` for an action, `GET` for a function).
    Method,
    /// A type's kind (complex, entity, enum) differs.
    Kind,
    /// A type's base type differs.
    BaseType,
    /// A resource operation's path does not resolve in the metadata.
    Path,
    /// A create or update body is not the entity the path addresses.
    Body,
}

impl What {
    /// `omitted`, `not in metadata`, `type`, `required/optional`, `return type` or `method`.
    pub fn as_str(self) -> &'static str {
        match self {
            What::Omitted => "omitted",
            What::NotInMetadata => "not in metadata",
            What::Type => "type",
            What::Requirement => "required/optional",
            What::ReturnType => "return type",
            What::Method => "method",
            What::Kind => "kind",
            What::BaseType => "base type",
            What::Path => "path",
            What::Body => "body",
        }
    }
}

/// One disagreement between the spec and the metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// What disagrees.
    pub what: What,
    /// Who it is due to.
    pub class: Class,
    /// A short explanation: `the page omits it`, `the page shows Collection(Edm.String) at line 40`.
    pub detail: String,
    /// The line of the page the classification rests on, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// One parameter row: a metadata parameter, a documented one, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParameterRow {
    /// The name (the metadata's spelling when it has the parameter).
    pub name: String,
    /// What the metadata says, if it has the parameter.
    pub metadata: Option<MetaParameter>,
    /// What the spec says, if it documents the parameter.
    pub spec: Option<SpecParameter>,
    /// Where they disagree (empty when they agree).
    pub disagreements: Vec<Disagreement>,
}

/// The return type row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnRow {
    /// The metadata's return type; `None` when the operation returns nothing.
    pub metadata: Option<String>,
    /// The spec's `response.body_type`; `None` when the page documents no body.
    pub spec: Option<String>,
    /// Set when they differ.
    pub disagreement: Option<Disagreement>,
}

/// How the metadata operation was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// Its binding type is the spec's binding.
    Binding,
    /// The binding is not in the metadata, and it is the only bound operation of that name.
    OnlyOverload,
    /// The binding is not in the metadata, and its parameters fit the spec's best.
    BestParameters,
}

/// The metadata operation a spec operation was matched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    /// `action confirmSafe bound to Collection(microsoft.graph.signIn)`.
    pub operation: String,
    /// Action or function.
    pub kind: Kind,
    /// How it was chosen.
    pub how: MatchHow,
    /// Anything worth saying about the choice (several overloads, a binding named differently).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The comparison of one spec operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationReport {
    /// The spec file, as the caller named it.
    pub spec: String,
    /// The page it was derived from (docs-relative).
    pub page: String,
    /// `signIn: confirmSafe`, from the spec's binding and name.
    pub operation: String,
    /// The documented HTTP method.
    pub method: String,
    /// Set for a function the spec's paths call before the operation's own segment
    /// (`getAllTranscripts(..)` in `.../getAllTranscripts(..)/delta`, from `path_functions`):
    /// its parameters are compared like the operation's, its return type is not (the page
    /// documents the operation's), and the page counts once in the totals.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub called_in_path: bool,
    /// The metadata operation, or `None` when none was found.
    pub matched: Option<Matched>,
    /// Why no metadata operation was found, when none was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_found: Option<String>,
    /// Disagreements about the operation as a whole (the HTTP method).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// The parameters: the metadata's in its order, then the documented ones it does not have.
    pub parameters: Vec<ParameterRow>,
    /// The return type, when an operation was matched.
    pub returns: Option<ReturnRow>,
}

impl OperationReport {
    /// Every disagreement of the operation: its own, its parameters', its return type's.
    pub fn all_disagreements(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements
            .iter()
            .chain(self.parameters.iter().flat_map(|p| &p.disagreements))
            .chain(self.returns.iter().flat_map(|r| &r.disagreement))
    }
}
