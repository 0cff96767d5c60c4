//! `cargo xtask conformance`: runs the conformance tests and prints a table of every documented
//! example and the checks it passed.

use std::collections::BTreeMap;

use crate::common::*;

/// One row of the conformance report: an example and the checks it passed.
#[derive(Default)]
struct Row {
    round_trip: bool,
    request: bool,
    response: Option<&'static str>,
    wire: bool,
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("conformance takes no arguments\n\n{USAGE}"));
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "test",
            "-p",
            "graph-conformance",
            "--test",
            "conformance",
            "--",
            // The generated module of the conformance crate's one test binary.
            "examples::",
        ])
        .args(["--nocapture", "--test-threads=1"])
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The harness prints `conformance: <spec file> | <example> | <check> | ok` per check passed.
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut ignored = Vec::new();
    for line in stdout.lines() {
        if let Some(rest) = line.split_once("conformance: ").map(|(_, r)| r) {
            let cells: Vec<&str> = rest.split(" | ").collect();
            let [file, example, check, "ok"] = cells.as_slice() else {
                continue;
            };
            let row = rows
                .entry((file.to_string(), example.to_string()))
                .or_default();
            match *check {
                "round trip" => row.round_trip = true,
                c if c.starts_with("request matches") => row.request = true,
                "response matches documented body" => row.response = Some("body"),
                "documented status accepted" => row.response = Some("status"),
                "wire request matches snapshot" => row.wire = true,
                _ => {}
            }
        } else if line.contains(" ... ignored") {
            ignored.push(line.trim_start_matches("test ").to_string());
        }
    }
    let mark = |b: bool| if b { "ok" } else { "-" };
    println!(
        "| spec file | example | body round trip | request sent as documented | response | wire snapshot |"
    );
    println!("|---|---|---|---|---|---|");
    for ((file, example), r) in &rows {
        println!(
            "| {file} | {example} | {} | {} | {} | {} |",
            mark(r.round_trip),
            mark(r.request),
            r.response.map_or("-".to_string(), |k| format!("ok ({k})")),
            mark(r.wire)
        );
    }
    for line in &ignored {
        println!("ignored: {line}");
    }
    println!(
        "{} example(s) replayed, {} ignored",
        rows.len(),
        ignored.len()
    );
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "the conformance tests failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
