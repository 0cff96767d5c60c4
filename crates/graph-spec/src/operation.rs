//! The operation a spec file documents: method, paths (with their parameters and function
//! segments), headers, body parameters and enums, and the documented response.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{EdmType, NationalClouds, Permissions};

/// An HTTP method of a documented operation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Parses an upper-case method name.
    pub fn parse(s: &str) -> Option<HttpMethod> {
        Some(match s {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            _ => return None,
        })
    }
}

/// One operation: an action or function bound to a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The resource type the operation is bound to, from the title (`signIn` in `signIn: confirmSafe`).
    pub binding: String,
    /// The action or function name, from the title (`confirmSafe`).
    pub name: String,
    /// What the operation does: get, list, create, update, ..., action or function.
    /// `unclassified` in a spec written before kinds were read.
    #[serde(default)]
    pub kind: crate::OperationKind,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Every path the page lists, in page order. Each is relative to `{cloud}/{version}`.
    pub paths: Vec<PathTemplate>,
    /// The documented request headers.
    #[serde(default)]
    pub request_headers: Vec<Header>,
    /// The OData query options the page says the operation supports, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<crate::QueryOptions>,
    /// The parameters of a function call in the path (`getTeamsUserActivityCounts(period='{period_value}')`),
    /// from the page's `Function parameters` table, else from the path template itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub function_parameters: Vec<Parameter>,
    /// Functions called in the middle of a path, before the operation's own segment
    /// (`getAllTranscripts(meetingOrganizerUserId='{userId}',startDateTime={startDateTime})` in
    /// `/users/{usersId}/onlineMeetings/getAllTranscripts(..)/delta`), with their parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_functions: Vec<PathFunction>,
    /// For a create, update or replace: the entity type the body is a JSON representation of
    /// (`microsoft.graph.user`). `request_body` then holds the properties the page lists (the
    /// ones it says can be set or updated), when it lists them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<EdmType>,
    /// The parameters of the JSON request body, or `None` when the operation takes no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Vec<Parameter>>,
    /// The documented success response.
    pub response: Response,
    /// The permissions table, if the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// The least privileged Microsoft Entra role for delegated work or school access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub least_privileged_role: Option<String>,
    /// Which national clouds serve the operation, if the page says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_clouds: Option<NationalClouds>,
}

impl Operation {
    /// The entity type the body is, for a create, update or replace that records one
    /// ([`Operation::request_type`]); `None` for every other operation.
    pub fn entity_body(&self) -> Option<&EdmType> {
        use crate::OperationKind as K;
        matches!(self.kind, K::Create | K::Update | K::Replace)
            .then_some(self.request_type.as_ref())
            .flatten()
    }

    /// Whether the operation sends a JSON body of the caller's: parameters, or an entity. A `$ref`
    /// add or set (whose `@odata.id` body the binding builds) and a media put (bytes) do not.
    pub fn has_body(&self) -> bool {
        use crate::OperationKind as K;
        !self.kind.sends_reference()
            && self.kind != K::MediaPut
            && (self.request_body.is_some() || self.entity_body().is_some())
    }
}

/// A path as the `HTTP request` section lists it, such as `/users/{id | userPrincipalName}/assignLicense`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathTemplate {
    /// The path exactly as documented (query string removed), starting with `/`.
    pub template: String,
    /// The `{...}` placeholders of the path, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<PathParameter>,
}

/// A `{...}` placeholder in a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathParameter {
    /// The text between the braces, as documented (`id | userPrincipalName`).
    pub placeholder: String,
    /// The names the placeholder offers, split at `|` (`["id", "userPrincipalName"]`).
    pub names: Vec<String>,
    /// How the value goes into the URL; a whole segment when left out.
    #[serde(default, skip_serializing_if = "PathParameterKind::is_segment")]
    pub kind: PathParameterKind,
}

/// A function called in the middle of a path (see [`Operation::path_functions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathFunction {
    /// The function name as in the path (`getAllTranscripts`).
    pub name: String,
    /// Its parameters, in template order: typed by a parameter table when the page has one, else
    /// by the template's quoting, a documented example's value or the parameter's name (see
    /// [`FactSource::Template`]). `required` is `Some(false)` for a parameter that a documented
    /// example leaves out.
    pub parameters: Vec<Parameter>,
}

/// How a path placeholder's value goes into the URL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PathParameterKind {
    /// A whole segment (`/users/{id}/`): the value is percent-encoded, `/` included.
    #[default]
    Segment,
    /// An OData path-based address (`root:/{item-path}:`): a slash-separated item path whose
    /// segments are each percent-encoded, with `/` kept between them.
    ItemPath,
    /// A value inside a call segment: an alternate key (`applications(appId='{appId}')`) or a
    /// function argument (`getX(period='{period_value}')`), sent as an OData URL literal.
    Literal,
}

impl PathParameterKind {
    fn is_segment(&self) -> bool {
        *self == PathParameterKind::Segment
    }
}

/// A request or response header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The header name as documented.
    pub name: String,
    /// A fixed value, when the docs give one (`application/json`); `None` for placeholders like `Bearer {token}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Whether the docs call the header required.
    #[serde(default)]
    pub required: bool,
}

/// Where a fact about a parameter was found on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// The request body table.
    Table,
    /// The prose of the request body section.
    Prose,
    /// The body of a documented request example.
    Example,
    /// A function call in a path template (`name(p='{v}')`); the type from the quoting, or from the
    /// value a documented example passes.
    Template,
}

/// A parameter of the JSON request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The name exactly as on the wire (`requestIds`).
    pub name: String,
    /// The type, as an OData EDM name.
    #[serde(rename = "type")]
    pub ty: EdmType,
    /// The documented description, links flattened to text.
    #[serde(default)]
    pub description: String,
    /// `Some(true)` when the docs say "Required.", `Some(false)` for "Optional.", `None` when they say neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Where the parameter was found.
    pub source: FactSource,
    /// The fields of an object parameter, when the page describes them (for example a table of
    /// the properties of the one object the body wraps them in, as `application: addPassword` has).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Parameter>,
}

/// An enumeration, with its members as the docs list them (a `### <name> values` table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumType {
    /// The qualified name, as parameter types name it: `microsoft.graph.siteLockState`.
    pub name: String,
    /// The members, in documented order.
    pub members: Vec<EnumMember>,
    /// The docs-relative page the members were read from, with `/` separators: the operation's own
    /// page, a resource page it links, or the docs' enumerations page
    /// (`api-reference/v1.0/resources/enums.md`).
    pub source: String,
    /// The line of `source` where the enumeration's `<name> values` heading is.
    pub line: usize,
}

/// One member of an [`EnumType`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumMember {
    /// The member exactly as sent on the wire (`lockedReadOnly`).
    pub name: String,
    /// The documented value, when the table has a `Value` column (`2`, or a text the docs give).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<EnumValue>,
    /// The documented description, links flattened to text; empty when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The documented value of an enum member: usually its integer, sometimes a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EnumValue {
    /// An integer value (`0`, `-1`, `4`).
    Integer(i64),
    /// Any other value, as written.
    Text(String),
}

/// The documented success response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The success status code (`204`).
    pub status: u16,
    /// The type of the response body, or `None` when there is no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_type: Option<EdmType>,
    /// Response headers the page says the success response carries (such as `Location` on a 202).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
}

impl PathTemplate {
    /// Matches a URL path below the version (`/users/abc/assignLicense`) against this template
    /// (`/users/{id | userPrincipalName}/assignLicense`): the percent-decoded value of each
    /// whole-segment and item-path placeholder in order, or `None` when the path is not an
    /// instance of the template.
    ///
    /// OData's other spellings of one address match too: a key in parentheses (`users('abc')` or
    /// `users(abc)` for `users/{id}`), an item path over several segments (`root:/a/b.txt:` for
    /// `root:/{item-path}:`), and a call segment (`getX(period='D7')` for
    /// `getX(period='{period_value}')`, compared by name and argument names; an argument the
    /// template has may be left out, as the docs do with optional ones). Values inside call
    /// segments are not returned.
    pub fn match_path(&self, path: &str) -> Option<Vec<String>> {
        let want = crate::path_match::template_segments(&self.template);
        let have: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut values = Vec::new();
        crate::path_match::match_segments(&want, &have, &mut values).then_some(values)
    }
}
