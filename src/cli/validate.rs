//! `policykg validate`: reads the shapes and the data (a store, or RDF files into
//! a scratch store), calls `policykg::validate`, prints the violations for people
//! or as JSON, and turns the outcome into the exit status.

use super::args::ValidateArgs;
use anyhow::{Context, Result, bail};
use oxigraph::io::RdfFormat;
use policykg::store::KgStore;
use policykg::validate::{self, Options, Report, Shapes};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The data does not conform to the shapes.
pub const EXIT_VIOLATIONS: u8 = 1;

/// Runs `policykg validate`.
pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let shapes = match &args.shapes {
        Some(path) => read_shapes(path)?,
        None => Shapes::bundled(),
    };
    let (store, what) = open_data(&args)?;
    if args.explain {
        let queries = validate::queries(&store, &shapes)
            .with_context(|| format!("cannot plan the checks of {what}"))?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for query in queries {
            writeln!(
                out,
                "# {}  {}\n{}\n",
                query.shape_name, query.constraint, query.sparql
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options {
        limit: (args.limit > 0).then_some(args.limit),
    };
    let report = validate::validate(&store, &shapes, &options)
        .with_context(|| format!("cannot validate {what}"))?;
    if !args.quiet {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        if args.json || args.format == "json" {
            serde_json::to_writer_pretty(&mut out, &to_json(&report))?;
            writeln!(out)?;
        } else {
            out.write_all(render(&report, &shapes).as_bytes())?;
        }
        out.flush()?;
    }
    Ok(if report.conforms() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_VIOLATIONS)
    })
}

fn read_shapes(path: &Path) -> Result<Shapes> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the shapes file", path.display()))?;
    // Turtle unless the extension names another syntax (.nt, .rdf, .jsonld …).
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if !ext.eq_ignore_ascii_case("txt") => {
            RdfFormat::from_extension(ext).unwrap_or(RdfFormat::Turtle)
        }
        _ => RdfFormat::Turtle,
    };
    Shapes::parse_format(&text, format)
        .with_context(|| format!("{}: cannot use these shapes", path.display()))
}

/// The store to check, and how to name it in messages: the files given, read into
/// a scratch store, or the store (opened read-only).
fn open_data(args: &ValidateArgs) -> Result<(KgStore, String)> {
    if args.files.is_empty() {
        let dir = args
            .store
            .clone()
            .or_else(|| std::env::var_os("POLICYKG_STORE").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("./policykg-store"));
        let store = KgStore::open_read_only(&dir)?;
        return Ok((store, dir.display().to_string()));
    }
    if args.store.is_some() {
        bail!("give either RDF files or --store, not both");
    }
    let store = KgStore::scratch()?;
    for path in &args.files {
        load_file(&store, path)?;
    }
    let what = match args.files.as_slice() {
        [one] => one.display().to_string(),
        many => format!("{} files", many.len()),
    };
    Ok((store, what))
}

/// Reads one RDF file (its syntax from its extension; `-` is N-Quads on stdin).
fn load_file(store: &KgStore, path: &Path) -> Result<u64> {
    if path == Path::new("-") {
        return store
            .load_rdf(RdfFormat::NQuads, std::io::stdin().lock())
            .context("stdin (read as N-Quads)");
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match extension.as_str() {
        "txt" | "md" | "csv" | "jsonl" => bail!(
            "{}: this is a document, not RDF; convert it first (policykg convert {} -o out.nq) and validate out.nq",
            path.display(),
            path.display()
        ),
        other => RdfFormat::from_extension(other).with_context(|| {
            format!(
                "{}: unknown RDF syntax; name the file .nq, .trig, .ttl, .nt, .rdf or .jsonld",
                path.display()
            )
        })?,
    };
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    store
        .load_rdf(format, std::io::BufReader::new(file))
        .with_context(|| format!("{}: cannot read it as {}", path.display(), format.name()))
}

/// The report for people: each constraint with violations, its message, and its
/// focus nodes; then a summary line.
pub fn render(report: &Report, shapes: &Shapes) -> String {
    let mut out = String::new();
    for outcome in &report.outcomes {
        let severity = if outcome.severity.as_str() == validate::sh::VIOLATION {
            String::new()
        } else {
            format!(" [{}]", shapes.compact(outcome.severity.as_str()))
        };
        out += &format!(
            "{}  {}{severity}: {} violation{}\n  {}\n",
            outcome.shape_name,
            outcome.description,
            outcome.count,
            plural(outcome.count),
            outcome.message
        );
        let path = outcome
            .path
            .as_ref()
            .map(|p| format!("  {}", shapes.compact(p.as_str())))
            .unwrap_or_default();
        for result in &outcome.results {
            let mut line = format!("    {}{path}", shapes.display_term(&result.focus, 60));
            if let Some(n) = result.values {
                line += &format!("  {n} value{}", plural(n));
            } else if let Some(value) = result.value.as_ref().filter(|v| **v != result.focus) {
                line += &format!("  value {}", shapes.display_term(value, 60));
            }
            out += &line;
            out.push('\n');
        }
        let omitted = outcome.count - outcome.results.len() as u64;
        if omitted > 0 {
            out += &format!("    … and {omitted} more (--limit 0 prints all)\n");
        }
        out.push('\n');
    }
    let checked = format!(
        "checked {} shapes ({} constraints, {} queries) over {} triples in {:.2} s",
        report.shapes,
        report.constraints,
        report.queries,
        report.triples,
        report.elapsed.as_secs_f64()
    );
    if report.conforms() {
        out += &format!("conforms: no violations; {checked}\n");
    } else {
        let violations = report.violations();
        out += &format!(
            "{violations} violation{} of {} constraint{} in {} focus node{}; {checked}\n",
            plural(violations),
            report.outcomes.len(),
            plural(report.outcomes.len() as u64),
            report.focus_nodes,
            plural(report.focus_nodes as u64),
        );
    }
    out
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The report as the wire format of `validate -f json`: full IRIs; focus nodes
/// and values as N-Triples terms (`<iri>`, `_:b`, `"text"@zh`).
pub fn to_json(report: &Report) -> serde_json::Value {
    let id = |n: &oxigraph::model::NamedOrBlankNode| match n {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    };
    let outcomes: Vec<serde_json::Value> = report
        .outcomes
        .iter()
        .map(|o| {
            let results: Vec<serde_json::Value> = o
                .results
                .iter()
                .map(|r| {
                    let mut result = serde_json::json!({ "focusNode": r.focus.to_string() });
                    if let Some(value) = &r.value {
                        result["value"] = value.to_string().into();
                    }
                    if let Some(n) = r.values {
                        result["valueCount"] = n.into();
                    }
                    result
                })
                .collect();
            serde_json::json!({
                "sourceShape": id(&o.shape),
                "shapeName": o.shape_name,
                "sourceConstraintComponent": o.component.iri(),
                "constraint": o.description,
                "resultPath": o.path.as_ref().map(|p| p.as_str()),
                "resultSeverity": o.severity.as_str(),
                "message": o.message,
                "violations": o.count,
                "omitted": o.count - o.results.len() as u64,
                "results": results,
            })
        })
        .collect();
    serde_json::json!({
        "conforms": report.conforms(),
        "violations": report.violations(),
        "constraintsViolated": report.outcomes.len(),
        "focusNodes": report.focus_nodes,
        "shapesChecked": report.shapes,
        "constraintsChecked": report.constraints,
        "queries": report.queries,
        "triples": report.triples,
        "seconds": report.elapsed.as_secs_f64(),
        "outcomes": outcomes,
    })
}
