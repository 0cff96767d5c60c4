use std::collections::BTreeSet;
use std::path::Path;

use graph_spec::{ApiVersion, EdmType};

use super::*;

fn templates() -> Vec<(String, SpecFile)> {
    crate::load_specs()
}

fn validate(specs: &[(String, SpecFile)]) -> Vec<String> {
    graph_spec::validate(specs.iter().map(|(n, s)| (Path::new(n.as_str()), s)))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_seed_always_gives_the_same_corpus() {
    let t = templates();
    let a = synthesize(&t, &Options::new(300, 7)).unwrap();
    let b = synthesize(&t, &Options::new(300, 7)).unwrap();
    let c = synthesize(&t, &Options::new(300, 8)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let names: BTreeSet<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 300);
}

#[test]
fn two_thousand_operations_validate_and_have_the_real_shapes() {
    let t = templates();
    let options = Options::new(2000, 1);
    let corpus = synthesize(&t, &options).unwrap();
    assert_eq!(corpus.len(), 2000);
    assert_eq!(validate(&corpus), Vec::<String>::new());

    let ops = || corpus.iter().map(|(_, s)| &s.operation);
    let roots: BTreeSet<&str> = ops()
        .flat_map(|o| &o.paths)
        .filter_map(|p| p.template.trim_start_matches('/').split('/').next())
        .collect();
    assert!(roots.len() >= options.areas, "{} areas", roots.len());
    assert!(ops().any(|o| o.paths.len() >= 10), "no 10-path operation");
    assert!(ops().filter(|o| o.paths.len() > 1).count() > 200);
    assert!(
        ops()
            .flat_map(|o| &o.paths)
            .any(|p| p.template.contains("{id | userPrincipalName}"))
    );
    assert!(ops().any(|o| o.request_body.is_none()));
    assert!(ops().any(|o| o.response.body_type.is_none()));
    assert!(ops().any(|o| matches!(o.response.body_type, Some(EdmType::Collection(_)))));
    for v in [ApiVersion::V1, ApiVersion::Beta] {
        assert!(corpus.iter().any(|(_, s)| s.api_version == v));
    }
    // Types: enumerations used by a body parameter of their file.
    let with_enums: Vec<&SpecFile> = corpus
        .iter()
        .map(|(_, s)| s)
        .filter(|s| !s.enums.is_empty())
        .collect();
    assert!(with_enums.len() > 50, "{} enums", with_enums.len());
    for s in with_enums {
        let name = &s.enums[0].name;
        let used = s
            .operation
            .request_body
            .iter()
            .flatten()
            .any(|p| matches!(&p.ty, EdmType::Named(n) if n == name));
        assert!(used, "{name} unused in {}", s.title);
    }
    // Names are varied, not one name per template.
    let names: BTreeSet<&str> = ops().map(|o| o.name.as_str()).collect();
    assert!(
        names.len() > 1500,
        "{} distinct operation names",
        names.len()
    );
}

#[test]
fn example_urls_follow_their_operation_to_the_new_paths() {
    let t = templates();
    let corpus = synthesize(&t, &Options::new(200, 3)).unwrap();
    let mut matched = 0;
    for (name, spec) in &corpus {
        for e in &spec.examples {
            let below = spec.api_version.path_below(&e.request.url);
            if spec
                .operation
                .paths
                .iter()
                .any(|p| p.match_path(below).is_some())
            {
                matched += 1;
            } else {
                // Only examples that called none of the template's paths stay unmatched.
                let template = t
                    .iter()
                    .find(|(_, s)| s.examples.iter().any(|x| x.request.url == e.request.url));
                assert!(
                    template.is_some(),
                    "{name}: {} was rewritten wrongly",
                    e.request.url
                );
            }
        }
    }
    assert!(matched > 150, "{matched} examples match");
}

#[test]
fn the_corpus_generates() {
    let t = templates();
    let corpus = synthesize(&t, &Options::new(400, 11)).unwrap();
    let files = graph_codegen::generate(&corpus, &graph_codegen::Layout::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(files.len() > 400, "{} files", files.len());
    let tests = &files["crates/graph-conformance/tests/conformance/examples.rs"];
    let cases = tests.matches("#[tokio::test]").count();
    assert!(cases > 300, "{cases} conformance tests");
}

#[test]
fn the_templates_can_come_along() {
    let t = templates();
    let mut options = Options::new(300, 2);
    options.include_templates = true;
    let corpus = synthesize(&t, &options).unwrap();
    // Templates the corpus cannot vary (functions with parameters, key segments) stay out.
    let usable: Vec<&(String, SpecFile)> = t.iter().filter(|(_, s)| super::usable(s)).collect();
    assert!(usable.len() < t.len(), "spec/ has function pages");
    assert_eq!(corpus.len(), 300 + usable.len());
    for (name, spec) in usable {
        assert!(
            corpus.iter().any(|(n, s)| n == name && s == spec),
            "{name} missing"
        );
    }
    assert_eq!(validate(&corpus), Vec::<String>::new());
    graph_codegen::generate(&corpus, &graph_codegen::Layout::default())
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_corpus_round_trips_through_a_directory() {
    let t = templates();
    let corpus = synthesize(&t, &Options::new(50, 5)).unwrap();
    let dir = std::env::temp_dir().join(format!("graph-corpus-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(write_dir(&dir, &corpus).unwrap(), 50);
    let loaded = graph_spec::load_dir(&dir.join("spec")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let loaded: Vec<&SpecFile> = loaded.iter().map(|(_, s)| s).collect();
    let want: Vec<&SpecFile> = corpus.iter().map(|(_, s)| s).collect();
    assert_eq!(loaded, want);
}

#[test]
fn unusable_templates_are_refused_with_a_reason() {
    let err = synthesize(&[], &Options::new(10, 1)).unwrap_err();
    assert!(err.to_string().contains("no usable template"), "{err}");
    let mut t = templates();
    for (_, s) in &mut t {
        s.operation.paths[0].template = "/applications(appId='{appId}')/x".into();
    }
    let err = synthesize(&t, &Options::new(10, 1)).unwrap_err();
    assert!(err.to_string().contains("no usable template"), "{err}");
    let one = vec![templates().remove(0)];
    let mut tiny = one.clone();
    tiny[0].1.operation.binding = "x".into();
    tiny[0].1.operation.name = "y".into();
    tiny[0].1.operation.paths.truncate(1);
    tiny[0].1.operation.paths[0].template = "/ab/cd".into();
    tiny[0].1.operation.request_body = None;
    let err = synthesize(&tiny, &Options::new(10, 1)).unwrap_err();
    assert!(err.to_string().contains("words"), "{err}");
}
