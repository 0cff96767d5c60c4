//! Matching a spec operation to the metadata's bound action or function, choosing among overloads.

use graph_spec::{HttpMethod, SpecFile};

use crate::{Kind, MatchHow, MetaOperation, Metadata, documented_parameters};

/// Finds the metadata operation a spec documents, among the bound operations named like it.
///
/// Those bound to the spec's binding (compared case-insensitively with the binding type's name,
/// without `Collection(...)` and without the `microsoft.graph.` namespace, or with its last
/// segment) come first. When the binding matches none of them (docs often name it differently,
/// `riskyUsers` or `reports`), the only operation of that name is taken, else the one whose
/// parameters fit the spec's best. Among several candidates the best fit wins: the kind that
/// suits the HTTP method (a function for `GET`, an action otherwise), then most parameter names in
/// common, then fewest names on one side only; a tie is taken in document order and said so.
pub fn find_operation<'m>(
    metadata: &'m Metadata,
    spec: &SpecFile,
) -> Result<(&'m MetaOperation, MatchHow, Option<String>), String> {
    let op = &spec.operation;
    let named = metadata.named(&op.name);
    if named.is_empty() {
        return Err(format!(
            "the metadata has no bound action or function `{}`",
            op.name
        ));
    }
    let binding = op.binding.as_str();
    let bound: Vec<&MetaOperation> = named
        .iter()
        .copied()
        .filter(|m| {
            let t = m.binding_type_name();
            t.eq_ignore_ascii_case(binding)
                || t.rsplit('.')
                    .next()
                    .is_some_and(|last| last.eq_ignore_ascii_case(binding))
        })
        .collect();
    let documented = documented_parameters(spec);
    let fit = |m: &MetaOperation| {
        let kind_fits = (m.kind == Kind::Function) == (op.method == HttpMethod::Get);
        let common = m
            .parameters
            .iter()
            .filter(|p| {
                documented
                    .iter()
                    .any(|d| d.name.eq_ignore_ascii_case(&p.name))
            })
            .count();
        let one_side = m.parameters.len() + documented.len() - 2 * common;
        (kind_fits, common, std::cmp::Reverse(one_side))
    };
    let best = |candidates: &[&'m MetaOperation]| -> (&'m MetaOperation, bool) {
        let mut best = candidates[0];
        let mut tied = false;
        for &c in &candidates[1..] {
            match fit(c).cmp(&fit(best)) {
                std::cmp::Ordering::Greater => {
                    best = c;
                    tied = false;
                }
                std::cmp::Ordering::Equal => tied = true,
                std::cmp::Ordering::Less => {}
            }
        }
        (best, tied)
    };
    let tie_note = |tied: bool| {
        if tied {
            " (a tie: the first in the metadata was taken)"
        } else {
            ""
        }
    };
    if !bound.is_empty() {
        let (chosen, tied) = best(&bound);
        let note = (bound.len() > 1).then(|| {
            format!(
                "one of {} overloads bound to `{binding}`, chosen by its parameters{}",
                bound.len(),
                tie_note(tied)
            )
        });
        return Ok((chosen, MatchHow::Binding, note));
    }
    if named.len() == 1 {
        let note = format!(
            "binding `{binding}` is not in the metadata; the only `{}` is bound to {}",
            named[0].name, named[0].binding
        );
        return Ok((named[0], MatchHow::OnlyOverload, Some(note)));
    }
    let (chosen, tied) = best(&named);
    let note = format!(
        "binding `{binding}` is not in the metadata; of {} overloads, the one bound to {} fits the parameters best{}",
        named.len(),
        chosen.binding,
        tie_note(tied)
    );
    Ok((chosen, MatchHow::BestParameters, Some(note)))
}
