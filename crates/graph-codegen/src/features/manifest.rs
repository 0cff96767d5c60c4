//! The generated block of area features in the crate's `Cargo.toml`.

use std::collections::BTreeSet;

use crate::error::CodegenError;

/// The line that opens the generated block of features in the crate's `Cargo.toml`.
pub const BEGIN: &str =
    "# BEGIN generated features: `cargo xtask codegen` writes this block; do not edit it.";
/// The line that closes it.
pub const END: &str = "# END generated features";

/// The block, markers included: `full`, then one line per area.
pub(super) fn block(features: &BTreeSet<String>) -> String {
    let mut text = format!("{BEGIN}\n");
    text.push_str(
        "# One feature per area (top-level path segment, in every API version); `full` is all of them.\n",
    );
    let all: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    text.push_str(&format!("full = [{}]\n", all.join(", ")));
    for f in features {
        text.push_str(&format!("{f} = []\n"));
    }
    text.push_str(END);
    text.push('\n');
    text
}

/// Replaces the block between [`BEGIN`] and [`END`] in a crate manifest.
pub fn splice_manifest(
    manifest_path: &str,
    text: &str,
    block: &str,
) -> Result<String, CodegenError> {
    let err = |message: &str| CodegenError {
        file: manifest_path.to_string(),
        path: "[features]".into(),
        message: message.to_string(),
    };
    let lines: Vec<&str> = text.lines().collect();
    let begin = lines.iter().position(|l| l.trim_end() == BEGIN);
    let end = lines.iter().position(|l| l.trim_end() == END);
    let (Some(begin), Some(end)) = (begin, end) else {
        return Err(err(&format!(
            "the manifest needs the lines `{BEGIN}` and `{END}` inside its [features] table, for the generated area features"
        )));
    };
    if end < begin {
        return Err(err(
            "the end marker of the generated features comes before the begin marker",
        ));
    }
    let mut out = String::new();
    for l in &lines[..begin] {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(block);
    for l in &lines[end + 1..] {
        out.push_str(l);
        out.push('\n');
    }
    Ok(out)
}
