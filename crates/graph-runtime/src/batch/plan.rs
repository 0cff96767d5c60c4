//! Which items go into which `$batch` call: at most [`MAX_BATCH_ITEMS`] each, one API version
//! each, and an item always with the items it depends on (Graph resolves `dependsOn` only inside
//! one `$batch`).

use crate::{ApiVersion, Error};

/// The most requests Graph accepts in one `$batch`.
pub const MAX_BATCH_ITEMS: usize = 20;

/// An item to place: its index, API version and dependencies (indexes of earlier items).
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) index: usize,
    pub(crate) version: ApiVersion,
    pub(crate) depends_on: Vec<usize>,
}

/// Splits `items` (in the order added) into `$batch` calls of at most `limit` items.
///
/// Items linked by `dependsOn` (directly or through others) form a group that stays in one call;
/// groups are packed in order, a group that does not fit in the current call starting the next
/// one, so a call holds whole groups and the first item of each group keeps its place in the
/// order. A group larger than `limit`, or one that mixes API versions, is an
/// [`Error::InvalidRequest`].
pub(crate) fn plan(items: &[Planned], limit: usize) -> Result<Vec<Vec<usize>>, Error> {
    let limit = limit.clamp(1, MAX_BATCH_ITEMS);
    // Union-find over positions in `items`.
    let position = |index: usize| items.iter().position(|item| item.index == index);
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while let Some(&up) = parent.get(at) {
            if up == at {
                break;
            }
            let grand = parent.get(up).copied().unwrap_or(up);
            if let Some(slot) = parent.get_mut(at) {
                *slot = grand;
            }
            at = up;
        }
        at
    }
    for (at, item) in items.iter().enumerate() {
        for dep in &item.depends_on {
            // A dependency already answered (an earlier `send`) is not placed again.
            let Some(dep_at) = position(*dep) else {
                continue;
            };
            let (a, b) = (root(&mut parent, at), root(&mut parent, dep_at));
            if a != b {
                let (low, high) = (a.min(b), a.max(b));
                if let Some(slot) = parent.get_mut(high) {
                    *slot = low;
                }
            }
        }
    }
    // Groups in the order of their first item.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for at in 0..items.len() {
        let r = root(&mut parent, at);
        let index = items.get(at).map_or(at, |item| item.index);
        match groups.iter_mut().find(|(group_root, _)| *group_root == r) {
            Some((_, members)) => members.push(index),
            None => groups.push((r, vec![index])),
        }
    }
    let version_of = |index: usize| {
        items
            .iter()
            .find(|item| item.index == index)
            .map(|item| item.version)
    };
    let mut calls: Vec<Vec<usize>> = Vec::new();
    // Per version, the position in `calls` of its newest call.
    let mut open_calls: Vec<(ApiVersion, usize)> = Vec::new();
    for (_, members) in groups {
        let version = members
            .first()
            .and_then(|first| version_of(*first))
            .unwrap_or(ApiVersion::V1);
        if members.iter().any(|m| version_of(*m) != Some(version)) {
            return Err(Error::InvalidRequest(format!(
                "batch items {} depend on each other but use different API versions; \
                 one $batch serves one version",
                ids(&members)
            )));
        }
        if members.len() > limit {
            return Err(Error::InvalidRequest(format!(
                "batch items {} depend on each other and are {} requests, more than the {limit} \
                 one $batch can hold",
                ids(&members),
                members.len()
            )));
        }
        // The newest call of the same version if the group fits, else a new call: items keep
        // their order within a version.
        let open = open_calls
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, at)| *at);
        match open.and_then(|at| calls.get_mut(at)) {
            Some(call) if call.len() + members.len() <= limit => call.extend(members),
            _ => {
                open_calls.retain(|(v, _)| *v != version);
                open_calls.push((version, calls.len()));
                calls.push(members);
            }
        }
    }
    Ok(calls)
}

/// The ids (1-based, as sent) of item indexes, for messages.
fn ids(indexes: &[usize]) -> String {
    let shown: Vec<String> = indexes
        .iter()
        .take(5)
        .map(|i| (i + 1).to_string())
        .collect();
    let more = if indexes.len() > 5 { ", ..." } else { "" };
    format!("{}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(index: usize, depends_on: &[usize]) -> Planned {
        Planned {
            index,
            version: ApiVersion::V1,
            depends_on: depends_on.to_vec(),
        }
    }

    #[test]
    fn forty_five_independent_items_make_three_calls() {
        let items: Vec<Planned> = (0..45).map(|i| item(i, &[])).collect();
        let calls = plan(&items, MAX_BATCH_ITEMS).unwrap();
        let sizes: Vec<usize> = calls.iter().map(Vec::len).collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert_eq!(calls[1][0], 20);
        assert_eq!(calls[2], (40..45).collect::<Vec<_>>());
    }

    #[test]
    fn a_dependency_chain_stays_in_one_call() {
        // 0..19 independent, then 19 <- 20 <- 21: the chain does not fit after 0..18, so it
        // moves whole into the second call.
        let mut items: Vec<Planned> = (0..19).map(|i| item(i, &[])).collect();
        items.push(item(19, &[]));
        items.push(item(20, &[19]));
        items.push(item(21, &[20]));
        let calls = plan(&items, MAX_BATCH_ITEMS).unwrap();
        assert_eq!(calls[0], (0..19).collect::<Vec<_>>());
        assert_eq!(calls[1], vec![19, 20, 21]);
    }

    #[test]
    fn oversized_groups_and_mixed_versions_are_refused() {
        let mut items = vec![item(0, &[])];
        items.extend((1..21).map(|i| item(i, &[i - 1])));
        let err = plan(&items, MAX_BATCH_ITEMS).unwrap_err().to_string();
        assert!(err.contains("21 requests"), "{err}");

        let mut beta = item(1, &[0]);
        beta.version = ApiVersion::Beta;
        let err = plan(&[item(0, &[]), beta], MAX_BATCH_ITEMS)
            .unwrap_err()
            .to_string();
        assert!(err.contains("different API versions"), "{err}");
    }

    #[test]
    fn versions_go_to_separate_calls() {
        let mut items: Vec<Planned> = (0..4).map(|i| item(i, &[])).collect();
        items[1].version = ApiVersion::Beta;
        items[3].version = ApiVersion::Beta;
        let calls = plan(&items, MAX_BATCH_ITEMS).unwrap();
        assert_eq!(calls, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn answered_dependencies_are_ignored() {
        // Item 3 depends on item 0, which an earlier send answered (not in this plan).
        let calls = plan(&[item(3, &[0]), item(4, &[])], 1).unwrap();
        assert_eq!(calls, vec![vec![3], vec![4]]);
    }
}
