//! `cargo xtask lint`: spec/ against Microsoft's CSDL metadata (the logic is `graph-lint`).

use std::path::PathBuf;

use graph_spec::{ApiVersion, SpecFile};

use crate::common::*;

fn metadata_dir() -> PathBuf {
    std::env::var("GRAPH_METADATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("../shared/graph-metadata"))
}

/// The CSDL of `version`: the one Microsoft serves for it, from the shared metadata directory.
fn default_csdl(version: ApiVersion) -> PathBuf {
    metadata_dir().join(match version {
        ApiVersion::V1 => "v1.0.csdl",
        ApiVersion::Beta => "beta-usnat.csdl",
    })
}

/// The 2021 CSDL of `version`, for the resource operations of 2021 pages.
fn default_csdl_2021(version: ApiVersion) -> PathBuf {
    metadata_dir().join(match version {
        ApiVersion::V1 => "v1.0-2021.csdl",
        ApiVersion::Beta => "beta-2021.csdl",
    })
}

/// Reads and parses a CSDL document once; its file name names it in the report.
fn read_schema(csdl: &std::path::Path) -> Result<(String, graph_lint::Schema), String> {
    let xml = std::fs::read_to_string(csdl).map_err(|e| {
        format!(
            "cannot read the CSDL {}: {e} (set --csdl, --csdl-2021 or GRAPH_METADATA_DIR)",
            csdl.display()
        )
    })?;
    let schema = graph_lint::Schema::parse(&xml).map_err(|e| format!("{}: {e}", csdl.display()))?;
    let name = csdl.file_name().map_or_else(
        || csdl.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, schema))
}

/// Parsed `lint` flags.
#[derive(Default)]
struct LintFlags {
    version: Option<ApiVersion>,
    csdl: Option<PathBuf>,
    csdl_2021: Option<PathBuf>,
    spec: Option<PathBuf>,
    docs: Option<String>,
    json: bool,
    deny: Vec<graph_lint::Class>,
}

fn parse_lint_flags(args: &[String]) -> Result<LintFlags, String> {
    let mut flags = LintFlags::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs {what}"))
        };
        match arg.as_str() {
            "--version" => {
                flags.version = Some(match value("v1.0 or beta")?.as_str() {
                    "v1.0" => ApiVersion::V1,
                    "beta" => ApiVersion::Beta,
                    other => return Err(format!("unknown version `{other}`: v1.0 or beta")),
                })
            }
            "--csdl" => flags.csdl = Some(value("a file")?.into()),
            "--csdl-2021" => flags.csdl_2021 = Some(value("a file")?.into()),
            "--spec" => flags.spec = Some(value("a directory")?.into()),
            "--docs" => flags.docs = Some(value("a directory")?),
            "--json" => flags.json = true,
            "--deny" => flags.deny.push(match value("extractor or docs")?.as_str() {
                "extractor" => graph_lint::Class::ExtractorMissed,
                "docs" => graph_lint::Class::DocsDiffer,
                other => return Err(format!("unknown --deny `{other}`: extractor or docs")),
            }),
            other => return Err(format!("lint: unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(flags)
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let flags = parse_lint_flags(args)?;
    let dir = flags.spec.clone().unwrap_or_else(spec_dir);
    let loaded = graph_spec::load_dir(&dir).map_err(|e| lines(&e))?;
    // Name each spec by its path below the directory linted.
    let specs: Vec<(String, SpecFile)> = loaded
        .into_iter()
        .map(|(path, spec)| (relative_name(&path, &dir), spec))
        .collect();
    let mut versions: Vec<ApiVersion> = match flags.version {
        Some(v) => vec![v],
        None => specs.iter().map(|(_, s)| s.api_version).collect(),
    };
    versions.sort();
    versions.dedup();
    if versions.is_empty() {
        return Err(format!("no spec file under {}", dir.display()));
    }
    if (flags.csdl.is_some() || flags.csdl_2021.is_some()) && versions.len() > 1 {
        return Err(
            "--csdl and --csdl-2021 name one metadata document each, but the specs are of several versions: add --version"
                .into(),
        );
    }
    let docs = docs_root(flags.docs.clone());
    let page_text = |page: &str| std::fs::read_to_string(docs.join(page)).ok();
    let types: Vec<(String, graph_spec::TypeFile)> = graph_spec::load_type_dir(&dir)
        .map_err(|e| lines(&e))?
        .into_iter()
        .map(|(path, ty)| (relative_name(&path, &dir), ty))
        .collect();
    let csdl = Csdl {
        current: flags.csdl.clone(),
        y2021: flags.csdl_2021.clone(),
    };
    let reports = reports(&versions, &csdl, &specs, &types, &page_text)?;
    let type_reports: Vec<&graph_lint::TypesReport> =
        reports.iter().filter_map(|r| r.types.as_ref()).collect();
    if flags.json {
        print!("{}", graph_lint::to_json(&reports));
    } else {
        for report in &reports {
            println!("{}", graph_lint::render_table(report));
            let missed = graph_lint::render_extractor_list(report);
            if !missed.is_empty() {
                println!("extractor missed ({}):\n{missed}", report.api_version);
            }
            println!("{}", graph_lint::render_totals(report));
        }
        for report in &type_reports {
            print!("{}", graph_lint::render_types(report));
        }
        for resources in reports.iter().filter_map(|r| r.resources.as_ref()) {
            print!("{}", graph_lint::render_resources(resources));
        }
        if reports.iter().any(|r| r.totals.unclassified > 0) {
            eprintln!(
                "warning: some pages could not be read below the docs root {}: their disagreements are unclassified",
                docs.display()
            );
        }
    }
    let denied: Vec<String> = flags
        .deny
        .iter()
        .filter_map(|class| {
            let n: usize = reports
                .iter()
                .flat_map(|r| &r.operations)
                .flat_map(graph_lint::OperationReport::all_disagreements)
                .chain(
                    reports
                        .iter()
                        .filter_map(|r| r.resources.as_ref())
                        .flat_map(|r| &r.operations)
                        .flat_map(graph_lint::ResourceReport::all_disagreements),
                )
                .chain(
                    type_reports
                        .iter()
                        .flat_map(|r| &r.types)
                        .flat_map(|t| &t.rows)
                        .filter_map(|r| r.disagreement.as_ref()),
                )
                .filter(|d| d.class == *class)
                .count();
            (n > 0).then(|| format!("{n} disagreement(s) classified `{}`", class.as_str()))
        })
        .collect();
    if denied.is_empty() {
        Ok(())
    } else {
        Err(format!("{} (denied)", denied.join(", ")))
    }
}

/// The metadata documents named on the command line (`None`: the default for the version).
#[derive(Default)]
pub(crate) struct Csdl {
    pub(crate) current: Option<PathBuf>,
    pub(crate) y2021: Option<PathBuf>,
}

/// The lint of `specs` and `types` (named `(file, spec)` pairs) for each of `versions`, against
/// the current metadata and, for resource operations of 2021 pages, the 2021 one.
pub(crate) fn reports(
    versions: &[ApiVersion],
    csdl: &Csdl,
    specs: &[(String, SpecFile)],
    types: &[(String, graph_spec::TypeFile)],
    page_text: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<graph_lint::Report>, String> {
    let mut reports = Vec::new();
    for &version in versions {
        let current = csdl
            .current
            .clone()
            .unwrap_or_else(|| default_csdl(version));
        let (name, schema) = read_schema(&current)?;
        let mut report = graph_lint::lint(version, &name, &schema.operations, specs, &page_text);
        if types.iter().any(|(_, t)| t.api_version == version) {
            report.types = Some(graph_lint::lint_types(
                version,
                &name,
                &schema.types,
                types,
                &page_text,
            ));
        }
        let resources: Vec<&SpecFile> = specs
            .iter()
            .map(|(_, s)| s)
            .filter(|s| s.api_version == version && s.operation.kind.is_resource())
            .collect();
        if !resources.is_empty() {
            // The 2021 metadata is read only when a 2021 page needs it.
            let old = if resources
                .iter()
                .any(|s| graph_lint::Era::of(s) == graph_lint::Era::Y2021)
            {
                let path = csdl
                    .y2021
                    .clone()
                    .unwrap_or_else(|| default_csdl_2021(version));
                match read_schema(&path) {
                    Ok(found) => Some(found),
                    Err(e) if csdl.y2021.is_none() => {
                        eprintln!("warning: {e}; 2021 pages are compared with {name}");
                        None
                    }
                    Err(e) => return Err(e),
                }
            } else {
                None
            };
            let eras = graph_lint::Eras {
                current: (&name, &schema),
                y2021: old.as_ref().map(|(n, s)| (n.as_str(), s)),
            };
            report.resources = Some(graph_lint::lint_resources(
                version, &eras, specs, &page_text,
            ));
        }
        reports.push(report);
    }
    Ok(reports)
}
