//! Runs one benchmark case in a loop, for instruction counting with callgrind:
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-bench cargo build --release -p graph-benches --bin bench-profile
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*' \
//!     /work/target-bench/release/bench-profile per_call_binding 2000
//! ```
//!
//! Each case is warmed up outside `measured`, so with `--toggle-collect` only the measured
//! iterations (on the calling thread) are counted; divide callgrind's total by the iteration
//! count. Cases: `per_call_binding`, `per_call_reqwest`, `serialize_generated`,
//! `serialize_plain`, `serialize_value`, `decode_generated`, `decode_plain`, `decode_value`,
//! `serialize_create_generated`, `serialize_create_plain` (and `sizes`, which prints the size of
//! the two user structs), `extract_str`, `pulldown_page`,
//! `pulldown_page_and_includes`, `sha256_pages`, `codegen`, `codegen_scale` (the synthetic corpus of
//! `GRAPH_BENCH_OPERATIONS` operations, default 2000). With `DOC` set, the decode cases read the
//! page without the undocumented property and the `null` (the `_documented_only` rows).

use std::process::ExitCode;

use graph_api::beta::audit_logs::sign_ins::ConfirmSafeRequest;
use graph_benches::calls::{PerCall, PlainConfirmSafe};
use graph_benches::pages::Corpus;

/// The region callgrind counts.
#[inline(never)]
fn measured(iters: u64, f: &mut dyn FnMut(u64)) {
    f(iters);
}

fn run(case: &str, iters: u64) -> Result<(), String> {
    let ids = || graph_benches::request_ids(10_000);
    let loop_of = |mut f: Box<dyn FnMut()>| {
        f();
        measured(iters, &mut |n| (0..n).for_each(|_| f()));
    };
    match case {
        "per_call_binding" | "per_call_reqwest" => {
            let per_call = PerCall::new();
            per_call.check_same_wire();
            let binding = case == "per_call_binding";
            let mut f = |n: u64| {
                if binding {
                    per_call.binding(n);
                } else {
                    per_call.reqwest(n);
                }
            };
            f(100);
            measured(iters, &mut f);
        }
        "serialize_generated" => {
            let typed = ConfirmSafeRequest::new(ids());
            loop_of(Box::new(move || {
                std::hint::black_box(serde_json::to_vec(std::hint::black_box(&typed)).ok());
            }));
        }
        "serialize_plain" => {
            let plain = PlainConfirmSafe { request_ids: ids() };
            loop_of(Box::new(move || {
                std::hint::black_box(serde_json::to_vec(std::hint::black_box(&plain)).ok());
            }));
        }
        "serialize_value" => {
            let value = serde_json::json!({ "requestIds": ids() });
            loop_of(Box::new(move || {
                std::hint::black_box(serde_json::to_vec(std::hint::black_box(&value)).ok());
            }));
        }
        "sizes" => {
            // Not a loop: the sizes BENCHMARKS.md section 9 quotes.
            println!(
                "size_of: beta User {} bytes, PlainUser {} bytes",
                std::mem::size_of::<graph_api::beta::models::User>(),
                std::mem::size_of::<graph_benches::users::PlainUser>()
            );
        }
        "decode_generated" | "decode_plain" | "decode_value" => {
            let page = graph_benches::users::users_page(
                graph_benches::users::PAGE_USERS,
                std::env::var_os("DOC").is_none(),
            );
            let case = case.to_owned();
            loop_of(Box::new(move || {
                let bytes = std::hint::black_box(page.as_bytes());
                match case.as_str() {
                    "decode_generated" => {
                        std::hint::black_box(
                            serde_json::from_slice::<
                                graph_runtime::Page<graph_api::beta::models::User>,
                            >(bytes)
                            .ok(),
                        );
                    }
                    "decode_plain" => {
                        std::hint::black_box(
                            serde_json::from_slice::<graph_benches::users::PlainPage>(bytes).ok(),
                        );
                    }
                    _ => {
                        std::hint::black_box(
                            serde_json::from_slice::<serde_json::Value>(bytes).ok(),
                        );
                    }
                }
            }));
        }
        "serialize_create_generated" => {
            let typed = graph_benches::users::create_user();
            loop_of(Box::new(move || {
                std::hint::black_box(serde_json::to_vec(std::hint::black_box(&typed)).ok());
            }));
        }
        "serialize_create_plain" => {
            let plain = graph_benches::users::plain_create_user();
            loop_of(Box::new(move || {
                std::hint::black_box(serde_json::to_vec(std::hint::black_box(&plain)).ok());
            }));
        }
        "extract_str" | "pulldown_page" | "pulldown_page_and_includes" | "sha256_pages" => {
            let corpus = Corpus::load();
            let case = case.to_owned();
            loop_of(Box::new(move || match case.as_str() {
                "extract_str" => {
                    corpus.extract_all();
                }
                "pulldown_page" => corpus.parse_pages(),
                "sha256_pages" => corpus.hash_pages(),
                _ => corpus.parse_pages_and_includes(),
            }));
        }
        "codegen" => {
            let specs = graph_benches::load_specs();
            let layout = graph_codegen::Layout::default();
            loop_of(Box::new(move || {
                std::hint::black_box(graph_codegen::generate(&specs, &layout).ok());
            }));
        }
        "codegen_scale" => {
            let operations = std::env::var("GRAPH_BENCH_OPERATIONS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(2000);
            let options = graph_benches::corpus::Options::new(operations, 1);
            let specs = graph_benches::corpus::synthesize(&graph_benches::load_specs(), &options)
                .map_err(|e| e.to_string())?;
            let layout = graph_codegen::Layout::default();
            loop_of(Box::new(move || {
                std::hint::black_box(graph_codegen::generate(&specs, &layout).ok());
            }));
        }
        other => return Err(format!("unknown case {other:?}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(case), Some(iters)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: bench-profile <case> <iterations> (see the source for the cases)");
        return ExitCode::from(2);
    };
    match run(&case, iters) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
