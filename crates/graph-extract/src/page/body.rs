//! The `Request body` section: the parameter table, or parameters derived from example bodies.

use std::collections::BTreeSet;

use graph_spec::{EdmType, Example, FactSource, Parameter};
use serde_json::{Map, Value};

use crate::markdown::blocks::{Block, BlockKind, Inline};
use crate::markdown::tables;
use crate::page::no_body::{NoBody, says_no_body};
use crate::page::optional;
use crate::page::param_table;
use crate::types::{self, fold};
use crate::{Ctx, ExtractError};

/// A JSON object body and where it came from.
struct Body<'a> {
    line: usize,
    /// `example `name`` or `the JSON block of the request body section`.
    origin: String,
    map: &'a Map<String, Value>,
}

/// Whether `p` names `key`: as inline code, emphasised, or as a whole word.
fn mentions(p: &Inline, key: &str) -> bool {
    if p.codes
        .iter()
        .chain(&p.emphasis)
        .any(|r| p.span(r).trim() == key)
    {
        return true;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    p.text.match_indices(key).any(|(i, _)| {
        let before = p.text.get(..i).and_then(|s| s.chars().next_back());
        let after = p.text.get(i + key.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The request body parameters, or `None` when the operation takes no body.
pub(crate) fn request_body(
    ctx: &mut Ctx<'_>,
    examples: &[Example],
) -> Result<Option<Vec<Parameter>>, ExtractError> {
    let example_bodies: Vec<Body<'_>> = examples
        .iter()
        .filter_map(|e| match &e.request.body {
            Some(Value::Object(map)) => Some(Body {
                line: e.line,
                origin: format!("request example `{}`", e.name),
                map,
            }),
            _ => None,
        })
        .collect();
    let Some((heading, range)) = ctx.section(&["request body"]) else {
        if example_bodies.is_empty() {
            return Ok(None);
        }
        let mut params = derive(ctx, &example_bodies, &[]);
        optional::left_out_by_examples(ctx, &mut params, examples);
        return Ok(Some(params));
    };
    let heading_line = ctx.blocks.get(heading).map_or(0, |b| b.line);
    // The section's blocks are borrowed while `ctx` takes warnings; they are put back afterwards.
    let blocks = std::mem::take(&mut ctx.blocks);
    let result = section_body(
        ctx,
        blocks.get(range).unwrap_or(&[]),
        heading_line,
        examples,
        example_bodies,
    );
    ctx.blocks = blocks;
    result
}

/// The request body parameters of a page with a `Request body` section (its blocks in `section`).
fn section_body(
    ctx: &mut Ctx<'_>,
    section: &[Block],
    heading_line: usize,
    examples: &[Example],
    example_bodies: Vec<Body<'_>>,
) -> Result<Option<Vec<Parameter>>, ExtractError> {
    let prose: Vec<(usize, &Inline)> = section
        .iter()
        .filter_map(|b| b.paragraph().map(|p| (b.line, p)))
        .collect();
    let param_tables: Vec<_> = section
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => param_table::param_columns(t).map(|cols| (b.line, t, cols)),
            _ => None,
        })
        .collect();

    let mut no_body: Option<NoBody> = None;
    for (line, p) in &prose {
        match says_no_body(*line, &p.text) {
            Some(n) if !n.conditional => {
                no_body = Some(n);
                break;
            }
            Some(n) => {
                no_body.get_or_insert(n);
            }
            None => {}
        }
    }
    let has_rows = param_tables.iter().any(|(_, t, _)| !t.rows.is_empty());
    if let Some(n) = no_body.as_ref().filter(|n| n.conditional) {
        if has_rows {
            ctx.warn(
                n.line,
                format!(
                    "the request body section says \"{}\" only under a condition, and has a parameter table: the \
                     table is recorded",
                    n.sentence
                ),
            );
            no_body = None;
        } else if !example_bodies.is_empty() {
            ctx.warn(
                n.line,
                format!(
                    "the request body section says \"{}\" only under a condition, and a request example sends a \
                     body: the parameters are taken from the examples",
                    n.sentence
                ),
            );
            no_body = None;
        }
    }
    if no_body.is_some() {
        for (line, _, _) in &param_tables {
            ctx.warn(
                *line,
                "the request body section says there is no body but has a parameter table; the table is ignored",
            );
        }
        for b in &example_bodies {
            ctx.warn(
                b.line,
                format!(
                    "the request body section says there is no body, but {} sends one",
                    b.origin
                ),
            );
        }
        return Ok(None);
    }

    if !param_tables.is_empty() {
        let mut params: Vec<Parameter> = Vec::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for (line, table, cols) in &param_tables {
            if table.rows.is_empty() {
                ctx.warn(*line, "request body table has no rows; ignored");
                continue;
            }
            for (l, m) in tables::width_notes(table, "request body table") {
                ctx.warn(l, m);
            }
            let fallback = |name: &str| example_type(&example_bodies, name);
            let (rows, notes) = param_table::parameters(table, cols, &fallback);
            for (l, m) in notes {
                ctx.warn(l, m);
            }
            for (line, p) in rows {
                if !seen.insert(fold(&p.name)) {
                    ctx.warn(
                        line,
                        format!(
                            "request body parameter `{}` is listed twice; the first is kept",
                            p.name
                        ),
                    );
                    continue;
                }
                params.push(p);
            }
        }
        let params = match wrapped_object(ctx, &params, &example_bodies, &prose) {
            Some(object) => vec![object],
            None => params,
        };
        let mut params = params;
        cross_check(ctx, &params, examples);
        optional::left_out_by_examples(ctx, &mut params, examples);
        return Ok(Some(params));
    }

    // No table: JSON bodies shown in the section, then the examples' bodies.
    let mut section_maps: Vec<(usize, Map<String, Value>)> = Vec::new();
    for block in section {
        let BlockKind::Code {
            info,
            text,
            first_line,
        } = &block.kind
        else {
            continue;
        };
        let info = info.to_ascii_lowercase();
        if !(info.is_empty() || info == "json" || info == "javascript")
            || !text.trim_start().starts_with('{')
        {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => section_maps.push((*first_line, map)),
            _ => ctx.warn(
                block.line,
                "the JSON code block of the request body section does not parse; ignored",
            ),
        }
    }
    let mut bodies: Vec<Body<'_>> = section_maps
        .iter()
        .map(|(line, map)| Body {
            line: *line,
            origin: "the JSON block of the request body section".into(),
            map,
        })
        .collect();
    bodies.extend(example_bodies);
    if bodies.is_empty() {
        let what = if prose.is_empty() {
            "is empty"
        } else {
            "has no parameter table"
        };
        ctx.warn(
            heading_line,
            format!(
                "the request body section {what} and does not say there is no body, and no example has a JSON \
                 body: recorded as no request body"
            ),
        );
        return Ok(None);
    }
    let mut params = derive(ctx, &bodies, &prose);
    optional::left_out_by_examples(ctx, &mut params, examples);
    Ok(Some(params))
}

/// The type of the first example value of `key` that tells one, and which example sent it.
fn example_type(bodies: &[Body<'_>], key: &str) -> Option<(EdmType, String)> {
    bodies.iter().find_map(|b| {
        let (ty, _) = types::json_type(key, b.map.get(key)?).ok()?;
        Some((ty, b.origin.clone()))
    })
}

/// What prose says of a parameter: `Some(false)` when it says "optional", `Some(true)` when it
/// says "required", `None` when it says neither.
fn requirement(description: &str) -> Option<bool> {
    let lower = description.to_lowercase();
    if lower.contains("optional") {
        Some(false)
    } else if lower.contains("required") {
        Some(true)
    } else {
        None
    }
}

/// When the table lists the fields of the one object that every example body wraps them in
/// (`{"passwordCredential": {"displayName": ..}}`), that object is the real parameter, with the
/// table's rows as its properties. Prose that names the object gives its description and whether
/// it is optional.
fn wrapped_object(
    ctx: &mut Ctx<'_>,
    params: &[Parameter],
    bodies: &[Body<'_>],
    prose: &[(usize, &Inline)],
) -> Option<Parameter> {
    if params.is_empty() || bodies.is_empty() {
        return None;
    }
    let mut key: Option<&str> = None;
    for b in bodies {
        let keys: Vec<&String> = b.map.keys().filter(|k| !k.starts_with('@')).collect();
        let [k] = keys.as_slice() else { return None };
        let Some(Value::Object(fields)) = b.map.get(*k) else {
            return None;
        };
        let documented = |f: &String| params.iter().any(|p| &p.name == f);
        if documented(k) || key.is_some_and(|x| x != k.as_str()) || !fields.keys().all(documented) {
            return None;
        }
        key = Some(k.as_str());
    }
    let key = key?;
    let naming: Vec<&str> = prose
        .iter()
        .filter(|(_, p)| mentions(p, key))
        .map(|(_, p)| p.text.as_str())
        .collect();
    let description = naming.join(" ");
    let required = requirement(&description);
    ctx.warn(
        bodies.first().map_or(0, |b| b.line),
        format!(
            "the request body table lists the fields of `{key}`, the one object the examples send; recorded as \
             parameter `{key}` with those fields as its properties"
        ),
    );
    Some(Parameter {
        name: key.to_string(),
        ty: EdmType::Named(format!("microsoft.graph.{key}")),
        description,
        required,
        source: if naming.is_empty() {
            FactSource::Example
        } else {
            FactSource::Prose
        },
        properties: params.to_vec(),
    })
}

/// Parameters from the top-level keys of example bodies, in first-seen order.
fn derive(ctx: &mut Ctx<'_>, bodies: &[Body<'_>], prose: &[(usize, &Inline)]) -> Vec<Parameter> {
    let mut keys: Vec<&str> = Vec::new();
    for b in bodies {
        for k in b.map.keys() {
            if !k.starts_with('@') && !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    // With a single parameter, all of the section's prose is about it.
    let single = keys.len() == 1;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for key in keys {
        let mut typed = None;
        let mut reasons = Vec::new();
        for b in bodies {
            let Some(v) = b.map.get(key) else { continue };
            match types::json_type(key, v) {
                Ok(t) => {
                    typed = Some((b.line, b.origin.as_str(), t));
                    break;
                }
                Err(reason) => reasons.push((b.line, reason)),
            }
        }
        let Some((line, origin, (ty, note))) = typed else {
            let (line, reason) = reasons.first().cloned().unwrap_or((0, String::new()));
            ctx.warn(
                line,
                format!("request body parameter `{key}` left out: its type cannot be told from the example ({reason})"),
            );
            continue;
        };
        if let Some(note) = note {
            ctx.warn(line, format!("{note} (from {origin})"));
        }
        if !seen.insert(fold(key)) {
            ctx.warn(
                line,
                format!("request body key `{key}` collides with another key; left out"),
            );
            continue;
        }
        let mut naming: Vec<&Inline> = prose
            .iter()
            .map(|(_, p)| *p)
            .filter(|p| mentions(p, key))
            .collect();
        if single && !naming.is_empty() {
            naming = prose.iter().map(|(_, p)| *p).collect();
        }
        let (source, description, required) = if naming.is_empty() {
            (FactSource::Example, String::new(), None)
        } else {
            let description = naming
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let required = requirement(&description);
            (FactSource::Prose, description, required)
        };
        out.push(Parameter {
            name: key.to_string(),
            ty,
            description,
            required,
            source,
            properties: Vec::new(),
        });
    }
    out
}

/// Warns where the examples disagree with the parameter table.
fn cross_check(ctx: &mut Ctx<'_>, params: &[Parameter], examples: &[Example]) {
    for e in examples {
        let Some(Value::Object(map)) = &e.request.body else {
            continue;
        };
        for (key, value) in map {
            if key.starts_with('@') {
                continue;
            }
            match params.iter().find(|p| &p.name == key) {
                Some(p) => {
                    if !types::value_fits(&p.ty, value) {
                        ctx.warn(
                            e.line,
                            format!(
                                "request example `{}` sends {} for `{key}`, but the request body table types it `{}`",
                                e.name,
                                types::kind(value),
                                p.ty
                            ),
                        );
                    }
                }
                None => {
                    let message = match params.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
                        Some(p) => format!(
                            "request example `{}` sends `{key}`, which the request body table spells `{}`",
                            e.name, p.name
                        ),
                        None => format!(
                            "request example `{}` sends `{key}`, which the request body table does not list (the \
                             table may describe the fields of a nested object rather than the top-level parameters)",
                            e.name
                        ),
                    };
                    ctx.warn(e.line, message);
                }
            }
        }
    }
}
