//! The corpus's randomness and vocabulary: a seeded generator and names made of the words the
//! real spec files use.

use std::collections::BTreeSet;

use graph_spec::SpecFile;

/// SplitMix64: tiny, seedable, and the same sequence on every platform and Rust version, so that a
/// seed always gives the same corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One item of a non-empty slice (`None` for an empty one).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.below(items.len());
        items.get(i)
    }
}

/// Lower-case words of a camelCase or dotted name: `microsoft.graph.assignLicense` ->
/// `microsoft`, `graph`, `assign`, `license`.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if c.is_ascii_alphabetic() {
            current.push(c.to_ascii_lowercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Words that would give confusing or reserved names in the generated crate: `item` is the module of
/// every `{placeholder}` segment, `by` starts its accessor, the rest are Rust keywords or the
/// namespace prefix of Graph type names.
const EXCLUDED: &[&str] = &[
    "item",
    "by",
    "microsoft",
    "graph",
    "odata",
    "self",
    "type",
    "move",
    "mod",
    "use",
    "ref",
    "for",
    "mock",
    "beta",
    "with",
];

/// Every word of the templates' literal path segments, bindings, operation names and body
/// parameter names (three letters or more, ASCII), sorted and without duplicates.
pub fn vocabulary<'a>(specs: impl IntoIterator<Item = &'a SpecFile>) -> Vec<String> {
    let mut set = BTreeSet::new();
    let mut add = |name: &str| {
        for w in words(name) {
            if w.len() >= 3 && !EXCLUDED.contains(&w.as_str()) {
                set.insert(w);
            }
        }
    };
    for spec in specs {
        let op = &spec.operation;
        add(&op.binding);
        add(&op.name);
        for p in &op.paths {
            for seg in p.template.split('/') {
                if !seg.starts_with('{') {
                    add(seg);
                }
            }
        }
        for p in op.request_body.iter().flatten() {
            add(&p.name);
        }
    }
    set.into_iter().collect()
}

/// `["risky", "user"]` -> `riskyUser`.
pub fn camel(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in parts.iter().enumerate() {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.push(first.to_ascii_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

/// A camelCase name of `count` random vocabulary words (no word twice in a row).
pub fn name(rng: &mut Rng, vocabulary: &[String], count: usize) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(count);
    while parts.len() < count {
        let Some(w) = rng.pick(vocabulary) else {
            break;
        };
        if parts.last() != Some(&w.as_str()) {
            parts.push(w);
        }
    }
    camel(&parts)
}

/// A camelCase name of one or two vocabulary words.
pub fn short_name(rng: &mut Rng, vocabulary: &[String]) -> String {
    let count = 1 + rng.below(2);
    name(rng, vocabulary, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_camel_case_and_dots() {
        assert_eq!(
            words("microsoft.graph.assignLicense"),
            ["microsoft", "graph", "assign", "license"]
        );
        assert_eq!(words("signIns"), ["sign", "ins"]);
        assert_eq!(words("team-id"), ["team", "id"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn camel_joins_words() {
        assert_eq!(camel(&["risky", "user"]), "riskyUser");
        assert_eq!(camel(&["audit"]), "audit");
        assert_eq!(camel(&[]), "");
    }

    #[test]
    fn the_generator_is_deterministic_and_spread() {
        let a: Vec<u64> = (0..4)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        let c: Vec<u64> = (0..4)
            .scan(Rng::new(8), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mut rng = Rng::new(1);
        let mut seen = [0usize; 4];
        for _ in 0..4000 {
            seen[rng.below(4)] += 1;
        }
        assert!(seen.iter().all(|&n| (800..1200).contains(&n)), "{seen:?}");
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.pick::<u8>(&[]), None);
    }

    #[test]
    fn names_use_only_vocabulary_words() {
        let vocabulary: Vec<String> = ["alpha", "beta", "gamma"].map(String::from).to_vec();
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let n = name(&mut rng, &vocabulary, 2);
            let w = words(&n);
            assert_eq!(w.len(), 2, "{n}");
            assert!(w.iter().all(|w| vocabulary.contains(w)), "{n}");
            assert_ne!(w[0], w[1], "{n}");
        }
    }
}
