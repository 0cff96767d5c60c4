use super::parse::count_source_cells;
use super::*;

#[test]
fn counts_source_cells() {
    assert_eq!(count_source_cells("|a|b|"), 2);
    assert_eq!(count_source_cells("| a | b | c |"), 3);
    assert_eq!(count_source_cells("a | b"), 2);
    assert_eq!(count_source_cells(r"|a\|x|b|"), 2);
    assert_eq!(count_source_cells("|a|b|c|\n"), 3);
}

#[test]
fn finds_comments_and_their_lines() {
    let c = comments("<!-- a -->\n<!-- {\n\"x\": 1\n} -->\n", 7);
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].line, 7);
    assert_eq!(c[1].line, 8);
    assert_eq!(c[1].body.trim(), "{\n\"x\": 1\n}");
}

#[test]
fn push_text_collapses_every_kind_of_whitespace() {
    // The rule, one character at a time: whitespace becomes a space unless the text is empty or
    // already ends with one.
    fn by_char(start: &str, s: &str) -> String {
        let mut text = start.to_string();
        for c in s.chars() {
            if !c.is_whitespace() {
                text.push(c);
            } else if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        text
    }
    let inputs = [
        "",
        " ",
        "a b",
        "a  b ",
        "\tx\u{a0}\u{a0}y\n",
        " é\u{3000}ü\u{2003} z",
        "\u{85}a\u{b}b\u{1c}c\u{7f}",
        "a \t\r\n b",
    ];
    for start in ["", "a", "a "] {
        for s in inputs {
            let mut inline = Inline {
                text: start.to_string(),
                ..Inline::default()
            };
            inline.push_text(s);
            assert_eq!(inline.text, by_char(start, s), "{start:?} + {s:?}");
        }
    }
}

#[test]
fn flattens_links_and_keeps_code() {
    let blocks = parse("Some [link](x.md) and `code`\n*it*.\n");
    let Some(p) = blocks.first().and_then(Block::paragraph) else {
        panic!("no paragraph: {blocks:?}");
    };
    assert_eq!(p.text, "Some link and `code` it.");
    assert_eq!(p.span(&p.links[0].range), "link");
    assert_eq!(p.span(&p.emphasis[0]), "it");
    assert_eq!(p.span(&p.codes[0]), "code");
}
