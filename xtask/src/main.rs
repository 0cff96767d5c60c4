//! `cargo xtask`: the project's command line. Argument parsing, file I/O and printing only; the
//! work is done by the library crates (`graph-extract`, `graph-spec`, `graph-codegen`, `graph-lint`,
//! `file-sync`, `import-graph`).

use std::process::ExitCode;

use common::USAGE;

mod codegen;
mod common;
mod conformance;
mod corpus;
mod deps;
mod lint;
mod spec;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("spec") => spec::run(&args[1..]),
        Some("codegen") => codegen::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("lint") => lint::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("deps") => deps::run(&args[1..]),
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
