//! Writes a synthetic spec corpus (and optionally the crate generated from it) to a directory:
//!
//! ```sh
//! cargo run --release -p graph-benches --bin synth-corpus -- --operations 2000 --seed 1 --out /tmp/corpus [--codegen]
//! ```
//!
//! `<out>/spec/<version>/<page>.json` are the spec files and `<out>/spec/<version>/types/<type>.json`
//! the type files that type them (see `graph_benches::corpus`; `--no-types` leaves them out); with
//! `--codegen`, `<out>/graph-api/src/` is the generated crate's source (`graph_codegen::generate_with_types`,
//! with a `models.rs` per version; no conformance tests),
//! and the time of each phase is printed; a `<out>/graph-api/Cargo.toml` that is already there gets
//! its block of area features written (see `graph_codegen::Layout::manifest`). The templates are the repository's `spec/`; with
//! `--with-templates` they are part of the corpus too (so `confirm_safe` exists in both crates).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use graph_benches::corpus::{self, Options};

const USAGE: &str = "usage: synth-corpus --out <dir> [--operations N (2000)] [--seed S (1)] [--areas A] [--with-templates] [--no-types] [--codegen]";

struct Args {
    out: PathBuf,
    options: Options,
    codegen: bool,
    types: bool,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut out, mut operations, mut seed, mut areas) = (None, 2000, 1, None);
    let (mut codegen, mut templates, mut types) = (false, false, true);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number =
            |name: &str, v: String| v.parse::<u64>().map_err(|e| format!("{name} `{v}`: {e}"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--operations" => operations = number("--operations", value("--operations")?)?,
            "--seed" => seed = number("--seed", value("--seed")?)?,
            "--areas" => areas = Some(number("--areas", value("--areas")?)?),
            "--codegen" => codegen = true,
            "--with-templates" => templates = true,
            "--no-types" => types = false,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let mut options = Options::new(operations as usize, seed);
    options.include_templates = templates;
    if let Some(a) = areas {
        options.areas = a as usize;
    }
    Ok(Args {
        out,
        options,
        codegen,
        types,
    })
}

fn run(args: Args) -> Result<(), String> {
    let templates = graph_benches::load_specs();
    let t = Instant::now();
    let type_templates = if args.types {
        graph_benches::load_types()
    } else {
        Vec::new()
    };
    let corpus::Corpus { specs, types } = if args.types {
        corpus::synthesize_with_types(&templates, &type_templates, &args.options)
    } else {
        corpus::synthesize(&templates, &args.options).map(|specs| corpus::Corpus {
            specs,
            types: Vec::new(),
        })
    }
    .map_err(|e| e.to_string())?;
    println!(
        "synthesize: {} operations, {} types in {:.2?}",
        specs.len(),
        types.len(),
        t.elapsed()
    );
    let errors =
        graph_spec::validate_types(types.iter().map(|(n, t)| (std::path::Path::new(n), t)));
    if let Some(e) = errors.first() {
        return Err(format!(
            "the corpus' types do not validate: {e} (and {} more)",
            errors.len() - 1
        ));
    }
    let errors = graph_spec::validate(specs.iter().map(|(n, s)| (std::path::Path::new(n), s)));
    if let Some(e) = errors.first() {
        return Err(format!(
            "the corpus does not validate: {e} (and {} more)",
            errors.len() - 1
        ));
    }
    let n =
        corpus::write_dir(&args.out, &specs).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let m = corpus::types::write_types_dir(&args.out, &types)
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    println!(
        "wrote {n} spec files and {m} type files to {}",
        args.out.join("spec").display()
    );
    if args.codegen {
        // A manifest already at `<out>/graph-api/Cargo.toml` (with the features markers) gets
        // the crate's area features.
        let manifest = std::fs::read_to_string(args.out.join("graph-api/Cargo.toml"))
            .ok()
            .map(|text| ("graph-api/Cargo.toml".to_string(), text));
        let layout = graph_codegen::Layout {
            api_crate: "graph_api".into(),
            api_src: "graph-api/src".into(),
            conformance_test: None,
            manifest,
        };
        let t = Instant::now();
        let types: Vec<graph_spec::TypeFile> = types.into_iter().map(|(_, t)| t).collect();
        let files = graph_codegen::generate_with_types(&specs, &types, &layout)
            .map_err(|e| e.to_string())?;
        println!("generate: {} files in {:.2?}", files.len(), t.elapsed());
        let bytes = corpus::write_files(&args.out, &files)
            .map_err(|e| format!("{}: {e}", args.out.display()))?;
        println!(
            "wrote {} files ({bytes} bytes, {} lines) to {}",
            files.len(),
            files.values().map(|f| f.lines().count()).sum::<usize>(),
            args.out.join("graph-api/src").display()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth-corpus: {e}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}
