//! Tests of segment parsing and accessor names.

use super::*;

#[test]
fn placeholder_accessors_are_snake_case() {
    assert_eq!(param_accessor("id"), "by_id");
    assert_eq!(param_accessor("user-id"), "by_user_id");
    assert_eq!(param_accessor("1st"), "by_1st");
    assert_eq!(param_accessor("type"), "by_type_");
    assert_eq!(param_accessor("\u{202E}"), "by_key");
}

#[test]
fn segments_parse_as_literals_or_placeholders() {
    assert_eq!(
        parse_segment("signIns"),
        Some(Segment::Literal("signIns".into()))
    );
    assert_eq!(
        parse_segment("{id | userPrincipalName}"),
        Some(Segment::Param {
            name: "id".into(),
            names: vec!["id".into(), "userPrincipalName".into()]
        })
    );
    assert_eq!(
        parse_segment("applications(appId='{appId}')"),
        Some(Segment::Key {
            collection: "applications".into(),
            key: "appId".into(),
            name: "appId".into()
        })
    );
    for bad in [
        "",
        "applications(appId={appId})",
        "{a{b}}",
        "{}",
        "a?b",
        "x%2F",
    ] {
        assert_eq!(parse_segment(bad), None, "{bad:?}");
    }
}
