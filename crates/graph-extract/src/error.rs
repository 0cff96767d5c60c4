//! Why a page could not be extracted.

use std::fmt;

/// Why a page could not be extracted: the file (the page or one of its includes, docs-relative), the
/// line (1-based; 0 when the file could not be read at all) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    /// The docs-relative page or include the problem is in.
    pub file: String,
    /// The 1-based line of the problem, 0 when the file could not be read.
    pub line: usize,
    /// The class of the problem, for counting failures over a whole corpus.
    pub kind: ErrorKind,
    /// What was wrong and what was expected.
    pub message: String,
}

/// The classes of [`ExtractError`]: what part of a page could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read, or is not UTF-8.
    Unreadable,
    /// The page path does not say the API version (`api-reference/<version>/...`).
    Version,
    /// The page has neither a front matter `title` nor a `# heading`.
    Title,
    /// No `## HTTP request` section, or no usable `METHOD /path` line in it.
    HttpRequest,
    /// An example's request or response that cannot be read.
    Example,
    /// A resource page that does not name its type.
    TypeName,
}

impl ErrorKind {
    /// A short stable label: `http-request`, `table`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable",
            Self::Version => "version",
            Self::Title => "title",
            Self::HttpRequest => "http-request",
            Self::Example => "example",
            Self::TypeName => "type-name",
        }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ExtractError {}
