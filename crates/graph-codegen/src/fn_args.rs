//! One argument of a function call in a path, wherever the call stands: mid-path
//! (`getAllTranscripts(meetingOrganizerUserId='{userId}')/delta`, typed by `path_calls::path_args`)
//! or ending it (`getX(period='{period_value}')`, typed by `emit::functions::function_args`). The
//! emitters take it the same way in both places (`emit::functions`: its Rust type, the
//! `RequestPath` step that sends it, example values).

use graph_spec::{EnumType, Primitive};
use proc_macro2::Ident;
use quote::format_ident;

/// What Rust type an argument has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArgKind {
    /// `&str`, sent as a quoted string literal.
    Str,
    /// A generated enum (`TimeZoneStandard`), sent as a quoted member (only a call that ends a
    /// path has these).
    Enum(EnumType),
    /// A primitive with an unquoted literal (`bool`, `i32`, `Guid`, `DateTimeOffset`, ...), taken
    /// by value.
    Value(Primitive),
}

/// One typed argument of a function call in a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FnArg {
    /// The parameter name on the wire (`startDateTime`).
    pub wire: String,
    /// The type the template writes before the quoted value (`microsoft.graph.timeZoneStandard`);
    /// always `None` mid-path, where a prefixed value is sent as a plain string.
    pub type_prefix: Option<String>,
    /// The Rust argument (`start_date_time`); a `String`, since the module tree that holds
    /// mid-path calls is shared between threads and an `Ident` is not `Sync`.
    pub ident: String,
    /// Its type.
    pub kind: ArgKind,
    /// The documented parameter's description, when the page describes it.
    pub description: Option<String>,
    /// Whether the argument may be left out (`Option<T>`; `None` leaves it out of the call).
    pub optional: bool,
}

impl FnArg {
    /// The Rust argument as an identifier.
    pub(crate) fn rust_ident(&self) -> Ident {
        format_ident!("{}", self.ident)
    }
}

/// The Rust argument for `wire`: snake case, with `_2`, `_3`, ... when an earlier argument (in
/// `taken`) or a name in `reserved` has it already.
pub(crate) fn arg_ident(wire: &str, taken: &[FnArg], reserved: &[&str]) -> String {
    let base = crate::naming::snake(wire).unwrap_or_else(|| "value".into());
    let mut name = base.clone();
    let mut n = 1;
    while taken.iter().any(|a| a.ident == name) || reserved.contains(&name.as_str()) {
        n += 1;
        name = format!("{base}_{n}");
    }
    name
}
