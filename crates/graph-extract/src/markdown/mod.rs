//! Markdown as the docs write it, shared by every page kind: blocks with line numbers, tables,
//! repaired pipe tables, and includes.

pub(crate) mod blocks;
pub(crate) mod includes;
pub(crate) mod pipes;
pub(crate) mod tables;
