//! Emitting and formatting files on every core: `std::thread::scope` workers take jobs in turn,
//! and the results come back in job order, so the output does not depend on the scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in item order, computed on up to one worker per core. The jobs in `first`
/// are started before the others, in that order (the longest ones, so that none of them finishes
/// alone at the end while the other workers idle).
pub fn map<T: Sync, R: Send>(items: &[T], first: &[usize], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    // The `first` jobs (each once), then the others in order.
    let mut started = vec![false; items.len()];
    let mut order: Vec<usize> = Vec::with_capacity(items.len());
    for &i in first {
        if let Some(s) = started.get_mut(i)
            && !*s
        {
            *s = true;
            order.push(i);
        }
    }
    order.extend((0..items.len()).filter(|i| started.get(*i) != Some(&true)));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if let Some(item) = items.get(i) {
                            done.push((i, f(item)));
                        }
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(done) => {
                    for (i, result) in done {
                        if let Some(slot) = results.get_mut(i) {
                            *slot = Some(result);
                        }
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_whatever_runs_first() {
        let items: Vec<u64> = (0..200).collect();
        let squares = map(&items, &[150, 3, 150, 999], |i| {
            // Uneven work, so that the workers finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((i % 7) * 50));
            i * i
        });
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(map(&[] as &[u64], &[], |i| *i), Vec::<u64>::new());
        assert_eq!(map(&[3u64], &[9], |i| i + 1), vec![4]);
    }
}
