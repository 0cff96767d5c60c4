//! Tests of path encoding, path checks and item paths.

use super::*;

#[test]
fn query_encoding() {
    assert_eq!(
        encode_query("startswith(displayName,'a b')"),
        "startswith(displayName,'a%20b')"
    );
    assert_eq!(encode_query("a&b=c+d#e%"), "a%26b%3Dc%2Bd%23e%25");
    assert_eq!(encode_query("$select"), "$select");
    assert_eq!(encode_query("é"), "%C3%A9");
}

#[test]
fn an_item_path_cannot_leave_its_address() {
    let path = |v: &str| {
        RequestPath::new()
            .segment("me")
            .segment("drive")
            .item_path("root", "item-path", v)
            .segment("children")
            .finish()
    };
    let ok = path("/a b/O'Brien.txt").expect("valid");
    assert_eq!(ok.as_str(), "/me/drive/root:/a%20b/O%27Brien.txt:/children");
    for evil in [
        "x:/evil",
        "a?$top=1",
        "a#frag",
        "a%2F..",
        "a\\b",
        "a:/b:/users",
    ] {
        let p = path(evil).expect("encoded, not refused");
        let inner = p
            .as_str()
            .strip_prefix("/me/drive/root:/")
            .and_then(|r| r.strip_suffix(":/children"))
            .expect("the address is intact");
        assert!(
            !inner.contains([':', '?', '#', '\\']),
            "{evil:?} -> {}",
            p.as_str()
        );
        assert!(check_request_path(p.as_str()).is_ok(), "{evil:?}");
        // Decoded segment by segment, the value comes back.
        let back: Vec<String> = inner
            .split('/')
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        assert_eq!(back.join("/"), evil, "{evil:?}");
    }
    for bad in [
        "",
        "/",
        "a//b",
        "a/",
        "..",
        "a/../b",
        "./a",
        "a:/../../users",
        "a/%2e%2e",
    ] {
        let refused = path(bad);
        // `%2e%2e` is a literal name with a percent sign, which is encoded: not a dot-segment.
        if bad == "a/%2e%2e" {
            assert!(refused.is_ok());
            continue;
        }
        assert!(matches!(refused, Err(Error::InvalidRequest(_))), "{bad:?}");
    }
}

#[test]
fn a_relative_item_path_follows_its_item() {
    let p = RequestPath::new()
        .segment("items")
        .param("parentItemId", "p/1")
        .item_path("", "fileName", "a:/b?c")
        .segment("createUploadSession");
    assert_eq!(p.encoded(), "/items/p%2F1:/a%3A/b%3Fc:/createUploadSession");
    assert_eq!(
        p.template(),
        "/items/{parentItemId}:/{fileName}:/createUploadSession"
    );
}

#[test]
fn optional_function_parameters_are_left_out() {
    let p = RequestPath::new().function_opt(
        "f",
        &[
            ("a", None),
            ("b", Some(crate::Literal::string("x')/y"))),
            ("c", None),
        ],
    );
    assert_eq!(p.encoded(), "/f(b='x%27%27%29%2Fy')");
    assert_eq!(
        RequestPath::new()
            .function_opt("f", &[("a", None)])
            .encoded(),
        "/f()"
    );
}

#[test]
fn path_checks() {
    assert!(check_request_path("/me").is_ok());
    assert!(check_request_path("/users/a%2Fb/messages?$top=1").is_ok());
    assert!(check_request_path("/users/...").is_ok());
    for bad in [
        "me",
        "",
        "/me#x",
        "/me/../admin",
        "/me/%2e%2E/admin",
        "/me/.",
        "/a\\b",
        "/a b",
        "/a\nb",
    ] {
        assert!(
            matches!(check_request_path(bad), Err(Error::InvalidRequest(_))),
            "{bad:?}"
        );
    }
}
