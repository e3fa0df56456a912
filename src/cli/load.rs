//! `policykg load`: documents into a persistent store, one named graph each.

use super::args::LoadArgs;
use super::{Reporter, for_each_document, settings};
use anyhow::{Context, Result};
use policykg::pipeline;
use policykg::source::ReadOptions;
use policykg::store::{KgStore, LoadOutcome};
use std::process::ExitCode;

pub fn run(args: LoadArgs) -> Result<ExitCode> {
    let settings = settings(&args.conversion)?;
    let read = ReadOptions {
        text_column: args.conversion.text_column.clone(),
    };
    let store = KgStore::open(&args.store.store)?;
    let mut reporter = Reporter::new(args.verbosity);
    let (mut added, mut replaced, mut unchanged, mut quads) = (0, 0, 0, 0usize);
    let started = std::time::Instant::now();
    let documents = for_each_document(&args.inputs, &read, &mut reporter, |doc, reporter| {
        let graph = pipeline::graph_iri(&doc, &settings);
        let sha = doc.sha256();
        let source = doc.source.clone();
        let mut diagnostics = Vec::new();
        let outcome = store
            .load(&graph, &sha, || {
                let parsed = pipeline::parse(doc, &settings);
                diagnostics = parsed.outline.diagnostics.clone();
                let q = parsed.quads(&settings);
                quads += q.len();
                reporter.diagnostics(&parsed.document, &diagnostics);
                q
            })
            .with_context(|| {
                format!("{source}: cannot load into {}", args.store.store.display())
            })?;
        match outcome {
            LoadOutcome::Added => added += 1,
            LoadOutcome::Replaced => replaced += 1,
            LoadOutcome::Unchanged => {
                unchanged += 1;
                reporter.detail(&format!("{source}: unchanged, skipped"));
            }
        }
        Ok(())
    })?;
    reporter.info(&format!(
        "loaded {documents} document{} into {}: {added} added, {replaced} replaced, {unchanged} unchanged (skipped); {quads} quads written; {} warning(s); {} failure(s); {:.1}s",
        if documents == 1 { "" } else { "s" },
        args.store.store.display(),
        reporter.warnings,
        reporter.failures,
        started.elapsed().as_secs_f64()
    ));
    Ok(reporter.exit_code())
}
