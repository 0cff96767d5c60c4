//! The public items of parsed Rust files, each with a canonical signature.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Fields, GenericArgument, GenericParam, Generics, Ident, ImplItem, Item,
    PathArguments, TraitItem, Type, UseTree, Visibility,
};

use crate::items::{ItemKind, PublicItem};

/// Collects the public items of `items`, which live in module `module` (`""` for the crate root).
pub(crate) fn collect_items(module: &str, items: &[Item], out: &mut BTreeMap<String, PublicItem>) {
    for item in items {
        match item {
            Item::Mod(m) if is_pub(&m.vis) => {
                let path = join(module, &m.ident.to_string());
                let sig = with_cfg(&m.attrs, format!("mod {}", m.ident));
                insert(out, ItemKind::Module, &path, sig, None);
                if let Some((_, inner)) = &m.content {
                    collect_items(&path, inner, out);
                }
            }
            Item::Struct(s) if is_pub(&s.vis) => {
                let path = join(module, &s.ident.to_string());
                let exhaustive = !has_attr(&s.attrs, "non_exhaustive");
                let all_pub = s.fields.iter().all(|f| is_pub(&f.vis));
                let sig = with_cfg(
                    &s.attrs,
                    format!(
                        "struct {}{}",
                        s.ident,
                        tidy(&s.generics.to_token_stream().to_string())
                    ),
                );
                derived_impls(&path, &s.ident, &s.generics, &s.attrs, out);
                let sig = if exhaustive {
                    sig
                } else {
                    format!("#[non_exhaustive] {sig}")
                };
                insert(out, ItemKind::Struct, &path, sig, None);
                // A field added to a struct that callers can build with a literal breaks them.
                let literal = exhaustive && all_pub;
                fields(&path, ".", &s.fields, literal, out);
            }
            Item::Enum(e) if is_pub(&e.vis) => {
                let path = join(module, &e.ident.to_string());
                let exhaustive = !has_attr(&e.attrs, "non_exhaustive");
                let sig = format!(
                    "{}enum {}{}",
                    if exhaustive { "" } else { "#[non_exhaustive] " },
                    e.ident,
                    tidy(&e.generics.to_token_stream().to_string())
                );
                derived_impls(&path, &e.ident, &e.generics, &e.attrs, out);
                insert(out, ItemKind::Enum, &path, with_cfg(&e.attrs, sig), None);
                for v in &e.variants {
                    let vpath = format!("{path}::{}", v.ident);
                    let shape = tidy(&v.fields.to_token_stream().to_string());
                    let why = exhaustive
                        .then_some("a variant added to an exhaustive enum breaks its `match`es");
                    insert(
                        out,
                        ItemKind::Variant,
                        &vpath,
                        format!("{}{shape}", v.ident),
                        why,
                    );
                    // Fields of a struct-like variant are part of its shape above.
                }
            }
            Item::Fn(f) if is_pub(&f.vis) => {
                let path = join(module, &f.sig.ident.to_string());
                let sig = with_cfg(&f.attrs, tidy(&f.sig.to_token_stream().to_string()));
                insert(out, ItemKind::Function, &path, sig, None);
            }
            Item::Trait(t) if is_pub(&t.vis) => {
                let path = join(module, &t.ident.to_string());
                let sig = format!(
                    "trait {}{}",
                    t.ident,
                    tidy(&t.generics.to_token_stream().to_string())
                );
                insert(out, ItemKind::Trait, &path, with_cfg(&t.attrs, sig), None);
                for ti in &t.items {
                    if let TraitItem::Fn(f) = ti {
                        let mpath = format!("{path}::{}", f.sig.ident);
                        let sig = tidy(&f.sig.to_token_stream().to_string());
                        let why = f
                            .default
                            .is_none()
                            .then_some("a required trait method breaks the trait's implementors");
                        insert(out, ItemKind::TraitMethod, &mpath, sig, why);
                    }
                }
            }
            Item::Impl(i) => {
                let Some(self_name) = type_name(&i.self_ty) else {
                    continue;
                };
                let owner = join(module, &self_name);
                if let Some((trait_path, _)) = &i.trait_ {
                    let self_ty = tidy(&i.self_ty.to_token_stream().to_string());
                    trait_impl(&owner, trait_path, &self_ty, &i.attrs, out);
                    continue;
                }
                for ii in &i.items {
                    if let ImplItem::Fn(f) = ii
                        && is_pub(&f.vis)
                    {
                        let mpath = format!("{owner}::{}", f.sig.ident);
                        let sig = with_cfg(&f.attrs, tidy(&f.sig.to_token_stream().to_string()));
                        insert(out, ItemKind::Method, &mpath, sig, None);
                    }
                }
            }
            Item::Use(u) if is_pub(&u.vis) => {
                let mut names = Vec::new();
                use_names(&u.tree, "", &mut names);
                for (name, target) in names {
                    let path = join(module, &name);
                    insert(out, ItemKind::Use, &path, format!("use {target}"), None);
                }
            }
            Item::Const(c) if is_pub(&c.vis) => {
                let path = join(module, &c.ident.to_string());
                let ty = tidy(&c.ty.to_token_stream().to_string());
                insert(
                    out,
                    ItemKind::Const,
                    &path,
                    format!("const {}: {ty}", c.ident),
                    None,
                );
            }
            Item::Static(s) if is_pub(&s.vis) => {
                let path = join(module, &s.ident.to_string());
                let ty = tidy(&s.ty.to_token_stream().to_string());
                insert(
                    out,
                    ItemKind::Static,
                    &path,
                    format!("static {}: {ty}", s.ident),
                    None,
                );
            }
            Item::Type(t) if is_pub(&t.vis) => {
                let path = join(module, &t.ident.to_string());
                let sig = format!(
                    "type {}{} = {}",
                    t.ident,
                    tidy(&t.generics.to_token_stream().to_string()),
                    tidy(&t.ty.to_token_stream().to_string())
                );
                insert(out, ItemKind::TypeAlias, &path, sig, None);
            }
            _ => {}
        }
    }
}

/// The public fields of a struct: `Struct.name: Type`, or `Struct.0: Type` for tuple fields.
fn fields(
    owner: &str,
    sep: &str,
    fields: &Fields,
    literal: bool,
    out: &mut BTreeMap<String, PublicItem>,
) {
    let why = literal.then_some(
        "a field added to a struct without #[non_exhaustive] breaks its struct literals",
    );
    for (index, field) in fields.iter().enumerate() {
        if !is_pub(&field.vis) {
            continue;
        }
        let name = field
            .ident
            .as_ref()
            .map_or_else(|| index.to_string(), ToString::to_string);
        let ty = tidy(&field.ty.to_token_stream().to_string());
        let path = format!("{owner}{sep}{name}");
        insert(out, ItemKind::Field, &path, format!("{name}: {ty}"), why);
    }
}

fn insert(
    out: &mut BTreeMap<String, PublicItem>,
    kind: ItemKind,
    path: &str,
    signature: String,
    breaking_if_added: Option<&'static str>,
) {
    out.insert(
        path.to_owned(),
        PublicItem {
            kind,
            path: path.to_owned(),
            signature,
            breaking_if_added,
        },
    );
}

/// `(name, target)` for each name a `pub use` brings in.
fn use_names(tree: &UseTree, prefix: &str, out: &mut Vec<(String, String)>) {
    match tree {
        UseTree::Path(p) => use_names(&p.tree, &format!("{prefix}{}::", p.ident), out),
        UseTree::Name(n) => {
            let name = n.ident.to_string();
            let target = format!("{prefix}{name}");
            if name == "self" {
                let module = prefix.trim_end_matches("::");
                let last = module.rsplit("::").next().unwrap_or(module);
                out.push((last.to_owned(), module.to_owned()));
            } else {
                out.push((name, target));
            }
        }
        UseTree::Rename(r) => {
            let target = format!("{prefix}{}", r.ident);
            let target = target.trim_end_matches("::self").to_owned();
            out.push((r.rename.to_string(), target));
        }
        UseTree::Glob(_) => out.push((format!("{prefix}*"), format!("{prefix}*"))),
        UseTree::Group(g) => {
            for t in &g.items {
                use_names(t, prefix, out);
            }
        }
    }
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn has_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// The trait impls an item derives (`#[derive(Debug, serde::Serialize)]`), as the same items a
/// hand-written `impl` of each trait gives: trading a derive for an impl of the same trait (or the
/// reverse) is no change, and dropping one is a removed impl.
fn derived_impls(
    owner: &str,
    ident: &Ident,
    generics: &Generics,
    attrs: &[Attribute],
    out: &mut BTreeMap<String, PublicItem>,
) {
    // The self type a derive implements the trait for: the item with its parameters' names.
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|p| match p {
            GenericParam::Lifetime(l) => l.lifetime.to_string(),
            GenericParam::Type(t) => t.ident.to_string(),
            GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect();
    let self_ty = if params.is_empty() {
        ident.to_string()
    } else {
        format!("{ident}<{}>", params.join(", "))
    };
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let Ok(traits) =
            attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        for trait_path in &traits {
            trait_impl(owner, trait_path, &self_ty, attrs, out);
        }
    }
}

/// An `impl Trait for Type` item of `owner`. A trait's lifetime-only arguments are left out of
/// its name (`serde::Deserialize<'de>` is `serde::Deserialize`, as its derive writes it): they
/// name the impl's own parameters.
fn trait_impl(
    owner: &str,
    trait_path: &syn::Path,
    self_ty: &str,
    attrs: &[Attribute],
    out: &mut BTreeMap<String, PublicItem>,
) {
    let last = trait_path.segments.len().saturating_sub(1);
    let segments: Vec<String> = trait_path
        .segments
        .iter()
        .enumerate()
        .map(|(i, segment)| {
            let lifetimes_only = matches!(&segment.arguments, PathArguments::AngleBracketed(a)
                if a.args.iter().all(|a| matches!(a, GenericArgument::Lifetime(_))));
            if i == last && lifetimes_only {
                segment.ident.to_string()
            } else {
                segment.to_token_stream().to_string()
            }
        })
        .collect();
    let colon = if trait_path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    let sig = format!(
        "impl {} for {self_ty}",
        tidy(&format!("{colon}{}", segments.join("::")))
    );
    let path = format!("{owner}::<{sig}>");
    insert(out, ItemKind::TraitImpl, &path, with_cfg(attrs, sig), None);
}

/// Prefixes the item's `#[cfg(..)]` attributes, which decide whether it exists at all.
fn with_cfg(attrs: &[Attribute], signature: String) -> String {
    let cfgs: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .map(|a| tidy(&a.to_token_stream().to_string()))
        .collect();
    if cfgs.is_empty() {
        signature
    } else {
        format!("{} {signature}", cfgs.join(" "))
    }
}

/// The name of an impl's self type (`SignIns` for `SignIns<'a>`).
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_owned()
    } else {
        format!("{module}::{name}")
    }
}

/// Token text with the spacing a person would write: `Vec<String>`, `&'a self`, `a::b`.
pub(crate) fn tidy(tokens: &str) -> String {
    let mut s = tokens.to_owned();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        ("& ", "&"),
        (" ,", ","),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        ("# [", "#["),
        (" ;", ";"),
        (" :", ":"),
        (" ->", "->"),
        ("-> ", "->"),
    ] {
        while s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.replace("->", " -> ")
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_spacing() {
        assert_eq!(tidy("Vec < String >"), "Vec<String>");
        assert_eq!(
            tidy(
                "pub async fn f (& 'a self , x : & str) -> Result < () , graph_runtime :: Error >"
            ),
            "pub async fn f(&'a self, x: &str) -> Result<(), graph_runtime::Error>"
        );
        assert_eq!(
            tidy("# [derive (Debug , Clone)]"),
            "#[derive(Debug, Clone)]"
        );
        assert_eq!(tidy("fn f () -> ()"), "fn f() -> ()");
        assert_eq!(tidy("impl FnOnce (A , B) -> C"), "impl FnOnce(A, B) -> C");
    }
}
