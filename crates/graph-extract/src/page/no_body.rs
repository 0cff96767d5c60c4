//! A `Request body` section that says there is none ("Don't supply a request body", "no request
//! content", ...), and whether it says so only under a condition.

/// Phrases by which a request body section says there is no body (lower case, `'` for `’`).
const NO_BODY: [&str; 6] = [
    "don't supply a request body",
    "do not supply a request body",
    "no request body",
    "no request content",
    "does not require a request body",
    "doesn't require a request body",
];

/// Shorter phrases that say there is no body only in a sentence that also says `body`
/// ("Don't supply a JSON body"): alone they may be about a property ("don't supply a `comment`").
const NO_BODY_SHORT: [&str; 2] = ["don't supply", "do not supply"];

/// Words that make a sentence conditional ("If you ..., don't supply a request body").
const CONDITIONS: [&str; 4] = ["if", "when", "unless", "only"];

/// A sentence of the section saying there is no body: its text, and whether it says so only under
/// a condition.
pub(crate) struct NoBody {
    pub line: usize,
    pub sentence: String,
    pub conditional: bool,
}

/// The first sentence of `text` that says there is no request body, if any; an unconditional one
/// is preferred over a conditional one.
pub(crate) fn says_no_body(line: usize, text: &str) -> Option<NoBody> {
    let mut found: Option<NoBody> = None;
    for sentence in text.split_inclusive(['.', '!', '?', ';']) {
        let lower = sentence.to_lowercase().replace('’', "'");
        let says = NO_BODY.iter().any(|p| lower.contains(p))
            || (NO_BODY_SHORT.iter().any(|p| lower.contains(p)) && lower.contains("body"));
        if !says {
            continue;
        }
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        let conditional = words.iter().any(|w| CONDITIONS.contains(w));
        let this = NoBody {
            line,
            sentence: sentence.trim().to_string(),
            conditional,
        };
        if !conditional {
            return Some(this);
        }
        found.get_or_insert(this);
    }
    found
}
