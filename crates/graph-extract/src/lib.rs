//! The extractor: one Microsoft Graph API documentation page (markdown) to its doc-derived spec,
//! a [`graph_spec::SpecFile`].
//!
//! ```no_run
//! use std::path::Path;
//! let spec = graph_extract::extract_page(
//!     Path::new("../shared/graph-docs"),
//!     "api-reference/beta/api/signin-confirmsafe.md",
//! )?;
//! assert_eq!(spec.operation.name, "confirmSafe");
//! # Ok::<(), graph_extract::ExtractError>(())
//! ```
//!
//! The page's structure comes from pulldown-cmark events (headings, paragraphs, tables, code blocks,
//! HTML comments), with line numbers from their source offsets; only the text inside one block (a table
//! cell, a code block, a comment) is taken apart with string handling.
//!
//! # Where things are
//!
//! - `page/`: operation pages (`api/*.md`), read top to bottom by `page` (request, response, body,
//!   examples, kind, query options, function parameters, each in its module);
//! - `resource/`: resource pages (`resources/*.md`), read into type files, and the enum pages;
//! - `markdown/`: what every page kind shares below that: blocks with line numbers, tables,
//!   repaired pipe tables, includes;
//! - `types/`: the docs' type words and type cells as EDM types, and the enumerations they list;
//! - `ctx` (the page being read, its sections and warnings), `error`, and `follow` (from the
//!   operations in spec/ to the resource pages of the types they name).
//!
//! No two files import each other (`cargo xtask deps`).
//!
//! # What is read, and the decisions taken
//!
//! Each decision names the module that takes it.
//!
//! - **Front matter** (`markdown::blocks`): `title`, `description`, `ms.date` (quotes removed).
//! - **Summary** (`ctx`): the consecutive top-level prose paragraphs after the H1, skipping `Namespace: ...`,
//!   `[!INCLUDE ...]` paragraphs and notes in block quotes before the first one, and stopping at anything
//!   else (heading, include, list, quote, table). Paragraphs are joined with a blank line; a last paragraph
//!   ending with `:` introduces something that is not kept and is dropped. Links become their text,
//!   inline code keeps its backticks, emphasis markers are dropped, whitespace is collapsed.
//! - **Binding and name** (`page`): the front matter title split at `:` (`signIn: confirmSafe`); if the title is not
//!   of that form, the H1; if neither is, the name is the last segment of the first path and the binding
//!   the file name before its first `-`, with its case taken from a link to `../resources/<binding>.md` on
//!   the page when there is one. The fallback is reported as a warning when the page is an action or
//!   a function (a resource operation's title, `Get user`, is never of that form); a resource
//!   operation is named by its kind (`user: get`).
//! - **Kind** (`page::kind`): get, list, create, update, replace, delete, the `$ref`, `$value` and
//!   `$count` operations, action or function, from the method, the last path segment, the title and
//!   the documented response; the rules are listed in that module.
//! - **Query options** (`page::query`): the OData options the *Optional query parameters* section
//!   names (canonical spelling), or that it speaks of them in general, or that it supports none.
//! - **Sections** (`ctx`) run from their `##` heading to the next heading of level 1 or 2. docfx tab headings
//!   (`# [HTTP](#tab/http)`) and `---` separators are tab groups inside a section, not headings.
//! - **HTTP request** (`page::http_section`, `page::http`): every code block of the `## HTTP request` section; each non-empty line is
//!   `METHOD /path` (query dropped). A line that is not (a typo such as an unclosed `{`), or that uses
//!   another method than the first line, is skipped with a warning; a section without any usable path
//!   is an error naming the line.
//! - **Request headers** (`markdown::tables`): the section's table; `Name`/`Header` and `Description`/`Value` columns. A header
//!   has a fixed value when its description starts with one (`application/json. Required.`); it is
//!   required when the description says `Required`.
//! - **Request body** (`page::body`, `page::param_table`, `page::optional`): the section's parameter tables (`Parameter`/`Name`/`Property`, `Type` (or `Value`
//!   beside a `Description`), `Description`). Type cells are read leniently (see `types::cell`): an enum
//!   name (`siteLockState`) is the named type `microsoft.graph.siteLockState`, `DateTime` is
//!   `Edm.DateTimeOffset`, remarks in parentheses are dropped, a union (`a or b`) records its first
//!   alternative, each with a warning; a cell naming no type takes the type of an example's value, or
//!   the parameter is left out, with a warning. Tables without rows, and rows repeating the header or
//!   the delimiter, are skipped with a warning. Without a table, the
//!   parameters come from the top-level keys of JSON bodies (JSON code blocks of the section, then the
//!   request examples): their type is inferred from the value (see below) and their source is `example`,
//!   or `prose` when the section's prose names the key (then the naming paragraphs are the description,
//!   all of the section's prose when there is only one parameter, and "optional"/"required" in them sets
//!   `required`). A section that says there is no body
//!   ("Don't supply a request body", "no request content", ...) gives `None`; so does an empty section
//!   when no example has a body (with a warning). A sentence saying so under a condition ("If you ...,
//!   don't supply a request body") gives way to a parameter table, or to the examples' bodies, with a
//!   warning. A parameter that a request example leaves out (or every parameter, when an example has no
//!   body) is optional: `required` becomes `Some(false)` with a warning naming the example.
//!   Inferred types (`types`): string `Edm.String`, boolean `Edm.Boolean`, integer `Edm.Int32` (`Edm.Int64` beyond
//!   32 bits), other number `Edm.Double`, array `Collection(T)`; an object is typed by its `@odata.type`,
//!   else `microsoft.graph.<key>` is recorded **with a warning that it is a guess**; `null`, empty and mixed
//!   arrays cannot be typed and the parameter is left out with a warning.
//! - **Enums** (`types::enums`): for each `microsoft.graph.<name>` a request body parameter (or one of its properties)
//!   is typed with, a `<name> values` table (after a heading of level 3 or more, or a bold line) on the
//!   page, else in `../resources/enums.md` of the page's version, else in v1.0's, is recorded in
//!   `enums` with its members (`Member`/`Name`/`Value`, optional `Value` and `Description` columns).
//! - **Pipe tables** (`markdown::pipes`) whose delimiter row has another number of cells than the header (which markdown
//!   does not take for a table) are repaired in place before parsing, on the page and in includes,
//!   with a warning.
//! - **Response** (`page::response`): the first `2xx` status written with its reason phrase (`204 No Content`) or followed by
//!   "response" in the `## Response` section; the body type is the linked resource or the primitive word
//!   (`String collection`) in the same sentence after the status (`a collection of [x](...)` is a
//!   collection). A redirect with its reason phrase (`302 Found`, to a download URL) is the documented
//!   status of operations that answer so, with no body type. Headers it mentions (`` `Location` header``)
//!   are listed. If the section names no status, the first example response's status (and its headers
//!   other than `Content-Type`/`Content-Length`) is used with a warning; if there is none either, `200`
//!   is assumed when a body type is named, else `204`, with a warning. When the prose names no body type, the response annotation's `@odata.type` is taken, else
//!   an `@odata.context` that names a type (`$metadata#Edm.Boolean`), with a warning; only from an
//!   example whose status has a body like the documented one, never from an error example. When the
//!   prose and an annotation disagree, the example's own body decides if it can (`{"value": true}`);
//!   two named types: the section's linked resource wins; otherwise the annotation does. A typed
//!   success body sent as non-JSON (`application/octet-stream`) is `Edm.Stream`.
//! - **Tables** (`markdown::tables`) with more cells in a row than in their header (an unescaped `|`) are read with a
//!   warning; the extra cells are ignored.
//! - **Permissions** (`markdown::includes`, `markdown::tables`): tables with a `Permission type` column, on the page or in a permissions include
//!   (path containing `/permissions/`, or the block after a `"blockType": "permissions"` annotation). In
//!   the older two-column form (`Permissions (from least to most privileged)`) the first permission is the
//!   least privileged and the rest are higher privileged. "Not supported." makes an entry unsupported,
//!   "Not available." an empty list. Footnote markers (`Group.ReadWrite.All**`) are dropped with a warning.
//!   When a page has several permissions tables (one per scenario), the first is recorded with a warning.
//! - **Least privileged role** (`markdown::includes`): in an `rbac-for-apis` include (or the page), the emphasised role before
//!   "is the least privileged role", or after "at least the".
//! - **National clouds** (`markdown::includes`): the table of the national cloud include (`all-clouds.md`, `global-us.md`, ...),
//!   read by its check marks, not by its file name.
//! - **Includes** (`markdown::includes`) are resolved relative to the page. A missing one is a warning. Snippet includes
//!   (`sample-code`, `sdk-documentation`, anything under `snippets/`) and the beta disclaimer are ignored.
//! - **Examples** (`page::examples`; annotations in `page::examples::annotation`, HTTP messages in
//!   `page::messages`, unannotated blocks in `page::examples::unannotated` and `untagged`): a `request` annotation before a code fence, paired with the next `response` annotation.
//!   Annotation JSON with trailing commas (or text after it) is repaired with a warning; annotation JSON
//!   that does not parse is skipped with a warning (a request below it is then read as unannotated). A
//!   request annotation without `name` is named `unnamed_line_<line>`, with a warning. Example bodies
//!   with trailing commas are repaired with a warning. A request body that still does not parse loses
//!   that example (with a warning) when it looks like JSON, else the example keeps no body; a response
//!   body that does not parse is a warning and no body (with `truncated` from the annotation). Any other
//!   example that cannot be read is skipped with a warning naming its line: an example is never fatal.
//!   `ignored` blocks are not examples; a response after an ignored request is skipped with a warning.
//!   An `http` code block without annotation that requests one of the page's paths is an example named
//!   `unannotated_line_<line>` (an unannotated response right after it is its response), with a
//!   warning; other unannotated HTTP blocks are reported and left out.
//! - **Cross-checks** (warnings; `page::body`, `page::response`): example keys missing from the parameter table, required parameters
//!   missing from an example, example values of the wrong JSON kind, example statuses differing from the
//!   documented one, a response annotation type differing from the documented body type.
//!
//! Bad input never panics: it is an [`ExtractError`] naming the file (page or include) and line, or a
//! [`graph_spec::Warning`] in the spec.

mod ctx;
mod error;
mod follow;
mod many;
mod markdown;
mod page;
mod resource;
mod types;

pub(crate) use ctx::{Ctx, documents, names_match, resolve};
pub use error::{ErrorKind, ExtractError};
pub use follow::{Followed, Untyped, follow_types};
pub use many::{PageOutcome, extract_pages};
pub use page::{extract_page, extract_str};
pub use resource::{ResourcePage, page_enums, resource_str, resource_str_with};

#[cfg(test)]
mod tests;
