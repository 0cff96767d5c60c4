//! Why a crate's graph could not be built.

use std::fmt;

/// Why a crate's graph could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// The crate root file is not among the files.
    MissingRoot(String),
    /// A `mod name;` whose file is none of the paths tried.
    MissingModule {
        /// The file with the declaration.
        from: String,
        /// The module's name.
        name: String,
        /// The paths looked for, relative to `src/`.
        tried: Vec<String>,
    },
    /// Reading the source directory failed.
    Io(String),
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::MissingRoot(root) => write!(f, "no crate root {root}"),
            GraphError::MissingModule { from, name, tried } => {
                write!(
                    f,
                    "{from}: `mod {name};` has no file ({})",
                    tried.join(" or ")
                )
            }
            GraphError::Io(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for GraphError {}
