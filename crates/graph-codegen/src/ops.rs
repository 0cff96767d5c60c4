//! Operations across the module tree: every binding of one spec file, in the order of its
//! documented paths, so that an operation reached through several paths is documented and mocked
//! once, at its first (canonical) path, and its other bindings can link there.

use std::collections::BTreeMap;

use graph_spec::ApiVersion;

use crate::tree::{Action, Node};

/// One binding of an operation: the module it is in and the binding.
pub type Binding<'t, 's> = (&'t Node<'s>, &'t Action<'s>);

/// The bindings of every operation, by spec file, first documented path first.
#[derive(Debug, Default)]
pub struct Operations<'t, 's> {
    by_file: BTreeMap<&'s str, Vec<(usize, Binding<'t, 's>)>>,
}

impl<'t, 's> Operations<'t, 's> {
    /// Indexes the bindings of every tree.
    pub fn new(roots: &'t BTreeMap<ApiVersion, Node<'s>>) -> Self {
        let mut ops = Operations::default();
        for root in roots.values() {
            ops.collect(root);
        }
        for bindings in ops.by_file.values_mut() {
            bindings.sort_by_key(|(index, _)| *index);
        }
        ops
    }

    fn collect(&mut self, node: &'t Node<'s>) {
        for action in &node.actions {
            let index = action
                .spec
                .operation
                .paths
                .iter()
                .position(|p| std::ptr::eq(p, action.path))
                .unwrap_or(usize::MAX);
            self.by_file
                .entry(action.file)
                .or_default()
                .push((index, (node, action)));
        }
        for child in node.children.values() {
            self.collect(child);
        }
    }

    /// Every binding of `action`'s operation, the canonical one first.
    pub fn bindings(&self, action: &Action<'_>) -> impl Iterator<Item = Binding<'t, 's>> + '_ {
        self.by_file
            .get(action.file)
            .into_iter()
            .flatten()
            .map(|(_, b)| *b)
    }

    /// Whether `action`'s operation has more than one binding.
    pub fn is_multi_path(&self, action: &Action<'_>) -> bool {
        self.by_file.get(action.file).is_some_and(|b| b.len() > 1)
    }

    /// The canonical binding of `action`'s operation (its first documented path), when `action` is
    /// another one: the binding whose docs, example and mock helpers cover it.
    pub fn canonical_of(&self, action: &Action<'_>) -> Option<Binding<'t, 's>> {
        if action.first_path {
            return None;
        }
        self.bindings(action).find(|(_, a)| a.first_path)
    }
}

/// The path of a binding's method as an intra-doc link target: `crate::beta::me::Me::accept`.
pub fn method_link(node: &Node<'_>, method: &str) -> String {
    format!(
        "crate::{}::{}::{method}",
        node.module_path.join("::"),
        node.type_name
    )
}
