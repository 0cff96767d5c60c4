//! A resource page that describes an enumeration of its own (`# riskLevel enum type`, with a
//! `Members` table) rather than a complex or entity type.
//!
//! The page is an enumeration page when its H1 ends with `enum type`, `enumeration type`, `enum`
//! or `enumeration`. Its members are the rows of the first table with a `Member`, `Name` or
//! `Value` column (read like a `<name> values` table: a `Value` column gives each member's value,
//! a `Description` column its description).

use graph_spec::{EnumMember, TypeFile, TypeKind};

use crate::Ctx;
use crate::markdown::blocks::BlockKind;
use crate::types::enums;

/// The suffixes of an enumeration page's H1, lower case.
pub(crate) const ENUM_SUFFIXES: [&str; 4] =
    [" enum type", " enumeration type", " enumeration", " enum"];

/// Whether the H1 at `h1` names an enumeration.
pub(crate) fn is_enum_page(ctx: &Ctx<'_>, h1: Option<usize>) -> bool {
    let Some(BlockKind::Heading { inline, .. }) =
        h1.and_then(|i| ctx.blocks.get(i)).map(|b| &b.kind)
    else {
        return false;
    };
    let lower = inline.plain().trim().to_ascii_lowercase();
    ENUM_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// The members of the page's first member table, with notes about rows skipped; a warning on
/// `ty` when there is none.
pub(crate) fn read_members(ctx: &mut Ctx<'_>, ty: &mut TypeFile) {
    let short = ty.name.rsplit('.').next().unwrap_or(&ty.name).to_string();
    let mut notes = Vec::new();
    let mut found: Option<Vec<EnumMember>> = None;
    for b in &ctx.blocks {
        if let BlockKind::Table(t) = &b.kind
            && let Some(m) = enums::table_members(t, &short, &mut notes)
        {
            found = Some(m);
            break;
        }
    }
    for (line, message) in notes {
        ctx.warn(line, message);
    }
    ty.kind = TypeKind::Enum;
    ty.base_type = None;
    ty.properties.clear();
    match found {
        Some(m) => ty.members = m,
        None => ctx.warn(ty.line, "the enumeration page lists no members"),
    }
}
