//! The medians and ratios table, from criterion's saved estimates.
//!
//! Criterion saves `<criterion_dir>/<group>/<function>/new/estimates.json` (times in nanoseconds)
//! and `benchmark.json` (with the throughput, used here for "per operation" figures). [`render`]
//! turns those of the benchmarks listed in [`COMPARISONS`] into a markdown table.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// One candidate measured against its baseline, with the target ratio of medians.
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    /// The criterion group.
    pub group: &'static str,
    /// The measured code.
    pub candidate: &'static str,
    /// What it is compared to.
    pub baseline: &'static str,
    /// The highest acceptable `median(candidate) / median(baseline)`; `None` when informative only.
    pub target: Option<f64>,
}

/// Every comparison the benches make.
pub const COMPARISONS: &[Comparison] = &[
    Comparison {
        group: "per_call",
        candidate: "binding",
        baseline: "reqwest",
        target: Some(1.05),
    },
    Comparison {
        group: "serialize_10k",
        candidate: "generated",
        baseline: "plain_derive",
        target: Some(1.05),
    },
    Comparison {
        group: "serialize_10k",
        candidate: "generated",
        baseline: "json_value",
        target: None,
    },
    Comparison {
        group: "serialize_10k",
        candidate: "generated",
        baseline: "json_value_built",
        target: None,
    },
    Comparison {
        group: "decode_users_999",
        candidate: "generated",
        baseline: "plain_derive",
        target: Some(1.3),
    },
    Comparison {
        group: "decode_users_999",
        candidate: "generated",
        baseline: "json_value",
        target: Some(0.6),
    },
    Comparison {
        group: "decode_users_999",
        candidate: "generated_15_fields",
        baseline: "plain_derive",
        target: None,
    },
    Comparison {
        group: "decode_users_999",
        candidate: "generated_documented_only",
        baseline: "plain_derive_documented_only",
        target: None,
    },
    Comparison {
        group: "serialize_create_user",
        candidate: "generated",
        baseline: "plain_derive",
        target: Some(1.2),
    },
    Comparison {
        group: "batch_100_gets",
        candidate: "five_batches",
        baseline: "single_calls",
        target: None,
    },
    Comparison {
        group: "extract",
        candidate: "extract_str",
        baseline: "pulldown_page",
        target: Some(2.0),
    },
    Comparison {
        group: "extract",
        candidate: "extract_str",
        baseline: "pulldown_page_and_includes",
        target: None,
    },
];

/// Benchmarks reported alone, per element of their throughput (e.g. per operation).
pub const SINGLES: &[(&str, &str)] = &[
    ("extract", "sha256_pages"),
    ("codegen", "generate"),
    ("codegen", "load_dir_and_generate"),
    ("codegen_scale", "generate_2000"),
];

/// A benchmark's median (ns per iteration) and throughput elements, if saved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Median time per iteration, nanoseconds.
    pub median_ns: f64,
    /// Lower and upper bound of the median's 95 % confidence interval.
    pub median_ci_ns: (f64, f64),
    /// `Throughput::Elements` per iteration (operations), if set.
    pub per_iteration: Option<u64>,
    /// `Throughput::Bytes` per iteration, if set.
    pub bytes: Option<u64>,
}

/// Reads one benchmark's saved estimate.
pub fn estimate(criterion_dir: &Path, group: &str, function: &str) -> Option<Estimate> {
    let dir = criterion_dir.join(group).join(function).join("new");
    let estimates: Value =
        serde_json::from_slice(&std::fs::read(dir.join("estimates.json")).ok()?).ok()?;
    let median = estimates.get("median")?;
    let ci = median.get("confidence_interval")?;
    let benchmark: Option<Value> = std::fs::read(dir.join("benchmark.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let throughput = |kind: &str| {
        benchmark
            .as_ref()
            .and_then(|b| b.get("throughput")?.get(kind)?.as_u64())
    };
    Some(Estimate {
        median_ns: median.get("point_estimate")?.as_f64()?,
        median_ci_ns: (
            ci.get("lower_bound")?.as_f64()?,
            ci.get("upper_bound")?.as_f64()?,
        ),
        per_iteration: throughput("Elements"),
        bytes: throughput("Bytes"),
    })
}

/// A duration in ns, with a unit that keeps 3-4 significant digits.
pub fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

/// The interleaved measurement saved by [`crate::paired::Paired::report`] for `group`, if it
/// compared `candidate` with `baseline`: (ratio of medians, median of paired ratios, rounds).
pub fn interleaved(
    criterion_dir: &Path,
    group: &str,
    candidate: &str,
    baseline: &str,
) -> Option<(f64, f64, u64)> {
    let path = criterion_dir.join(group).join("interleaved.json");
    let v: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    if v.get("candidate")?.as_str()? != candidate || v.get("baseline")?.as_str()? != baseline {
        return None;
    }
    Some((
        v.get("ratio_of_medians")?.as_f64()?,
        v.get("median_of_ratios")?.as_f64()?,
        v.get("rounds")?.as_u64()?,
    ))
}

/// The markdown report of everything found under `criterion_dir`.
///
/// A target counts as met when the interleaved ratio of medians is within it, where there is one
/// (it is robust to load changes between criterion's sequential runs), else criterion's.
pub fn render(criterion_dir: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| group | candidate | median (95% CI) | baseline | median (95% CI) | ratio | \
         interleaved ratio | target | met |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    for c in COMPARISONS {
        let a = estimate(criterion_dir, c.group, c.candidate);
        let b = estimate(criterion_dir, c.group, c.baseline);
        let (Some(a), Some(b)) = (a, b) else {
            let _ = writeln!(
                out,
                "| {} | {} | (not run) | {} | (not run) | | | | |",
                c.group, c.candidate, c.baseline
            );
            continue;
        };
        let ratio = a.median_ns / b.median_ns;
        let paired = interleaved(criterion_dir, c.group, c.candidate, c.baseline);
        let paired_text = paired.map_or(String::new(), |(r, m, n)| {
            format!("{r:.3} (paired {m:.3}, {n} rounds)")
        });
        let deciding = paired.map_or(ratio, |(r, _, _)| r);
        let (target, met) = match c.target {
            Some(t) => (
                format!("<= {t:.2}"),
                if deciding <= t { "yes" } else { "NO" },
            ),
            None => ("(info)".to_owned(), ""),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {ratio:.3} | {paired_text} | {target} | {met} |",
            c.group,
            c.candidate,
            show(&a),
            c.baseline,
            show(&b)
        );
    }
    let mut singles = String::new();
    for (group, function) in SINGLES {
        let Some(e) = estimate(criterion_dir, group, function) else {
            continue;
        };
        let mut extra = String::new();
        if let Some(n) = e.per_iteration.filter(|&n| n > 0) {
            let _ = write!(
                extra,
                ", {} per operation ({n} operations)",
                human(e.median_ns / n as f64)
            );
        }
        if let Some(bytes) = e.bytes.filter(|_| e.median_ns > 0.0) {
            let mib_s = bytes as f64 / (e.median_ns / 1e9) / (1024.0 * 1024.0);
            let _ = write!(extra, ", {mib_s:.0} MiB/s over {bytes} bytes");
        }
        let _ = writeln!(singles, "- {group}/{function}: median {}{extra}", show(&e));
    }
    if !singles.is_empty() {
        out.push('\n');
        out.push_str(&singles);
    }
    out
}

/// A median with its confidence interval.
fn show(e: &Estimate) -> String {
    format!(
        "{} ({} – {})",
        human(e.median_ns),
        human(e.median_ci_ns.0),
        human(e.median_ci_ns.1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_estimates() {
        let dir = std::env::temp_dir().join(format!("graph-benches-report-{}", std::process::id()));
        let save = |group: &str, function: &str, median: f64, throughput: &str| {
            let new = dir.join(group).join(function).join("new");
            std::fs::create_dir_all(&new).unwrap();
            let estimates = serde_json::json!({"median": {"point_estimate": median,
                "confidence_interval": {"lower_bound": median * 0.9, "upper_bound": median * 1.1}}});
            std::fs::write(new.join("estimates.json"), estimates.to_string()).unwrap();
            std::fs::write(new.join("benchmark.json"), throughput).unwrap();
        };
        save(
            "codegen",
            "generate",
            8e6,
            r#"{"throughput":{"Elements":8}}"#,
        );
        save("per_call", "binding", 110.0, "{}");
        save("per_call", "reqwest", 100.0, "{}");
        let e = estimate(&dir, "codegen", "generate").unwrap();
        assert_eq!(e.per_iteration, Some(8));
        let text = render(&dir);
        assert!(
            text.contains("1.000 ms per operation (8 operations)"),
            "{text}"
        );
        assert!(text.contains("(not run)"), "{text}");
        assert!(text.contains("| 1.100 |  | <= 1.05 | NO |"), "{text}");
        // The interleaved ratio, when there is one, decides.
        crate::paired::Paired {
            rounds: 11,
            iters_per_block: 1,
            a_median_ns: 102.0,
            b_median_ns: 100.0,
            ratio_of_medians: 1.02,
            median_of_ratios: 1.01,
        }
        .report(&dir, "per_call", "binding", "reqwest");
        let text = render(&dir);
        assert!(
            text.contains("| 1.100 | 1.020 (paired 1.010, 11 rounds) | <= 1.05 | yes |"),
            "{text}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn human_units() {
        assert_eq!(human(12.34), "12.3 ns");
        assert_eq!(human(41_234.0), "41.23 µs");
        assert_eq!(human(2_500_000.0), "2.500 ms");
    }
}
