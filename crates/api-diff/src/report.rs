//! Old API against new: the changes, and the printed report.

use std::fmt;

use crate::items::{Api, ItemKind};

/// Whether an item appeared, disappeared or changed its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new API.
    Added,
    /// Only in the old API.
    Removed,
    /// In both, with different signatures.
    Changed,
}

/// One changed public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The kind of item.
    pub item: ItemKind,
    /// Where it is, from the crate root.
    pub path: String,
    /// The old signature (removed and changed items).
    pub old: Option<String>,
    /// The new signature (added and changed items).
    pub new: Option<String>,
    /// Why this breaks semver, when it does.
    pub breaking: Option<&'static str>,
}

pub(crate) fn diff(old: &Api, new: &Api) -> ApiDiff {
    let mut changes = Vec::new();
    for (path, before) in &old.items {
        match new.items.get(path) {
            None => {
                // An item inside a removed item (a field of a removed struct) is not listed again.
                if parent_removed(path, old, new) {
                    continue;
                }
                changes.push(Change {
                    kind: ChangeKind::Removed,
                    item: before.kind,
                    path: path.clone(),
                    old: Some(before.signature.clone()),
                    new: None,
                    breaking: Some("callers that use it no longer compile"),
                });
            }
            Some(after) if after.signature != before.signature || after.kind != before.kind => {
                changes.push(Change {
                    kind: ChangeKind::Changed,
                    item: after.kind,
                    path: path.clone(),
                    old: Some(before.signature.clone()),
                    new: Some(after.signature.clone()),
                    breaking: Some("its signature changed"),
                });
            }
            Some(_) => {}
        }
    }
    for (path, after) in &new.items {
        if old.items.contains_key(path) {
            continue;
        }
        // A field, variant or trait impl of a new struct or enum breaks nobody, and the new struct
        // or enum says enough: it is not listed again.
        let parent_is_new = parent(path).is_some_and(|p| !old.items.contains_key(p));
        let member = matches!(
            after.kind,
            ItemKind::Field | ItemKind::Variant | ItemKind::TraitMethod | ItemKind::TraitImpl
        );
        if parent_is_new && member {
            continue;
        }
        changes.push(Change {
            kind: ChangeKind::Added,
            item: after.kind,
            path: path.clone(),
            old: None,
            new: Some(after.signature.clone()),
            breaking: if parent_is_new {
                None
            } else {
                after.breaking_if_added
            },
        });
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    ApiDiff { changes }
}

/// The path of the item `path` belongs to: `S` for `S.field`, `E` for `E::V`, `T` for `T::m`.
fn parent(path: &str) -> Option<&str> {
    // A trait impl, `Owner::<impl a::Trait for Owner>`: its trait path has `::` of its own.
    if let Some((owner, _)) = path.split_once("::<impl ") {
        return Some(owner);
    }
    if let Some((owner, _)) = path.rsplit_once('.') {
        return Some(owner);
    }
    path.rsplit_once("::").map(|(owner, _)| owner)
}

fn parent_removed(path: &str, old: &Api, new: &Api) -> bool {
    parent(path).is_some_and(|p| old.items.contains_key(p) && !new.items.contains_key(p))
}

impl fmt::Display for ApiDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "public API: unchanged");
        }
        let count = |k: ChangeKind| self.changes.iter().filter(|c| c.kind == k).count();
        writeln!(
            f,
            "public API: {} added, {} removed, {} changed: {}",
            count(ChangeKind::Added),
            count(ChangeKind::Removed),
            count(ChangeKind::Changed),
            if self.is_breaking() {
                "BREAKING under semver (the next release needs a new major version, or minor while 0.x)"
            } else {
                "compatible under semver"
            }
        )?;
        for c in &self.changes {
            let tag = if c.breaking.is_some() { "!" } else { " " };
            match c.kind {
                ChangeKind::Added => write!(
                    f,
                    "{tag} + {} {}: {}",
                    c.item,
                    c.path,
                    c.new.as_deref().unwrap_or_default()
                )?,
                ChangeKind::Removed => write!(
                    f,
                    "{tag} - {} {}: {}",
                    c.item,
                    c.path,
                    c.old.as_deref().unwrap_or_default()
                )?,
                ChangeKind::Changed => write!(
                    f,
                    "{tag} ~ {} {}: {} => {}",
                    c.item,
                    c.path,
                    c.old.as_deref().unwrap_or_default(),
                    c.new.as_deref().unwrap_or_default()
                )?,
            }
            match c.breaking {
                Some(why) => writeln!(f, " (breaking: {why})")?,
                None => writeln!(f)?,
            }
        }
        Ok(())
    }
}

/// What changed between two APIs. `Display` prints the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// The changes, by path.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// No public item changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// At least one change breaks semver.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking.is_some())
    }
}
