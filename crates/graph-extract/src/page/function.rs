//! Function parameters: the arguments of a function call in the path
//! (`/reports/getTeamsUserActivityCounts(period='{period_value}')`), typed by the page's
//! `Function parameters` (or `Parameters`) table, else by the template itself.

use graph_spec::{
    ApiVersion, EdmType, Example, FactSource, Parameter, PathFunction, PathTemplate, Primitive,
};

use crate::Ctx;
use crate::markdown::blocks::BlockKind;
use crate::page::param_table;

/// One argument of a call segment as a path writes it: `period='{period_value}'` is
/// `("period", "'{period_value}'")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Argument {
    pub name: String,
    pub value: String,
}

/// The arguments of the path segment that calls `function` (compared case-insensitively), or
/// `None` when no segment calls it with arguments. Commas inside quotes do not split.
pub(crate) fn call_arguments(path: &str, function: &str) -> Option<Vec<Argument>> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    for segment in path.split('/') {
        let Some((name, rest)) = segment.split_once('(') else {
            continue;
        };
        let Some(inner) = rest.strip_suffix(')') else {
            continue;
        };
        if !name.eq_ignore_ascii_case(function) || inner.trim().is_empty() {
            continue;
        }
        let mut args = Vec::new();
        for piece in graph_spec::split_call_args(inner) {
            let (name, value) = piece.split_once('=')?;
            let name = name.trim();
            if name.is_empty() {
                return None;
            }
            args.push(Argument {
                name: name.to_string(),
                value: value.trim().to_string(),
            });
        }
        return Some(args);
    }
    None
}

/// The type an argument's written value shows: a quoted value is `Edm.String`, a value quoted
/// after a type name (`microsoft.graph.timeZoneStandard'Iana'`) is that enum type, and an unquoted
/// literal is typed by its form. `None` for an unquoted placeholder (`{count}`), whose type the
/// template does not tell.
fn literal_type(value: &str) -> Option<EdmType> {
    let value = value.trim();
    if value.starts_with('\'') {
        return Some(EdmType::Primitive(Primitive::String));
    }
    if let Some((prefix, _)) = value.split_once('\'') {
        let name = prefix.trim();
        let valid = name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        return valid.then(|| EdmType::Named(name.to_string()));
    }
    if value.starts_with('{') {
        return None;
    }
    let p = if value == "true" || value == "false" {
        Primitive::Boolean
    } else if value.parse::<i32>().is_ok() {
        Primitive::Int32
    } else if value.parse::<i64>().is_ok() {
        Primitive::Int64
    } else if value.parse::<f64>().is_ok() {
        Primitive::Double
    } else if Primitive::Guid.is_literal(value) {
        Primitive::Guid
    } else if Primitive::Date.is_literal(value) {
        Primitive::Date
    } else if Primitive::DateTimeOffset.is_literal(value) {
        Primitive::DateTimeOffset
    } else {
        return None;
    };
    Some(EdmType::Primitive(p))
}

/// The function parameters of the operation `name`: the rows of the `Function parameters` table
/// when the page has one, else the arguments of the call in its paths, typed by their quoting or
/// by the value a documented example passes. Empty when the page documents none.
/// Warnings about the path are given at `line` (the `HTTP request` heading).
pub(crate) fn function_parameters(
    ctx: &mut Ctx<'_>,
    name: &str,
    paths: &[PathTemplate],
    examples: &[Example],
    version: ApiVersion,
    line: usize,
) -> Vec<Parameter> {
    let args = paths.iter().find_map(|p| call_arguments(&p.template, name));
    // A page may write the path without its arguments (`.../filterByCurrentUser`) and still
    // document them in a `Function parameters` table; a plain `Parameters` heading counts only
    // when the path has a call.
    let sections: &[&str] = match args {
        Some(_) => &["function parameters", "parameters"],
        None => &["function parameters"],
    };
    if let Some(mut table) = table_parameters(ctx, sections) {
        let passed = passed_arguments(name, examples, version);
        for p in table.iter_mut().filter(|p| p.required != Some(false)) {
            if let Some(example) = omitted_by(&passed, &p.name) {
                ctx.warn(
                    line,
                    format!(
                        "function parameter `{}` of `{name}` is optional: example `{example}` leaves it out",
                        p.name
                    ),
                );
                p.required = Some(false);
            }
        }
        for a in args.iter().flatten() {
            if !table.iter().any(|p| p.name.eq_ignore_ascii_case(&a.name)) {
                ctx.warn(
                    line,
                    format!(
                        "the path passes `{}` to `{name}`, which the function parameters table does not list",
                        a.name
                    ),
                );
            }
        }
        return table;
    }
    let Some(args) = args else {
        return Vec::new();
    };
    template_parameters(ctx, name, args, examples, version, line)
}

/// Types the arguments a path template passes to `function`: by their quoting, by the value a
/// documented example passes, or by Graph's naming convention (a name ending in `DateTime` is
/// `Edm.DateTimeOffset`, as every such property and parameter of Graph's metadata is), each with
/// a warning that says which. An argument nothing types is left out with a warning. An argument
/// that a documented example calling `function` leaves out is optional (`required: Some(false)`).
fn template_parameters(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: Vec<Argument>,
    examples: &[Example],
    version: ApiVersion,
    line: usize,
) -> Vec<Parameter> {
    let passed = passed_arguments(name, examples, version);
    let mut out = Vec::new();
    for a in args {
        let from_example = || {
            passed.iter().find_map(|(example, args)| {
                let value = args.iter().find(|p| p.name.eq_ignore_ascii_case(&a.name))?;
                literal_type(&value.value).map(|t| (t, example.clone()))
            })
        };
        let (ty, how) = match literal_type(&a.value) {
            Some(ty) => (ty, "its quoting in the path".to_string()),
            None => match from_example() {
                Some((ty, example)) => (ty, format!("the value example `{example}` passes")),
                None => match type_from_name(&a.name) {
                    Some(ty) => (
                        ty,
                        "its name (Graph's `...DateTime` convention)".to_string(),
                    ),
                    None => {
                        ctx.warn(
                            line,
                            format!(
                                "function parameter `{}` of `{name}` has no documented type (no table, and neither the \
                                 path nor an example shows one); left out",
                                a.name
                            ),
                        );
                        continue;
                    }
                },
            },
        };
        ctx.warn(
            line,
            format!(
                "function parameter `{}` of `{name}` is typed `{ty}` from {how}: the page has no function parameters table",
                a.name
            ),
        );
        let required = match omitted_by(&passed, &a.name) {
            Some(example) => {
                ctx.warn(
                    line,
                    format!(
                        "function parameter `{}` of `{name}` is optional: example `{example}` leaves it out",
                        a.name
                    ),
                );
                Some(false)
            }
            None => None,
        };
        out.push(Parameter {
            name: a.name,
            ty,
            description: String::new(),
            required,
            source: FactSource::Template,
            properties: Vec::new(),
        });
    }
    out
}

/// The arguments each documented example that calls `function` passes it, by example name.
fn passed_arguments(
    function: &str,
    examples: &[Example],
    version: ApiVersion,
) -> Vec<(String, Vec<Argument>)> {
    examples
        .iter()
        .filter_map(|e| {
            let below = version.path_below(&e.request.url);
            let args = call_arguments(below, function)
                .or_else(|| calls(below, function).then(Vec::new))?;
            Some((e.name.clone(), args))
        })
        .collect()
}

/// The first example (of [`passed_arguments`]) that leaves the parameter `name` out.
fn omitted_by(passed: &[(String, Vec<Argument>)], name: &str) -> Option<String> {
    passed
        .iter()
        .find(|(_, args)| !args.iter().any(|p| p.name.eq_ignore_ascii_case(name)))
        .map(|(example, _)| example.clone())
}

/// Whether `path` has a segment calling `function` (with or without arguments).
fn calls(path: &str, function: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/').any(|segment| {
        segment
            .split_once('(')
            .is_some_and(|(n, rest)| n.eq_ignore_ascii_case(function) && rest.ends_with(')'))
    })
}

/// The type Graph's naming convention gives a parameter: `...DateTime` is `Edm.DateTimeOffset`.
fn type_from_name(name: &str) -> Option<EdmType> {
    name.ends_with("DateTime")
        .then_some(EdmType::Primitive(Primitive::DateTimeOffset))
}

/// The functions the paths call before their last segment
/// (`getAllTranscripts(meetingOrganizerUserId='{userId}',startDateTime={startDateTime})` in
/// `.../onlineMeetings/getAllTranscripts(..)/delta`), each with its parameters typed as for
/// [`function_parameters`] without a table. A call with exactly one named argument
/// (`applications(appId='{appId}')`) is an alternate key, not a function. In first-seen order.
pub(crate) fn path_functions(
    ctx: &mut Ctx<'_>,
    paths: &[PathTemplate],
    examples: &[Example],
    version: ApiVersion,
    line: usize,
) -> Vec<PathFunction> {
    let mut out: Vec<PathFunction> = Vec::new();
    for path in paths {
        let segments: Vec<&str> = path.template.split('/').collect();
        let Some((_, parents)) = segments.split_last() else {
            continue;
        };
        for segment in parents {
            let Some((name, rest)) = segment.split_once('(') else {
                continue;
            };
            if !rest.ends_with(')') || out.iter().any(|f| f.name == name) {
                continue;
            }
            let args = call_arguments(segment, name).unwrap_or_default();
            if args.len() == 1 && rest.contains('=') {
                continue;
            }
            let parameters = template_parameters(ctx, name, args, examples, version, line);
            out.push(PathFunction {
                name: name.to_string(),
                parameters,
            });
        }
    }
    out
}

/// The parameters of the first parameter table in the `Function parameters` (or `Parameters`)
/// section, or `None` when there is none. A row whose type cell names no type is left out with a
/// warning (a function's arguments are in the URL: no example body can type them).
fn table_parameters(ctx: &mut Ctx<'_>, sections: &[&str]) -> Option<Vec<Parameter>> {
    let (_, range) = ctx.section(sections)?;
    let (rows, notes) = ctx.blocks.get(range)?.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => {
            param_table::param_columns(t).map(|cols| param_table::parameters(t, &cols, &|_| None))
        }
        _ => None,
    })?;
    for (line, note) in notes {
        ctx.warn(line, note.replace("request body", "function"));
    }
    Some(rows.into_iter().map(|(_, p)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_arguments_of_a_path() {
        let args = call_arguments(
            "/reports/getX(period='{period_value}',date={date_value})",
            "getX",
        )
        .expect("a call");
        assert_eq!(
            args,
            [
                Argument {
                    name: "period".into(),
                    value: "'{period_value}'".into()
                },
                Argument {
                    name: "date".into(),
                    value: "{date_value}".into()
                },
            ]
        );
        let args = call_arguments("/a/f(on='x,y')?$top=1", "F").expect("case-insensitive");
        assert_eq!(args[0].value, "'x,y'");
        assert_eq!(call_arguments("/a/f()", "f"), None);
        assert_eq!(call_arguments("/apps(appId='1')/f", "f"), None);
        assert_eq!(call_arguments("/a/f(nonsense)", "f"), None);
    }

    #[test]
    fn literal_types() {
        let t = |v: &str| literal_type(v).map(|t| t.to_string());
        assert_eq!(t("'{v}'").as_deref(), Some("Edm.String"));
        assert_eq!(
            t("microsoft.graph.timeZoneStandard'{f}'").as_deref(),
            Some("microsoft.graph.timeZoneStandard")
        );
        assert_eq!(t("{count}"), None);
        assert_eq!(t("5").as_deref(), Some("Edm.Int32"));
        assert_eq!(t("true").as_deref(), Some("Edm.Boolean"));
        assert_eq!(t("2024-01-02").as_deref(), Some("Edm.Date"));
        assert_eq!(
            t("2024-01-02T00:00:00Z").as_deref(),
            Some("Edm.DateTimeOffset")
        );
        assert_eq!(
            t("6f9619ff-8b86-d011-b42d-00c04fc964ff").as_deref(),
            Some("Edm.Guid")
        );
        assert_eq!(t("banana"), None);
    }
}
