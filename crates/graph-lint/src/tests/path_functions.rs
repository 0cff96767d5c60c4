//! Functions called in a path (`path_functions`): compared with the metadata like the operation's
//! own parameters, counted once per page.

use super::*;

#[test]
fn a_function_called_in_the_path_is_compared_with_its_parameters() {
    let name = "report-delta.md";
    let mut s = spec(name, "report", "delta", "GET", &[], None);
    s.operation.paths[0].template = "/reports/getReport(period='{p}')/delta".into();
    s.operation.path_functions.push(graph_spec::PathFunction {
        name: "getReport".into(),
        parameters: vec![graph_spec::Parameter {
            name: "period".into(),
            ty: graph_spec::EdmType::Primitive(graph_spec::Primitive::String),
            description: String::new(),
            required: Some(true),
            source: graph_spec::FactSource::Template,
            properties: Vec::new(),
        }],
    });
    let report = run(vec![s], &[(name, "period='{p}'")]);
    assert_eq!(report.operations.len(), 2);
    // `delta` is not in this metadata; the function its path calls is.
    assert!(report.operations[0].matched.is_none());
    let f = &report.operations[1];
    assert!(f.called_in_path);
    assert!(
        f.operation
            .contains("getReport (called in the path of delta)"),
        "{}",
        f.operation
    );
    assert!(f.matched.is_some(), "{f:?}");
    assert_eq!(f.returns, None);
    let [period] = f.parameters.as_slice() else {
        panic!("one parameter row: {:?}", f.parameters);
    };
    assert_eq!(period.name, "period");
    assert!(period.disagreements.is_empty(), "{period:?}");
    let t = &report.totals;
    assert_eq!((t.operations, t.matched), (1, 0), "the page counts once");
    assert_eq!(
        (t.metadata_parameters, t.present_with_metadata_type),
        (1, 1)
    );
    assert_eq!((t.requirements_compared, t.requirements_agreeing), (1, 1));
    assert_eq!(t.return_types, 0);
}
