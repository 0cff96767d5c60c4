//! One file's module syntax: the items it defines, the modules it declares (with their
//! `#[path]` and `#[cfg(test)]`), its `use` trees, and the multi-segment paths in its code.
//!
//! Tokens inside `quote!`, `quote_spanned!` and `parse_quote!` are the generated code's, not this
//! file's, and are skipped.

use crate::lex::Tok;

/// One module's syntax (a file, or an inline `mod x { ... }` inside one).
#[derive(Debug, Default)]
pub(crate) struct ModuleSyntax {
    /// Names of items defined at the module's own level (structs, enums, functions, ...).
    pub defs: Vec<String>,
    /// `mod` declarations.
    pub mods: Vec<ModDecl>,
    /// The leaves of every `use` tree (at any depth of the module's code).
    pub uses: Vec<UseLeaf>,
    /// Paths of two or more segments in the code (`super::a::b`, `child::f`), outside `use`.
    pub paths: Vec<Vec<String>>,
}

/// `mod name;` or `mod name { ... }`.
#[derive(Debug)]
pub(crate) struct ModDecl {
    pub name: String,
    /// The `#[path = "..."]` attribute's value.
    pub path_attr: Option<String>,
    /// Behind `#[cfg(test)]`.
    pub cfg_test: bool,
    /// The body of an inline module.
    pub inline: Option<ModuleSyntax>,
}

/// One leaf of a `use` tree: `use a::b::{c, d as e, f::*}` has three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UseLeaf {
    /// The full path (a `self` leaf is dropped: `a::{self}` is `a`).
    pub path: Vec<String>,
    /// The name it binds (`as` or the last segment); `None` for a glob.
    pub name: Option<String>,
}

const ITEM_KEYWORDS: &[&str] = &[
    "struct", "enum", "union", "trait", "type", "fn", "const", "static",
];
const FOREIGN_MACROS: &[&str] = &[
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
];

/// Parses a whole file.
pub(crate) fn parse_file(toks: &[Tok]) -> ModuleSyntax {
    let mut i = 0;
    parse_module(toks, &mut i, false)
}

fn ident(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Ident(w)) => Some(w),
        _ => None,
    }
}

fn is_punct(toks: &[Tok], i: usize, c: char) -> bool {
    toks.get(i) == Some(&Tok::Punct(c))
}

/// The index after the group opening at `i` (`(`, `[` or `{`), or `i` when none opens there.
fn skip_group(toks: &[Tok], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j < toks.len() {
        match toks[j] {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            _ if depth == 0 => return i,
            _ => {}
        }
        j += 1;
    }
    j
}

#[derive(Default)]
struct Pending {
    path_attr: Option<String>,
    cfg_test: bool,
}

fn parse_module(toks: &[Tok], i: &mut usize, inline: bool) -> ModuleSyntax {
    let mut module = ModuleSyntax::default();
    let mut depth = 0usize;
    let mut pending = Pending::default();
    while *i < toks.len() {
        let at = *i;
        match &toks[at] {
            Tok::Punct('{' | '(' | '[') => {
                depth += 1;
                *i += 1;
            }
            Tok::Punct('}' | ')' | ']') => {
                *i += 1;
                if depth == 0 && inline {
                    return module;
                }
                depth = depth.saturating_sub(1);
            }
            Tok::Punct('#') if depth == 0 => {
                let open = if is_punct(toks, at + 1, '!') {
                    at + 2
                } else {
                    at + 1
                };
                let end = skip_group(toks, open);
                read_attribute(&toks[open..end], &mut pending);
                *i = end.max(at + 1);
            }
            Tok::Ident(w) if w == "pub" => {
                *i = skip_group(toks, at + 1).max(at + 1);
            }
            Tok::Ident(w) if w == "mod" && depth == 0 => {
                let Some(name) = ident(toks, at + 1) else {
                    *i += 1;
                    continue;
                };
                let name = name.to_string();
                let taken = std::mem::take(&mut pending);
                let mut decl = ModDecl {
                    name,
                    path_attr: taken.path_attr,
                    cfg_test: taken.cfg_test,
                    inline: None,
                };
                if is_punct(toks, at + 2, '{') {
                    *i = at + 3;
                    decl.inline = Some(parse_module(toks, i, true));
                } else {
                    *i = at + 2;
                }
                module.mods.push(decl);
            }
            Tok::Ident(w) if w == "use" => {
                *i = at + 1;
                let mut leaves = Vec::new();
                use_tree(toks, i, Vec::new(), false, &mut leaves);
                module.uses.extend(leaves);
                pending = Pending::default();
            }
            Tok::Ident(w) if w == "macro_rules" && is_punct(toks, at + 1, '!') => {
                if let (0, Some(name)) = (depth, ident(toks, at + 2)) {
                    module.defs.push(name.to_string());
                }
                *i = at + 2;
            }
            Tok::Ident(w) if ITEM_KEYWORDS.contains(&w.as_str()) => {
                let mut name_at = at + 1;
                if ident(toks, name_at) == Some("mut") {
                    name_at += 1;
                }
                match ident(toks, name_at) {
                    Some(name) if depth == 0 && !ITEM_KEYWORDS.contains(&name) && name != "_" => {
                        module.defs.push(name.to_string());
                    }
                    _ => {}
                }
                pending = Pending::default();
                *i = at + 1;
            }
            Tok::Ident(_) => {
                let starts_path = at == 0 || !matches!(toks[at - 1], Tok::Sep | Tok::Punct('.'));
                let (end, path) = path_at(toks, at);
                let last = path.last().map_or("", String::as_str);
                if FOREIGN_MACROS.contains(&last) && is_punct(toks, end, '!') {
                    *i = skip_group(toks, end + 1).max(end + 1);
                    continue;
                }
                if starts_path && path.len() > 1 {
                    module.paths.push(path);
                }
                *i = end;
            }
            _ => *i += 1,
        }
    }
    module
}

/// `#[path = "x.rs"]` and `#[cfg(test)]` (the attribute's tokens, brackets included).
fn read_attribute(attr: &[Tok], pending: &mut Pending) {
    match attr {
        [
            Tok::Punct('['),
            Tok::Ident(name),
            Tok::Punct('='),
            Tok::Str(value),
            Tok::Punct(']'),
        ] if name == "path" => {
            pending.path_attr = Some(value.clone());
        }
        [
            Tok::Punct('['),
            Tok::Ident(cfg),
            Tok::Punct('('),
            Tok::Ident(test),
            Tok::Punct(')'),
            Tok::Punct(']'),
        ] if cfg == "cfg" && test == "test" => {
            pending.cfg_test = true;
        }
        _ => {}
    }
}

/// The path of identifiers joined by `::` starting at `at` (it stops before `::<`): the index
/// after it and its segments.
fn path_at(toks: &[Tok], at: usize) -> (usize, Vec<String>) {
    let mut segs = Vec::new();
    let mut j = at;
    while let Some(w) = ident(toks, j) {
        segs.push(w.to_string());
        if toks.get(j + 1) == Some(&Tok::Sep) && ident(toks, j + 2).is_some() {
            j += 2;
        } else {
            return (j + 1, segs);
        }
    }
    (j.max(at + 1), segs)
}

/// Reads one `use` tree at `i` (after `use`, or inside braces) up to its `;`, `,` or `}` (not
/// consumed except `;`). A tree starting with `::` names an external crate and yields nothing.
fn use_tree(
    toks: &[Tok],
    i: &mut usize,
    prefix: Vec<String>,
    external: bool,
    leaves: &mut Vec<UseLeaf>,
) {
    let external = external || (prefix.is_empty() && toks.get(*i) == Some(&Tok::Sep));
    let mut path = prefix;
    loop {
        match toks.get(*i) {
            Some(Tok::Sep) => *i += 1,
            Some(Tok::Ident(w)) if w == "as" => {
                *i += 1;
                let alias = ident(toks, *i).map(str::to_string);
                *i += 1;
                if !external {
                    leaves.push(UseLeaf {
                        path: path.clone(),
                        name: alias,
                    });
                }
                return finish(toks, i);
            }
            Some(Tok::Ident(w)) => {
                if w != "self" || path.is_empty() {
                    path.push(w.clone());
                }
                *i += 1;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                if !external {
                    leaves.push(UseLeaf {
                        path: path.clone(),
                        name: None,
                    });
                }
                return finish(toks, i);
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && !is_punct(toks, *i, '}') {
                    use_tree(toks, i, path.clone(), external, leaves);
                    if is_punct(toks, *i, ',') {
                        *i += 1;
                    }
                }
                *i += 1;
                return finish(toks, i);
            }
            _ => {
                if !external && !path.is_empty() {
                    let name = path.last().cloned();
                    leaves.push(UseLeaf { path, name });
                }
                return finish(toks, i);
            }
        }
    }
}

/// Consumes a closing `;`.
fn finish(toks: &[Tok], i: &mut usize) {
    if is_punct(toks, *i, ';') {
        *i += 1;
    }
}
