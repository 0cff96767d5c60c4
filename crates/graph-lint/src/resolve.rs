//! Resolving a documented URL template in the metadata, segment by segment.
//!
//! The rules (names compared case-insensitively, as Graph does):
//!
//! - A query string (`?...`) and a leading API version (`/v1.0`, `/beta`) are dropped; the path is
//!   split at `/` outside parentheses, braces and quotes.
//! - The first segment is an `EntitySet` (a collection) or a `Singleton` of the entity container.
//! - A `{placeholder}` after a collection selects one member (a key); so does a key in
//!   parentheses, `users('{id}')`, `users({id})` or an alternate key `users(appId='{x}')`.
//! - Any other segment is a navigation or structural property of the type reached so far,
//!   declared on it or on a base type; when neither has it, the types deriving from it are
//!   searched (a page may leave out the cast to a derived type) and the resolution says so.
//! - `microsoft.graph.<type>` (any qualified name of a metadata type) is a cast.
//! - `name(...)` that is not a key, or a segment naming no property but a bound function or
//!   action of the type reached, is that operation: its return type is what the path reaches next.
//! - An item path (`root:/{item-path}:`, `items/{id}:/{file}:`, `sites/{host}:/{path}`) addresses
//!   a member by path: the segments from the `:` to the next segment ending with `:` (or to the
//!   end) leave the type reached as it was.
//! - After a collection, a segment that is none of these (no property of its type, no cast,
//!   no bound operation) is a key written as a literal, as OData's key-as-segment convention
//!   reads it: `mailFolders/inbox`, `classes/acdefc6b-...`, `directoryRoles/roleTemplateId=...`.
//!   A property of the type right after a collection is an error: the page left out the key.
//! - `...` (a page's "and so on, nested") leaves the type reached as it was.
//! - `$ref`, `$value` and `$count` end the path.

use crate::csdl::strip_collection;
use crate::schema::Schema;

/// What ends a path after the resource it addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    /// `$ref`: references to the entities.
    Ref,
    /// `$value`: the media content or the raw value.
    Value,
    /// `$count`: the number of members.
    Count,
}

/// A path that resolved: what it addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The qualified type reached (the element type of a collection), or an `Edm.*` primitive.
    pub ty: String,
    /// Whether the path addresses a collection of it.
    pub collection: bool,
    /// `$ref`, `$value` or `$count`, when the path ends with one.
    pub suffix: Option<Suffix>,
    /// The last entity or complex type reached before a stream property or `$value`: the
    /// entity whose content a media operation reads or writes.
    pub holder: Option<String>,
    /// Segments found only on a derived type (the cast the page leaves out), as
    /// `segment (on microsoft.graph.x)`.
    pub via_derived: Vec<String>,
}

impl Resolved {
    /// The type as a spec writes a body type: `Collection(T)` for a collection.
    pub fn type_name(&self) -> String {
        if self.collection {
            format!("Collection({})", self.ty)
        } else {
            self.ty.clone()
        }
    }
}

/// A path that did not resolve: the first segment at fault and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The segment, as written.
    pub segment: String,
    /// Its 0-based position among the path's segments (after a version prefix).
    pub index: usize,
    /// Why it does not resolve.
    pub reason: String,
}

/// The segments of `template`: query string and version prefix dropped, split at `/` outside
/// parentheses, braces and quotes; empty segments left out.
pub fn segments(template: &str) -> Vec<&str> {
    let path = template.trim();
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in path.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' | '{' if !quoted => depth += 1,
            ')' | '}' if !quoted => depth -= 1,
            '/' if !quoted && depth <= 0 => {
                out.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&path[start..]);
    out.retain(|s| !s.trim().is_empty());
    if out
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("v1.0") || s.eq_ignore_ascii_case("beta"))
    {
        out.remove(0);
    }
    out
}

/// Where a `:` opens an item path in `segment` (outside parentheses, braces and quotes).
fn item_path_colon(segment: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0i32, false);
    for (i, c) in segment.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' | '{' if !quoted => depth += 1,
            ')' | '}' if !quoted => depth -= 1,
            ':' if !quoted && depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The state of a resolution: the type reached and whether it is a collection.
struct Walk<'a> {
    schema: &'a Schema,
    ty: String,
    collection: bool,
    holder: Option<String>,
    via_derived: Vec<String>,
}

/// Resolves `template` in `schema` (see the module documentation for the rules).
pub fn resolve(schema: &Schema, template: &str) -> Result<Resolved, Unresolved> {
    let segs = segments(template);
    let fail = |index: usize, reason: String| Unresolved {
        segment: segs.get(index).map_or_else(String::new, |s| s.to_string()),
        index,
        reason,
    };
    if segs.is_empty() {
        return Err(fail(0, "the path is empty".into()));
    }
    let mut walk = Walk {
        schema,
        ty: String::new(),
        collection: false,
        holder: None,
        via_derived: Vec::new(),
    };
    let mut suffix = None;
    let mut in_item_path = false;
    for (index, raw) in segs.iter().enumerate() {
        if in_item_path {
            in_item_path = !raw.ends_with(':');
            continue;
        }
        if suffix.is_some() {
            return Err(fail(
                index,
                "a segment after `$ref`, `$value` or `$count`".into(),
            ));
        }
        let mut seg = *raw;
        if let Some(at) = item_path_colon(seg) {
            let rest = &seg[at + 1..];
            in_item_path = rest.is_empty() || !rest.ends_with(':');
            seg = &seg[..at];
            if seg.is_empty() {
                continue;
            }
        }
        if index == 0 {
            walk.root(seg).map_err(|r| fail(0, r))?;
            continue;
        }
        match seg.to_ascii_lowercase().as_str() {
            "$ref" => suffix = Some(Suffix::Ref),
            "$count" => suffix = Some(Suffix::Count),
            "$value" => {
                walk.holder.get_or_insert_with(|| walk.ty.clone());
                suffix = Some(Suffix::Value);
            }
            _ => walk.segment(seg).map_err(|r| fail(index, r))?,
        }
    }
    Ok(Resolved {
        ty: walk.ty,
        collection: walk.collection,
        suffix,
        holder: walk.holder,
        via_derived: walk.via_derived,
    })
}

/// `name(args)` -> `(name, Some(args))`; a plain segment -> `(segment, None)`.
fn split_call(seg: &str) -> (&str, Option<&str>) {
    match seg.split_once('(') {
        Some((name, rest)) if seg.ends_with(')') => (name, Some(&rest[..rest.len() - 1])),
        _ => (seg, None),
    }
}

/// Whether call arguments are a key: one value (`'{id}'`, `{id}`, `42`), or one `name=value`
/// (an alternate key). Several named arguments are a function's.
fn is_key(args: &str) -> bool {
    let args = args.trim();
    !args.is_empty() && (!args.contains(',') || !args.contains('='))
}

impl Walk<'_> {
    fn set(&mut self, ty: &str) {
        self.collection = ty.starts_with("Collection(");
        self.ty = strip_collection(ty).to_string();
    }

    fn root(&mut self, seg: &str) -> Result<(), String> {
        let (name, args) = split_call(seg);
        let root = self
            .schema
            .root(name)
            .ok_or_else(|| format!("`{name}` is no entity set or singleton"))?;
        self.ty = root.ty.clone();
        self.collection = root.collection;
        match args {
            Some(a) if is_key(a) && self.collection => self.key(seg),
            Some(_) => Err(format!(
                "`{seg}`: arguments on an entity set or singleton that are no key"
            )),
            None => Ok(()),
        }
    }

    fn key(&mut self, seg: &str) -> Result<(), String> {
        if !self.collection {
            return Err(format!(
                "`{seg}` selects a member, but {} is single-valued",
                self.ty
            ));
        }
        self.collection = false;
        Ok(())
    }

    fn segment(&mut self, seg: &str) -> Result<(), String> {
        if self.ty.starts_with("Edm.") {
            return Err(format!("`{seg}` follows the primitive {}", self.ty));
        }
        if seg.starts_with('{') && seg.ends_with('}') {
            return self.key(seg);
        }
        if seg == "..." {
            return Ok(());
        }
        let (name, args) = split_call(seg);
        if args.is_none()
            && name.contains('.')
            && let Some(cast) = self.schema.types.get(name)
        {
            self.ty = cast.name.clone();
            return Ok(());
        }
        if name.is_empty() {
            return match args {
                Some(a) if is_key(a) => self.key(seg),
                _ => Err(format!("`{seg}` is no key")),
            };
        }
        if let Some(found) = self.schema.property(&self.ty, name) {
            let collection_key = args.is_some_and(is_key);
            if args.is_none() || collection_key {
                if self.collection {
                    return Err(format!(
                        "`{name}` follows a collection of {} without a key",
                        self.ty
                    ));
                }
                if let Some(d) = found.derived {
                    self.via_derived.push(format!("{name} (on {d})"));
                }
                let holder = self.ty.clone();
                self.set(&found.property.ty.clone());
                if self.ty == "Edm.Stream" {
                    self.holder = Some(holder);
                }
                return if collection_key {
                    self.key(seg)
                } else {
                    Ok(())
                };
            }
        }
        match self.bound_operation(name) {
            Err(_) if self.collection && args.is_none() => self.key(seg),
            other => other,
        }
    }

    /// A bound function or action called in the path: the one bound to the type reached (or a
    /// base type), collection or not as reached, else the only one of that name.
    fn bound_operation(&mut self, name: &str) -> Result<(), String> {
        let short = name.rsplit('.').next().unwrap_or(name);
        let candidates = self.schema.operations.named(short);
        let fits = |binding: &str| {
            binding.starts_with("Collection(") == self.collection
                && self
                    .schema
                    .derives_from(&self.ty, strip_collection(binding))
        };
        let op = candidates
            .iter()
            .find(|o| fits(&o.binding))
            .or_else(|| (candidates.len() == 1).then(|| &candidates[0]))
            .ok_or_else(|| {
                format!(
                    "`{name}` is no property of {}{} (nor of a type deriving from it) and no operation bound to it",
                    if self.collection { "a collection of " } else { "" },
                    self.ty
                )
            })?;
        let returns = op
            .returns
            .clone()
            .ok_or_else(|| format!("`{name}` is an operation that returns nothing"))?;
        self.set(&returns);
        Ok(())
    }
}
