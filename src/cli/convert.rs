//! `policykg convert`: documents to an RDF file or stdout, converted in parallel
//! and written as they come.

use super::args::ConvertArgs;
use super::{
    Reporter, batch_options, discover_all, open_output, prefix_ids, set_input_format, settings,
};
use anyhow::{Context, Result};
use policykg::batch::{self, NothingKnown, Outcome};
use policykg::export::{Format, QuadWriter, jsonld::ContextRef};
use std::process::ExitCode;

/// The `--context` value as a context reference.
pub fn context_ref(value: &str) -> ContextRef {
    if value == "embed" {
        ContextRef::Embed
    } else {
        ContextRef::Url(value.to_owned())
    }
}

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
    let options = batch_options(&args.conversion, args.jobs.jobs, args.shard);
    let out = open_output(args.output.as_deref())?;
    let mut reporter = Reporter::new(args.verbosity);
    let mut inputs = discover_all(&args.inputs, &mut reporter)?;
    prefix_ids(&mut inputs, args.conversion.id_prefix.as_deref());
    set_input_format(
        &mut inputs,
        &args.inputs,
        args.conversion.input_format.as_deref(),
    );
    reporter.start_progress(&inputs);
    let mut writer = QuadWriter::new(format, out, &context_ref(&args.context))?;
    let (mut documents, mut quads) = (0u64, 0u64);
    batch::run(&inputs, &settings, &options, &NothingKnown, |chunk| {
        for result in chunk {
            let Some(docs) = reporter.take_documents(result) else {
                continue;
            };
            for doc in docs {
                if let Outcome::Converted {
                    quads: q,
                    diagnostics,
                    ..
                } = doc.outcome
                {
                    reporter.detail(&format!("converted {}", doc.source));
                    let (q, deferred) = q.ready(&settings);
                    reporter.diagnostics(&doc.source, &diagnostics);
                    reporter.diagnostics(&doc.source, &deferred);
                    documents += 1;
                    // A large document's quads are made here, one at a time,
                    // and written as they come (see `batch::STREAM_ABOVE`).
                    let mut failed = None;
                    quads += q.write(&settings, &mut |quad| {
                        if failed.is_none()
                            && let Err(e) = writer.write(quad)
                        {
                            failed = Some(e);
                        }
                    });
                    if let Some(e) = failed {
                        return Err(e);
                    }
                }
            }
        }
        Ok::<(), std::io::Error>(())
    })
    .context("cannot write the output")?;
    let mut out = writer.finish().context("cannot write the output")?;
    out.flush().context("cannot write the output")?;
    let (elapsed, bytes) = reporter.finish_progress();
    reporter.info(&format!(
        "converted {documents} document{} to {quads} quads ({}){}; {} warning(s); {} failure(s); {:.1}s, {:.1} MB/s",
        if documents == 1 { "" } else { "s" },
        format.extension(),
        args.shard.map_or(String::new(), |s| format!(", shard {}/{}", s.index, s.count)),
        reporter.warnings,
        reporter.failures,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9),
    ));
    Ok(reporter.exit_code())
}
