//! Includes and what the extractor reads from them: permissions tables, the least privileged role
//! (`rbac-for-apis` includes) and the national clouds table.

use graph_spec::{NationalClouds, Permissions};

use crate::markdown::blocks::{self, Block, BlockKind, Inline};
use crate::{Ctx, ExtractError, markdown::pipes, markdown::tables, resolve};

/// An `[!INCLUDE [label](path)]` on the page.
#[derive(Debug, Clone)]
struct IncludeRef {
    line: usize,
    label: String,
    dest: String,
    block: usize,
}

/// A permissions table found on the page or in an include: its line, its reading, and its warnings.
type PermissionCandidate = (usize, Permissions, Vec<tables::Note>);

/// An include that matters, with its path and blocks when it was found.
pub(crate) struct Loaded {
    inc: IncludeRef,
    kind: IncludeKind,
    content: Option<(String, Vec<Block>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IncludeKind {
    Ignored,
    Permissions,
    Rbac,
    NationalCloud,
    Other,
}

const CLOUD_INCLUDES: [&str; 4] = [
    "all-clouds.md",
    "global-us.md",
    "global-only.md",
    "global-china.md",
];

impl Ctx<'_> {
    fn includes(&self) -> Vec<IncludeRef> {
        let mut out = Vec::new();
        for (block, b) in self.blocks.iter().enumerate() {
            let Some(p) = b.paragraph() else { continue };
            if !p.text.trim_start().starts_with("[!INCLUDE") {
                continue;
            }
            for link in &p.links {
                out.push(IncludeRef {
                    line: link.line,
                    label: p.span(&link.range).to_string(),
                    dest: link.dest.clone(),
                    block,
                });
            }
        }
        out
    }

    fn include_kind(inc: &IncludeRef, permission_targets: &[usize]) -> IncludeKind {
        let dest = inc.dest.to_ascii_lowercase();
        let file = dest.rsplit('/').next().unwrap_or("");
        let label = inc.label.to_ascii_lowercase();
        if dest.contains("snippets/")
            || label == "sample-code"
            || label == "sdk-documentation"
            || file == "beta-disclaimer.md"
        {
            IncludeKind::Ignored
        } else if permission_targets.contains(&inc.block) || dest.contains("/permissions/") {
            IncludeKind::Permissions
        } else if dest.contains("rbac-for-apis/") {
            IncludeKind::Rbac
        } else if label == "national-cloud-support" || CLOUD_INCLUDES.contains(&file) {
            IncludeKind::NationalCloud
        } else {
            IncludeKind::Other
        }
    }

    /// Reads an include, warning when it is missing. Returns its docs-relative path and blocks.
    fn load(&mut self, inc: &IncludeRef) -> Option<(String, Vec<Block>)> {
        let Some(path) = resolve(self.page, &inc.dest) else {
            self.warn(
                inc.line,
                format!(
                    "include `{}` not found (it points outside the docs root)",
                    inc.dest
                ),
            );
            return None;
        };
        match (self.read_include)(&path) {
            Some(text) => {
                let (text, notes) = pipes::repair(text.strip_prefix('\u{feff}').unwrap_or(&text));
                for (l, m) in notes {
                    self.warn(inc.line, format!("{path}:{l}: {m}"));
                }
                Some((path, blocks::parse(&text)))
            }
            None => {
                self.warn(
                    inc.line,
                    format!("include `{}` not found (resolved to {path})", inc.dest),
                );
                None
            }
        }
    }

    /// Reads every include that matters (all but snippets and the beta disclaimer), warning about
    /// missing ones.
    pub(crate) fn load_includes(&mut self, permission_targets: &[usize]) -> Vec<Loaded> {
        let mut out = Vec::new();
        for inc in self.includes() {
            let kind = Self::include_kind(&inc, permission_targets);
            if kind == IncludeKind::Ignored {
                continue;
            }
            let content = self.load(&inc);
            out.push(Loaded { inc, kind, content });
        }
        out
    }

    pub(crate) fn permissions(
        &mut self,
        includes: &[Loaded],
    ) -> Result<Option<Permissions>, ExtractError> {
        // Candidates in page order: inline tables and permissions includes.
        let mut found: Vec<PermissionCandidate> = Vec::new();
        let mut unread: Vec<tables::Note> = Vec::new();
        for b in &self.blocks {
            let BlockKind::Table(table) = &b.kind else {
                continue;
            };
            if !tables::is_permissions_table(table) {
                continue;
            }
            if let Err((l, m)) = tables::check_widths(table, "permissions table") {
                unread.push((l, format!("{m}; the extra cells are ignored")));
            }
            match tables::permissions(table) {
                Ok((p, notes)) => found.push((b.line, p, notes)),
                Err(note) => unread.push(note),
            }
        }
        for (l, m) in unread {
            self.warn(l, m);
        }
        for loaded in includes {
            let Loaded {
                inc,
                kind: IncludeKind::Permissions,
                content: Some((path, blocks)),
            } = loaded
            else {
                continue;
            };
            let table = blocks.iter().find_map(|b| match &b.kind {
                BlockKind::Table(t) if tables::is_permissions_table(t) => Some(t),
                _ => None,
            });
            let Some(table) = table else {
                self.warn(
                    inc.line,
                    format!(
                        "permissions include {path} has no table with a `Permission type` column"
                    ),
                );
                continue;
            };
            if let Err((l, m)) = tables::check_widths(table, "permissions table") {
                self.warn(
                    inc.line,
                    format!("{path}:{l}: {m}; the extra cells are ignored"),
                );
            }
            match tables::permissions(table) {
                Ok((p, notes)) => {
                    let notes = notes
                        .into_iter()
                        .map(|(l, m)| (inc.line, format!("{path}:{l}: {m}")))
                        .collect();
                    found.push((inc.line, p, notes));
                }
                Err((l, m)) => self.warn(inc.line, format!("{path}:{l}: {m}")),
            }
        }
        found.sort_by_key(|(line, _, _)| *line);
        let count = found.len();
        let mut found = found.into_iter();
        let Some((line, first, notes)) = found.next() else {
            return Ok(None);
        };
        for (l, m) in notes {
            self.warn(l, m);
        }
        if count > 1 {
            self.warn(
                line,
                format!(
                    "the page has {count} permissions tables (one per scenario or path); the spec holds one, so \
                     the first (line {line}) was recorded"
                ),
            );
        }
        Ok(Some(first))
    }

    pub(crate) fn least_privileged_role(&mut self, includes: &[Loaded]) -> Option<String> {
        let mut role = None;
        for loaded in includes {
            let Loaded {
                inc,
                kind: IncludeKind::Rbac,
                content: Some((path, blocks)),
            } = loaded
            else {
                continue;
            };
            let found = blocks.iter().filter_map(Block::paragraph).find_map(role_in);
            match found {
                Some(r) if role.is_none() => role = Some(r),
                Some(_) => {}
                None => self.warn(
                    inc.line,
                    format!(
                        "RBAC include {path} names no least privileged role: expected `*Role* is the least \
                         privileged role` or `at least the *Role*`"
                    ),
                ),
            }
        }
        role.or_else(|| {
            self.blocks
                .iter()
                .filter_map(Block::paragraph)
                .find_map(role_in)
        })
    }

    pub(crate) fn national_clouds(
        &mut self,
        includes: &[Loaded],
    ) -> Result<Option<NationalClouds>, ExtractError> {
        let mut out = None;
        for loaded in includes {
            let Loaded {
                inc,
                kind: IncludeKind::NationalCloud,
                content: Some((path, blocks)),
            } = loaded
            else {
                continue;
            };
            if out.is_some() {
                self.warn(
                    inc.line,
                    format!("a second national cloud include ({path}) is ignored"),
                );
                continue;
            }
            let Some(table) = blocks.iter().find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            }) else {
                self.warn(
                    inc.line,
                    format!("national cloud include {path} has no table"),
                );
                continue;
            };
            if let Err((l, m)) = tables::check_widths(table, "national cloud table") {
                self.warn(
                    inc.line,
                    format!("{path}:{l}: {m}; the extra cells are ignored"),
                );
            }
            match tables::national_clouds(table) {
                Ok(c) => out = Some(c),
                Err((l, m)) => self.warn(inc.line, format!("{path}:{l}: {m}")),
            }
        }
        Ok(out)
    }
}

/// The least privileged role a paragraph names: the emphasised text before "is the least privileged role",
/// or after "at least the".
fn role_in(p: &Inline) -> Option<String> {
    // Both forms name an emphasised role.
    if p.emphasis.is_empty() {
        return None;
    }
    let lower = p.text.to_ascii_lowercase();
    let gap_is_blank = |a: usize, b: usize| p.text.get(a..b).is_some_and(|s| s.trim().is_empty());
    if let Some(q) = lower.find("is the least privileged role")
        && let Some(r) = p
            .emphasis
            .iter()
            .rfind(|r| r.end <= q && gap_is_blank(r.end, q))
    {
        return Some(p.span(r).trim().to_string()).filter(|s| !s.is_empty());
    }
    if let Some(at) = lower.find("at least the ") {
        let after = at + "at least the ".len();
        if let Some(r) = p
            .emphasis
            .iter()
            .find(|r| r.start >= after && gap_is_blank(after, r.start))
        {
            return Some(p.span(r).trim().to_string()).filter(|s| !s.is_empty());
        }
    }
    None
}
