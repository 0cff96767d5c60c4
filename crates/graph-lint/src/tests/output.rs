//! The table, the totals, the extractor list and the JSON of one report.

use super::get_report;
use crate::{render_extractor_list, render_table, render_totals, to_json};

#[test]
fn the_table_totals_and_json_say_the_same() {
    let report = get_report(
        Some("Edm.Stream"),
        Some("GET /reports/getReport(period='D7')\n"),
    );
    let table = render_table(&report);
    assert!(
        table.starts_with("| spec | item | metadata | spec says | verdict |\n"),
        "{table}"
    );
    assert!(table.contains(
        "| | period | Edm.String, required | (absent) | extractor missed: the page mentions it at line 1 (template argument) |"
    ), "{table}");
    assert!(
        table.contains("| | returns | Edm.Stream | Edm.Stream | ok |"),
        "{table}"
    );
    let totals = render_totals(&report);
    assert!(
        totals.contains("pages matched to the metadata: 1 of 1"),
        "{totals}"
    );
    assert!(
        totals.contains("with the metadata's type: 0 of 1"),
        "{totals}"
    );
    assert!(totals.contains("return types agreeing: 1 of 1"), "{totals}");
    assert!(
        totals.contains("0 docs differ, 1 extractor missed"),
        "{totals}"
    );
    let list = render_extractor_list(&report);
    assert_eq!(
        list,
        "reportroot-getreport.md: period (omitted): metadata Edm.String, required; spec (absent); \
         the page mentions it at line 1 (template argument): `GET /reports/getReport(period='D7')`\n"
    );
    let json: serde_json::Value = serde_json::from_str(&to_json(&[report])).unwrap();
    assert_eq!(json[0]["totals"]["extractor_missed"], 1);
    assert_eq!(
        json[0]["operations"][0]["parameters"][0]["disagreements"][0]["class"],
        "extractor_missed"
    );
}
