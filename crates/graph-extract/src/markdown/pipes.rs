//! Pipe tables that GFM does not take for tables, repaired before the markdown is parsed.
//!
//! GFM (and so pulldown-cmark) recognises a table only when the delimiter row (`|:---|:---|`) has as
//! many cells as the header row; otherwise the lines are one paragraph of `|` text and the table is
//! lost. Real pages get this wrong often (a column added to the header but not to the delimiter, or
//! the other way round). Such a delimiter row is rewritten, in place and on its own line, to the width
//! of the wider of the two rows (the header row gets empty cells when it is the narrower), and a note
//! says so. Line numbers do not change. Code blocks are left alone.

use std::borrow::Cow;

use crate::markdown::tables::Note;

/// The cells of a pipe-table line, trimmed, split at unescaped `|`, without the outer pipes.
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in t.char_indices() {
        if c == '|' && !escaped {
            out.push(t.get(start..i).unwrap_or("").trim());
            start = i + 1;
        }
        escaped = c == '\\' && !escaped;
    }
    out.push(t.get(start..).unwrap_or("").trim());
    if t.starts_with('|') && out.len() > 1 {
        out.remove(0);
    }
    if t.len() > 1 && t.ends_with('|') && !t.ends_with("\\|") && out.len() > 1 {
        out.pop();
    }
    out
}

/// Whether a line is a delimiter row: pipes, dashes, colons and spaces, with at least one `-` and one `|`.
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && cells(t).iter().all(|c| {
            let c = c.trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.chars().all(|x| x == '-')
        })
}

/// The opening fence of a code block (three or more backticks or tildes, indented at most three spaces).
fn fence(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = line.trim_start_matches(' ');
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// The text with every mismatched delimiter row repaired, and a note per repaired table (at its
/// delimiter row's line). Borrowed when nothing needed repair.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Vec<Note>) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut replaced: Vec<(usize, String)> = Vec::new();
    let mut notes = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some((c, n)) = open {
            if fence(content).is_some_and(|(fc, fn_)| fc == c && fn_ >= n)
                && content.trim().chars().all(|x| x == c)
            {
                open = None;
            }
            continue;
        }
        if let Some(f) = fence(content) {
            open = Some(f);
            continue;
        }
        let Some(next) = lines.get(i + 1).map(|l| l.trim_end_matches(['\n', '\r'])) else {
            continue;
        };
        if !content.contains('|') || is_delimiter(content) || !is_delimiter(next) {
            continue;
        }
        let (head, delim) = (cells(content), cells(next));
        if head.len() == delim.len() {
            continue;
        }
        let width = head.len().max(delim.len());
        let mut header = content.trim_end().to_string();
        if head.len() < width {
            if !header.ends_with('|') {
                header.push_str(" |");
            }
            for _ in head.len()..width {
                header.push_str("  |");
            }
            replaced.push((i, header));
        }
        let indent = &next[..next.len() - next.trim_start().len()];
        let mut row = format!("{indent}|");
        for k in 0..width {
            row.push_str(delim.get(k).copied().unwrap_or("---"));
            row.push('|');
        }
        replaced.push((i + 1, row));
        let line = i + 2;
        notes.push((
            line,
            format!(
                "this table's delimiter row has {} cells but its header row has {}, so markdown does not see a \
                 table; read as a table of {width} columns",
                delim.len(),
                head.len()
            ),
        ));
    }
    if replaced.is_empty() {
        return (Cow::Borrowed(text), notes);
    }
    let mut out = String::with_capacity(text.len() + 16 * replaced.len());
    let mut next = replaced.into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        match next.peek() {
            Some((at, new)) if *at == i => {
                out.push_str(new);
                // Keep the line's own ending (`\n`, `\r\n`, or none at the end of the text).
                out.push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
                next.next();
            }
            _ => out.push_str(line),
        }
    }
    (Cow::Owned(out), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cells_like_gfm() {
        assert_eq!(cells("|a|b|"), ["a", "b"]);
        assert_eq!(cells("a | b"), ["a", "b"]);
        assert_eq!(cells(r"|a\|x| b |"), [r"a\|x", "b"]);
        assert_eq!(cells("|:---|---:|"), [":---", "---:"]);
        assert!(is_delimiter("|:---|:---|:---|"));
        assert!(is_delimiter(" --- | --- "));
        assert!(!is_delimiter("|a|---|"));
        assert!(!is_delimiter("---"));
    }

    #[test]
    fn repairs_a_narrow_delimiter_and_a_narrow_header_in_place() {
        let text = "x\n\n|a|b|c|\n|:--|:--|\n|1|2|3|\r\n\n|a|b|\r\n|---|---|---|\r\n|1|2|3|";
        let (out, notes) = repair(text);
        assert_eq!(
            out,
            "x\n\n|a|b|c|\n|:--|:--|---|\n|1|2|3|\r\n\n|a|b|  |\r\n|---|---|---|\r\n|1|2|3|"
        );
        assert_eq!(out.lines().count(), text.lines().count());
        let lines: Vec<usize> = notes.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [4, 8]);
        assert!(notes[0].1.contains("has 2 cells but its header row has 3"));
    }

    #[test]
    fn leaves_good_tables_and_code_alone() {
        let text = "|a|b|\n|---|---|\n|1|2|\n";
        assert!(matches!(repair(text), (Cow::Borrowed(_), n) if n.is_empty()));
        let code = "```\n|a|b|c|\n|---|---|\n```\n";
        assert!(matches!(repair(code), (Cow::Borrowed(_), n) if n.is_empty()));
    }
}
