use std::collections::BTreeSet;
use std::path::Path;

use graph_spec::{EdmType, SpecFile, TypeFile, TypeKind};

use super::super::{Corpus, Options, synthesize_with_types};
use super::named;

fn corpus(operations: usize, seed: u64) -> Corpus {
    synthesize_with_types(
        &crate::load_specs(),
        &crate::load_types(),
        &Options::new(operations, seed),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The operations whose body or response names one of `types`.
fn typed<'a>(specs: &'a [(String, SpecFile)], types: &BTreeSet<&str>) -> Vec<&'a SpecFile> {
    specs
        .iter()
        .map(|(_, s)| s)
        .filter(|s| {
            let body = s.operation.request_body.iter().flatten().map(|p| &p.ty);
            body.chain(&s.operation.response.body_type)
                .any(|ty| named(ty).is_some_and(|n| types.contains(n)))
        })
        .collect()
}

#[test]
fn two_thousand_operations_get_valid_types_of_the_real_shapes() {
    let c = corpus(2000, 1);
    let spec_errors = graph_spec::validate(c.specs.iter().map(|(n, s)| (Path::new(n.as_str()), s)));
    assert!(spec_errors.is_empty(), "{}", spec_errors[0]);
    let type_errors =
        graph_spec::validate_types(c.types.iter().map(|(n, t)| (Path::new(n.as_str()), t)));
    assert!(type_errors.is_empty(), "{}", type_errors[0]);
    // About one type per two or three operations.
    assert!(
        (600..=1000).contains(&c.types.len()),
        "{} types",
        c.types.len()
    );
    let all: Vec<&TypeFile> = c.types.iter().map(|(_, t)| t).collect();
    for kind in [TypeKind::Complex, TypeKind::Entity, TypeKind::Enum] {
        assert!(
            all.iter().filter(|t| t.kind == kind).count() > 50,
            "{kind:?}"
        );
    }
    let names: BTreeSet<&str> = all.iter().map(|t| t.name.as_str()).collect();
    // Bases and named properties refer to types of the corpus.
    let based = all.iter().filter(|t| t.base_type.is_some()).count();
    assert!(based > 30, "{based} types with a base type");
    for t in &all {
        if let Some(b) = &t.base_type {
            assert!(names.contains(b.as_str()), "{}: base {b}", t.name);
        }
    }
    let refs = all
        .iter()
        .flat_map(|t| &t.properties)
        .filter_map(|p| named(&p.ty))
        .inspect(|n| assert!(names.contains(n), "{n} is not a corpus type"))
        .count();
    assert!(refs > 500, "{refs} named properties");
    assert!(
        all.iter()
            .flat_map(|t| &t.properties)
            .any(|p| matches!(&p.ty, EdmType::Collection(i) if matches!(**i, EdmType::Named(_))))
    );
    // The recursive pair, in each version.
    for version in [graph_spec::ApiVersion::V1, graph_spec::ApiVersion::Beta] {
        let refers = |a: &TypeFile, b: &TypeFile| {
            a.properties
                .iter()
                .any(|p| p.ty == EdmType::Named(b.name.clone()))
        };
        let of: Vec<&&TypeFile> = all.iter().filter(|t| t.api_version == version).collect();
        let pair = of.iter().any(|a| {
            of.iter()
                .any(|b| a.name != b.name && refers(a, b) && refers(b, a))
        });
        assert!(pair, "no recursive pair in {}", version.as_str());
    }
    // Operations are typed by them.
    let n = typed(&c.specs, &names).len();
    assert!(n > 400, "{n} typed operations");
}

#[test]
fn a_seed_always_gives_the_same_types() {
    let a = corpus(300, 7);
    let b = corpus(300, 7);
    let c = corpus(300, 8);
    assert_eq!(a, b);
    assert_ne!(a.types, c.types);
    // The operations' shapes do not depend on the types: only named types change.
    let plain = super::super::synthesize(&crate::load_specs(), &Options::new(300, 7)).unwrap();
    for ((n, typed), (m, plain)) in a.specs.iter().zip(&plain) {
        assert_eq!(n, m);
        assert_eq!(typed.operation.paths, plain.operation.paths);
        assert_eq!(typed.operation.name, plain.operation.name);
    }
}

#[test]
fn the_corpus_with_types_generates_typed_operations() {
    let c = corpus(400, 11);
    let types = c.type_files();
    let files =
        graph_codegen::generate_with_types(&c.specs, &types, &graph_codegen::Layout::default())
            .unwrap_or_else(|e| panic!("{e}"));
    let models = &files["crates/graph-api/src/beta/models.rs"];
    assert!(files.contains_key("crates/graph-api/src/v1/models.rs"));
    // The recursive pair is boxed.
    assert!(models.contains(": Option<Box<"), "no boxed field");
    // A typed response: its operation's module uses the model type.
    let names: BTreeSet<&str> = c.types.iter().map(|(_, t)| t.name.as_str()).collect();
    let ops = typed(&c.specs, &names);
    let mut checked = 0;
    for spec in ops
        .iter()
        .filter(|s| s.api_version == graph_spec::ApiVersion::Beta)
    {
        let Some(ty) = spec.operation.response.body_type.as_ref().and_then(named) else {
            continue;
        };
        if !names.contains(ty) {
            continue;
        }
        let ident = graph_codegen::naming::pascal(ty.rsplit('.').next().unwrap()).unwrap();
        let response = format!(
            "{}Response",
            graph_codegen::naming::pascal(&spec.operation.name).unwrap()
        );
        assert!(models.contains(&format!("pub struct {ident} ")), "{ident}");
        let module = files
            .iter()
            .find(|(p, text)| {
                !p.ends_with("models.rs")
                    && text.contains(&format!("{response} "))
                    && text.contains(&spec.operation.name)
            })
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("no module defines {response}"));
        assert!(
            module.contains(&format!("models::{ident}")),
            "{response} does not use models::{ident}"
        );
        checked += 1;
    }
    assert!(checked > 10, "{checked} typed responses checked");
}

#[test]
fn the_types_round_trip_through_a_directory() {
    let c = corpus(60, 5);
    let dir = std::env::temp_dir().join(format!("graph-corpus-types-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        super::write_types_dir(&dir, &c.types).unwrap(),
        c.types.len()
    );
    super::super::write_dir(&dir, &c.specs).unwrap();
    let loaded = graph_spec::load_type_dir(&dir.join("spec")).unwrap();
    let specs = graph_spec::load_dir(&dir.join("spec")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(specs.len(), 60, "type files are not read as operations");
    let loaded: Vec<&TypeFile> = loaded.iter().map(|(_, t)| t).collect();
    let want: Vec<&TypeFile> = c.types.iter().map(|(_, t)| t).collect();
    assert_eq!(loaded, want);
}

#[test]
fn no_type_template_is_an_error() {
    let mut specs = super::super::synthesize(&crate::load_specs(), &Options::new(10, 1)).unwrap();
    let err = super::synthesize_types(&[], &mut specs, &Options::new(10, 1)).unwrap_err();
    assert!(err.to_string().contains("no type template"), "{err}");
}
