//! Reading spec files: parsing with located errors, loading one file or a directory, and writing
//! them back as JSON.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::SpecFile;

/// The folder, inside a version folder, that holds type files.
pub const TYPES_DIR: &str = "types";

/// The file name of the committed JSON Schema of type files, directly under the spec directory.
pub const TYPES_SCHEMA_FILE: &str = "types.schema.json";

/// The file name of the committed JSON Schema, directly under the spec directory.
pub const SCHEMA_FILE: &str = "schema.json";

/// A spec file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the caller named it.
    pub file: PathBuf,
    /// The 1-based line of the problem (0 when the file could not be read at all).
    pub line: usize,
    /// The 1-based column of the problem.
    pub column: usize,
    /// The JSON path of the bad field (`operation.paths[0].template`), empty at the top level.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, ": at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// Parses one spec file's text. `file` names it in errors.
pub fn from_json(text: &str, file: impl AsRef<Path>) -> Result<SpecFile, LoadError> {
    parse_located(text, file.as_ref())
}

/// Parses `text` into `T`, with errors naming `file`, the line and the JSON path of the bad field.
pub(crate) fn parse_located<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
) -> Result<T, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let located = |path: String, inner: serde_json::Error| LoadError {
        file: file.to_path_buf(),
        line: inner.line(),
        column: inner.column(),
        path,
        message: strip_position(&inner.to_string()),
    };
    let spec: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        // Where serde_path_to_error cannot tell the field (a syntax error between two fields), it
        // writes `?`: name the last field read before the error instead.
        let path = match path.strip_suffix('?') {
            Some(parent) => match last_key_before(text, inner.line(), inner.column()) {
                Some(key) => format!("{parent}{key}"),
                None => path,
            },
            None => path,
        };
        located(path, inner)
    })?;
    de.end().map_err(|e| located(String::new(), e))?;
    Ok(spec)
}

/// The last key of the innermost object open at `line`:`column` (1-based, as serde_json counts),
/// or `None` when that object has no key yet or the position is outside any object.
fn last_key_before(text: &str, line: usize, column: usize) -> Option<String> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut end = (line_start + column).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // One entry per open container: `Some(last key)` for an object, `None` for an array.
    let mut stack: Vec<Option<Option<String>>> = Vec::new();
    let mut chars = text.get(..end)?.char_indices();
    let mut string_start = None;
    let mut last_string = None;
    while let Some((i, c)) = chars.next() {
        if let Some(start) = string_start {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    last_string = Some(text[start..i].to_string());
                    string_start = None;
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' => string_start = Some(i + 1),
            '{' => stack.push(Some(None)),
            '[' => stack.push(None),
            '}' | ']' => {
                stack.pop();
            }
            ':' => {
                if let Some(Some(key)) = stack.last_mut() {
                    *key = last_string.take();
                }
            }
            _ => {}
        }
    }
    stack.pop().flatten().flatten()
}

/// serde_json appends " at line L column C"; the located error prints those itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Reads and parses one spec file.
pub fn load(path: impl AsRef<Path>) -> Result<SpecFile, LoadError> {
    let path = path.as_ref();
    from_json(&read(path)?, path)
}

/// The text of a file, or an error naming it.
pub(crate) fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError {
        file: path.to_path_buf(),
        line: 0,
        column: 0,
        path: String::new(),
        message: format!("cannot read: {e}"),
    })
}

/// The error of a spec directory that cannot be listed.
pub(crate) fn unlistable(dir: &Path, e: &std::io::Error) -> LoadError {
    LoadError {
        file: dir.to_path_buf(),
        line: 0,
        column: 0,
        path: String::new(),
        message: format!("cannot list spec directory: {e}"),
    }
}

/// Calls `f` with every `*.json` file below `dir`, except the schemas at its top.
pub(crate) fn walk_json(dir: &Path, f: &mut dyn FnMut(&Path)) -> std::io::Result<()> {
    fn walk(dir: &Path, top: &Path, f: &mut dyn FnMut(&Path)) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, top, f)?;
            } else if path.extension().is_some_and(|e| e == "json")
                && path != top.join(SCHEMA_FILE)
                && path != top.join(TYPES_SCHEMA_FILE)
            {
                f(&path);
            }
        }
        Ok(())
    }
    walk(dir, dir, f)
}

/// The operation spec files under `dir`: every `*.json` below it except the schemas at its top
/// ([`SCHEMA_FILE`], [`TYPES_SCHEMA_FILE`]) and the type files in `types/` folders
/// ([`type_files`](crate::type_files)), sorted by path.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk_json(dir, &mut |path| {
        let in_types = path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == TYPES_DIR);
        if !in_types {
            out.push(path.to_path_buf());
        }
    })?;
    out.sort();
    Ok(out)
}

/// Loads every spec file under `dir`, sorted by path. Reports every file that fails, not just the first.
pub fn load_dir(dir: &Path) -> Result<Vec<(PathBuf, SpecFile)>, Vec<LoadError>> {
    let files = spec_files(dir).map_err(|e| vec![unlistable(dir, &e)])?;
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match load(&file) {
            Ok(spec) => specs.push((file, spec)),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(errors)
    }
}

/// The canonical text of a spec file: pretty JSON with a trailing newline.
pub fn to_json(spec: &SpecFile) -> String {
    let mut text = serde_json::to_string_pretty(spec).expect("spec types always serialize");
    text.push('\n');
    text
}

/// The JSON Schema of the spec format, as committed at `spec/schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(SpecFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}
