//! Turning wire names into Rust identifiers.
//!
//! Wire names come from third-party text, so nothing here trusts them: every identifier is rebuilt
//! from ASCII letters, digits and `_`, keywords get a trailing `_`, and a leading digit gets a leading
//! `_`. The original name survives through `#[serde(rename)]` or a string literal, never as a token.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved, and the 2018+ ones) that cannot be field or module names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keeps ASCII alphanumerics, turns every other run of characters into one `_`.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn guard(ident: String) -> Option<String> {
    if ident.is_empty() {
        return None;
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("_{ident}"));
    }
    if KEYWORDS.contains(&ident.as_str()) {
        return Some(format!("{ident}_"));
    }
    Some(ident)
}

/// `requestIds` -> `request_ids`, `type` -> `type_`, `@odata.type` -> `odata_type`, `1st` -> `_1st`.
/// `None` when the name has no ASCII letter or digit at all.
pub fn snake(name: &str) -> Option<String> {
    guard(ascii_words(name).to_snake_case())
}

/// `confirmSafe` -> `ConfirmSafe`, `signIns` -> `SignIns`.
pub fn pascal(name: &str) -> Option<String> {
    guard(ascii_words(name).to_upper_camel_case())
}

/// `base` if `used` does not hold it yet, else the first of `{base}{sep}2`, `{base}{sep}3`, ...
/// that it does not; the name returned is added to `used`. This is the naming rule for two wire
/// names that give one Rust name (`id` and `ID` on one type: `id`, `id_2`): the first keeps it.
pub fn unique(base: &str, sep: &str, used: &mut std::collections::BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 1;
    while !used.insert(name.clone()) {
        n += 1;
        name = format!("{base}{sep}{n}");
    }
    name
}

/// The Rust field (or argument) for a documented response header: `Location` -> `location`,
/// `header` when the name has no ASCII letter or digit.
pub fn header_field(header: &str) -> String {
    snake(header).unwrap_or_else(|| "header".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_wire_names() {
        let cases = [
            ("requestIds", "request_ids"),
            ("auditLogs", "audit_logs"),
            ("type", "type_"),
            ("self", "self_"),
            ("match", "match_"),
            ("ref", "ref_"),
            ("1st", "_1st"),
            ("odata.type", "odata_type"),
            ("@odata.type", "odata_type"),
            ("x-ms-thing", "x_ms_thing"),
            (
                "microsoft.graph.assignLicense",
                "microsoft_graph_assign_license",
            ),
            ("userPrincipalName", "user_principal_name"),
            ("IDs", "i_ds"),
        ];
        for (wire, want) in cases {
            assert_eq!(snake(wire).as_deref(), Some(want), "{wire}");
        }
    }

    #[test]
    fn pascal_case_of_wire_names() {
        assert_eq!(pascal("confirmSafe").as_deref(), Some("ConfirmSafe"));
        assert_eq!(pascal("signIns").as_deref(), Some("SignIns"));
        assert_eq!(pascal("self").as_deref(), Some("Self_"));
        assert_eq!(pascal("2fa").as_deref(), Some("_2fa"));
        let mut used = std::collections::BTreeSet::from(["id".to_string()]);
        assert_eq!(unique("id", "_", &mut used), "id_2");
        assert_eq!(unique("id", "_", &mut used), "id_3");
        assert_eq!(unique("name", "_", &mut used), "name");
        assert_eq!(unique("None", "", &mut used), "None");
        assert_eq!(unique("None", "", &mut used), "None2");
    }

    #[test]
    fn names_without_letters_have_no_identifier() {
        assert_eq!(snake("@@"), None);
        assert_eq!(snake("üé"), None);
        assert_eq!(pascal(""), None);
    }

    #[test]
    fn every_result_is_a_valid_identifier() {
        for wire in [
            "type",
            "1st",
            "@odata.type",
            "x-ms-thing",
            "Self",
            "fn",
            "a b\nc",
            "*/",
            "#[",
        ] {
            if let Some(id) = snake(wire) {
                syn::parse_str::<syn::Ident>(&id).unwrap();
            }
            if let Some(id) = pascal(wire) {
                syn::parse_str::<syn::Ident>(&id).unwrap();
            }
        }
    }
}
