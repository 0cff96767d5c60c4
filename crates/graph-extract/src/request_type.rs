//! The entity a create, update or replace body is a JSON representation of
//! ([`graph_spec::Operation::request_type`]).
//!
//! In order:
//! 1. a resource page linked from the *Request body* section's prose ("supply a JSON
//!    representation of a [user](../resources/user.md) object"), named by its link text;
//! 2. for a create or a replace, the documented response type when it is one named type (Graph
//!    answers `201 Created` with the new entity);
//! 3. the page's own resource: a link to `../resources/<binding>.md` anywhere on the page (the
//!    binding is the page file's prefix, `user` in `user-update.md`), named by its link text;
//! 4. for an update, the named response type.

use graph_spec::{EdmType, OperationKind, Response};

use crate::Ctx;
use crate::blocks::Inline;
use crate::types;

/// The type named by the first link of `inlines` to a resource page that `accept` takes (its
/// lower-cased file stem).
fn linked_type<'a>(
    inlines: impl IntoIterator<Item = &'a Inline>,
    accept: impl Fn(&str) -> bool,
) -> Option<EdmType> {
    inlines.into_iter().find_map(|inline| {
        inline.links.iter().find_map(|link| {
            let dest = link.dest.to_ascii_lowercase();
            let dest = dest.split(['#', '?']).next().unwrap_or(&dest);
            let stem = dest
                .rsplit_once("resources/")?
                .1
                .strip_suffix(".md")?
                .to_string();
            if !accept(&stem) {
                return None;
            }
            types::named(inline.span(&link.range)).map(|(ty, _)| ty)
        })
    })
}

impl Ctx<'_> {
    /// The body's entity type for a create, update or replace, else `None`.
    pub(crate) fn request_type(
        &self,
        kind: OperationKind,
        binding: &str,
        response: &Response,
    ) -> Option<EdmType> {
        if !matches!(
            kind,
            OperationKind::Create | OperationKind::Update | OperationKind::Replace
        ) {
            return None;
        }
        let named_response = match &response.body_type {
            Some(ty @ EdmType::Named(_)) => Some(ty.clone()),
            _ => None,
        };
        let section = self.section(&["request body"]).and_then(|(_, range)| {
            let blocks = self.blocks.get(range)?;
            linked_type(blocks.iter().filter_map(|b| b.paragraph()), |_| true)
        });
        if section.is_some() {
            return section;
        }
        if kind != OperationKind::Update && named_response.is_some() {
            return named_response;
        }
        let own = binding.to_ascii_lowercase();
        linked_type(self.blocks.iter().flat_map(|b| b.inlines()), |stem| {
            stem == own
        })
        .or(named_response)
    }
}
