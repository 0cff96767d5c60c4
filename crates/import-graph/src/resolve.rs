//! The module tree of one crate root and the name resolution that turns `use` leaves and paths
//! into the file that defines what they name.
//!
//! A name is looked up in a module as Rust does, minus what does not change a file edge: its
//! child modules, its items, its `use` imports (a re-export is followed to the file that defines
//! the item, so `crate::Operation` re-exported by `lib.rs` from `model.rs` is an import of
//! `model.rs`), then its glob imports. A path that leaves the crate (std, a dependency, a
//! local variable) resolves to nothing. A path that runs past what the module defines (an enum
//! variant, an associated function, a macro-made item) stops at the deepest module found.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::GraphError;
use crate::lex::tokens;
use crate::parse::{ModuleSyntax, UseLeaf, parse_file};

/// One module of the tree.
#[derive(Debug)]
struct Module {
    file: String,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    defs: BTreeSet<String>,
    uses: Vec<UseLeaf>,
    paths: Vec<Vec<String>>,
    test: bool,
}

/// What a path resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Module(usize),
    /// An item defined in this module.
    Item(usize),
}

impl Target {
    fn module(self) -> usize {
        match self {
            Target::Module(m) | Target::Item(m) => m,
        }
    }
}

/// One crate root's modules.
pub(crate) struct Tree {
    modules: Vec<Module>,
}

/// An import from one file of the tree to another: (from, to, path as written).
pub(crate) type Import = (String, String, String);

impl Tree {
    /// Loads the tree of `root` (a path in `files`, relative to `src/`).
    pub(crate) fn load(files: &BTreeMap<String, String>, root: &str) -> Result<Tree, GraphError> {
        let mut tree = Tree {
            modules: Vec::new(),
        };
        let text = files
            .get(root)
            .ok_or_else(|| GraphError::MissingRoot(root.to_string()))?;
        let syntax = parse_file(&tokens(text));
        tree.add(files, syntax, root, &dir_of(root), None, false)?;
        Ok(tree)
    }

    /// Every file of the tree, and whether it is (inside) a `#[cfg(test)]` module.
    pub(crate) fn files(&self) -> BTreeMap<String, bool> {
        let mut out = BTreeMap::new();
        for m in &self.modules {
            let test = out.get(&m.file).copied().unwrap_or(true) && m.test;
            out.insert(m.file.clone(), test);
        }
        out
    }

    fn add(
        &mut self,
        files: &BTreeMap<String, String>,
        syntax: ModuleSyntax,
        file: &str,
        child_dir: &str,
        parent: Option<usize>,
        test: bool,
    ) -> Result<usize, GraphError> {
        let id = self.modules.len();
        self.modules.push(Module {
            file: file.to_string(),
            parent,
            children: BTreeMap::new(),
            defs: syntax.defs.into_iter().collect(),
            uses: syntax.uses,
            paths: syntax.paths,
            test,
        });
        for decl in syntax.mods {
            let test = test || decl.cfg_test;
            let child = if let Some(inline) = decl.inline {
                let dir = format!("{child_dir}{}/", decl.name);
                self.add(files, inline, file, &dir, Some(id), test)?
            } else {
                let tried = match &decl.path_attr {
                    Some(path) => vec![format!("{}{path}", dir_of(file))],
                    None => vec![
                        format!("{child_dir}{}.rs", decl.name),
                        format!("{child_dir}{}/mod.rs", decl.name),
                    ],
                };
                let Some((path, text)) = tried.iter().find_map(|p| files.get(p).map(|t| (p, t)))
                else {
                    return Err(GraphError::MissingModule {
                        from: file.to_string(),
                        name: decl.name,
                        tried,
                    });
                };
                if self.modules.iter().any(|m| &m.file == path) {
                    continue;
                }
                let dir = if decl.path_attr.is_some() || path.ends_with("/mod.rs") {
                    dir_of(path)
                } else {
                    format!("{}/", path.trim_end_matches(".rs"))
                };
                let syntax = parse_file(&tokens(text));
                self.add(files, syntax, path, &dir, Some(id), test)?
            };
            self.modules[id].children.insert(decl.name, child);
        }
        Ok(id)
    }

    /// Every import between two different files of the tree, made by code that is not test code
    /// (see the crate doc).
    pub(crate) fn imports(&self) -> Vec<Import> {
        let mut out = Vec::new();
        for (id, m) in self.modules.iter().enumerate().filter(|(_, m)| !m.test) {
            let uses = m.uses.iter().map(|leaf| {
                let glob = if leaf.name.is_none() { "::*" } else { "" };
                (&leaf.path, format!("{}{glob}", leaf.path.join("::")))
            });
            let paths = m.paths.iter().map(|p| (p, p.join("::")));
            for (path, written) in uses.chain(paths) {
                if let Some(target) = self.resolve(id, path, false, &mut Vec::new()) {
                    let to = &self.modules[target.module()].file;
                    if *to != m.file {
                        out.push((m.file.clone(), to.clone(), written));
                    }
                }
            }
        }
        out
    }

    /// Resolves `path` as written in module `from`. A segment not found ends the path at the
    /// module before it, unless `whole` (a name imported by `use` must resolve entirely, or it is
    /// some other import of that name).
    fn resolve(
        &self,
        from: usize,
        path: &[String],
        whole: bool,
        active: &mut Vec<(usize, String)>,
    ) -> Option<Target> {
        let (first, rest) = path.split_first()?;
        let mut at = match first.as_str() {
            "crate" => Target::Module(0),
            "self" => Target::Module(from),
            "super" => Target::Module(self.modules[from].parent?),
            _ => self.lookup(from, first, active)?,
        };
        for seg in rest {
            let Target::Module(m) = at else { break };
            at = match seg.as_str() {
                "super" => Target::Module(self.modules[m].parent?),
                "self" => at,
                _ => match self.lookup(m, seg, active) {
                    Some(t) => t,
                    None if whole => return None,
                    None => break,
                },
            };
        }
        Some(at)
    }

    /// The name `name` in module `m`: a child module, an item, an import, a glob import's name.
    fn lookup(&self, m: usize, name: &str, active: &mut Vec<(usize, String)>) -> Option<Target> {
        let module = &self.modules[m];
        if let Some(&child) = module.children.get(name) {
            return Some(Target::Module(child));
        }
        if module.defs.contains(name) {
            return Some(Target::Item(m));
        }
        let key = (m, name.to_string());
        if active.contains(&key) {
            return None;
        }
        active.push(key);
        let found = module
            .uses
            .iter()
            .filter(|leaf| leaf.name.as_deref() == Some(name))
            .find_map(|leaf| self.resolve(m, &leaf.path, true, active))
            .or_else(|| {
                module
                    .uses
                    .iter()
                    .filter(|leaf| leaf.name.is_none())
                    .find_map(|leaf| match self.resolve(m, &leaf.path, true, active)? {
                        Target::Module(g) if g != m => self.lookup(g, name, active),
                        _ => None,
                    })
            });
        active.pop();
        found
    }
}

/// The directory part of a relative path, with its trailing `/` (empty at the top).
fn dir_of(path: &str) -> String {
    path.rfind('/')
        .map_or_else(String::new, |i| path[..=i].to_string())
}
