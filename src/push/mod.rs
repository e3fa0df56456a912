//! Sends named graphs to a remote triple store with the SPARQL 1.1 Graph Store HTTP
//! Protocol (<https://www.w3.org/TR/sparql11-http-rdf-update/>), from a policykg
//! store or from N-Quads/TriG files.
//!
//! A *document graph* (a graph that holds `<g> a pkg:Document`, named after that
//! document) belongs to policykg, so it is **replaced**: `PUT {endpoint}?graph={g}`.
//! Every other graph, above all the shared entities graph `{base}entities`, may also
//! hold what other machines pushed, so it is **merged**: `POST`, which adds triples
//! and never removes any. A graph larger than [`Options::batch`] triples goes in
//! several requests: the first request of a replaced graph is a PUT and the rest are
//! POSTs, so for a moment a reader sees it partly sent; a graph whose push failed
//! halfway is reported, and pushing it again replaces it whole.
//!
//! The body is N-Triples (`application/n-triples`), UTF-8. Authentication is HTTP
//! Basic or Digest (RFC 7616, which Virtuoso's `/sparql-graph-crud-auth` asks for).
//! Connection errors and 5xx answers are retried with exponential backoff; 4xx
//! answers are not, and their body is reported.
//!
//! This module never prints: the caller gets a [`GraphOutcome`] per graph and a
//! [`Report`] at the end.

mod auth;
mod client;
mod digest;
mod error;
mod report;
mod source;

pub use auth::{AuthScheme, Credentials};
pub use client::{Pusher, graph_url};
pub use error::PushError;
pub use report::{GraphOutcome, Report, Sent};
pub use source::{FileGraphs, Source};

use oxigraph::model::NamedNode;
use std::fmt;
use std::time::Duration;

/// An HTTP method the protocol uses to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Replaces the graph.
    Put,
    /// Adds to the graph.
    Post,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Put => "PUT",
            Self::Post => "POST",
        })
    }
}

/// How a graph is written on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A document graph: the first request PUTs, so the server's copy is replaced.
    Replace,
    /// A shared graph (the entities): every request POSTs, adding to what is there.
    Merge,
}

/// A graph to send, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// The graph's IRI.
    pub name: NamedNode,
    /// Replace or merge.
    pub mode: Mode,
}

/// How to send.
#[derive(Debug, Clone)]
pub struct Options {
    /// Triples per request (at least 1).
    pub batch: usize,
    /// How many times a request is sent again after a connection error or a 5xx.
    pub retries: u32,
    /// The wait before the first retry; it doubles before each next one (at most 30 s).
    pub backoff: Duration,
    /// Time limit for one request, upload and answer included.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            batch: 10_000,
            retries: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(300),
        }
    }
}
