//! `policykg convert`: documents to an RDF file or stdout.

use super::args::ConvertArgs;
use super::{Reporter, for_each_document, open_output, settings};
use anyhow::{Context, Result};
use policykg::export::{self, Format};
use policykg::pipeline;
use policykg::source::ReadOptions;
use std::process::ExitCode;

pub fn run(args: ConvertArgs) -> Result<ExitCode> {
    let format = match &args.format {
        Some(name) => Format::from_name(name)?,
        None => args
            .output
            .as_deref()
            .and_then(Format::from_path)
            .unwrap_or(Format::Turtle),
    };
    let settings = settings(&args.conversion)?;
    let read = ReadOptions {
        text_column: args.conversion.text_column.clone(),
    };
    let mut out = open_output(args.output.as_deref())?;
    let mut reporter = Reporter::new(args.verbosity);
    let mut quads = Vec::new();
    let documents = for_each_document(&args.inputs, &read, &mut reporter, |doc, reporter| {
        reporter.detail(&format!("converting {}", doc.source));
        let parsed = pipeline::parse(doc, &settings);
        reporter.diagnostics(&parsed.document, &parsed.outline.diagnostics);
        quads.extend(parsed.quads(&settings));
        Ok(())
    })?;
    let triples = quads.len();
    export::write(
        format,
        &settings.base,
        quads.into_iter().map(Ok::<_, std::io::Error>),
        &mut out,
    )
    .context("cannot write the output")?;
    out.flush().context("cannot write the output")?;
    reporter.info(&format!(
        "converted {documents} document{} to {triples} quads ({}){}",
        if documents == 1 { "" } else { "s" },
        format.extension(),
        if reporter.failures > 0 {
            format!("; {} input(s) failed", reporter.failures)
        } else {
            String::new()
        }
    ));
    if documents == 0 && reporter.failures > 0 {
        return Ok(ExitCode::from(super::EXIT_PARTIAL));
    }
    Ok(reporter.exit_code())
}
