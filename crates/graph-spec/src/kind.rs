//! What an operation does ([`OperationKind`]) and which OData query options its page says it
//! supports ([`QueryOptions`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an operation does, read from its method, its path and its title.
///
/// Graph's pages are resource operations (get, list, create, update, delete, references, media)
/// or actions and functions (a title of the form `binding: name`). The generator and the lint
/// need to know which, because the same `POST` creates on a collection and acts on an action.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// `GET` of one entity (`/users/{id}`, `/me`).
    Get,
    /// `GET` of a collection (`/users`, `/me/messages`).
    List,
    /// `POST` of a new entity to a collection.
    Create,
    /// `PATCH` of an entity: only the properties sent change.
    Update,
    /// `PUT` of a whole entity (create or replace at a known address).
    Replace,
    /// `DELETE` of an entity.
    Delete,
    /// `GET .../$ref`: the references of a relationship.
    RefGet,
    /// `POST .../$ref`: add a reference to a collection relationship.
    RefAdd,
    /// `PUT .../$ref`: set a single-valued relationship.
    RefSet,
    /// `DELETE .../$ref`: remove a reference.
    RefRemove,
    /// `GET .../$value` or `.../content`: the bytes of a media entity or stream property.
    MediaGet,
    /// `PUT .../$value` or `.../content`: upload the bytes.
    MediaPut,
    /// `GET .../$count`: the number of items of a collection, as plain text.
    Count,
    /// An action (`POST`), named by the title `binding: name`.
    Action,
    /// A function (`GET`), named by the title `binding: name` or a call in the path.
    Function,
    /// Not classified: the spec was written before kinds were read, or nothing decided.
    #[default]
    Unclassified,
}

impl OperationKind {
    /// Every kind, in declaration order.
    pub const ALL: [OperationKind; 16] = [
        Self::Get,
        Self::List,
        Self::Create,
        Self::Update,
        Self::Replace,
        Self::Delete,
        Self::RefGet,
        Self::RefAdd,
        Self::RefSet,
        Self::RefRemove,
        Self::MediaGet,
        Self::MediaPut,
        Self::Count,
        Self::Action,
        Self::Function,
        Self::Unclassified,
    ];

    /// The name in spec files: `get`, `ref_add`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "get",
            Self::List => "list",
            Self::Create => "create",
            Self::Update => "update",
            Self::Replace => "replace",
            Self::Delete => "delete",
            Self::RefGet => "ref_get",
            Self::RefAdd => "ref_add",
            Self::RefSet => "ref_set",
            Self::RefRemove => "ref_remove",
            Self::MediaGet => "media_get",
            Self::MediaPut => "media_put",
            Self::Count => "count",
            Self::Action => "action",
            Self::Function => "function",
            Self::Unclassified => "unclassified",
        }
    }

    /// Whether the body is a reference (`{"@odata.id": ...}`): a `$ref` add or set.
    pub fn sends_reference(self) -> bool {
        matches!(self, Self::RefAdd | Self::RefSet)
    }

    /// Whether this is a resource operation (not an action, a function or unclassified).
    pub fn is_resource(self) -> bool {
        !matches!(self, Self::Action | Self::Function | Self::Unclassified)
    }
}

impl std::fmt::Display for OperationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The OData system query options a URL can carry, in their canonical lower-case spelling.
pub const QUERY_OPTIONS: [&str; 9] = [
    "$count", "$expand", "$filter", "$format", "$orderby", "$search", "$select", "$skip", "$top",
];

/// The canonical spelling of the OData system query option `name` (`$orderBy` gives `$orderby`);
/// `None` for any other name.
pub fn query_option(name: &str) -> Option<&'static str> {
    QUERY_OPTIONS
        .iter()
        .find(|o| o.eq_ignore_ascii_case(name))
        .copied()
}

/// What the page's *Optional query parameters* section says about OData query options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryOptions {
    /// Whether the page names the options, speaks of them in general, or says there are none.
    pub support: QuerySupport,
    /// The options the page names (canonical spelling from [`QUERY_OPTIONS`], sorted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The line of the statement.
    pub line: usize,
}

/// How a page states its query options.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QuerySupport {
    /// The page names the options it supports (`$select`, `$filter`, ...).
    Named,
    /// The page says it supports "the OData query parameters" without naming them, or naming
    /// some as "including ...": the options that apply to its kind of operation, and the named
    /// ones besides.
    General,
    /// The page says it supports none.
    None,
}
