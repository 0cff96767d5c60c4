//! The page rules on small pages of these tests' own.

use super::*;

const PAGE: &str = "\
# signIn: confirmSafe
Mark the name of a thing safe.

| Parameter | Type | Description |
|:--|:--|:--|
| requestIds | String collection | Required. The IDs. |
| **comment** | String | Optional. A note. |
| `count` | Int32 | The count. |

The _parentReference_ should include `driveId`.

```json
{ \"sendResponse\" : true }
```

GET /reports/getX(period='{period_value}')

## Response

If successful, this action returns a `200 OK` response code and a collection of [scheduleInformation](x.md) objects.

## Examples

Returns a String.
";

fn kinds(name: &str) -> Vec<(usize, MentionKind)> {
    Page::new(PAGE)
        .mentions(name)
        .into_iter()
        .map(|e| (e.line, e.how))
        .collect()
}

#[test]
fn finds_names_in_the_forms_the_docs_write_them() {
    assert_eq!(kinds("requestids"), [(6, MentionKind::TableCell)]);
    assert_eq!(kinds("Comment"), [(7, MentionKind::TableCell)]);
    assert_eq!(kinds("count"), [(8, MentionKind::TableCell)]);
    assert_eq!(kinds("parentReference"), [(10, MentionKind::Emphasis)]);
    assert_eq!(kinds("driveId"), [(10, MentionKind::Backticks)]);
    assert_eq!(kinds("sendResponse"), [(13, MentionKind::JsonKey)]);
    assert_eq!(kinds("period"), [(16, MentionKind::Template)]);
}

#[test]
fn prose_and_parts_of_words_are_not_mentions() {
    assert_eq!(kinds("name"), []);
    assert_eq!(kinds("request"), []);
    assert_eq!(kinds("Ids"), []);
    assert_eq!(kinds("value"), []);
}

#[test]
fn types_are_shown_on_the_parameter_line() {
    let page = Page::new(PAGE);
    assert_eq!(
        page.shows_type("requestIds", "Collection(Edm.String)")
            .map(|e| e.line),
        Some(6)
    );
    assert_eq!(
        page.shows_type("requestIds", "Edm.String"),
        None,
        "a collection is not one string"
    );
    assert_eq!(page.shows_type("requestIds", "Collection(Edm.Guid)"), None);
    assert_eq!(
        page.shows_type("comment", "Edm.String").map(|e| e.line),
        Some(7)
    );
    assert_eq!(page.shows_type("count", "Edm.Int64"), None);
    assert_eq!(page.shows_type("missing", "Edm.String"), None);
}

#[test]
fn requirements_are_shown_on_the_parameter_line() {
    let page = Page::new(PAGE);
    assert_eq!(
        page.shows_requirement("requestIds", Requirement::Required)
            .map(|e| e.line),
        Some(6)
    );
    assert_eq!(
        page.shows_requirement("requestIds", Requirement::Optional),
        None
    );
    assert_eq!(
        page.shows_requirement("comment", Requirement::Optional)
            .map(|e| e.line),
        Some(7)
    );
    assert_eq!(page.shows_requirement("count", Requirement::Required), None);
}

#[test]
fn return_types_are_read_from_the_response_section_only() {
    let page = Page::new(PAGE);
    let e = page
        .response_shows_type("Collection(microsoft.graph.scheduleInformation)")
        .unwrap();
    assert_eq!((e.line, e.how), (20, MentionKind::ResponseSection));
    assert!(e.text.starts_with("If successful"));
    assert_eq!(
        page.response_shows_type("microsoft.graph.scheduleInformation"),
        None
    );
    assert_eq!(
        page.response_shows_type("Edm.String"),
        None,
        "the Examples section is not read"
    );
    let report = Page::new("## Response\n\nRedirects to a download URL for the report.\n");
    assert_eq!(
        report.response_shows_type("microsoft.graph.report"),
        None,
        "prose is not a type name"
    );
    for line in [
        "a [report](r.md) object",
        "a `report`",
        "a **report**",
        "#microsoft.graph.report",
    ] {
        let page = format!("## Response\n\n{line}\n");
        assert!(
            Page::new(&page)
                .response_shows_type("microsoft.graph.report")
                .is_some(),
            "{line}"
        );
    }
    assert_eq!(
        Page::new("no sections").response_shows_type("Edm.String"),
        None
    );
}

#[test]
fn return_types_are_read_from_response_annotations_too() {
    let page = Page::new(
        "## Response\n\nThe body holds the model.\n\n## Examples\n\n<!-- {\n  \"blockType\": \"request\",\n  \"@odata.type\": \"microsoft.graph.other\"\n} -->\n<!-- {\n  \"blockType\" : \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.educationSubmission\"\n} -->\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(String)\" } -->\n",
    );
    let e = page
        .response_shows_type("microsoft.graph.educationSubmission")
        .unwrap();
    assert_eq!((e.line, e.how), (14, MentionKind::ResponseAnnotation));
    assert_eq!(
        page.response_shows_type("microsoft.graph.other"),
        None,
        "a request annotation"
    );
    assert_eq!(
        page.response_shows_type("Collection(Edm.String)")
            .map(|e| e.line),
        Some(16)
    );
    assert_eq!(page.response_shows_type("Edm.String"), None);
}

#[test]
fn words_have_boundaries() {
    assert!(has_word("a string b", "string"));
    assert!(has_word("collection(edm.string)", "collection"));
    assert!(!has_word("datetimestring", "string"));
    assert!(!has_word("string_x", "string"));
}
