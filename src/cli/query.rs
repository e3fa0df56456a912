//! `policykg query` and `policykg update`.

use super::args::{QueryArgs, UpdateArgs};
use super::{open_output, read_text_arg, table};
use anyhow::{Result, bail};
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use policykg::export::{self, Format};
use policykg::store::KgStore;
use policykg::store::protocol::ProtocolOptions;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

/// Cancels a query or update when its time is up, unless it finished first. Some
/// evaluations do not look at the cancellation (a property path's closure), so
/// one that is still running a moment later ends the process: a read-only query
/// leaves nothing behind, and an update's transaction is not committed.
struct Watchdog {
    token: CancellationToken,
    done: Option<std::sync::mpsc::Sender<()>>,
    fired: std::sync::Arc<std::sync::atomic::AtomicBool>,
    limit: Duration,
}

impl Watchdog {
    /// A watchdog for `limit`; zero means none.
    fn start(limit: Duration) -> Self {
        let token = CancellationToken::new();
        let fired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = (!limit.is_zero()).then(|| {
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let (token, fired) = (token.clone(), fired.clone());
            std::thread::spawn(move || {
                use std::sync::mpsc::RecvTimeoutError::Timeout;
                if let Err(Timeout) = rx.recv_timeout(limit) {
                    fired.store(true, std::sync::atomic::Ordering::SeqCst);
                    token.cancel();
                    if let Err(Timeout) = rx.recv_timeout(Duration::from_secs(2)) {
                        eprintln!(
                            "error: stopped after --timeout {limit:?}: the evaluation did not answer its cancellation, so the process ends here; narrow the query or give a longer --timeout"
                        );
                        std::process::exit(2);
                    }
                }
            });
            tx
        });
        Self {
            token,
            done,
            fired,
            limit,
        }
    }

    fn options(&self) -> ProtocolOptions {
        ProtocolOptions {
            cancellation: Some(self.token.clone()),
            ..ProtocolOptions::default()
        }
    }

    /// The error to report: the time limit's when it fired, else `error`.
    fn explain(&self, error: anyhow::Error, what: &str) -> anyhow::Error {
        if self.fired.load(std::sync::atomic::Ordering::SeqCst) {
            anyhow::anyhow!(
                "the {what} was stopped after --timeout {:?}; narrow it (LIMIT, more specific patterns) or give a longer --timeout",
                self.limit
            )
        } else {
            error
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.take();
    }
}

pub fn run(args: QueryArgs) -> Result<ExitCode> {
    let watchdog = Watchdog::start(args.timeout);
    run_query(&args, &watchdog).map_err(|e| watchdog.explain(e, "query"))
}

fn run_query(args: &QueryArgs, watchdog: &Watchdog) -> Result<ExitCode> {
    let sparql = read_text_arg(args.query.as_deref(), args.query_file.as_deref(), "query")?;
    let store = KgStore::open_read_only(&args.store.store)?;
    let results = store.protocol_query(&sparql, &watchdog.options())?;
    let mut out = open_output(args.output.as_deref())?;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let wanted = args.format.as_deref().map(str::to_ascii_lowercase);
    match results {
        QueryResults::Graph(triples) => {
            let format = Format::from_name(wanted.as_deref().unwrap_or("ttl"))?;
            let quads =
                triples.map(|t| t.map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)));
            export::write(format, quads, &mut out)?;
        }
        results => {
            let table = match wanted.as_deref() {
                Some("table") => true,
                None => to_terminal,
                _ => false,
            };
            if table {
                match results {
                    QueryResults::Solutions(solutions) => {
                        let (text, rows) = table::render(solutions)?;
                        writeln!(out, "{text}")?;
                        writeln!(out, "{rows} row{}", if rows == 1 { "" } else { "s" })?;
                    }
                    QueryResults::Boolean(b) => writeln!(out, "{b}")?,
                    QueryResults::Graph(_) => unreachable!("handled above"),
                }
            } else {
                let name = wanted.as_deref().unwrap_or("tsv");
                let format = QueryResultsFormat::from_extension(name)
                    .or_else(|| QueryResultsFormat::from_media_type(name));
                let Some(format) = format else {
                    bail!("unknown result format {name:?}; use table, json, csv, tsv or xml");
                };
                write_results(results, format, &mut out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_results(
    results: QueryResults<'_>,
    format: QueryResultsFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let serializer = QueryResultsSerializer::from_format(format);
    match results {
        QueryResults::Boolean(b) => {
            serializer.serialize_boolean_to_writer(out, b)?;
        }
        QueryResults::Solutions(solutions) => {
            let mut writer =
                serializer.serialize_solutions_to_writer(out, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution?)?;
            }
            writer.finish()?;
        }
        QueryResults::Graph(_) => unreachable!("graphs are written as RDF"),
    }
    Ok(())
}

pub fn run_update(args: UpdateArgs) -> Result<ExitCode> {
    let watchdog = Watchdog::start(args.timeout);
    run_update_in(&args, &watchdog).map_err(|e| watchdog.explain(e, "update"))
}

fn run_update_in(args: &UpdateArgs, watchdog: &Watchdog) -> Result<ExitCode> {
    let sparql = read_text_arg(
        args.update.as_deref(),
        args.update_file.as_deref(),
        "update",
    )?;
    let store = KgStore::open(&args.store.store)?;
    let before = store.triples()?;
    store
        .protocol_update(&sparql, &watchdog.options())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let after = store.triples()?;
    eprintln!(
        "update applied to {}: {before} triples before, {after} after",
        args.store.store.display()
    );
    // Unlike a query's, an update's WHERE matches the default graph only, and
    // policykg keeps every triple in a named graph: say so when nothing changed.
    if before == after && !sparql.to_uppercase().contains("GRAPH") {
        eprintln!(
            "note: nothing changed. An update's WHERE matches the default graph, which policykg leaves empty (each document has a graph of its own); write GRAPH ?g {{ … }} in it, e.g. DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        );
    }
    Ok(ExitCode::SUCCESS)
}
