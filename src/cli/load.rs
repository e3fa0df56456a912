//! `policykg load`: documents into a persistent store, one named graph each.
//! Converted in parallel; new documents go in through the bulk loader, changed
//! ones replace their graph in a transaction of their own.

use super::args::LoadArgs;
use super::{Reporter, batch_options, discover_all, prefix_ids, set_input_format, settings};
use anyhow::{Context, Result};
use policykg::batch::{self, Outcome, Quads};
use policykg::search::IndexUpdate;
use policykg::store::{BulkOptions, KgStore, StoreError};
use std::collections::HashSet;
use std::process::ExitCode;

pub fn run(args: LoadArgs) -> Result<ExitCode> {
    let settings = settings(&args.conversion)?;
    let options = batch_options(&args.conversion, args.jobs.jobs, None);
    let mut reporter = Reporter::new(args.verbosity);
    // A missing input is a usage error found before the store is opened, so that
    // it leaves no empty store folder behind.
    let mut inputs = discover_all(&args.inputs, &mut reporter)?;
    prefix_ids(&mut inputs, args.conversion.id_prefix.as_deref());
    set_input_format(
        &mut inputs,
        &args.inputs,
        args.conversion.input_format.as_deref(),
    );
    let store = KgStore::open(&args.store.store)?;
    let leftovers = store.leftovers();
    if leftovers.files > 0 {
        reporter.info(&format!(
            "{}: removed {} file(s), {:.1} MB, that an interrupted load left; what it had not committed is loaded again",
            args.store.store.display(),
            leftovers.files,
            leftovers.bytes as f64 / 1e6
        ));
    }
    reporter.start_progress(&inputs);
    let (mut added, mut replaced, mut unchanged, mut quads) = (0u64, 0u64, 0u64, 0u64);
    let mut seen = HashSet::new();
    // New documents stream through the bulk loader, whose threads sort and write
    // batches while conversion goes on; the loader gets as many threads as the
    // conversion (with one, a load of the laws corpus took 61 s, not 49 s: storing,
    // not converting, is the slow part). Commits are atomic (whole documents or
    // none); the fewer there are, the less the store has to merge.
    // The full-text index takes each document's quads as the store does; it is
    // committed after the store, in step with it (see `policykg::search`).
    let mut index = if args.no_index {
        None
    } else {
        Some(IndexUpdate::begin(&args.store.store).with_context(|| {
            format!(
                "{}: cannot open the search index; load with --no-index, or remove the folder {} and load again",
                args.store.store.display(),
                policykg::search::index_dir(&args.store.store).display()
            )
        })?)
    };
    let mut writer = store.bulk_writer(BulkOptions {
        threads: options.conversion_threads(),
        commit_every: (args.commit_every > 0).then_some(args.commit_every),
        ..BulkOptions::default()
    });
    batch::run(&inputs, &settings, &options, &store, |chunk| {
        for result in chunk {
            let Some(docs) = reporter.take_documents(result) else {
                continue;
            };
            for doc in docs {
                let graph = match &doc.outcome {
                    Outcome::Converted { graph, .. } | Outcome::Unchanged { graph } => graph.clone(),
                };
                if !seen.insert(graph.clone()) {
                    reporter.failure(&format!(
                        "{}: another input of this run has the same document id {:?}; skipped it: load one of the folders in a run of its own with --id-prefix NAME, or rename one of the files",
                        doc.source, doc.id
                    ));
                    continue;
                }
                match doc.outcome {
                    Outcome::Unchanged { .. } => {
                        unchanged += 1;
                        reporter.detail(&format!("{}: unchanged, skipped", doc.source));
                    }
                    Outcome::Converted { graph, sha256, quads: q, diagnostics, replaces } => {
                        let (q, deferred) = q.ready(&settings);
                        reporter.diagnostics(&doc.source, &diagnostics);
                        reporter.diagnostics(&doc.source, &deferred);
                        if replaces
                            && !args.replace
                            && let Some(stored) = store.stored_source(&graph)?
                            && let Some(new) = q.source(&graph)
                            && !same_source(&stored, &new)
                        {
                            reporter.failure(&format!(
                                "{}: the store already holds a document with the id {:?}, from {stored}; a document's id is its path relative to the folder given, so folders with files of the same name collide. Load this folder with --id-prefix NAME to give its documents ids of their own, or with --replace to replace the stored one",
                                doc.source, doc.id
                            ));
                            continue;
                        }
                        match q {
                            Quads::Built(q) => {
                                quads += q.len() as u64;
                                if let Some(index) = index.as_mut() {
                                    index.put(&graph, &sha256, &q)?;
                                }
                                if replaces {
                                    store.replace_graph(&graph, &q)?;
                                } else {
                                    writer.add_document(q)?;
                                }
                            }
                            // A large document: its quads are made here, as
                            // often as they are needed (twice for the index,
                            // once for the store), and go to the bulk loader a
                            // batch at a time; its old graph, if any, is
                            // removed in steps first (a transaction would hold
                            // it all).
                            Quads::Streamed(parsed) => {
                                let write = |sink: &mut dyn FnMut(oxigraph::model::Quad)| {
                                    parsed.write_quads(&settings, sink);
                                };
                                if let Some(index) = index.as_mut() {
                                    index.put_streamed(&graph, &sha256, write)?;
                                }
                                if replaces {
                                    store.clear_graph_in_steps(&graph)?;
                                }
                                quads += writer.add_streamed(write)?;
                            }
                            Quads::Deferred(_) => unreachable!("made ready above"),
                        }
                        if replaces {
                            replaced += 1;
                        } else {
                            added += 1;
                        }
                    }
                }
            }
        }
        Ok::<(), SinkError>(())
    })
    .with_context(|| format!("{}: loading stopped", args.store.store.display()))?;
    if added > 0 {
        reporter.stage("writing the store");
    }
    writer.finish()?;
    let mut pruned = 0;
    if args.prune {
        for graph in store.document_graphs()? {
            if !seen.contains(&graph) {
                store.remove_graph(&graph)?;
                reporter.detail(&format!("pruned {graph}"));
                pruned += 1;
            }
        }
    }
    // Also when a run killed after a replace left them: the marker says so.
    if pruned > 0 || replaced > 0 || store.orphans_pending() {
        let orphans = store.remove_orphan_entities()?;
        reporter.detail(&format!(
            "removed {orphans} entities no document mentions any more"
        ));
    }
    // Merge the files the commits left, so that queries seek in few of them; before
    // indexing, which reads back from the store the documents too large to have
    // been indexed from their quads (and the graphs they replaced, removed in
    // steps, leave tombstones that a scan would skip one by one).
    let mut compaction = String::new();
    if added + replaced + pruned > 0 {
        let started = std::time::Instant::now();
        reporter.stage("compacting the store");
        store.optimize()?;
        compaction = format!(" (compacted in {:.1}s)", started.elapsed().as_secs_f64());
    }
    // The full-text index follows the store: only the documents this run added,
    // replaced or pruned are rewritten. A kill before this point leaves an index
    // that search refuses as stale until the next load or `policykg index`.
    let mut indexing = String::new();
    if let Some(index) = index {
        let started = std::time::Instant::now();
        reporter.stage("indexing the text");
        let counts = index.finish(&store).with_context(|| {
            format!(
                "{}: the documents are loaded, but the search index could not be updated; run `policykg index --store {}`",
                args.store.store.display(),
                args.store.store.display()
            )
        })?;
        if counts.added + counts.removed > 0 || counts.created {
            indexing = format!(" (indexed in {:.1}s)", started.elapsed().as_secs_f64());
        }
    }
    let (elapsed, bytes) = reporter.finish_progress();
    let documents = added + replaced + unchanged;
    reporter.info(&format!(
        "loaded {documents} document{} into {}: {added} added, {replaced} replaced, {unchanged} unchanged (skipped){}; {quads} quads written; {} warning(s); {} failure(s); {:.1}s{indexing}{compaction}, {:.1} MB/s",
        if documents == 1 { "" } else { "s" },
        args.store.store.display(),
        if args.prune { format!(", {pruned} pruned") } else { String::new() },
        reporter.warnings,
        reporter.failures,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9),
    ));
    Ok(reporter.exit_code())
}

/// Why writing a document stopped the load.
#[derive(Debug, thiserror::Error)]
enum SinkError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{0}; the documents committed so far are in the store: load with --no-index, or run `policykg index` later"
    )]
    Index(#[from] policykg::search::SearchError),
}

/// True when two sources name the same document: the same text once a leading
/// `./` is dropped, or paths to the same file.
fn same_source(a: &str, b: &str) -> bool {
    let plain = |s: &str| s.trim_start_matches("./").to_owned();
    if plain(a) == plain(b) {
        return true;
    }
    // path#row=N: the same row of the same file.
    let split = |s: &str| -> (String, String) {
        match s.rsplit_once("#row=") {
            Some((path, row)) => (path.to_owned(), row.to_owned()),
            None => (s.to_owned(), String::new()),
        }
    };
    let ((path_a, row_a), (path_b, row_b)) = (split(a), split(b));
    row_a == row_b
        && matches!(
            (std::fs::canonicalize(&path_a), std::fs::canonicalize(&path_b)),
            (Ok(x), Ok(y)) if x == y
        )
}
