//! Strongly connected components (Tarjan), deterministic: nodes in sorted order.

use std::collections::{BTreeMap, BTreeSet};

struct State<'a> {
    next: BTreeMap<&'a str, Vec<&'a str>>,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    out: Vec<Vec<&'a str>>,
}

/// The components of the graph given by its edges, each sorted, in a stable order.
pub(crate) fn components<'a>(edges: &BTreeSet<(&'a str, &'a str)>) -> Vec<Vec<&'a str>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &(a, b) in edges {
        next.entry(a).or_default().push(b);
        next.entry(b).or_default();
    }
    let nodes: Vec<&str> = next.keys().copied().collect();
    let mut state = State {
        next,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for node in nodes {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    let mut out = state.out;
    for c in &mut out {
        c.sort_unstable();
    }
    out.sort();
    out
}

fn visit<'a>(s: &mut State<'a>, v: &'a str) {
    let i = s.index.len();
    s.index.insert(v, i);
    s.low.insert(v, i);
    s.stack.push(v);
    s.on_stack.insert(v);
    let next = s.next.get(v).cloned().unwrap_or_default();
    for w in next {
        if !s.index.contains_key(w) {
            visit(s, w);
            let lw = s.low[w];
            let lv = s.low[v];
            s.low.insert(v, lv.min(lw));
        } else if s.on_stack.contains(w) {
            let iw = s.index[w];
            let lv = s.low[v];
            s.low.insert(v, lv.min(iw));
        }
    }
    if s.low[v] == s.index[v] {
        let mut component = Vec::new();
        while let Some(w) = s.stack.pop() {
            s.on_stack.remove(w);
            component.push(w);
            if w == v {
                break;
            }
        }
        s.out.push(component);
    }
}
