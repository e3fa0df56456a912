//! Why a push, or the push of one graph, failed.

use super::{AuthScheme, Method};
use crate::store::StoreError;
use oxigraph::io::RdfParseError;
use std::path::PathBuf;

/// Why a push, or the push of one graph, failed.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The endpoint is not an http(s) URL.
    #[error(
        "{url}: not an endpoint URL ({reason}); give the Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth"
    )]
    Endpoint {
        /// What was given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered 401 and no credentials were given.
    #[error(
        "graph <{graph}>: the endpoint asks for authentication (HTTP 401, {challenge}); give --user and --password (or POLICYKG_PUSH_PASSWORD)"
    )]
    AuthenticationRequired {
        /// The graph being sent.
        graph: String,
        /// The schemes the server offered (`WWW-Authenticate`).
        challenge: String,
    },
    /// The server refused the credentials.
    #[error(
        "graph <{graph}>: the endpoint refused the credentials of user {user:?} (HTTP 401){body}; check --user and --password"
    )]
    Unauthorized {
        /// The graph being sent.
        graph: String,
        /// The user name sent.
        user: String,
        /// The response body, prefixed with ": " when not empty.
        body: String,
    },
    /// The server asks for an authentication scheme other than the one chosen.
    #[error(
        "graph <{graph}>: the endpoint asks for {offered} authentication, not {chosen}; use --auth {suggestion}"
    )]
    AuthScheme {
        /// The graph being sent.
        graph: String,
        /// What `WWW-Authenticate` offered.
        offered: String,
        /// The scheme that was chosen.
        chosen: AuthScheme,
        /// The `--auth` value to use instead.
        suggestion: String,
    },
    /// The Digest challenge cannot be answered (unknown algorithm, no `auth` qop).
    #[error("graph <{graph}>: cannot answer the endpoint's Digest challenge: {reason}")]
    Digest {
        /// The graph being sent.
        graph: String,
        /// What is unsupported.
        reason: String,
    },
    /// The server refused a request with a 4xx status; not retried.
    #[error("graph <{graph}>: {method} was refused with HTTP {status}{body}; {advice}")]
    Rejected {
        /// The graph being sent.
        graph: String,
        /// PUT or POST.
        method: Method,
        /// The HTTP status.
        status: u16,
        /// The response body, prefixed with ": " when not empty.
        body: String,
        /// What to do about it.
        advice: &'static str,
    },
    /// The server failed with a 5xx status on every attempt.
    #[error(
        "graph <{graph}>: {method} failed with HTTP {status} after {attempts} attempt(s){body}; the server's log may say why; push again later (a re-push replaces document graphs)"
    )]
    Server {
        /// The graph being sent.
        graph: String,
        /// PUT or POST.
        method: Method,
        /// The last HTTP status.
        status: u16,
        /// How many times the request was sent.
        attempts: u32,
        /// The last response body, prefixed with ": " when not empty.
        body: String,
    },
    /// The server redirected; bodies are not sent again to another URL.
    #[error(
        "graph <{graph}>: the endpoint redirects (HTTP {status}) to {location}; give that URL as --endpoint"
    )]
    Redirect {
        /// The graph being sent.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// The `Location` header.
        location: String,
    },
    /// The server could not be reached, or the connection broke, on every attempt.
    #[error(
        "graph <{graph}>: cannot reach {url} after {attempts} attempt(s): {source}; check the endpoint URL and that the server is up"
    )]
    Connection {
        /// The graph being sent.
        graph: String,
        /// The request URL.
        url: String,
        /// How many times the request was sent.
        attempts: u32,
        /// The last error.
        source: Box<ureq::Error>,
    },
    /// A graph with blank nodes needs more than one request: a blank node split
    /// across requests would become two nodes on the server.
    #[error(
        "graph <{graph}>: it has blank nodes and more than {batch} triples, and blank nodes cannot be split across requests; raise --batch above the graph's size{partial}"
    )]
    BlankNodes {
        /// The graph being sent.
        graph: String,
        /// Triples per request.
        batch: usize,
        /// Whether part of the graph was already sent.
        partial: &'static str,
    },
    /// A graph asked for with `--graph` is not among the sources.
    #[error(
        "graph <{graph}> is not in the {source_kind}; the graphs there are listed by `policykg query --store DIR 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}'`"
    )]
    UnknownGraph {
        /// The IRI asked for.
        graph: String,
        /// "store" or "files".
        source_kind: &'static str,
    },
    /// A file is not N-Quads or TriG.
    #[error(
        "{path}: push reads N-Quads (.nq) and TriG (.trig) files, which name their graphs; write one with `policykg export -f nq`"
    )]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// A file holds triples outside any named graph.
    #[error(
        "{path}: {count} triple(s) are in the default graph; push sends named graphs only: put them in a graph (TriG `GRAPH <…> {{ … }}`) or leave them out"
    )]
    DefaultGraph {
        /// The file.
        path: PathBuf,
        /// How many triples.
        count: usize,
    },
    /// A file could not be opened.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not valid RDF.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The syntax error, with its position.
        source: RdfParseError,
    },
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PushError {
    /// True when the error would be the same for every other graph (credentials,
    /// the endpoint, the server being down), so a push stops at the first one.
    pub fn is_fatal(&self) -> bool {
        match self {
            Self::Rejected { status, .. } => matches!(status, 403..=405),
            Self::BlankNodes { .. } | Self::Server { .. } => false,
            _ => true,
        }
    }
}
