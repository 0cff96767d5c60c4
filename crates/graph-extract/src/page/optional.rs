//! A parameter that a documented request example leaves out is optional.
//!
//! The examples are requests Graph accepted, so a parameter one of them does not send cannot be
//! required, whatever the table says (or when it says nothing). Such a parameter is recorded as
//! optional (`required: Some(false)`), with a warning naming the example, so that every documented
//! example can be replayed against the spec. An example without a body leaves out every parameter.
//! Only top-level parameters are checked; examples whose body is not a JSON object tell nothing.

use graph_spec::{Example, FactSource, Parameter};
use serde_json::Value;

use crate::Ctx;

/// Marks optional the parameters some example leaves out, warning at the first such example.
pub(crate) fn left_out_by_examples(
    ctx: &mut Ctx<'_>,
    params: &mut [Parameter],
    examples: &[Example],
) {
    for p in params.iter_mut().filter(|p| p.required != Some(false)) {
        let omitting = examples.iter().find_map(|e| match &e.request.body {
            Some(Value::Object(map)) => (!map.contains_key(&p.name)).then_some((e, false)),
            Some(_) => None,
            None => Some((e, true)),
        });
        let Some((e, no_body)) = omitting else {
            continue;
        };
        let what = if no_body {
            format!(
                "request example `{}` has no body, so it does not send `{}`",
                e.name, p.name
            )
        } else {
            format!("request example `{}` does not send `{}`", e.name, p.name)
        };
        let said = match (p.required, p.source) {
            (Some(true), FactSource::Table) => ", which the request body table marks Required.",
            (Some(true), _) => ", which the request body section calls required",
            (_, FactSource::Table) => {
                ", and the request body table does not say whether it is required"
            }
            (_, FactSource::Prose) => {
                ", and the request body section does not say whether it is required"
            }
            (_, FactSource::Example) => ", which other examples send",
            // Function parameters are not body parameters; none reaches here.
            (_, FactSource::Template) => "",
        };
        ctx.warn(
            e.line,
            format!("{what}{said}; recorded as optional, as a documented request leaves it out"),
        );
        p.required = Some(false);
    }
}
