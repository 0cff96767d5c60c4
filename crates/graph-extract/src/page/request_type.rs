//! The entity a create, update or replace body is a JSON representation of
//! ([`graph_spec::Operation::request_type`]).
//!
//! In order:
//! 1. a resource page linked from the *Request body* section's prose ("supply a JSON
//!    representation of a [user](../resources/user.md) object"), named by its link text;
//! 2. for a create or a replace, the documented response type when it is one named type (Graph
//!    answers `201 Created` with the new entity); a create has no other source (a create on a
//!    relationship, `team-post-installedapps.md`, is not of the page's own resource);
//! 3. the page's own resource: a link to `../resources/<binding>.md` anywhere on the page (the
//!    binding is the page file's prefix, `user` in `user-update.md`), named by its link text;
//! 4. for an update, the named response type;
//! 5. the resource page `resources/<binding>.md` itself, named by its `# <name> resource type`
//!    heading.
//!
//! A type linked to a page of a sub-namespace (`Namespace: microsoft.graph.termStore`) is
//! qualified by it.

use graph_spec::{EdmType, OperationKind, Response};

use crate::markdown::blocks::Inline;
use crate::types::fold;
use crate::{Ctx, resource, resource::ns, types};

/// The type named by the first link of `inlines` to a resource page that `accept` takes (its
/// lower-cased file stem), and the link's destination.
fn linked_type<'a>(
    inlines: impl IntoIterator<Item = &'a Inline>,
    accept: impl Fn(&str) -> bool,
) -> Option<(EdmType, String)> {
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
            types::named(inline.span(&link.range)).map(|(ty, _)| (ty, link.dest.clone()))
        })
    })
}

impl Ctx<'_> {
    /// The type that a link to a resource page names, from its link text `ty` and its destination:
    /// - the type the page declares in its resource annotation, when that is another name and the
    ///   link text names no page of its own: `[Range](../resources/range.md)` is
    ///   `microsoft.graph.workbookRange`, `[tab](../resources/teamstab.md)` is
    ///   `microsoft.graph.teamsTab`. A link text with a page of its own stays (a derived type
    ///   linked to its base's page);
    /// - else `ty` qualified by the sub-namespace of the page (a page whose intro says
    ///   `Namespace: microsoft.graph.termStore` describes `microsoft.graph.termStore.term`, though
    ///   its link text is `term`).
    ///
    /// `ty` unchanged when the page says neither or is missing.
    pub(crate) fn qualify_linked(&self, ty: EdmType, dest: &str) -> EdmType {
        let Some(path) = crate::resolve(self.page, dest) else {
            return ty;
        };
        let Some(text) = (self.read_include)(&path) else {
            return ty;
        };
        if let Some(declared) = resource::declared_type_of_text(&text)
            && let Some(linked) = innermost_name(&ty)
            && fold(linked) != fold(&declared)
            && !self.has_own_page(linked, &path)
        {
            return renamed(ty, declared);
        }
        match ns::sub_namespace_of_text(&text) {
            Some(sub) => ns::moved_into(ty, &sub),
            None => ty,
        }
    }

    /// Whether the type `name` has a resource page of its own beside `linked` (the page a link
    /// with its name as text points to): `resources/<short name>.md`, other than `linked`.
    fn has_own_page(&self, name: &str, linked: &str) -> bool {
        let short = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        let Some((dir, _)) = linked.rsplit_once('/') else {
            return false;
        };
        let own = format!("{dir}/{short}.md");
        !own.eq_ignore_ascii_case(linked) && (self.read_include)(&own).is_some()
    }

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
        if let Some((ty, dest)) = section {
            return Some(self.qualify_linked(ty, &dest));
        }
        if kind == OperationKind::Create {
            // A create on a relationship (`team-post-installedapps.md`) is not of the page's own
            // resource: only the documented response says what it makes.
            return named_response;
        }
        if kind == OperationKind::Replace && named_response.is_some() {
            return named_response;
        }
        let own = binding.to_ascii_lowercase();
        if let Some((ty, dest)) =
            linked_type(self.blocks.iter().flat_map(|b| b.inlines()), |stem| {
                stem == own
            })
        {
            return Some(self.qualify_linked(ty, &dest));
        }
        named_response.or_else(|| self.own_resource_type(&own))
    }

    /// The type of the resource page `resources/<binding>.md` of the page's version, from its
    /// `# <name> resource type` heading, when the page links nowhere to it.
    fn own_resource_type(&self, own: &str) -> Option<EdmType> {
        let version = self.page.split('/').nth(1)?;
        let path = format!("api-reference/{version}/resources/{own}.md");
        let text = (self.read_include)(&path)?;
        let heading = text.lines().find_map(|l| l.trim().strip_prefix("# "))?;
        let name = heading.split_whitespace().next()?;
        let name = name.trim_matches('`');
        let (ty, _) = types::named(name)?;
        let ty = match ns::sub_namespace_of_text(&text) {
            Some(sub) => ns::moved_into(ty, &sub),
            None => ty,
        };
        (ty.to_string().to_ascii_lowercase().ends_with(own)).then_some(ty)
    }
}

/// The named type of `ty`, or of the items of a collection of it.
fn innermost_name(ty: &EdmType) -> Option<&str> {
    match ty {
        EdmType::Named(name) => Some(name),
        EdmType::Collection(inner) => innermost_name(inner),
        _ => None,
    }
}

/// `ty` with its named type (or its items') replaced by `name`.
fn renamed(ty: EdmType, name: String) -> EdmType {
    match ty {
        EdmType::Collection(inner) => EdmType::Collection(Box::new(renamed(*inner, name))),
        EdmType::Named(_) => EdmType::Named(name),
        other => other,
    }
}
