//! A spec that cannot be turned into code.

use std::fmt;

/// A spec that cannot be turned into code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    /// The spec file.
    pub file: String,
    /// The JSON path of the field at fault.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: at `{}`: {}", self.file, self.path, self.message)
    }
}

impl std::error::Error for CodegenError {}
