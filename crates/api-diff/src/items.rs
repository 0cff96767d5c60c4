//! The public API as data: its items and their kinds.

use std::collections::BTreeMap;
use std::fmt;

/// What kind of public item a [`PublicItem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// `pub mod`.
    Module,
    /// `pub struct`.
    Struct,
    /// A pub field of a pub struct.
    Field,
    /// `pub enum`.
    Enum,
    /// A variant of a pub enum.
    Variant,
    /// A free `pub fn`.
    Function,
    /// A `pub fn` in an inherent impl.
    Method,
    /// `pub trait`.
    Trait,
    /// A method of a pub trait.
    TraitMethod,
    /// `impl Trait for Type`.
    TraitImpl,
    /// A name brought in by `pub use`.
    Use,
    /// `pub const`.
    Const,
    /// `pub static`.
    Static,
    /// `pub type`.
    TypeAlias,
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ItemKind::Module => "module",
            ItemKind::Struct => "struct",
            ItemKind::Field => "field",
            ItemKind::Enum => "enum",
            ItemKind::Variant => "variant",
            ItemKind::Function => "fn",
            ItemKind::Method => "method",
            ItemKind::Trait => "trait",
            ItemKind::TraitMethod => "trait method",
            ItemKind::TraitImpl => "impl",
            ItemKind::Use => "use",
            ItemKind::Const => "const",
            ItemKind::Static => "static",
            ItemKind::TypeAlias => "type",
        })
    }
}

/// One public item: its path in the crate (`beta::audit_logs::sign_ins::SignIns::confirm_safe`,
/// `Struct.field` for fields) and its signature as tidied token text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicItem {
    /// The kind of item.
    pub kind: ItemKind,
    /// Where it is, from the crate root.
    pub path: String,
    /// What callers depend on: the signature, a field's `name: Type`, a variant's shape.
    pub signature: String,
    /// Why adding this item breaks callers, when it does.
    pub breaking_if_added: Option<&'static str>,
}

/// The public items of a crate, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Api {
    /// Every public item, keyed by [`PublicItem::path`].
    pub items: BTreeMap<String, PublicItem>,
}
