//! An interleaved A/B measurement.
//!
//! Criterion measures one function after the other; on a shared machine the load can change in
//! between and move a ratio by more than the 5 % being looked for. [`interleaved`] alternates short
//! blocks of A and B (in ABBA order, so that a steady drift cancels out) for a time budget and
//! reports the median time per iteration of each, their ratio, and the median of the per-round
//! ratios. The result is printed and saved as JSON beside criterion's results, where
//! `bench-report` finds it.

use std::path::Path;
use std::time::{Duration, Instant};

/// The outcome of [`interleaved`]. Times are nanoseconds per iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    /// How many A and B blocks were measured (each).
    pub rounds: usize,
    /// Iterations per block.
    pub iters_per_block: u64,
    /// Median over blocks of A's time per iteration.
    pub a_median_ns: f64,
    /// Median over blocks of B's time per iteration.
    pub b_median_ns: f64,
    /// `a_median_ns / b_median_ns`.
    pub ratio_of_medians: f64,
    /// Median over rounds of (A block time / adjacent B block time).
    pub median_of_ratios: f64,
}

/// Measures `a` against `b`: each closure runs the given number of iterations and returns the time
/// they took. Blocks last about `block` each; measuring stops after `budget` (at least 11 rounds).
pub fn interleaved(
    mut a: impl FnMut(u64) -> Duration,
    mut b: impl FnMut(u64) -> Duration,
    block: Duration,
    budget: Duration,
) -> Paired {
    // Warm up both, and size the blocks on the slower of the two.
    let mut iters = 1u64;
    loop {
        let t = a(iters).max(b(iters));
        if t >= block / 4 || iters >= 1 << 30 {
            let per_iter = t.as_secs_f64() / iters as f64;
            iters = ((block.as_secs_f64() / per_iter).ceil() as u64).max(1);
            break;
        }
        iters *= 2;
    }
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let start = Instant::now();
    let mut round = 0usize;
    while round < 11 || start.elapsed() < budget {
        // ABBA: A first on even rounds, B first on odd ones.
        let a_first = round & 1 == 0;
        let (x, y) = if a_first {
            let x = a(iters);
            (x, b(iters))
        } else {
            let y = b(iters);
            (a(iters), y)
        };
        let per = |d: Duration| d.as_secs_f64() * 1e9 / iters as f64;
        ta.push(per(x));
        tb.push(per(y));
        ratios.push(x.as_secs_f64() / y.as_secs_f64());
        round += 1;
    }
    let (a_median_ns, b_median_ns) = (median(&mut ta), median(&mut tb));
    Paired {
        rounds: round,
        iters_per_block: iters,
        a_median_ns,
        b_median_ns,
        ratio_of_medians: a_median_ns / b_median_ns,
        median_of_ratios: median(&mut ratios),
    }
}

impl Paired {
    /// Prints the result and saves it as `<criterion_dir>/<group>/interleaved.json`.
    pub fn report(&self, criterion_dir: &Path, group: &str, a: &str, b: &str) {
        println!(
            "{group}: interleaved {a} vs {b}: {:.0} ns vs {:.0} ns per iteration, ratio of medians \
             {:.4}, median of paired ratios {:.4} ({} rounds of {} iterations)",
            self.a_median_ns,
            self.b_median_ns,
            self.ratio_of_medians,
            self.median_of_ratios,
            self.rounds,
            self.iters_per_block
        );
        let json = serde_json::json!({
            "candidate": a,
            "baseline": b,
            "rounds": self.rounds,
            "iters_per_block": self.iters_per_block,
            "candidate_median_ns": self.a_median_ns,
            "baseline_median_ns": self.b_median_ns,
            "ratio_of_medians": self.ratio_of_medians,
            "median_of_ratios": self.median_of_ratios,
        });
        let dir = criterion_dir.join(group);
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(
                dir.join("interleaved.json"),
                serde_json::to_vec_pretty(&json).unwrap_or_default(),
            )
        });
        if let Err(e) = written {
            eprintln!("could not save {}: {e}", dir.display());
        }
    }
}

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// Whether an extra (non-criterion) measurement for `group` should run in this bench process: only
/// under `cargo bench` (criterion's `--bench` flag, not in `cargo test --benches` or `--list`), and
/// only when a criterion filter, if given, is a substring of `group`.
pub fn should_run(group: &str) -> bool {
    // Criterion options that take a value (the value is not a filter).
    const WITH_VALUE: &[&str] = &[
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--save-baseline",
        "-s",
        "--baseline",
        "-b",
        "--baseline-lenient",
        "--load-baseline",
        "--color",
        "-c",
        "--output-format",
        "--profile-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--plotting-backend",
        "--format",
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--list") {
        return false;
    }
    let mut filters = Vec::new();
    let mut skip_value = false;
    for arg in &args {
        if skip_value {
            skip_value = false;
        } else if WITH_VALUE.contains(&arg.as_str()) {
            skip_value = true;
        } else if !arg.starts_with('-') {
            filters.push(arg.as_str());
        }
    }
    filters.is_empty()
        || filters
            .iter()
            .any(|f| group.contains(f) || f.contains(group))
}

/// `GRAPH_BENCH_PAIRED_SECS` (default 3): the budget of each interleaved measurement.
pub fn budget() -> Duration {
    let secs = std::env::var("GRAPH_BENCH_PAIRED_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite())
        .unwrap_or(3.0);
    Duration::from_secs_f64(secs.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), 0.0);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn interleaves_and_sizes_blocks() {
        let spin = |n: u64, cost: u32| {
            let start = Instant::now();
            let mut x = 0u64;
            for i in 0..n * u64::from(cost) {
                x = std::hint::black_box(x.wrapping_add(i));
            }
            std::hint::black_box(x);
            start.elapsed()
        };
        let p = interleaved(
            |n| spin(n, 200),
            |n| spin(n, 100),
            Duration::from_micros(200),
            Duration::ZERO,
        );
        assert_eq!(p.rounds, 11);
        assert!(p.iters_per_block >= 1);
        assert!(p.ratio_of_medians > 1.0, "{p:?}");
    }
}
