//! One function writes generated files and checks them, so that `--check` can never disagree with
//! what a write would do (the approach of rust-analyzer's `ensure_file_contents`).
//!
//! [`sync`] compares the files a generator wants with what is on disk under a set of [`Owned`]
//! places. In [`Mode::Check`] any difference is drift: a changed file, a missing one, or a leftover
//! that no longer has a source. In [`Mode::Write`] the new contents are first staged next to their
//! targets, and only when every file has been staged are they renamed into place, so a failure part
//! way leaves every previous file intact.
//!
//! ```
//! use std::collections::BTreeMap;
//! use file_sync::{Mode, Owned, sync};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let files = BTreeMap::from([("out/a.txt".to_string(), "hello\n".to_string())]);
//! let owned = [Owned::dir("out", "txt")];
//! assert!(sync(dir.path(), &files, &owned, Mode::Check).is_err()); // missing: drift
//! sync(dir.path(), &files, &owned, Mode::Write).unwrap();
//! assert!(sync(dir.path(), &files, &owned, Mode::Check).unwrap().is_clean());
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Write the files, or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the disk in line with the expected files.
    Write,
    /// Report drift without touching anything.
    Check,
}

/// A place whose files all belong to the generator: anything there that it does not produce is a leftover.
#[derive(Debug, Clone)]
pub struct Owned {
    path: String,
    extension: Option<String>,
}

impl Owned {
    /// Every file with this extension below the directory `path` (relative to the root).
    pub fn dir(path: impl Into<String>, extension: impl Into<String>) -> Owned {
        Owned {
            path: path.into(),
            extension: Some(extension.into()),
        }
    }

    /// The single file `path`.
    pub fn file(path: impl Into<String>) -> Owned {
        Owned {
            path: path.into(),
            extension: None,
        }
    }
}

/// How one file differs from what the generator wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Added(String),
    /// The file's contents differ; holds a unified diff, disk first.
    Modified(String, String),
    /// The file exists but the generator no longer produces it.
    Removed(String),
}

impl Change {
    /// The file's path relative to the root.
    pub fn path(&self) -> &str {
        match self {
            Change::Added(p) | Change::Modified(p, _) | Change::Removed(p) => p,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added(p) => write!(f, "{p}: missing (would be created)"),
            Change::Removed(p) => {
                write!(f, "{p}: left over (its source is gone; would be removed)")
            }
            Change::Modified(p, diff) => write!(f, "{p}: differs\n{diff}"),
        }
    }
}

/// What [`sync`] found (and in [`Mode::Write`], did).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every file that differed.
    pub changes: Vec<Change>,
    /// How many files were already up to date.
    pub unchanged: usize,
}

impl Report {
    /// No file differed.
    pub fn is_clean(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Why files could not be checked or written.
#[derive(Debug)]
pub enum SyncError {
    /// [`Mode::Check`] found differences.
    Drift(Report),
    /// Reading or writing failed; in [`Mode::Write`] nothing was replaced.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The underlying error.
        source: io::Error,
    },
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Drift(report) => {
                writeln!(f, "{} generated file(s) out of date:", report.changes.len())?;
                for c in &report.changes {
                    writeln!(f, "{c}")?;
                }
                Ok(())
            }
            SyncError::Io {
                path,
                action,
                source,
            } => write!(f, "{}: cannot {action}: {source}", path.display()),
        }
    }
}

impl std::error::Error for SyncError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SyncError::Io { source, .. } => Some(source),
            SyncError::Drift(_) => None,
        }
    }
}

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> SyncError {
    let path = path.to_path_buf();
    move |source| SyncError::Io {
        path,
        action,
        source,
    }
}

/// The files currently on disk in the owned places, relative to `root` with `/` separators.
fn existing(root: &Path, owned: &[Owned]) -> Result<BTreeSet<String>, SyncError> {
    fn walk(
        root: &Path,
        dir: &Path,
        ext: &str,
        out: &mut BTreeSet<String>,
    ) -> Result<(), SyncError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_err(dir, "list directory")(e)),
        };
        for entry in entries {
            let path = entry.map_err(io_err(dir, "list directory"))?.path();
            if path.is_dir() {
                walk(root, &path, ext, out)?;
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(rel.join("/"));
            }
        }
        Ok(())
    }
    let mut out = BTreeSet::new();
    for o in owned {
        match &o.extension {
            Some(ext) => walk(root, &root.join(&o.path), ext, &mut out)?,
            None => {
                if root.join(&o.path).is_file() {
                    out.insert(o.path.clone());
                }
            }
        }
    }
    Ok(out)
}

fn read_if_exists(path: &Path) -> Result<Option<String>, SyncError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path, "read")(e)),
    }
}

fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{path} (on disk)"), &format!("{path} (generated)"))
        .to_string()
}

/// Compares `expected` (paths relative to `root`) with the disk, and in [`Mode::Write`] makes the
/// disk match, all-or-nothing. Leftovers are looked for in `owned`.
pub fn sync(
    root: &Path,
    expected: &BTreeMap<String, String>,
    owned: &[Owned],
    mode: Mode,
) -> Result<Report, SyncError> {
    let mut report = Report::default();
    let mut to_write = Vec::new();
    for (rel, want) in expected {
        let path = root.join(rel);
        match read_if_exists(&path)? {
            Some(have) if &have == want => report.unchanged += 1,
            Some(have) => {
                report
                    .changes
                    .push(Change::Modified(rel.clone(), diff(rel, &have, want)));
                to_write.push((path, want));
            }
            None => {
                report.changes.push(Change::Added(rel.clone()));
                to_write.push((path, want));
            }
        }
    }
    let leftovers: Vec<String> = existing(root, owned)?
        .into_iter()
        .filter(|p| !expected.contains_key(p))
        .collect();
    report
        .changes
        .extend(leftovers.iter().cloned().map(Change::Removed));

    match mode {
        Mode::Check if report.is_clean() => Ok(report),
        Mode::Check => Err(SyncError::Drift(report)),
        Mode::Write => {
            write_all(&to_write)?;
            for rel in &leftovers {
                let path = root.join(rel);
                std::fs::remove_file(&path).map_err(io_err(&path, "remove left-over file"))?;
            }
            Ok(report)
        }
    }
}

/// Stages every file beside its target, then renames them all into place. If staging fails, the
/// staged files are removed and no target has been touched.
fn write_all(files: &[(PathBuf, &String)]) -> Result<(), SyncError> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let stage = |path: &Path, text: &str| -> Result<PathBuf, SyncError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io_err(dir, "create directory"))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, text).map_err(io_err(&tmp, "write"))?;
        Ok(tmp)
    };
    for (path, text) in files {
        match stage(path, text) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    for (tmp, path) in &staged {
        std::fs::rename(tmp, path).map_err(io_err(path, "replace"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn check_reports_modified_added_and_leftover_files() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [Owned::dir("gen", "rs")];
        sync(
            dir.path(),
            &files(&[("gen/a.rs", "a\n"), ("gen/old.rs", "x\n")]),
            &owned,
            Mode::Write,
        )
        .unwrap();
        std::fs::write(dir.path().join("gen/notes.md"), "not owned").unwrap();

        let want = files(&[("gen/a.rs", "a2\n"), ("gen/sub/b.rs", "b\n")]);
        let Err(SyncError::Drift(report)) = sync(dir.path(), &want, &owned, Mode::Check) else {
            panic!("expected drift");
        };
        let paths: Vec<&str> = report.changes.iter().map(Change::path).collect();
        assert_eq!(paths, ["gen/a.rs", "gen/sub/b.rs", "gen/old.rs"]);
        let shown = SyncError::Drift(report).to_string();
        assert!(shown.contains("-a\n+a2"), "{shown}");
        assert!(shown.contains("gen/old.rs: left over"), "{shown}");
        // Check wrote nothing.
        assert_eq!(
            std::fs::read_to_string(dir.path().join("gen/a.rs")).unwrap(),
            "a\n"
        );
        assert!(!dir.path().join("gen/sub").exists());
    }

    #[test]
    fn write_makes_the_disk_match_and_keeps_unowned_files() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [Owned::dir("gen", "rs"), Owned::file("tests/t.rs")];
        sync(
            dir.path(),
            &files(&[("gen/old.rs", "x\n"), ("tests/t.rs", "t\n")]),
            &owned,
            Mode::Write,
        )
        .unwrap();
        std::fs::write(dir.path().join("gen/keep.md"), "mine").unwrap();
        std::fs::write(dir.path().join("tests/other.rs"), "mine").unwrap();

        let want = files(&[("gen/a.rs", "a\n")]);
        let report = sync(dir.path(), &want, &owned, Mode::Write).unwrap();
        assert_eq!(report.changes.len(), 3);
        assert!(
            sync(dir.path(), &want, &owned, Mode::Check)
                .unwrap()
                .is_clean()
        );
        assert!(!dir.path().join("gen/old.rs").exists());
        assert!(!dir.path().join("tests/t.rs").exists());
        assert!(dir.path().join("gen/keep.md").exists());
        assert!(dir.path().join("tests/other.rs").exists());
        // No staging files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("gen"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_write_leaves_every_previous_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let owned = [Owned::dir("gen", "rs")];
        sync(
            dir.path(),
            &files(&[("gen/a.rs", "old a\n"), ("gen/z.rs", "old z\n")]),
            &owned,
            Mode::Write,
        )
        .unwrap();
        // `gen/blocked` is a file, so `gen/blocked/b.rs` cannot be created: staging fails after a.rs.
        std::fs::write(dir.path().join("gen/blocked"), "").unwrap();
        let want = files(&[
            ("gen/a.rs", "new a\n"),
            ("gen/blocked/b.rs", "b\n"),
            ("gen/z.rs", "new z\n"),
        ]);
        let err = sync(dir.path(), &want, &owned, Mode::Write).unwrap_err();
        assert!(err.to_string().contains("gen/blocked"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("gen/a.rs")).unwrap(),
            "old a\n"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("gen/z.rs")).unwrap(),
            "old z\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("gen"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "staged files left behind: {names:?}");
    }
}
