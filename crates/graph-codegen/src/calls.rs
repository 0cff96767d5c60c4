//! OData call segments in path templates: function calls (`getX(period='{period_value}')`,
//! `delta()`) and alternate keys (`servicePrincipals(appId='{appId}')`).

/// One argument of a call segment, as the template writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallArg {
    /// The parameter name on the wire (`period`); `None` for a positional key (`items('{id}')`).
    pub name: Option<String>,
    /// The placeholder's name (`period_value`), or `None` when the template shows a fixed value.
    pub placeholder: Option<String>,
    /// Whether the template quotes the value (`'{v}'`): a string-like literal.
    pub quoted: bool,
    /// The type the template writes before the quoted value, as for an enum
    /// (`microsoft.graph.timeZoneStandard'{v}'`).
    pub type_prefix: Option<String>,
}

/// A call segment: `name(arg, ...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The function or collection name (`getTeamsUserActivityCounts`, `servicePrincipals`).
    pub name: String,
    /// The arguments, in template order.
    pub args: Vec<CallArg>,
}

impl Call {
    /// The call as a template segment, `name(p='{p}',q='{q}')`, for a function whose documented
    /// path leaves its parameters out (`filterByCurrentUser` with an `on` parameter).
    pub fn from_parameters(name: &str, params: &[graph_spec::Parameter]) -> Call {
        Call {
            name: name.to_string(),
            args: params
                .iter()
                .map(|p| CallArg {
                    name: Some(p.name.clone()),
                    placeholder: Some(p.name.clone()),
                    quoted: matches!(
                        p.ty,
                        graph_spec::EdmType::Named(_)
                            | graph_spec::EdmType::Primitive(graph_spec::Primitive::String)
                    ),
                    type_prefix: None,
                })
                .collect(),
        }
    }

    /// The segment as a template writes it.
    pub fn template(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                let value = match &a.placeholder {
                    Some(p) => format!("{{{p}}}"),
                    None => "{value}".into(),
                };
                let value = if a.quoted {
                    format!("{}'{value}'", a.type_prefix.as_deref().unwrap_or_default())
                } else {
                    value
                };
                match &a.name {
                    Some(n) => format!("{n}={value}"),
                    None => value,
                }
            })
            .collect();
        format!("{}({})", self.name, args.join(","))
    }

    /// The single named, placeholder argument of a key segment (`appId='{appId}'`).
    pub fn as_key(&self) -> Option<(&str, &str)> {
        match self.args.as_slice() {
            [
                CallArg {
                    name: Some(name),
                    placeholder: Some(placeholder),
                    quoted: true,
                    type_prefix: None,
                },
            ] => Some((name, placeholder)),
            _ => None,
        }
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Parses `name(args)`; `None` when the segment is not a call this generator understands.
pub fn parse_call(segment: &str) -> Option<Call> {
    let (name, rest) = segment.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    if !is_name(name) || inner.contains(['(', ')', '/', '?', '#']) {
        return None;
    }
    let mut args = Vec::new();
    if !inner.trim().is_empty() {
        for raw in inner.split(',') {
            let raw = raw.trim();
            let (arg_name, value) = match raw.split_once('=') {
                Some((n, v)) => {
                    let n = n.trim();
                    if !is_name(n) {
                        return None;
                    }
                    (Some(n.to_string()), v.trim())
                }
                None => (None, raw),
            };
            // `'{v}'`, or `Namespace.type'{v}'` for an enum.
            let (type_prefix, value) = match value.find('\'') {
                Some(q) if q > 0 && is_name(&value[..q]) => {
                    (Some(value[..q].to_string()), &value[q..])
                }
                _ => (None, value),
            };
            let (quoted, bare) = match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
                Some(bare) => (true, bare),
                None if type_prefix.is_some() => return None,
                None => (false, value),
            };
            let placeholder = match bare.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                Some(p) if is_name(p.trim()) || p.trim().contains('-') => {
                    Some(p.trim().to_string())
                }
                Some(_) => return None,
                None if bare.contains(['{', '}', '\'']) => return None,
                // A fixed value needs a parameter name to be an argument of the binding.
                None if arg_name.is_none() => return None,
                None => None,
            };
            args.push(CallArg {
                name: arg_name,
                placeholder,
                quoted,
                type_prefix,
            });
        }
    }
    Some(Call {
        name: name.to_string(),
        args,
    })
}

/// The values a documented example passes to a call segment `call` (the decoded text inside each
/// literal, quotes removed and `''` undone), in argument order; `None` when `segment` does not
/// call it.
pub fn call_values(call: &Call, segment: &str) -> Option<Vec<String>> {
    let decoded = percent_decode(segment);
    let (name, rest) = decoded.split_once('(')?;
    let inner = rest.strip_suffix(')')?;
    if name != call.name {
        return None;
    }
    let parts = split_args(inner);
    if parts.len() != call.args.len() {
        return None;
    }
    let mut values = Vec::new();
    for (arg, part) in call.args.iter().zip(parts) {
        let value = match (&arg.name, part.split_once('=')) {
            (Some(n), Some((have, v))) if have.trim().eq_ignore_ascii_case(n) => v.trim(),
            (None, _) => part.trim(),
            _ => return None,
        };
        let value = match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            Some(q) => q.replace("''", "'"),
            None => {
                // `Namespace.type'member'` (an enum literal) is the member.
                match value.find('\'').and_then(|i| value[i..].strip_prefix('\'')) {
                    Some(rest) => rest.strip_suffix('\'')?.replace("''", "'"),
                    None => value.to_string(),
                }
            }
        };
        values.push(value);
    }
    Some(values)
}

/// Splits call arguments at commas outside quotes.
pub(crate) fn split_args(inner: &str) -> Vec<&str> {
    if inner.trim().is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// `%27` -> `'`; an invalid escape is kept as it is.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The child key, module and type names of an alternate-key segment:
/// `servicePrincipals(appId=..)` gives `servicePrincipals(appId=)`, `service_principals_by_app_id`
/// and `ServicePrincipalsByAppId`.
pub fn key_names(collection: &str, key: &str) -> Option<(String, String, String)> {
    Some((
        format!("{collection}({key}=)"),
        format!(
            "{}_by_{}",
            crate::naming::snake(collection)?,
            crate::naming::snake(key)?
        ),
        format!(
            "{}By{}",
            crate::naming::pascal(collection)?,
            crate::naming::pascal(key)?
        ),
    ))
}

/// The example-matching template, method name and mock type prefix of a binding. A function whose
/// documented path leaves its parameters out gets the call written into its template. A function
/// call beside a plain path of the same name in one module (`supportedTimeZones` and
/// `supportedTimeZones(TimeZoneStandard=..)`; `taken` tells) is named after its parameters too:
/// `supported_time_zones_with_time_zone_standard`.
pub fn binding_names(
    call: Option<&Call>,
    path_template: &str,
    method: String,
    model_prefix: &str,
    taken: impl Fn(&str) -> bool,
) -> (String, String, String) {
    let last = path_template.rsplit('/').next().unwrap_or_default();
    let template = match call {
        Some(call) if !last.contains('(') => match path_template.rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/{}", call.template()),
            None => call.template(),
        },
        _ => path_template.to_string(),
    };
    match call.filter(|c| !c.args.is_empty()) {
        Some(call) if taken(&method) => {
            let names: Vec<String> = call
                .args
                .iter()
                .filter_map(|a| a.name.as_deref().and_then(crate::naming::snake))
                .collect();
            let with = format!("with_{}", names.join("_and_"));
            let prefix = format!(
                "{model_prefix}{}",
                crate::naming::pascal(&with).unwrap_or_default()
            );
            (template, format!("{method}_{with}"), prefix)
        }
        _ => (template, method, model_prefix.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_parse() {
        let c = parse_call("getTeamsUserActivityCounts(period='{period_value}')").expect("call");
        assert_eq!(c.name, "getTeamsUserActivityCounts");
        assert_eq!(
            c.args,
            vec![CallArg {
                name: Some("period".into()),
                placeholder: Some("period_value".into()),
                quoted: true,
                type_prefix: None,
            }]
        );
        assert_eq!(parse_call("delta()").expect("delta").args, vec![]);
        let fixed = parse_call("filterByCurrentUser(on='principal')").expect("fixed");
        assert_eq!(fixed.args[0].placeholder, None);
        let key = parse_call("servicePrincipals(appId='{appId}')").expect("key");
        assert_eq!(key.as_key(), Some(("appId", "appId")));
        let tz = parse_call(
            "supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{tz}')",
        )
        .expect("qualified enum");
        assert_eq!(
            tz.args[0].type_prefix.as_deref(),
            Some("microsoft.graph.timeZoneStandard")
        );
        assert!(tz.args[0].quoted);
        let two = parse_call("f(a={n},b='{s}')").expect("two");
        assert_eq!(two.args.len(), 2);
        assert!(!two.args[0].quoted);
        for bad in ["plain", "f(a", "f(a=(b))", "f('x')", "1f()", "f(a='{x}'/b)"] {
            assert_eq!(parse_call(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn example_values_are_decoded_and_unquoted() {
        let c = parse_call("f(on='{v}',n={n})").expect("call");
        assert_eq!(
            call_values(&c, "f(on='O''Brien',n=3)"),
            Some(vec!["O'Brien".into(), "3".into()])
        );
        assert_eq!(
            call_values(&c, "f(on=%27a%2Cb%27,n=3)"),
            Some(vec!["a,b".into(), "3".into()])
        );
        let e = parse_call("supportedTimeZones(TimeZoneStandard={tz})").expect("call");
        assert_eq!(
            call_values(
                &e,
                "supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')"
            ),
            Some(vec!["Iana".into()])
        );
        assert_eq!(call_values(&c, "g(on='a',n=3)"), None);
        assert_eq!(call_values(&c, "f(on='a')"), None);
    }
}

#[cfg(test)]
mod match_tests {
    use super::*;

    #[test]
    fn a_call_beside_a_plain_path_of_its_name_is_named_after_its_parameters() {
        let call = parse_call("tz(TimeZoneStandard='{t}')").expect("call");
        let (template, method, prefix) = binding_names(
            Some(&call),
            "/me/tz(TimeZoneStandard='{t}')",
            "tz".into(),
            "Tz",
            |m| m == "tz",
        );
        assert_eq!(template, "/me/tz(TimeZoneStandard='{t}')");
        assert_eq!(method, "tz_with_time_zone_standard");
        assert_eq!(prefix, "TzWithTimeZoneStandard");
        let (_, method, prefix) =
            binding_names(Some(&call), "/me/tz", "tz".into(), "Tz", |_| false);
        assert_eq!((method.as_str(), prefix.as_str()), ("tz", "Tz"));
        let (template, ..) = binding_names(Some(&call), "/me/tz", "tz".into(), "Tz", |_| false);
        assert_eq!(template, "/me/tz(TimeZoneStandard='{t}')");
        assert_eq!(
            key_names("servicePrincipals", "appId"),
            Some((
                "servicePrincipals(appId=)".into(),
                "service_principals_by_app_id".into(),
                "ServicePrincipalsByAppId".into()
            ))
        );
    }
}
