//! Finding the metadata operation a spec documents: by binding, by name, by parameters; and the
//! operations that are not found or are called with the wrong method.

use graph_spec::{ApiVersion, SpecFile};

use super::{run, spec};
use crate::{Class, MatchHow, Totals, What};

/// A `signIn: confirmSafe` spec called with `method`, documenting the metadata's one parameter.
fn confirm_safe(method: &str) -> SpecFile {
    spec(
        "signin-confirmsafe.md",
        "signIn",
        "confirmSafe",
        method,
        &[("requestIds", "Collection(Edm.String)", None)],
        None,
    )
}

#[test]
fn an_exact_match_has_no_disagreement() {
    let report = run(vec![confirm_safe("POST")], &[]);
    let op = &report.operations[0];
    let m = op.matched.as_ref().unwrap();
    assert_eq!(
        m.operation,
        "action confirmSafe bound to Collection(microsoft.graph.signIn)"
    );
    assert_eq!(m.how, MatchHow::Binding);
    assert_eq!(m.note, None, "only one overload is bound to signIn");
    assert_eq!(op.parameters.len(), 1);
    assert!(op.all_disagreements().next().is_none());
    assert_eq!(
        report.totals,
        Totals {
            operations: 1,
            matched: 1,
            metadata_parameters: 1,
            present_with_metadata_type: 1,
            return_types: 1,
            return_types_agreeing: 1,
            operations_agreeing: 1,
            ..Totals::default()
        }
    );
}

#[test]
fn specs_of_other_versions_are_skipped() {
    let mut beta = spec("x.md", "signIn", "confirmSafe", "POST", &[], None);
    beta.api_version = ApiVersion::Beta;
    let report = run(vec![beta], &[]);
    assert!(report.operations.is_empty());
}

#[test]
fn a_binding_named_differently_falls_back_to_the_name_then_the_parameters() {
    let report = run(
        vec![
            spec(
                "riskyusers-dismiss.md",
                "riskyUsers",
                "dismiss",
                "POST",
                &[("userIds", "Collection(Edm.String)", None)],
                None,
            ),
            spec(
                "reports-getreport.md",
                "reports",
                "getReport",
                "GET",
                &[],
                Some("Edm.Stream"),
            ),
            spec(
                "riskyuser-confirmsafe.md",
                "riskyUser",
                "confirmSafe",
                "POST",
                &[],
                None,
            ),
        ],
        &[],
    );
    let m = report.operations[0].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::BestParameters);
    assert_eq!(
        m.operation,
        "action dismiss bound to Collection(microsoft.graph.riskyUser)"
    );
    assert!(
        m.note
            .as_ref()
            .unwrap()
            .contains("`riskyUsers` is not in the metadata")
    );
    let m = report.operations[1].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::OnlyOverload);
    let m = report.operations[2].matched.as_ref().unwrap();
    assert_eq!(m.how, MatchHow::Binding);
    assert_eq!(
        m.operation,
        "action confirmSafe bound to Collection(microsoft.graph.riskyUser)"
    );
}

#[test]
fn unknown_operations_and_wrong_methods_are_reported() {
    let report = run(
        vec![
            spec("user-nothing.md", "user", "nothing", "POST", &[], None),
            confirm_safe("GET"),
        ],
        &[],
    );
    let missing = &report.operations[0];
    assert!(missing.matched.is_none());
    assert!(missing.not_found.as_ref().unwrap().contains("`nothing`"));
    let d = &report.operations[1].disagreements[0];
    assert_eq!((d.what, d.class), (What::Method, Class::DocsDiffer));
    let t = &report.totals;
    assert_eq!((t.operations, t.matched, t.docs_differ), (2, 1, 1));
}
