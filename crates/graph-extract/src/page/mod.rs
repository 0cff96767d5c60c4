//! Operation pages (`api-reference/<version>/api/*.md`): the page read top to bottom into a
//! [`graph_spec::SpecFile`] (front matter, summary, binding and name, request and response,
//! permissions, examples); each part has its module below.

use std::path::Path;

use graph_spec::{ApiVersion, Operation, PathTemplate, Source, SpecFile};
use sha2::{Digest, Sha256};

use crate::ctx::{Ctx, api_version, documents, hex};
use crate::error::{ErrorKind, ExtractError};
use crate::markdown::blocks::{self, Block, BlockKind};
use crate::markdown::{pipes, tables};
use crate::types::enums;

pub(crate) mod body;
pub(crate) mod examples;
pub(crate) mod function;
pub(crate) mod http;
pub(crate) mod http_section;
pub(crate) mod kind;
pub(crate) mod messages;
pub(crate) mod no_body;
pub(crate) mod optional;
pub(crate) mod param_table;
pub(crate) mod query;
pub(crate) mod request_type;
pub(crate) mod response;
pub(crate) mod response_prose;

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

impl Ctx<'_> {
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
            // `reportRoot: getYammerDeviceUsageUserDetail function`: the kind word is not part
            // of the name.
            let n = match n.rsplit_once(' ') {
                Some((name, word))
                    if word.eq_ignore_ascii_case("function")
                        || word.eq_ignore_ascii_case("action") =>
                {
                    name.trim_end()
                }
                _ => n,
            };
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
