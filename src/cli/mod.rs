//! Binary only: one function per subcommand, progress and printing. Everything it
//! does goes through the library's public API.

pub mod args;
mod convert;
mod demo;
mod export;
mod load;
mod parse;
mod progress;
mod push;
mod query;
mod search;
mod serve;
mod stats;
mod table;
mod validate;

use anyhow::{Context, Result};
use args::{Cli, Command, ConversionArgs, Verbosity};
use policykg::pipeline::Settings;
use policykg::source::{self, Input, ReadOptions};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Some inputs failed; the rest were processed.
pub const EXIT_PARTIAL: u8 = 1;
/// A usage error or a fatal error.
pub const EXIT_FATAL: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Demo(a) => demo::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Load(a) => load::run(a),
        Command::Query(a) => query::run(a),
        Command::Update(a) => query::run_update(a),
        Command::Export(a) => export::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Index(a) => search::run_index(a),
        Command::Search(a) => search::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Push(a) => push::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Validate(a) => validate::run(a),
    }
}

/// Builds the conversion settings: checks the base IRI, loads extra gazetteers.
fn settings(args: &ConversionArgs) -> Result<Settings> {
    policykg::rdf::check_base(&args.base)?;
    let mut settings = Settings {
        base: args.base.clone(),
        ..Settings::default()
    };
    for path in &args.gazetteer {
        settings.lexicon.extend_from_file(path)?;
    }
    Ok(settings)
}

/// Prints warnings and errors on stderr, as much as the verbosity asks for, and
/// remembers whether any input failed.
pub struct Reporter {
    verbosity: Verbosity,
    /// Inputs that could not be read or converted.
    pub failures: usize,
    /// Warnings about documents.
    pub warnings: usize,
    /// The progress display, once the inputs are known.
    progress: Option<progress::Progress>,
}

impl Reporter {
    fn new(verbosity: Verbosity) -> Self {
        Self {
            verbosity,
            failures: 0,
            warnings: 0,
            progress: None,
        }
    }

    fn print(&self, line: &str) {
        match &self.progress {
            Some(p) => p.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// An input that could not be read: reported, and the run goes on.
    fn failure(&mut self, error: &dyn std::fmt::Display) {
        self.failures += 1;
        self.print(&format!("error: {error}"));
    }

    /// Warnings about one document.
    fn diagnostics(&mut self, source: &str, diagnostics: &[policykg::diagnostic::Diagnostic]) {
        self.warnings += diagnostics.len();
        if self.verbosity.quiet {
            return;
        }
        for d in diagnostics {
            self.print(&format!(
                "warning: {source}:{}:{}: {}",
                d.line, d.column, d.message
            ));
        }
    }

    /// Progress or summary information.
    fn info(&self, message: &str) {
        if !self.verbosity.quiet {
            self.print(message);
        }
    }

    /// What the run does once every input is read: on the progress display.
    fn stage(&self, what: &str) {
        if let Some(p) = &self.progress {
            p.stage(what);
        }
    }

    /// Per-document detail, only with -v.
    fn detail(&self, message: &str) {
        if self.verbosity.verbose && !self.verbosity.quiet {
            self.print(message);
        }
    }

    /// Starts the progress display over these inputs.
    fn start_progress(&mut self, inputs: &[Input]) {
        let total = inputs
            .iter()
            .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
            .sum();
        self.progress = Some(progress::Progress::new(total, self.verbosity.quiet));
    }

    /// Counts one converted input: its documents, or its error reported as a
    /// failure (the run goes on without it).
    fn take_documents(
        &mut self,
        result: policykg::batch::InputResult,
    ) -> Option<Vec<policykg::batch::DocumentResult>> {
        match result.documents {
            Ok(docs) => {
                self.advance(result.bytes, docs.len() as u64);
                Some(docs)
            }
            Err(e) => {
                self.failure(&e);
                self.advance(result.bytes, 0);
                None
            }
        }
    }

    /// One input is done.
    fn advance(&mut self, bytes: u64, documents: u64) {
        if let Some(p) = &mut self.progress {
            p.advance(bytes, documents);
        }
    }

    /// Ends the progress display: elapsed time and bytes read.
    fn finish_progress(&mut self) -> (std::time::Duration, u64) {
        match self.progress.take() {
            Some(p) => (p.finish(), p.bytes()),
            None => (std::time::Duration::ZERO, 0),
        }
    }

    fn exit_code(&self) -> ExitCode {
        if self.failures > 0 {
            ExitCode::from(EXIT_PARTIAL)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Finds the files under the inputs. A path that does not exist fails the run
/// before anything is done; an empty or unreadable folder is reported and skipped.
/// Reads stdin and the files named one by one (not those found in a folder) as
/// `--input-format` says.
fn set_input_format(inputs: &mut [Input], given: &[std::path::PathBuf], format: Option<&str>) {
    let Some(kind) = format.and_then(source::InputKind::from_name) else {
        return;
    };
    for input in inputs {
        if given.contains(&input.path) {
            input.kind = kind;
        }
    }
}

/// Puts `PREFIX/` before every input's id (`--id-prefix`).
fn prefix_ids(inputs: &mut [Input], prefix: Option<&str>) {
    if let Some(prefix) = prefix
        .map(|p| p.trim_matches('/'))
        .filter(|p| !p.is_empty())
    {
        for input in inputs {
            input.id = format!("{prefix}/{}", input.id);
        }
    }
}

fn discover_all(paths: &[PathBuf], reporter: &mut Reporter) -> Result<Vec<Input>> {
    let mut found = Vec::new();
    for path in paths {
        match source::discover_each(path) {
            Ok((inputs, errors)) => {
                // An unreadable entry (a dangling symlink) is reported; the rest
                // of the folder is read.
                for e in &errors {
                    reporter.failure(e);
                }
                found.extend(inputs);
            }
            Err(e @ source::ReadError::NotFound { .. }) => return Err(e.into()),
            Err(e) => reporter.failure(&e),
        }
    }
    Ok(found)
}

/// Batch options from the command line.
fn batch_options(
    conversion: &ConversionArgs,
    jobs: usize,
    shard: Option<policykg::batch::Shard>,
) -> policykg::batch::Options {
    policykg::batch::Options {
        threads: jobs,
        read: ReadOptions {
            text_column: conversion.text_column.clone(),
            max_input_bytes: conversion.max_input_size as u64,
        },
        shard,
        ..Default::default()
    }
}

/// Opens the output up front (so a bad path fails before any work), or stdout.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write + Send>> {
    match path {
        Some(p) if p != Path::new("-") => {
            let file = File::create(p).with_context(|| {
                format!(
                    "{}: cannot create the output file; check the folder exists and is writable",
                    p.display()
                )
            })?;
            Ok(Box::new(BufWriter::new(file)))
        }
        _ => Ok(Box::new(BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))),
    }
}

/// Reads a query or update: the argument, else the file, else stdin.
fn read_text_arg(inline: Option<&str>, file: Option<&Path>, what: &str) -> Result<String> {
    if let Some(text) = inline {
        return Ok(text.to_owned());
    }
    if let Some(path) = file {
        return std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the {what} file", path.display()));
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .with_context(|| format!("cannot read the {what} from stdin"))?;
    if text.trim().is_empty() {
        anyhow::bail!("no {what} given: pass it as an argument, with a file, or on stdin");
    }
    Ok(text)
}
