//! Corpus-scale conversion: documents are read and converted in parallel (rayon)
//! and handed, in input order, to a sink running on its own thread (a file writer or
//! the store). Work goes in chunks through a bounded channel, so memory holds a few
//! chunks at a time, whatever the size of the corpus.
//!
//! This module does no printing: the caller's sink sees every result and reports.

use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Parsed, Settings};
use crate::source::{self, Document, Input, ReadError, ReadOptions};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::mpsc;

/// Which documents of a corpus a run converts: shard `index` of `count` (1-based),
/// chosen by a hash of the document id, so every machine picks the same documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, from 1 to `count`.
    pub index: u64,
    /// The number of shards.
    pub count: u64,
}

/// A `--shard` value that is not `i/n` with 1 ≤ i ≤ n.
#[derive(Debug, thiserror::Error)]
#[error("invalid shard {0:?}: write i/n with 1 ≤ i ≤ n, e.g. 1/4")]
pub struct ShardError(String);

impl std::str::FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || ShardError(s.to_owned());
        let (i, n) = s.split_once('/').ok_or_else(error)?;
        let (index, count): (u64, u64) = (
            i.trim().parse().map_err(|_| error())?,
            n.trim().parse().map_err(|_| error())?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(error());
        }
        Ok(Self { index, count })
    }
}

impl Shard {
    /// True when the document with this id belongs to the shard.
    ///
    /// ```
    /// use policykg::batch::Shard;
    /// let shards: Vec<Shard> = (1..=3).map(|i| format!("{i}/3").parse().unwrap()).collect();
    /// // Every id is in exactly one shard.
    /// for id in ["a", "laws/刑法", "reports/1"] {
    ///     assert_eq!(shards.iter().filter(|s| s.contains(id)).count(), 1);
    /// }
    /// ```
    pub fn contains(&self, id: &str) -> bool {
        let digest = Sha256::digest(id.as_bytes());
        let n = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        n % self.count == self.index - 1
    }
}

/// What happened to one document.
#[derive(Debug)]
pub enum Outcome {
    /// Converted: its graph, its hash and its quads.
    Converted {
        /// The document's IRI, which names its graph.
        graph: NamedNode,
        /// Hex SHA-256 of its text.
        sha256: String,
        /// Its quads, all in `graph` and the graph of entity descriptions.
        quads: Quads,
        /// Warnings about it.
        diagnostics: Vec<Diagnostic>,
        /// True when a graph of that name was already there (with other content).
        replaces: bool,
    },
    /// Already in the store with the same content; not converted.
    Unchanged {
        /// The document's graph.
        graph: NamedNode,
    },
}

/// Documents with more text than this (in bytes) are not mapped to quads by the
/// conversion threads: their quads are made one by one as the sink writes them
/// ([`Quads::Streamed`]), so that memory holds the document and what was
/// extracted from it, not its quads (some 400 bytes each, about 180 per KB of
/// text: 4 GB for a 50 MB document). No file of the laws corpus is this large.
/// The same amount bounds what one collection's documents hold as quads at a
/// time: once its documents have this much text, the rest are converted as
/// the sink takes them ([`Quads::Deferred`]).
pub const STREAM_ABOVE: usize = 1 << 20;

/// A converted document's quads.
#[derive(Debug)]
pub enum Quads {
    /// Made by the conversion thread, as one vector.
    Built(Vec<Quad>),
    /// To be made as they are written: a document larger than [`STREAM_ABOVE`].
    Streamed(Box<Parsed>),
    /// To be converted, then made as they are written: a document of a
    /// collection whose earlier documents had [`STREAM_ABOVE`] of text.
    Deferred(Box<Document>),
}

impl Quads {
    /// Converts a deferred document (the others are ready); returns its
    /// diagnostics, which a deferred document did not have yet.
    pub fn ready(self, settings: &Settings) -> (Quads, Vec<Diagnostic>) {
        match self {
            Quads::Deferred(document) => {
                let mut parsed = pipeline::parse(*document, settings);
                let diagnostics = std::mem::take(&mut parsed.outline.diagnostics);
                (Quads::Streamed(Box::new(parsed)), diagnostics)
            }
            ready => (ready, Vec::new()),
        }
    }

    /// Hands every quad to `sink`, in [`crate::rdf::map`]'s order; returns how many.
    pub fn write(self, settings: &Settings, sink: &mut dyn FnMut(Quad)) -> u64 {
        let mut n = 0u64;
        let mut count = |q| {
            n += 1;
            sink(q);
        };
        match self.ready(settings).0 {
            Quads::Built(quads) => quads.into_iter().for_each(&mut count),
            Quads::Streamed(parsed) => parsed.write_quads(settings, &mut count),
            Quads::Deferred(_) => unreachable!("made ready above"),
        }
        n
    }

    /// The `dcterms:source` these quads give the document `graph`.
    pub fn source(&self, graph: &NamedNode) -> Option<String> {
        match self {
            Quads::Built(quads) => quads
                .iter()
                .find(|q| {
                    q.predicate.as_str() == crate::vocab::dcterms::SOURCE
                        && matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if s == graph)
                })
                .map(|q| crate::store::term_text(&q.object)),
            Quads::Streamed(parsed) => Some(parsed.source()),
            Quads::Deferred(document) => Some(crate::rdf::document_source(document)),
        }
    }
}

/// One document's result, with where it came from.
#[derive(Debug)]
pub struct DocumentResult {
    /// The document id.
    pub id: String,
    /// Where it came from (path, `path#row=N`).
    pub source: String,
    /// What happened.
    pub outcome: Outcome,
}

/// The results of one input file, in document order.
#[derive(Debug)]
pub struct InputResult {
    /// The file.
    pub input: Input,
    /// Its size in bytes, for throughput figures.
    pub bytes: u64,
    /// Its documents, or why it could not be read.
    pub documents: Result<Vec<DocumentResult>, ReadError>,
}

/// How a batch run goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// Conversion threads; 0 means one per core.
    pub threads: usize,
    /// How to read collections.
    pub read: ReadOptions,
    /// Only this shard of the documents, when given.
    pub shard: Option<Shard>,
    /// Inputs per chunk; a chunk is converted in parallel, then handed to the sink.
    pub chunk: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            threads: 0,
            read: ReadOptions::default(),
            shard: None,
            chunk: 32,
        }
    }
}

impl Options {
    /// The number of conversion threads: `threads`, or one per core when it is 0.
    pub fn conversion_threads(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        }
    }
}

/// Looks up what the store holds for a graph: its stored sha256, if any.
pub trait Known: Sync {
    /// The stored sha256 of the graph, or `None` when the graph is not there.
    fn sha256(&self, graph: &NamedNode) -> Option<String>;
}

/// Nothing is known: every document is converted (`convert`).
pub struct NothingKnown;

impl Known for NothingKnown {
    fn sha256(&self, _: &NamedNode) -> Option<String> {
        None
    }
}

/// Converts one document; `defer` leaves its conversion to the sink.
fn convert_document(
    document: Document,
    settings: &Settings,
    known: &dyn Known,
    defer: bool,
) -> DocumentResult {
    let graph = pipeline::graph_iri(&document, settings);
    let sha256 = document.sha256();
    let (id, source) = (document.id.clone(), document.source.clone());
    let stored = known.sha256(&graph);
    if stored.as_deref() == Some(sha256.as_str()) {
        return DocumentResult {
            id,
            source,
            outcome: Outcome::Unchanged { graph },
        };
    }
    let (quads, diagnostics) = if defer {
        (Quads::Deferred(Box::new(document)), Vec::new())
    } else {
        let large = document.text.len() > STREAM_ABOVE;
        let mut parsed = pipeline::parse(document, settings);
        let diagnostics = std::mem::take(&mut parsed.outline.diagnostics);
        if large {
            (Quads::Streamed(Box::new(parsed)), diagnostics)
        } else {
            (Quads::Built(parsed.quads(settings)), diagnostics)
        }
    };
    DocumentResult {
        id,
        source,
        outcome: Outcome::Converted {
            graph,
            sha256,
            quads,
            diagnostics,
            replaces: stored.is_some(),
        },
    }
}

fn convert_input(
    input: &Input,
    settings: &Settings,
    options: &Options,
    known: &dyn Known,
) -> InputResult {
    let bytes = std::fs::metadata(&input.path).map_or(0, |m| m.len());
    let documents = source::read(input, &options.read).map(|documents| {
        documents
            .into_iter()
            .filter(|d| options.shard.is_none_or(|s| s.contains(&d.id)))
            .scan(0usize, |converted, d| {
                let defer = *converted > STREAM_ABOVE;
                if !defer {
                    *converted += d.text.len();
                }
                Some(convert_document(d, settings, known, defer))
            })
            .collect()
    });
    InputResult {
        input: input.clone(),
        bytes,
        documents,
    }
}

/// Why a batch run stopped.
#[derive(Debug, thiserror::Error)]
pub enum BatchError<E> {
    /// The thread pool could not start.
    #[error("cannot start the conversion threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The sink failed; the run stopped there.
    #[error(transparent)]
    Sink(E),
}

/// Converts every input, in parallel, and hands the results to `sink` in input
/// order, one chunk at a time, on a thread of its own. Documents that `known`
/// holds with the same sha256 are not converted. Stops at the first sink error.
pub fn run<E: Send>(
    inputs: &[Input],
    settings: &Settings,
    options: &Options,
    known: &dyn Known,
    mut sink: impl FnMut(Vec<InputResult>) -> Result<(), E> + Send,
) -> Result<(), BatchError<E>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.conversion_threads())
        .build()?;
    // Two chunks in flight: one being written while the next is converted.
    let (sender, receiver) = mpsc::sync_channel::<Vec<InputResult>>(1);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            for chunk in receiver {
                sink(chunk)?;
            }
            Ok(())
        });
        for chunk in inputs.chunks(options.chunk.max(1)) {
            let results: Vec<InputResult> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|i| convert_input(i, settings, options, known))
                    .collect()
            });
            if sender.send(results).is_err() {
                break; // the sink failed; its error is returned below
            }
        }
        drop(sender);
        writer
            .join()
            .expect("the sink does not panic")
            .map_err(BatchError::Sink)
    })
}
