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
//! # What is read, and the decisions taken
//!
//! - **Front matter**: `title`, `description`, `ms.date` (quotes removed).
//! - **Summary**: the consecutive top-level prose paragraphs after the H1, skipping `Namespace: ...`,
//!   `[!INCLUDE ...]` paragraphs and notes in block quotes before the first one, and stopping at anything
//!   else (heading, include, list, quote, table). Paragraphs are joined with a blank line; a last paragraph
//!   ending with `:` introduces something that is not kept and is dropped. Links become their text,
//!   inline code keeps its backticks, emphasis markers are dropped, whitespace is collapsed.
//! - **Binding and name**: the front matter title split at `:` (`signIn: confirmSafe`); if the title is not
//!   of that form, the H1; if neither is, the name is the last segment of the first path and the binding
//!   the file name before its first `-`, with its case taken from a link to `../resources/<binding>.md` on
//!   the page when there is one. The fallback is reported as a warning when the page is an action or
//!   a function (a resource operation's title, `Get user`, is never of that form); a resource
//!   operation is named by its kind (`user: get`).
//! - **Kind** (`kind` module): get, list, create, update, replace, delete, the `$ref`, `$value` and
//!   `$count` operations, action or function, from the method, the last path segment, the title and
//!   the documented response; the rules are listed in that module.
//! - **Query options** (`query` module): the OData options the *Optional query parameters* section
//!   names (canonical spelling), or that it speaks of them in general, or that it supports none.
//! - **Sections** run from their `##` heading to the next heading of level 1 or 2. docfx tab headings
//!   (`# [HTTP](#tab/http)`) and `---` separators are tab groups inside a section, not headings.
//! - **HTTP request**: every code block of the `## HTTP request` section; each non-empty line is
//!   `METHOD /path` (query dropped). A line that is not (a typo such as an unclosed `{`), or that uses
//!   another method than the first line, is skipped with a warning; a section without any usable path
//!   is an error naming the line.
//! - **Request headers**: the section's table; `Name`/`Header` and `Description`/`Value` columns. A header
//!   has a fixed value when its description starts with one (`application/json. Required.`); it is
//!   required when the description says `Required`.
//! - **Request body**: the section's parameter tables (`Parameter`/`Name`/`Property`, `Type` (or `Value`
//!   beside a `Description`), `Description`). Type cells are read leniently (see `type_cell.rs`): an enum
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
//!   Inferred types: string `Edm.String`, boolean `Edm.Boolean`, integer `Edm.Int32` (`Edm.Int64` beyond
//!   32 bits), other number `Edm.Double`, array `Collection(T)`; an object is typed by its `@odata.type`,
//!   else `microsoft.graph.<key>` is recorded **with a warning that it is a guess**; `null`, empty and mixed
//!   arrays cannot be typed and the parameter is left out with a warning.
//! - **Enums**: for each `microsoft.graph.<name>` a request body parameter (or one of its properties)
//!   is typed with, a `<name> values` table (after a heading of level 3 or more, or a bold line) on the
//!   page, else in `../resources/enums.md` of the page's version, else in v1.0's, is recorded in
//!   `enums` with its members (`Member`/`Name`/`Value`, optional `Value` and `Description` columns).
//! - **Pipe tables** whose delimiter row has another number of cells than the header (which markdown
//!   does not take for a table) are repaired in place before parsing, on the page and in includes,
//!   with a warning.
//! - **Response**: the first `2xx` status written with its reason phrase (`204 No Content`) or followed by
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
//! - **Tables** with more cells in a row than in their header (an unescaped `|`) are read with a
//!   warning; the extra cells are ignored.
//! - **Permissions**: tables with a `Permission type` column, on the page or in a permissions include
//!   (path containing `/permissions/`, or the block after a `"blockType": "permissions"` annotation). In
//!   the older two-column form (`Permissions (from least to most privileged)`) the first permission is the
//!   least privileged and the rest are higher privileged. "Not supported." makes an entry unsupported,
//!   "Not available." an empty list. Footnote markers (`Group.ReadWrite.All**`) are dropped with a warning.
//!   When a page has several permissions tables (one per scenario), the first is recorded with a warning.
//! - **Least privileged role**: in an `rbac-for-apis` include (or the page), the emphasised role before
//!   "is the least privileged role", or after "at least the".
//! - **National clouds**: the table of the national cloud include (`all-clouds.md`, `global-us.md`, ...),
//!   read by its check marks, not by its file name.
//! - **Includes** are resolved relative to the page. A missing one is a warning. Snippet includes
//!   (`sample-code`, `sdk-documentation`, anything under `snippets/`) and the beta disclaimer are ignored.
//! - **Examples**: a `request` annotation before a code fence, paired with the next `response` annotation.
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
//! - **Cross-checks** (warnings): example keys missing from the parameter table, required parameters
//!   missing from an example, example values of the wrong JSON kind, example statuses differing from the
//!   documented one, a response annotation type differing from the documented body type.
//!
//! Bad input never panics: it is an [`ExtractError`] naming the file (page or include) and line, or a
//! [`graph_spec::Warning`] in the spec.

mod blocks;
mod body;
mod enums;
mod examples;
mod follow;
mod function;
mod http;
mod http_section;
mod includes;
mod kind;
mod messages;
mod optional;
mod param_table;
mod pipes;
mod query;
mod request_type;
mod resource;
mod resource_base;
mod resource_desc;
mod resource_enum_page;
mod resource_include;
mod resource_json;
mod resource_methods;
mod resource_ns;
mod resource_rows;
mod response;
mod tables;
mod type_cell;
mod types;
mod unannotated;
mod untagged;

pub use follow::{Followed, Untyped, follow_types};
pub use resource::{ResourcePage, page_enums, resource_str, resource_str_with};

use std::fmt;
use std::ops::Range;
use std::path::Path;

use graph_spec::{ApiVersion, Operation, PathTemplate, Source, SpecFile, Warning};
use sha2::{Digest, Sha256};

use crate::blocks::{Block, BlockKind};

/// Why a page could not be extracted: the file (the page or one of its includes, docs-relative), the
/// line (1-based; 0 when the file could not be read at all) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    /// The docs-relative page or include the problem is in.
    pub file: String,
    /// The 1-based line of the problem, 0 when the file could not be read.
    pub line: usize,
    /// The class of the problem, for counting failures over a whole corpus.
    pub kind: ErrorKind,
    /// What was wrong and what was expected.
    pub message: String,
}

/// The classes of [`ExtractError`]: what part of a page could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read, or is not UTF-8.
    Unreadable,
    /// The page path does not say the API version (`api-reference/<version>/...`).
    Version,
    /// The page has neither a front matter `title` nor a `# heading`.
    Title,
    /// No `## HTTP request` section, or no usable `METHOD /path` line in it.
    HttpRequest,
    /// An example's request or response that cannot be read.
    Example,
    /// A resource page that does not name its type.
    TypeName,
}

impl ErrorKind {
    /// A short stable label: `http-request`, `table`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::Version => "version",
            Self::Title => "title",
            Self::HttpRequest => "http-request",
            Self::Example => "example",
            Self::TypeName => "type-name",
        }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ExtractError {}

/// Extracts the spec of one page. `docs_root` is the docs checkout root; `page` is docs-relative with `/`
/// separators, e.g. `"api-reference/beta/api/signin-confirmsafe.md"`. Includes are resolved relative to
/// the page file.
pub fn extract_page(docs_root: &Path, page: &str) -> Result<SpecFile, ExtractError> {
    let path = docs_root.join(page);
    let unreadable = |message: String| ExtractError {
        file: page.to_string(),
        line: 0,
        kind: ErrorKind::Unreadable,
        message,
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| unreadable(format!("cannot read page {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| unreadable(format!("page {} is not UTF-8: {e}", path.display())))?;
    let read_include = |include: &str| std::fs::read_to_string(docs_root.join(include)).ok();
    extract_str(page, &text, &read_include)
}

/// Same as [`extract_page`], from text already read (for tests and fuzzing). `read_include` resolves an
/// include path (docs-relative, normalised) to its text, or `None` if it is missing.
pub fn extract_str(
    page: &str,
    text: &str,
    read_include: &dyn Fn(&str) -> Option<String>,
) -> Result<SpecFile, ExtractError> {
    let api_version = api_version(page)?;
    let sha256 = hex(&Sha256::digest(text.as_bytes()));
    let body_text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (repaired, notes) = pipes::repair(body_text);
    let mut ctx = Ctx {
        page,
        blocks: blocks::parse(&repaired),
        warnings: Vec::new(),
        read_include,
    };
    for (line, message) in notes {
        ctx.warn(line, message);
    }
    let spec = ctx.extract(api_version, sha256)?;
    Ok(spec)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a `String` cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn api_version(page: &str) -> Result<ApiVersion, ExtractError> {
    let mut parts = page.split('/');
    let version = match (parts.next(), parts.next()) {
        (Some("api-reference"), Some("v1.0")) => Some(ApiVersion::V1),
        (Some("api-reference"), Some("beta")) => Some(ApiVersion::Beta),
        _ => None,
    };
    version.ok_or_else(|| ExtractError {
        file: page.to_string(),
        line: 0,
        kind: ErrorKind::Version,
        message: "cannot tell the API version: expected a page path `api-reference/v1.0/...` or \
                  `api-reference/beta/...`"
            .to_string(),
    })
}

/// Whether a heading's text is one of `names` (lower case; compared case-insensitively, a trailing
/// `:` ignored).
pub(crate) fn names_match(names: &[&str], text: &str) -> bool {
    let t = text.trim_end_matches(':');
    names.iter().any(|n| t.eq_ignore_ascii_case(n))
}

/// Whether a URL path below the version is an instance of one of the page's paths.
pub(crate) fn documents(paths: &[PathTemplate], below: &str) -> bool {
    paths.iter().any(|p| p.match_path(below).is_some())
}

/// Normalises an include destination relative to the page's directory. `None` when it leaves the docs root.
pub(crate) fn resolve(page: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or(dest).trim();
    let mut parts: Vec<&str> = if dest.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    parts.pop(); // the page's file name
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The extraction state of one page.
pub(crate) struct Ctx<'a> {
    pub page: &'a str,
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
    read_include: &'a dyn Fn(&str) -> Option<String>,
}

impl Ctx<'_> {
    pub(crate) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        line: usize,
        message: impl Into<String>,
    ) -> ExtractError {
        ExtractError {
            file: self.page.to_string(),
            line,
            kind,
            message: message.into(),
        }
    }

    /// The first level-2 section with one of `names` (lower case; compared case-insensitively): its
    /// heading index and the block range up to the next heading of level 1 or 2.
    pub(crate) fn section(&self, names: &[&str]) -> Option<(usize, Range<usize>)> {
        self.sections_where(|level, text| level == 2 && names_match(names, text))
            .into_iter()
            .next()
    }

    /// Every heading for which `wanted(level, text)` holds (`text` is its plain text, trimmed):
    /// its index and the block range up to the next heading of the same or a higher level.
    pub(crate) fn sections_where(
        &self,
        wanted: impl Fn(u8, &str) -> bool,
    ) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            let BlockKind::Heading { level, inline } = &b.kind else {
                continue;
            };
            if !wanted(*level, inline.plain().trim()) {
                continue;
            }
            let end = (i + 1..self.blocks.len())
                .find(|&j| {
                    matches!(self.blocks.get(j).map(|b| &b.kind), Some(BlockKind::Heading { level: l, .. }) if l <= level)
                })
                .unwrap_or(self.blocks.len());
            out.push((i, i + 1..end));
        }
        out
    }

    fn extract(
        &mut self,
        api_version: ApiVersion,
        sha256: String,
    ) -> Result<SpecFile, ExtractError> {
        let front = self
            .blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Metadata(text) => Some(blocks::front_matter(text)),
                _ => None,
            })
            .unwrap_or_default();
        let front_value = |key: &str| {
            front
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        let h1 = self
            .blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }));
        let h1_text = h1.and_then(|i| match &self.blocks.get(i)?.kind {
            BlockKind::Heading { inline, .. } => Some(inline.plain().trim().to_string()),
            _ => None,
        });
        let title = front_value("title")
            .or_else(|| h1_text.clone())
            .ok_or_else(|| {
                self.error(
                    ErrorKind::Title,
                    1,
                    "the page has neither a front matter `title` nor a `# heading`",
                )
            })?;
        let summary = self.summary(h1);
        let (method, paths, http_range) = self.http_request(h1)?;
        let (binding, mut name, titled) = self.binding_and_name(&title, h1_text.as_deref(), &paths);

        let annotated = examples::collect(self, &http_range, api_version, &paths)?;
        let includes = self.load_includes(&annotated.permission_targets);
        let permissions = self.permissions(&includes)?;
        let least_privileged_role = self.least_privileged_role(&includes);
        let national_clouds = self.national_clouds(&includes)?;
        let request_headers = self.request_headers()?;
        let http_line = http_range
            .start
            .checked_sub(1)
            .and_then(|i| self.blocks.get(i))
            .map_or(1, |b| b.line);
        let function_parameters = function::function_parameters(
            self,
            &name,
            &paths,
            &annotated.examples,
            api_version,
            http_line,
        );
        let path_functions =
            function::path_functions(self, &paths, &annotated.examples, api_version, http_line);
        let request_body = body::request_body(self, &annotated.examples)?;
        let typed: Vec<graph_spec::Parameter> = function_parameters
            .iter()
            .chain(path_functions.iter().flat_map(|f| &f.parameters))
            .chain(request_body.iter().flatten())
            .cloned()
            .collect();
        let enums = enums::resolve_enums(self, &typed);
        let response = response::response(self, &annotated, &paths, api_version)?;
        let h1_line = h1.and_then(|i| self.blocks.get(i)).map_or(1, |b| b.line);
        let (kind, note) = kind::classify(&kind::Facts {
            method,
            paths: &paths,
            title: &title,
            titled_name: titled.then_some(name.as_str()),
            response: &response,
        });
        if let Some(note) = note {
            self.warn(http_line, note);
        }
        if !titled && kind.is_resource() {
            // `Get a user` on `/users/{id}`: the operation is named by what it does (`user: get`),
            // not by a path segment that may be a placeholder.
            name = kind.as_str().to_string();
        }
        if !titled && !kind.is_resource() {
            let path = paths.first().map_or("", |p| p.template.as_str());
            self.warn(
                h1_line,
                format!(
                    "title `{title}` is not of the form `binding: name`; took the binding `{binding}` from the file name \
                     and the name `{name}` from the path `{path}`"
                ),
            );
        }
        let query = self.query_options();
        let request_type = self.request_type(kind, &binding, &response);
        // A body that is an entity keeps the properties the page's table lists; parameters guessed
        // from an example's body or the prose (`start`, `locations` typed as made-up named types)
        // say nothing more.
        let request_body = match request_body {
            Some(params)
                if request_type.is_some()
                    && !params
                        .iter()
                        .any(|p| p.source == graph_spec::FactSource::Table) =>
            {
                None
            }
            other => other,
        };
        for e in &annotated.examples {
            let below = api_version.path_below(&e.request.url);
            if !documents(&paths, below) {
                self.warn(
                    e.line,
                    format!(
                        "request example `{}` calls `{below}`, which is not among the paths of the `HTTP request` section",
                        e.name
                    ),
                );
            }
        }

        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.sort_by_key(|w| w.line);
        warnings.dedup();
        Ok(SpecFile {
            source: Source {
                page: self.page.to_string(),
                sha256,
            },
            api_version,
            title,
            description: front_value("description"),
            ms_date: front_value("ms.date"),
            summary,
            operation: Operation {
                binding,
                name,
                kind,
                method,
                paths,
                request_headers,
                query,
                function_parameters,
                path_functions,
                request_type,
                request_body,
                response,
                permissions,
                least_privileged_role,
                national_clouds,
            },
            enums,
            examples: annotated.examples,
            warnings,
        })
    }

    fn summary(&mut self, h1: Option<usize>) -> String {
        let start = h1.map_or(0, |i| i + 1);
        let mut paragraphs: Vec<String> = Vec::new();
        for block in self.blocks.iter().skip(start) {
            match &block.kind {
                BlockKind::Heading { .. } => break,
                BlockKind::Html(_) | BlockKind::Metadata(_) => {}
                BlockKind::Paragraph { inline, nested } => {
                    let mut text = inline.text.as_str();
                    if let Some(rest) = text.strip_prefix("Namespace:") {
                        // `Namespace: microsoft.graph`, possibly with the summary run on after it.
                        let rest = rest.trim_start();
                        text = rest.split_once(' ').map_or("", |(_, r)| r).trim();
                    }
                    let skip = *nested || text.is_empty() || text.starts_with("[!INCLUDE");
                    match (skip, paragraphs.is_empty()) {
                        (true, true) => {}
                        (true, false) => break,
                        (false, _) => paragraphs.push(text.to_string()),
                    }
                }
                _ => {
                    if !paragraphs.is_empty() {
                        break;
                    }
                }
            }
        }
        if paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| p.ends_with(':')) {
            paragraphs.pop();
        }
        if paragraphs.is_empty() {
            self.warn(
                self.blocks
                    .get(start.saturating_sub(1))
                    .map_or(1, |b| b.line),
                "no summary paragraph after the title heading",
            );
        }
        paragraphs.join("\n\n")
    }

    fn binding_and_name(
        &self,
        title: &str,
        h1: Option<&str>,
        paths: &[PathTemplate],
    ) -> (String, String, bool) {
        fn split(s: &str) -> Option<(String, String)> {
            let (b, n) = s.split_once(':')?;
            let ok = |p: &str| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            };
            let (b, n) = (b.trim(), n.trim());
            (ok(b) && ok(n)).then(|| (b.to_string(), n.to_string()))
        }
        if let Some((binding, name)) = split(title).or_else(|| h1.and_then(split)) {
            return (binding, name, true);
        }
        let path = paths.first().map_or("", |p| p.template.as_str());
        let last = path.rsplit('/').next().unwrap_or("");
        let last = last.split('(').next().unwrap_or(last);
        let name = last
            .strip_prefix("microsoft.graph.")
            .unwrap_or(last)
            .to_string();
        let file = self.page.rsplit('/').next().unwrap_or("");
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let prefix = stem.split('-').next().unwrap_or(stem);
        let resource = format!("resources/{prefix}.md");
        let binding = self
            .blocks
            .iter()
            .flat_map(Block::inlines)
            .flat_map(|p| p.links.iter().map(move |l| (p, l)))
            .find(|(p, l)| {
                l.dest.to_ascii_lowercase().ends_with(&resource)
                    && p.span(&l.range).eq_ignore_ascii_case(prefix)
            })
            .map_or_else(|| prefix.to_string(), |(p, l)| p.span(&l.range).to_string());
        // Whether an untitled page deserves a warning depends on its kind (see `extract`).
        (binding, name, false)
    }

    fn request_headers(&mut self) -> Result<Vec<graph_spec::Header>, ExtractError> {
        let Some((_, range)) = self.section(&["request headers", "request header"]) else {
            return Ok(Vec::new());
        };
        let table = self
            .blocks
            .get(range)
            .unwrap_or(&[])
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            });
        let Some(table) = table else {
            return Ok(Vec::new());
        };
        let wide = tables::check_widths(table, "request headers table")
            .err()
            .map(|(l, m)| (l, format!("{m}; the extra cells are ignored")));
        let (headers, notes) = tables::request_headers(table);
        for (l, m) in wide.into_iter().chain(notes) {
            self.warn(l, m);
        }
        Ok(headers)
    }
}

#[cfg(test)]
mod tests;
