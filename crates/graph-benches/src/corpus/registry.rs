//! The names the generated crate gives each module, so that synthetic operations never collide.
//!
//! It mirrors the rules of `graph_codegen`'s module tree: a literal segment is a child module and
//! an accessor method of its parent, every `{placeholder}` at one position is the child `item` with
//! a `by_<name>` accessor, an action is a method of the module where its path ends, and the first
//! path's module holds the operation's models (`<Name>Request`, `<Name>Response`, one struct per
//! described object parameter) and its mock helpers (`<Name>When`, `<Name>Then`, `<Name>Path`).
//! A candidate operation *claims* those names; it is kept only if no claim clashes with another
//! owner's. Claims are conservative (a placeholder claims `by_<name>` for each name it is given,
//! and every path's module claims the mock prefix, as it did when each path had its own mock
//! helpers: the corpus of a seed stays the same), so a kept corpus always builds a tree.

use std::collections::{BTreeMap, BTreeSet};

use graph_codegen::naming;
use graph_spec::{ApiVersion, HttpMethod, Parameter};

/// What a name is in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Space {
    /// A method: child accessors and actions.
    Method,
    /// A child module.
    Module,
    /// A type: the module's builder type and models.
    Type,
    /// A mock helper type prefix.
    Mock,
}

type Claim = (String, Space, String);

/// Every name claimed so far, with its owner, plus every (version, method, path) in use.
#[derive(Debug, Default)]
pub struct Registry {
    names: BTreeMap<Claim, String>,
    paths: BTreeSet<(ApiVersion, HttpMethod, String)>,
}

/// One path of a candidate operation, split into segments.
pub struct CandidatePath<'a> {
    /// The segments below the version, the last one the action (`microsoft.graph.x` allowed).
    pub segments: Vec<&'a str>,
    /// The whole template.
    pub template: &'a str,
}

/// A candidate operation, as the registry sees it.
pub struct Candidate<'a> {
    /// Unique per operation (the file stem).
    pub id: &'a str,
    /// The API version.
    pub version: ApiVersion,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The operation name (model prefix).
    pub name: &'a str,
    /// The body parameters (object parameters with properties become structs).
    pub body: &'a [Parameter],
    /// The paths, first one first (it holds the models).
    pub paths: Vec<CandidatePath<'a>>,
}

fn objects(params: &[Parameter], out: &mut Vec<String>) {
    for p in params.iter().filter(|p| !p.properties.is_empty()) {
        out.extend(naming::pascal(&p.name));
        objects(&p.properties, out);
    }
}

impl Registry {
    /// Claims every name `op` needs, or claims nothing and says why not.
    pub fn claim(&mut self, op: &Candidate<'_>) -> Result<(), String> {
        let mut claims: Vec<(Claim, String)> = Vec::new();
        let mut paths = Vec::new();
        let prefix =
            naming::pascal(op.name).ok_or_else(|| format!("`{}`: no Rust name", op.name))?;
        for (i, path) in op.paths.iter().enumerate() {
            paths.push((op.version, op.method, path.template.to_string()));
            let Some((action, parents)) = path.segments.split_last() else {
                return Err("empty path".into());
            };
            let mut key = op.version.as_str().to_string();
            let mut type_name = match op.version {
                ApiVersion::V1 => "V1".to_string(),
                ApiVersion::Beta => "Beta".to_string(),
            };
            for seg in parents {
                let (child_key, owner, accessor, module, child_type) =
                    if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                        let first = inner.split('|').next().unwrap_or_default().trim();
                        let ident = naming::snake(first).unwrap_or_else(|| "key".into());
                        (
                            "{}".to_string(),
                            "segment {}".to_string(),
                            format!("by_{ident}"),
                            "item".to_string(),
                            format!("{type_name}Item"),
                        )
                    } else {
                        let none = || format!("segment `{seg}` has no Rust name");
                        (
                            seg.to_string(),
                            format!("segment {seg}"),
                            naming::snake(seg).ok_or_else(none)?,
                            naming::snake(seg).ok_or_else(none)?,
                            naming::pascal(seg).ok_or_else(none)?,
                        )
                    };
                claims.push(((key.clone(), Space::Method, accessor), owner.clone()));
                claims.push(((key.clone(), Space::Module, module), owner));
                key = format!("{key}/{child_key}");
                claims.push((
                    (key.clone(), Space::Type, child_type.clone()),
                    "node".into(),
                ));
                type_name = child_type;
            }
            let short = action.rsplit('.').next().unwrap_or(action);
            let method =
                naming::snake(short).ok_or_else(|| format!("action `{action}`: no Rust name"))?;
            let owner = format!("operation {} path {i}", op.id);
            claims.push(((key.clone(), Space::Method, method), owner.clone()));
            claims.push(((key.clone(), Space::Mock, prefix.clone()), owner.clone()));
            if i == 0 {
                let mut types = vec![format!("{prefix}Request"), format!("{prefix}Response")];
                objects(op.body, &mut types);
                for t in types {
                    claims.push(((key.clone(), Space::Type, t), owner.clone()));
                }
            }
        }
        let mut mine: BTreeMap<&Claim, &str> = BTreeMap::new();
        for (claim, owner) in &claims {
            let other = self
                .names
                .get(claim)
                .map(String::as_str)
                .or_else(|| mine.get(claim).copied());
            match other {
                Some(other) if other != owner => {
                    return Err(format!(
                        "`{}` ({:?}) in `{}` is {other}, wanted by {owner}",
                        claim.2, claim.1, claim.0
                    ));
                }
                _ => {
                    mine.insert(claim, owner);
                }
            }
        }
        let mut unique = BTreeSet::new();
        for p in &paths {
            if self.paths.contains(p) || !unique.insert(p) {
                return Err(format!("{} {} is taken", p.1.as_str(), p.2));
            }
        }
        for (claim, owner) in claims {
            self.names.insert(claim, owner);
        }
        self.paths.extend(paths);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op<'a>(id: &'a str, name: &'a str, templates: &'a [&'a str]) -> Candidate<'a> {
        Candidate {
            id,
            version: ApiVersion::Beta,
            method: HttpMethod::Post,
            name,
            body: &[],
            paths: templates
                .iter()
                .map(|t| CandidatePath {
                    segments: t.trim_start_matches('/').split('/').collect(),
                    template: t,
                })
                .collect(),
        }
    }

    #[test]
    fn shared_prefixes_are_fine_and_clashes_are_refused() {
        let mut r = Registry::default();
        r.claim(&op("a", "confirmSafe", &["/auditLogs/signIns/confirmSafe"]))
            .unwrap();
        // Same modules, another action: fine.
        r.claim(&op("b", "dismiss", &["/auditLogs/signIns/dismiss"]))
            .unwrap();
        // Same path again.
        assert!(
            r.claim(&op("c", "dismiss", &["/auditLogs/signIns/dismiss"]))
                .is_err()
        );
        // An action named like a child segment of the same module.
        let err = r
            .claim(&op("d", "signIns", &["/auditLogs/signIns"]))
            .unwrap_err();
        assert!(err.contains("sign_ins"), "{err}");
        // Another wire with the same Rust module name.
        assert!(r.claim(&op("e", "x", &["/auditLogs/sign_ins/x"])).is_err());
        // Models of the same name in one module (a different action name, same operation name).
        assert!(
            r.claim(&op("f", "confirmSafe", &["/auditLogs/signIns/other"]))
                .is_err()
        );
        // A literal `item` beside a placeholder.
        r.claim(&op("g", "run", &["/teams/{id}/run"])).unwrap();
        assert!(r.claim(&op("h", "run", &["/teams/item/run"])).is_err());
        // One operation whose two paths end in the same module with the same method.
        assert!(
            r.claim(&op(
                "i",
                "assign",
                &["/users/{id}/assign", "/users/{id}/microsoft.graph.assign"]
            ))
            .is_err()
        );
        // Nothing of a refused candidate was kept.
        r.claim(&op("j", "assign", &["/users/{id}/assign"]))
            .unwrap();
    }
}
